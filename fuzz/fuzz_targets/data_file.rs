//! Fuzz target `data_file`: see `factline_fuzz::checks::data_file`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| factline_fuzz::checks::data_file(data));
