//! Guards against drift between the README and the program.

use clap::CommandFactory;
use factline::cli::Cli;

#[test]
fn every_subcommand_is_in_the_readme() {
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md"))
        .expect("README.md");
    for sub in Cli::command().get_subcommands() {
        let name = sub.get_name();
        assert!(
            readme.contains(&format!("factline {name}")),
            "README.md does not mention `factline {name}`"
        );
    }
}
