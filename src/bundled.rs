//! The bundled dataset: every TOML file under `data/`, embedded in the binary at build time.

use crate::data::DataFile;

include!(concat!(env!("OUT_DIR"), "/bundled.rs"));

/// The bundled data files, with their paths relative to the crate (`data/sources.toml`, …).
pub fn files() -> Vec<DataFile> {
    BUNDLED
        .iter()
        .map(|(path, text)| DataFile {
            path: (*path).to_string(),
            text: (*text).to_string(),
        })
        .collect()
}
