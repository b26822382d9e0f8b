//! `factline import-table`: a CSV or TSV table, read through a mapping file, written as cited
//! claims in one transaction as its rows are read (or, with `--write-extract`, the rows the
//! mapping keeps); the transaction commits only when every row was valid.

use std::fs::File;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use indicatif::{ProgressBar, ProgressStyle};

use crate::data::{DataErrors, Dataset, Diagnostic, display_path};
use crate::db::{self, import::Stale};
use crate::exit::Exit;
use crate::load::table::DryRun;
use crate::table::{self, Input, Options, mapping};
use crate::words::plural;

/// Import a CSV or TSV table as claims, as a mapping file says.
///
/// The mapping (TOML) names the columns that give each claim's subject, predicate, value,
/// qualifiers and date, the code lists that turn codes into entities, the rows to keep, and how
/// each row is cited (the dataset's source, the row key as locator, a credibility); see the
/// README and data/mappings/ for examples. Every row is checked before anything is written: one
/// problem (a missing column, a value that is not a number, an unknown code, an impossible
/// date) and the database stays as it was, with file, line, row, column and what was expected
/// (exit code 2). Importing a newer release of the table through the same mapping retracts the
/// claims that changed or disappeared and adds the new ones; --dry-run lists those differences
/// first.
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:\n  \
    factline import-table population.csv --mapping data/mappings/worldbank-population.toml\n  \
    factline import-table atop5_1m.csv --mapping data/mappings/atop-members.toml --dry-run\n  \
    factline import-table atop5_1m.csv --mapping data/mappings/atop-members.toml \\\n      \
    --write-extract data/datasets/atop-members.csv")]
pub struct Args {
    /// The table: CSV with a header row (UTF-8, with or without BOM), or TSV with --tsv.
    pub file: PathBuf,

    /// The mapping file (TOML) that says how rows become claims.
    #[arg(long, value_name = "MAPPING.toml")]
    pub mapping: PathBuf,

    /// The table is tab-separated, whatever the mapping says.
    #[arg(long)]
    pub tsv: bool,

    /// Check every row and list what would be added, changed and retracted, without writing
    /// (lines are printed as rows are read, the retractions last).
    #[arg(long)]
    pub dry_run: bool,

    /// Leave out rows with problems, report each on stderr, and import the rest (exit code 1
    /// when a row was skipped).
    #[arg(long)]
    pub skip_invalid: bool,

    /// Write the header and the rows the mapping's filter keeps to FILE (an extract to bundle),
    /// and import nothing.
    #[arg(long, value_name = "FILE", conflicts_with_all = ["dry_run", "skip_invalid"])]
    pub write_extract: Option<PathBuf>,
}

