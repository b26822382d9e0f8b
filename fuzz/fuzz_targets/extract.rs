//! Fuzz target `extract`: see `factline_fuzz::checks::extract`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| factline_fuzz::checks::extract(data));
