//! `factline completions SHELL`: a completion script for the shell, from the command line's
//! own definition (clap_complete), so it never drifts from the options.

use std::io::Write;

use anyhow::Result;
use clap::CommandFactory;
use clap_complete::Shell;

use crate::cli::Cli;
use crate::exit::Exit;

/// Print a completion script for a shell.
///
/// The script completes every subcommand, option and format name. Install it where the shell
/// looks for completions (see the README's "Shell completions and man pages").
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Examples:
  factline completions bash > ~/.local/share/bash-completion/completions/factline
  factline completions zsh > ~/.zfunc/_factline      # with fpath+=(~/.zfunc) in ~/.zshrc
  factline completions fish > ~/.config/fish/completions/factline.fish
  factline completions powershell >> $PROFILE")]
pub struct Args {
    /// The shell to complete for.
    #[arg(value_enum)]
    pub shell: Shell,
}

pub fn run(args: &Args, out: &mut dyn Write) -> Result<Exit> {
    let mut command = Cli::command();
    clap_complete::generate(args.shell, &mut command, "factline", out);
    Ok(Exit::Ok)
}
