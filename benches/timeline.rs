//! Timeline query speed on a synthetic corpus: the full timeline (the baseline) against a
//! one-entity filter, which must go through the indexes rather than scan every claim.
//!
//! Run with `cargo bench --bench timeline` (add `-- 50000` for another corpus size). Prints
//! medians of repeated runs and the ratio to the baseline measured in the same run; these
//! machines are shared and noisy, so read the ratio, not the absolute times.

// Test and bench code may panic on what it sets up, and prints what it measures.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::print_stdout,
    clippy::print_stderr
)]

use std::fmt::Write as _;
use std::time::{Duration, Instant};

use factline::data::{self, DataFile, Known};
use factline::db::{self, query};

fn corpus(claims: usize, entities: usize) -> String {
    let mut text = String::from(
        "[[source]]\nid = \"s\"\ntitle = \"Synthetic\"\nkind = \"report\"\nreliability = \"C\"\n\n\
         [[predicate]]\nid = \"met\"\nlabel = \"met\"\nvalue_type = \"entity\"\n\n",
    );
    for e in 0..entities {
        let _ = writeln!(
            text,
            "[[entity]]\nid = \"e{e}\"\nname = \"Entity {e}\"\nkind = \"country\"\n"
        );
    }
    for c in 0..claims {
        let year = 1900 + c % 120;
        let month = 1 + c % 12;
        let _ = writeln!(
            text,
            "[[claim]]\nid = \"c{c}\"\nsubject = \"e{}\"\npredicate = \"met\"\nobject = \"e{}\"\n\
             when = \"{year}-{month:02}\"\n\n[[claim.citation]]\nsource = \"s\"\nquote = \"q{c}\"\n\
             locator = \"line 1\"\ncredibility = 3\n",
            c % entities,
            (c * 7 + 3) % entities
        );
    }
    text
}

fn median(mut samples: Vec<Duration>) -> Duration {
    samples.sort();
    samples[samples.len() / 2]
}

fn time<F: FnMut() -> usize>(runs: usize, mut f: F) -> (Duration, usize) {
    let mut samples = Vec::with_capacity(runs);
    let mut rows = 0;
    for _ in 0..runs {
        let start = Instant::now();
        rows = f();
        samples.push(start.elapsed());
    }
    (median(samples), rows)
}

fn main() -> anyhow::Result<()> {
    let claims: usize = std::env::args()
        .skip(1)
        .find_map(|a| a.parse().ok())
        .unwrap_or(20_000);
    let entities = (claims / 20).max(2);
    eprintln!("building a corpus of {claims} claims over {entities} entities …");
    let files = vec![DataFile {
        path: "synthetic.toml".into(),
        text: corpus(claims, entities),
    }];
    let dataset = data::load(&files, &Known::default()).map_err(|e| anyhow::anyhow!("{e}"))?;
    let mut conn = db::open_in_memory()?;
    let plan = db::import::plan(&conn, &dataset)?;
    db::import::apply(&mut conn, &dataset, &plan)?;
    conn.execute_batch("ANALYZE")?;

    let runs = 15;
    let (full, all_rows) = time(runs, || query::timeline(&conn).map_or(0, |v| v.len()));
    let filter = query::Filter {
        entities: vec!["e1".into()],
        ..query::Filter::default()
    };
    let (one, one_rows) = time(runs, || {
        query::timeline_filtered(&conn, &filter).map_or(0, |v| v.len())
    });
    let window = query::Filter {
        from_day: factline::time::When::parse("1950")
            .ok()
            .map(|w| w.start_day()),
        to_day: factline::time::When::parse("1950")
            .ok()
            .map(|w| w.end_day()),
        ..query::Filter::default()
    };
    let (year, year_rows) = time(runs, || {
        query::timeline_filtered(&conn, &window).map_or(0, |v| v.len())
    });
    println!("timeline over {claims} claims, median of {runs} runs");
    println!(
        "  full timeline (baseline) {:>10.2?}  {all_rows} rows  1.00",
        full
    );
    println!(
        "  --entity e1              {:>10.2?}  {one_rows} rows  {:.4} of baseline",
        one,
        one.as_secs_f64() / full.as_secs_f64()
    );
    println!(
        "  --from 1950 --to 1950    {:>10.2?}  {year_rows} rows  {:.4} of baseline",
        year,
        year.as_secs_f64() / full.as_secs_f64()
    );
    for step in query::timeline_plan(&conn, &filter)? {
        println!("  plan (--entity): {step}");
    }
    Ok(())
}
