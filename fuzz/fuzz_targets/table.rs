//! Fuzz target `table`: see `factline_fuzz::checks::table`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| factline_fuzz::checks::table(data));
