//! `factline generate` (hidden): a deterministic synthetic corpus for the scale bench.

use std::path::PathBuf;

use anyhow::Result;

use crate::cli::Format;
use crate::exit::Exit;
use crate::generate::{self, Output, Shape};

/// Write a synthetic corpus of realistic shape, the same for the same seed (for benchmarks).
///
/// About 4.6·√N entities with Zipf-skewed activity, the bundled predicates, 50 sources, one or
/// two citations per claim, mixed EDTF precision, planted corroborations and disagreements
/// (about 4 % of functional claims). `corpus.json` beside the data says what it holds.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Example:\n  factline generate --claims 100000 --seed 1 --format jsonl --out /tmp/corpus"
)]
pub struct Args {
    /// How many claims (1 to 100 million).
    #[arg(long, default_value_t = 10_000, value_parser = clap::builder::RangedU64ValueParser::<usize>::new().range(1..=100_000_000))]
    pub claims: usize,

    /// Seed of the random numbers: the same seed gives the same files.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,

    /// Directory to write into (created if missing).
    #[arg(long, value_name = "DIR")]
    pub out: PathBuf,

    /// toml: data files (claims in claims/NNNN.toml); jsonl: the vocabulary files and
    /// claims.jsonl, one claim per line; csv: claim.csv, citation.csv and claim_qualifier.csv,
    /// the rows factline stores.
    #[arg(long, default_value_t = Format::Toml, value_parser = Format::parser(FORMATS))]
    pub format: Format,
}

/// The formats `generate` writes.
pub const FORMATS: &[Format] = &[Format::Toml, Format::Jsonl, Format::Csv];

pub fn run(args: &Args) -> Result<Exit> {
    let shape = Shape::for_claims(args.claims, args.seed);
    let output = match args.format {
        Format::Toml => Output::Toml,
        Format::Jsonl => Output::Jsonl,
        Format::Csv => Output::Csv,
        other => return Err(other.unsupported(FORMATS)),
    };
    let manifest = generate::write(&shape, output, &args.out)?;
    eprintln!(
        "wrote {} claims ({} citations) over {} entities and {} sources to {}; busiest entity {} \
         ({} claims), {} of {} functional claims disagree",
        manifest.claims,
        manifest.citations,
        manifest.entities,
        manifest.sources,
        args.out.display(),
        manifest.busiest_entity,
        manifest.busiest_claims,
        manifest.disagreeing_claims,
        manifest.functional_claims
    );
    Ok(Exit::Ok)
}
