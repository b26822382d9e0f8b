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

    let out_dir = PathBuf::from(std::env::var_os("OUT_DIR").unwrap_or_default());
    fs::write(out_dir.join("bundled.rs"), out)
}

fn collect_toml(dir: &Path, files: &mut Vec<PathBuf>) -> io::Result<()> {
    if !dir.is_dir() {
        return Ok(());
    }
    for entry in fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            collect_toml(&path, files)?;
        } else if path.extension().is_some_and(|ext| ext == "toml") {
            files.push(path);
        }
    }
    Ok(())
}