pub fn run(db_path: &Path, args: &Args, out: &mut dyn Write) -> Result<Exit> {
    crate::cmd::refuse_stdin(
        "import-table",
        [args.file.as_path(), args.mapping.as_path()],
    )?;
    let exists = db_path.exists();
    let known = if exists {
        // Read without changing it (a dry run, an extract), or opened to write (upgraded to this
        // factline's schema); an older schema read only is named with the command that
        // upgrades it.
        // The vocabulary only: a mapping names entities, predicates and sources, not claims.
        if args.dry_run || args.write_extract.is_some() {
            db::vocabulary(&db::open_for_reading(db_path)?)?
        } else {
            db::vocabulary(&db::open(db_path)?)?
        }
    } else {
        crate::data::Known::default()
    };
    // An extract can be cut on a machine with no database: the bundled vocabulary stands in.
    let world = if args.write_extract.is_some() && !exists {
        table::World::of(
            &known,
            &crate::data::load(
                &crate::bundled::files(),
                &crate::data::Known::default().with_mapping_keys(&crate::bundled::mappings()),
            )?,
        )
    } else {
        table::World::of(&known, &Dataset::default())
    };
    let mapping_path = display_path(&args.mapping);
    let text = crate::data::read::read_text(&args.mapping, &mapping_path)
        .map_err(|problem| DataErrors(vec![problem]))?;
    let dir = table::folder(&mapping_path).to_string();
    let read_files = std::cell::RefCell::new(Vec::new());
    let read_relative = |relative: &str| {
        let path = mapping::join(&dir, relative);
        read_files.borrow_mut().push(PathBuf::from(&path));
        crate::data::read::read_bounded_text(Path::new(&path), &path)
            .map(|text| (path.clone(), text))
    };
    let mapping =
        mapping::parse(&mapping_path, &text, &world, &read_relative).map_err(DataErrors)?;

    let name = display_path(&args.file);
    let file = File::open(&args.file).map_err(|e| {
        DataErrors(vec![crate::data::Diagnostic::whole_file(
            &name,
            format!("cannot read: {e}"),
        )])
    })?;
    let size = file.metadata().map(|m| m.len()).unwrap_or(0);
    let bar = progress_bar(size);
    let mut progress = |bytes: u64| bar.set_position(bytes);
    let input = Input {
        name: &name,
        reader: Box::new(file),
    };
    let options = Options {
        tsv: args.tsv,
        skip_invalid: args.skip_invalid,
    };

    if let Some(target) = &args.write_extract {
        let protected = crate::files::Protected::new()
            .database(db_path)
            .input(&args.file, "the table")
            .input(&args.mapping, "the mapping")
            .inputs(
                read_files.borrow().iter().map(PathBuf::as_path),
                "a file the mapping reads",
            );
        let target = crate::files::guard(target, "--write-extract", &protected)?;
        let kept = crate::load::table::write_extract(
            input,
            &mapping,
            &world,
            options,
            &target,
            &mut progress,
        )?;
        bar.finish_and_clear();
        eprintln!(
            "wrote {} of {} to {}",
            plural(kept, "row", "rows"),
            name,
            target.display()
        );
        return Ok(Exit::Ok);
    }

    if args.dry_run {
        let conn = if exists {
            db::open_for_reading(db_path)?
        } else {
            db::open_in_memory()?
        };
        // One lookup per claim id: memory stays bounded by the page cache, not the file.
        db::unmapped(&conn)?;
        let mut plan = DryRun::new(&conn, &mut *out)?;
        let result = table::read(
            input,
            &mapping,
            &world,
            options,
            &mut progress,
            &mut |_| Ok(()),
            &mut plan,
        );
        bar.finish_and_clear();
        let mut claims = plan.counts();
        let table = checked(result, &name)?;
        // The claims of this mapping the table no longer yields, after the rows' lines.
        let mut kept_back = Stale::default();
        db::import::stale_claims(
            &conn,
            &table.origin,
            &|id| table.yielded(id),
            &mut |_, id| {
                if args.skip_invalid {
                    kept_back.count += 1;
                    if kept_back.first.len() < LISTED {
                        kept_back.first.push(id.to_string());
                    }
                } else {
                    claims.retracted += 1;
                    writeln!(out, "retract  {id}")?;
                }
                Ok(())
            },
        )?;
        eprintln!(
            "{}; importing it into {} would add {}, change {}, retract {} ({} unchanged)",
            read_words(&name, &table),
            db_path.display(),
            plural(claims.added, "claim", "claims"),
            claims.changed,
            claims.retracted,
            claims.unchanged
        );
        say_kept_back(&kept_back);
        return Ok(Exit::found_if(table.skipped > 0));
    }

    let mut conn = db::open(db_path)?;
    let tx = db::begin_writing(&mut conn)?;
    let mut writer = db::import::TableImport::begin(&tx)
        .with_context(|| format!("while importing into {}", db_path.display()))?;
    let result = table::read(
        input,
        &mapping,
        &world,
        options,
        &mut progress,
        &mut |_| Ok(()),
        &mut writer,
    );
    bar.finish_and_clear();
    // On any error the transaction is dropped: the database stays as it was.
    let table = checked(result, &name)?;
    // --skip-invalid never retracts: a row that became invalid is not a row the dataset dropped.
    let retract = !args.skip_invalid;
    let (summary, stale, written) = writer
        .finish(&table.origin, &|id| table.yielded(id), retract, LISTED)
        .with_context(|| format!("while importing into {}", db_path.display()))?;
    if written {
        tx.commit()
            .with_context(|| format!("while committing the import into {}", db_path.display()))?;
    } else {
        drop(tx);
    }
    if retract {
        say_retracted(&stale);
    } else {
        say_kept_back(&stale);
    }
    let read = read_words(&name, &table);
    let c = summary.claims;
    if summary.is_quiet() {
        eprintln!(
            "{read}; nothing to change: {} already holds its {}",
            db_path.display(),
            plural(c.unchanged, "claim", "claims")
        );
    } else {
        eprintln!(
            "{read}; imported into {}: added {}, changed {}, retracted {}, {} unchanged; {} added",
            db_path.display(),
            plural(c.added, "claim", "claims"),
            c.changed,
            c.retracted,
            c.unchanged,
            plural(summary.entities.added, "entity", "entities")
        );
    }
    Ok(Exit::found_if(table.skipped > 0))
}

