//! The fuzz targets' checks (`checks.rs`), one function per target. The test suite compiles the
//! same file (`tests/cli/fuzz.rs`) to replay saved inputs and run each check on generated ones.

pub mod checks;
