//! Fuzz target `quote`: see `factline_fuzz::checks::quote`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| factline_fuzz::checks::quote(data));
