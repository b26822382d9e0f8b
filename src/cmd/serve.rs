//! `factline serve`: the web workbench. The work is in `serve/`.

use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::path::{Path, PathBuf};

use anyhow::Result;

use crate::exit::Exit;

/// Serve a web workbench over the database and its data files, for a browser on this machine.
///
/// Pages: a source's text with times, figures and names marked and its candidates beside it
/// (accept with edits, reject, or select words to start a claim), the conflicts with a resolve
/// form each, an entity's dossier (its timeline, conflicts and sources), a claim with its
/// provenance and history, and a form to add a source. Every change is written to the data
/// files and imported, as the commands do (`source add`, `extract --save`, `review add`,
/// `review accept`, `review reject`, `resolve`, whose decisions go to data/resolutions.toml),
/// so git and `check` see everything.
///
/// Safe by default: it listens on 127.0.0.1; another address needs --token. The Host header
/// must name the server, every form carries a token of the server's, and all text is escaped.
/// Writes from several browsers run one at a time.
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:\n  \
    factline serve                         # http://127.0.0.1:8765/\n  \
    factline serve --port 0                # any free port (printed)\n  \
    factline serve --read-only --bind 0.0.0.0 --token \"$(openssl rand -hex 16)\"")]
pub struct Args {
    /// The address to listen on; any other than a loopback address needs --token.
    #[arg(long, default_value_t = IpAddr::V4(Ipv4Addr::LOCALHOST))]
    pub bind: IpAddr,

    /// The port (0: any free one).
    #[arg(long, default_value_t = 8765)]
    pub port: u16,

    /// The access token a browser gives once (?token=…) when the server listens beyond this
    /// machine; at least 16 characters.
    #[arg(long, env = "FACTLINE_SERVE_TOKEN", hide_env_values = true)]
    pub token: Option<String>,

    /// Another name the Host header may give (a proxy's); repeatable.
    #[arg(long = "allow-host", value_name = "NAME")]
    pub allow_hosts: Vec<String>,

    /// Show, never change: every form is hidden and every POST refused.
    #[arg(long)]
    pub read_only: bool,

    /// The data folder, for a database that records none (made with `import --bundled`).
    #[arg(long, value_name = "DIR")]
    pub data: Option<PathBuf>,

    /// Who decides, when a form leaves it empty (default $FACTLINE_ANALYST).
    #[arg(long, env = "FACTLINE_ANALYST")]
    pub by: Option<String>,

    /// Requests answered at once.
    #[arg(long, default_value_t = 4, value_parser = clap::value_parser!(u16).range(1..=64))]
    pub threads: u16,
}

pub fn run(db_path: &Path, args: &Args) -> Result<Exit> {
    let opts = crate::serve::Options {
        db: db_path.to_path_buf(),
        data: args.data.clone(),
        addr: SocketAddr::new(args.bind, args.port),
        token: args.token.clone(),
        hosts: args.allow_hosts.clone(),
        read_only: args.read_only,
        by: args.by.clone(),
        threads: usize::from(args.threads),
    };
    crate::serve::serve(opts, &|url| {
        eprintln!(
            "factline: serving {}{} at {url} (Ctrl-C stops)",
            db_path.display(),
            if args.read_only { " read-only" } else { "" }
        );
    })?;
    Ok(Exit::Ok)
}
