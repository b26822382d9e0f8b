//! Build script: embeds the bundled dataset and keeps the embedded migrations fresh.
//!
//! refinery's `embed_migrations!` reads `migrations/` at compile time, and the binary carries
//! every TOML file under `data/` so that read commands work with no database on disk. Cargo
//! only reruns a build script for paths it is told about, so both folders are declared here.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

fn main() -> io::Result<()> {
    println!("cargo:rerun-if-changed=migrations");
    println!("cargo:rerun-if-changed=data");

    let root = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").unwrap_or_default());
    let mut files = Vec::new();
    collect_toml(&root.join("data"), &mut files)?;
    files.sort();

    let mut out = String::from(
        "/// Every TOML file of the bundled dataset: (path relative to the crate, contents).\n\
         pub const BUNDLED: &[(&str, &str)] = &[\n",
    );
    for file in &files {
        let relative = file.strip_prefix(&root).unwrap_or(file);
        let relative = relative.to_string_lossy().replace('\\', "/");
        out.push_str(&format!(
            "    ({relative:?}, include_str!({:?})),\n",
            file.to_string_lossy()
        ));
    }
    out.push_str("];\n");

    // Mappings, code lists and extracts of bundled tables (data/mappings, data/datasets).
    let mut tables = Vec::new();
    collect(&root.join("data/mappings"), "toml", &mut tables)?;
    collect(&root.join("data/datasets"), "csv", &mut tables)?;
    tables.sort();
    out.push_str(
        "/// Mappings, code lists and table extracts: (path relative to the crate, contents).\n\
         pub const BUNDLED_TABLES: &[(&str, &str)] = &[\n",
    );
    for file in &tables {
        let relative = file.strip_prefix(&root).unwrap_or(file);
        let relative = relative.to_string_lossy().replace('\\', "/");
        out.push_str(&format!(
            "    ({relative:?}, include_str!({:?})),\n",
            file.to_string_lossy()
        ));
    }
    out.push_str("];\n");

    let out_dir = PathBuf::from(std::env::var_os("OUT_DIR").unwrap_or_default());
    fs::write(out_dir.join("bundled.rs"), out)
}

/// Every data file: `.toml` files under `data/`, except the mappings (`data/mappings/`), which
/// describe tables rather than hold records.
fn collect_toml(dir: &Path, files: &mut Vec<PathBuf>) -> io::Result<()> {
    if !dir.is_dir() {
        return Ok(());
    }
    for entry in fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            if path.file_name().is_some_and(|n| n == "mappings") {
                continue;
            }
            collect_toml(&path, files)?;
        } else if path.extension().is_some_and(|ext| ext == "toml") {
            files.push(path);
        }
    }
    Ok(())
}

/// Every file under `dir` whose name ends in `.ext`.
fn collect(dir: &Path, ext: &str, files: &mut Vec<PathBuf>) -> io::Result<()> {
    if !dir.is_dir() {
        return Ok(());
    }
    for entry in fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            collect(&path, ext, files)?;
        } else if path.extension().is_some_and(|e| e == ext) {
            files.push(path);
        }
    }
    Ok(())
}
