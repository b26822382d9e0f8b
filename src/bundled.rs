//! The bundled dataset: every TOML file under `data/`, embedded in the binary at build time,
//! and the tables bundled by mapping (`data/mappings/*.toml` with their `data/datasets/` extracts).

use crate::data::{DataErrors, DataFile, Dataset, Known};

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

/// The bundled mappings (`data/mappings/*.toml`; code lists live below, in `codes/`).
pub fn mappings() -> Vec<DataFile> {
    BUNDLED_TABLES
        .iter()
        .filter(|(path, _)| {
            path.strip_prefix("data/mappings/")
                .is_some_and(|rest| !rest.contains('/') && rest.ends_with(".toml"))
        })
        .map(|(path, text)| DataFile {
            path: (*path).to_string(),
            text: (*text).to_string(),
        })
        .collect()
}

/// A bundled mapping, code list or extract by its path (`data/datasets/wb.csv`).
pub fn table_file(path: &str) -> Result<String, String> {
    BUNDLED_TABLES
        .iter()
        .find(|(p, _)| *p == path)
        .map(|(_, text)| (*text).to_string())
        .ok_or_else(|| format!("`{path}` is not bundled"))
}

/// The whole bundled dataset, validated: the data files and the claims of the bundled tables.
pub fn dataset() -> Result<Dataset, DataErrors> {
    let known = Known::default().with_mapping_keys(&mappings());
    let mut dataset = crate::data::load(&files(), &known)?;
    let curated = dataset.claims.len();
    crate::table::add_extracts(&mut dataset, &Known::default(), &mappings(), &table_file)?;
    for c in &mut dataset.claims[curated..] {
        c.item.read_from_table();
    }
    Ok(dataset)
}
