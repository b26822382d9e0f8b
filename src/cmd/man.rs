//! `factline man`: manual pages (roff, by clap_mangen) for factline and each subcommand, from
//! the command line's own definition, so they never drift from `--help`.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use clap::CommandFactory;

use crate::cli::Cli;
use crate::exit::Exit;

/// Write the manual pages: factline(1) and one page per subcommand.
///
/// With --out DIR, writes factline.1 and factline-SUBCOMMAND.1 for every subcommand into DIR
/// (created if missing) and lists them on stderr. Without it, prints one page to stdout:
/// factline(1), or the page of the subcommand named.
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Examples:
  factline man --out ~/.cargo/share/man/man1     # found by man beside ~/.cargo/bin
  factline man timeline | man -l -")]
pub struct Args {
    /// The subcommand whose page to print (default: the page of factline itself).
    #[arg(value_name = "SUBCOMMAND", conflicts_with = "out")]
    pub command: Option<String>,

    /// Write every page into this directory instead.
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
}

/// Every page: its file name and the command it documents, factline's own first.
fn pages() -> Vec<(String, clap::Command)> {
    let mut root = Cli::command();
    // Built, so that global options (--db) appear on every subcommand's page and each
    // subcommand is titled factline-NAME and used as `factline NAME`.
    root.build();
    let mut pages = vec![("factline".to_string(), root.clone())];
    // Not the hidden ones, nor clap's own `help`.
    let documented = |s: &&clap::Command| !s.is_hide_set() && s.get_name() != "help";
    for sub in root.get_subcommands().filter(documented) {
        pages.push((format!("factline-{}", sub.get_name()), sub.clone()));
    }
    pages
}

fn render(command: clap::Command, out: &mut dyn Write) -> Result<()> {
    clap_mangen::Man::new(command)
        .render(out)
        .context("while writing the manual page")
}

pub fn run(args: &Args, out: &mut dyn Write) -> Result<Exit> {
    let pages = pages();
    let Some(dir) = &args.out else {
        let wanted = match &args.command {
            Some(name) => format!("factline-{name}"),
            None => "factline".to_string(),
        };
        let Some((_, command)) = pages.into_iter().find(|(page, _)| *page == wanted) else {
            let names: Vec<String> = Cli::command()
                .get_subcommands()
                .filter(|s| !s.is_hide_set())
                .map(|s| s.get_name().to_string())
                .collect();
            bail!(
                "no subcommand is called `{}`; the pages are for {}",
                args.command.as_deref().unwrap_or_default(),
                names.join(", ")
            );
        };
        render(command, out)?;
        return Ok(Exit::Ok);
    };
    write_pages(dir, pages)?;
    Ok(Exit::Ok)
}

fn write_pages(dir: &Path, pages: Vec<(String, clap::Command)>) -> Result<()> {
    fs::create_dir_all(dir).with_context(|| format!("while creating {}", dir.display()))?;
    let count = pages.len();
    for (name, command) in pages {
        let path = dir.join(format!("{name}.1"));
        let mut page = Vec::new();
        render(command, &mut page)?;
        let path = crate::files::guard_in(dir, &path, "--out", &crate::files::Protected::new())?;
        crate::files::write_atomically(&path, &page)?;
    }
    eprintln!(
        "wrote {} manual pages to {} (factline.1 and factline-SUBCOMMAND.1)",
        count,
        dir.display()
    );
    Ok(())
}