/// What a table read gave, or why it cannot be imported: the problems with its rows (unless
/// skipped, which are then reported here), an empty or fully filtered table, or what the sink
/// refused.
fn checked(result: Result<table::Table, Vec<Diagnostic>>, name: &str) -> Result<table::Table> {
    let mut table = result.map_err(DataErrors)?;
    for problem in &table.problems {
        let problem = problem.to_string();
        eprintln!("skipped: {}", crate::text::visible::visible(&problem));
    }
    if table.more_problems > 0 {
        eprintln!("skipped: and {} more problems", table.more_problems);
    }
    let (rows, kept, skipped) = (table.rows, table.kept, table.skipped);
    if kept == 0 {
        // A release with no rows would retract every claim the mapping yielded before.
        return Err(DataErrors(vec![Diagnostic::whole_file(
            name,
            format!(
                "{} read and none kept by the mapping's filter{}: nothing to import. An empty \
                 table is refused, so that a truncated download never retracts a dataset; \
                 check the file and the mapping's [filter]",
                plural(rows, "row", "rows"),
                if skipped > 0 {
                    format!(" ({skipped} skipped as invalid)")
                } else {
                    String::new()
                }
            ),
        )])
        .into());
    }
    if let Some(e) = table.sink_error.take() {
        return Err(e);
    }
    Ok(table)
}

/// `table.csv: 4 rows read, 3 kept by the filter, 1 skipped as invalid`.
fn read_words(name: &str, table: &table::Table) -> String {
    format!(
        "{name}: {} read, {} kept by the filter{}",
        plural(table.rows, "row", "rows"),
        table.kept,
        if table.skipped > 0 {
            format!(
                ", {} skipped as invalid",
                plural(table.skipped, "row", "rows")
            )
        } else {
            String::new()
        }
    )
}

/// How many claim ids a message lists before it says "and N more".
const LISTED: usize = 20;

fn listed(ids: &Stale) -> String {
    let mut shown = ids
        .first
        .iter()
        .take(LISTED)
        .map(|id| crate::text::visible::visible(id).into_owned())
        .collect::<Vec<_>>()
        .join(", ");
    if ids.count > LISTED {
        shown.push_str(&format!(" and {} more", ids.count - LISTED));
    }
    shown
}

fn say_retracted(ids: &Stale) {
    if ids.count > 0 {
        eprintln!("retracted (no longer in the table): {}", listed(ids));
    }
}

fn say_kept_back(ids: &Stale) {
    if ids.count > 0 {
        eprintln!(
            "not retracted, though no longer among the valid rows (--skip-invalid never retracts; \
             import without it once the table is whole): {}",
            listed(ids)
        );
    }
}

/// A progress bar on stderr for a large file; hidden when stderr is not a terminal.
fn progress_bar(size: u64) -> ProgressBar {
    if !std::io::stderr().is_terminal() || size < 4 << 20 {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new(size);
    if let Ok(style) =
        ProgressStyle::with_template("{bar:40} {bytes}/{total_bytes} {bytes_per_sec}, {eta} left")
    {
        bar.set_style(style);
    }
    bar
}
