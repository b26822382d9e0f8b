//! What each fuzz target checks. Every function takes any bytes and returns normally: a panic is
//! a bug (in factline, or a law below that does not hold). Compiled by the cargo-fuzz targets
//! (`fuzz/fuzz_targets/`) and by the test suite (`tests/cli/fuzz.rs`), which replays the inputs
//! saved under `fuzz/regressions/` and runs each check on generated inputs.
//!
//! The first byte of an input picks a variant where a target has several; the rest is the text.

use std::sync::OnceLock;

use factline::data::{self, DataFile, Diagnostic, Known};
use factline::table::{self, mapping};
use factline::time::When;
use factline::verify;

/// An EDTF valid time: parsing never panics; a parsed value's canonical text parses to itself,
/// its bounds are ordered and it can be worded.
pub fn edtf(bytes: &[u8]) {
    let Ok(text) = std::str::from_utf8(bytes) else {
        return;
    };
    match When::parse(text) {
        Ok(when) => {
            let again = When::parse(when.as_str()).unwrap_or_else(|e| {
                panic!(
                    "{text:?}: canonical {:?} does not parse: {e}",
                    when.as_str()
                )
            });
            assert_eq!(again.as_str(), when.as_str(), "{text:?}: not canonical");
            assert_eq!(again.start_day(), when.start_day(), "{text:?}");
            assert_eq!(again.end_day(), when.end_day(), "{text:?}");
            if let (Some(a), Some(b)) = (when.earliest(), when.latest()) {
                assert!(a <= b, "{text:?}: earliest {a} after latest {b}");
            }
            assert!(when.start_day() <= when.end_day(), "{text:?}");
            assert!(!when.human().is_empty(), "{text:?}: no words");
        }
        Err(e) => assert!(!e.to_string().is_empty(), "{text:?}: an empty error"),
    }
}

/// What the bundled dataset holds, as a database would: what a data file may refer to.
fn known() -> &'static Known {
    static KNOWN: OnceLock<Known> = OnceLock::new();
    KNOWN.get_or_init(|| {
        let dataset = factline::bundled::dataset().expect("the bundled dataset is valid");
        let mut known = Known::default().with_mapping_keys(&factline::bundled::mappings());
        for s in &dataset.sources {
            if s.item.kind == "dataset" {
                known.datasets.insert(s.item.id.clone());
            }
            known.sources.insert(s.item.id.clone());
        }
        for e in &dataset.entities {
            let mut names = e.item.aliases.clone();
            names.push(e.item.name.clone());
            known.entities.insert(e.item.id.clone(), names);
        }
        for p in &dataset.predicates {
            known.predicates.insert(p.item.id.clone(), p.item.clone());
        }
        for c in &dataset.claims {
            known.claims.insert(c.item.id.clone());
            known
                .qualifier_keys
                .extend(c.item.qualifiers.keys().cloned());
        }
        known
    })
}

/// Every problem names the file it is in and says something.
fn well_formed(problems: &[Diagnostic], file: &str) {
    for p in problems {
        assert!(!p.message.trim().is_empty(), "an empty message: {p:?}");
        assert!(
            p.file.starts_with(file) || file.starts_with(&p.file) || p.file.contains(file),
            "a problem in {file} names {:?}: {p:?}",
            p.file
        );
        let _ = p.to_string();
    }
}

/// A data file (first byte even: TOML; odd: JSON Lines claims), validated against the bundled
/// vocabulary: never a panic, every problem with its file and a message; a valid file's claims
/// have valid times.
pub fn data_file(bytes: &[u8]) {
    let Some((&kind, rest)) = bytes.split_first() else {
        return;
    };
    let Ok(text) = std::str::from_utf8(rest) else {
        return;
    };
    let path = if kind % 2 == 0 {
        "data/claims/fuzz.toml"
    } else {
        "data/claims/fuzz.jsonl"
    };
    let file = DataFile {
        path: path.to_string(),
        text: text.to_string(),
    };
    match data::load(&[file], known()) {
        Ok(dataset) => {
            for c in &dataset.claims {
                assert!(!c.item.id.is_empty());
                assert!(
                    When::parse(c.item.when.as_str()).is_ok(),
                    "claim {} has an invalid time",
                    c.item.id
                );
            }
        }
        Err(errors) => {
            assert!(!errors.0.is_empty(), "an error without problems");
            well_formed(&errors.0, path);
        }
    }
}

/// A source text and a quote (split at the first NUL): normalising is idempotent, a quote found
/// on some lines is in those lines, locators parse to valid ranges, and the number and date
/// finders never panic.
pub fn quote(bytes: &[u8]) {
    let Ok(input) = std::str::from_utf8(bytes) else {
        return;
    };
    let (text, quote) = input.split_once('\0').unwrap_or((input, ""));
    let once = verify::normalize(text);
    assert_eq!(verify::normalize(&once), once, "normalising twice");
    let found = verify::contains(text, quote);
    if let Some(range) = verify::find_line(text, quote) {
        assert!(
            found,
            "{quote:?} found at {range:?} but not in the whole text"
        );
        let passage = verify::lines(text, &range).expect("the lines exist");
        assert!(verify::contains(&passage, quote), "not in lines {range:?}");
    }
    let _ = verify::nearest_passage(text, quote);
    if let Some(range) = factline::model::parse_locator(quote) {
        assert!(
            *range.start() >= 1 && range.start() <= range.end(),
            "{range:?}"
        );
        let _ = verify::lines(text, &range);
    }
    let numbers = verify::numbers::numbers(text);
    if let Some(&n) = numbers.first() {
        let _ = verify::numbers::mentions_amount(text, n);
    }
    let _ = verify::numbers::mentions_date(text, quote, Some(2011));
}

/// The bundled tables, parsed once: (mapping path, mapping text, extract text).
fn bundled_tables() -> &'static Vec<(String, String, String)> {
    static TABLES: OnceLock<Vec<(String, String, String)>> = OnceLock::new();
    TABLES.get_or_init(|| {
        factline::bundled::mappings()
            .into_iter()
            // A mapping without an extract bundles no table (it is for `import-table`).
            .filter(|m| m.text.lines().any(|l| l.starts_with("extract")))
            .map(|m| {
                let parsed =
                    mapping::parse(&m.path, &m.text, world(), &read_relative(&m.path)).unwrap();
                let extract = parsed.extract.expect("a bundled mapping has an extract");
                let path = mapping::join(table::folder(&m.path), &extract);
                let csv = factline::bundled::table_file(&path).expect("the extract is bundled");
                // The header and the first rows are enough to reach every path of a row.
                let head: Vec<&str> = csv.lines().take(40).collect();
                (m.path, m.text, head.join("\n") + "\n")
            })
            .collect()
    })
}

fn world() -> &'static mapping::World {
    static WORLD: OnceLock<mapping::World> = OnceLock::new();
    WORLD.get_or_init(|| mapping::World::of(known(), &data::Dataset::default()))
}

/// Reads the code lists a bundled mapping names.
fn read_relative(mapping_path: &str) -> impl Fn(&str) -> Result<(String, String), String> + '_ {
    move |relative: &str| {
        let path = mapping::join(table::folder(mapping_path), relative);
        factline::bundled::table_file(&path).map(|text| (path, text))
    }
}

/// A table read through a mapping. The first byte picks what is fuzzed: the CSV of a bundled
/// mapping, or the mapping of a bundled CSV (byte / 2 picks which, odd and even). Never a panic;
/// every problem names its file; every claim a table yields has a valid time and its citation.
pub fn table(bytes: &[u8]) {
    let Some((&pick, rest)) = bytes.split_first() else {
        return;
    };
    let Ok(text) = std::str::from_utf8(rest) else {
        return;
    };
    let tables = bundled_tables();
    let (mapping_path, mapping_text, csv) = &tables[usize::from(pick / 2) % tables.len()];
    let (mapping_text, csv) = if pick % 2 == 0 {
        (mapping_text.as_str(), text)
    } else {
        (text, csv.as_str())
    };
    let parsed = match mapping::parse(
        mapping_path,
        mapping_text,
        world(),
        &read_relative(mapping_path),
    ) {
        Ok(m) => m,
        Err(problems) => {
            assert!(!problems.is_empty());
            for p in &problems {
                assert!(!p.message.trim().is_empty(), "an empty message: {p:?}");
            }
            return;
        }
    };
    for skip_invalid in [false, true] {
        let input = table::Input {
            name: "fuzz.csv",
            reader: Box::new(csv.as_bytes()),
        };
        let options = table::Options {
            tsv: false,
            skip_invalid,
        };
        let mut kept = 0usize;
        let mut collect = table::Collect::default();
        let read = table::read(
            input,
            &parsed,
            world(),
            options,
            &mut |_| {},
            &mut |_| {
                kept += 1;
                Ok(())
            },
            &mut collect,
        );
        match read {
            Ok(read) => {
                let mut dataset = data::Dataset::default();
                collect.into_dataset(read.origin, &mut dataset);
                assert!(dataset.claims.len() <= kept * parsed.claims.len().max(1));
                for c in &dataset.claims {
                    assert!(When::parse(c.item.when.as_str()).is_ok(), "{}", c.item.id);
                    assert!(
                        !c.item.citations.is_empty(),
                        "{} has no citation",
                        c.item.id
                    );
                }
            }
            Err(problems) => {
                assert!(!problems.is_empty());
                for p in &problems {
                    assert!(!p.message.trim().is_empty(), "an empty message: {p:?}");
                }
            }
        }
    }
}

/// The extraction vocabulary of the bundled dataset (entities, cues, predicates' shapes), so
/// that mentions and claim suggestions run too.
fn extract_context() -> &'static factline::extract::Context {
    static CONTEXT: OnceLock<factline::extract::Context> = OnceLock::new();
    CONTEXT.get_or_init(|| {
        let mut conn = factline::db::open_in_memory().expect("an in-memory database");
        factline::db::load_bundled(&mut conn).expect("the bundled dataset loads");
        let entities = factline::db::review::entity_names(&conn).expect("entities");
        let predicates = factline::db::query::predicates(&conn).expect("predicates");
        let shapes = factline::db::review::claim_shapes(&conn).expect("shapes");
        let vocabulary = factline::extract::suggest::Vocabulary::new(
            &entities,
            &predicates,
            factline::extract::suggest::shapes(shapes),
        )
        .expect("the automata build");
        factline::extract::Context {
            vocabulary: Some(vocabulary),
            published: Some("2011-07-20".into()),
        }
    })
}

/// Extraction over any text: no panic; every candidate's offsets lie on character boundaries
/// of the text and give back its `text`, its line is the line of its start, and a time's or a
/// figure's sentence holds it. The first byte picks plain text (even) or the same text wrapped as TimeML (odd).
pub fn extract(bytes: &[u8]) {
    let Some((&variant, rest)) = bytes.split_first() else {
        return;
    };
    let Ok(text) = std::str::from_utf8(rest) else {
        return;
    };
    let dct = When::parse("2011-07-20").ok().and_then(|w| w.earliest());
    let path = std::path::Path::new("fuzz.txt");
    // Whether it looks like TimeML: any text, cut anywhere, is a valid question.
    let _ = factline::extract::is_timeml(path, text);
    let doc = if variant % 2 == 0 {
        factline::extract::Document::from_text(path, text.to_string(), dct)
    } else {
        let escaped = text
            .replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;");
        let tml = format!(
            "<?xml version=\"1.0\" ?>\n<TimeML>\n<DCT><TIMEX3 tid=\"t0\" type=\"DATE\" \
             value=\"2011-07-20\">2011-07-20</TIMEX3></DCT>\n<TEXT>{escaped}</TEXT>\n</TimeML>\n"
        );
        let dir = std::env::temp_dir().join(format!("factline-fuzz-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("a temporary folder");
        let file = dir.join("fuzz.tml");
        std::fs::write(&file, tml).expect("write the TimeML file");
        match factline::extract::Document::load(&file, None) {
            Ok(doc) => doc,
            Err(e) => {
                assert!(!e.to_string().is_empty(), "{text:?}: an empty error");
                return;
            }
        }
    };
    let text = doc.text.as_str();
    for c in factline::extract::extract(&doc, extract_context()) {
        assert!(c.start <= c.end && c.end <= text.len(), "{text:?}: {c:?}");
        assert!(
            text.is_char_boundary(c.start) && text.is_char_boundary(c.end),
            "{text:?}: {c:?} cuts a character"
        );
        assert_eq!(text[c.start..c.end], c.text, "{text:?}: {c:?}");
        let line = 1 + text[..c.start].matches('\n').count();
        assert_eq!(c.line, line, "{text:?}: {c:?}");
        assert!(c.sentence.start <= c.sentence.end && c.sentence.end <= text.len());
        if c.kind != factline::extract::Kind::Claim {
            // A claim may gather its subject from sentences before; a time or a figure is in
            // its own.
            assert!(
                c.sentence.start <= c.start && c.end <= c.sentence.end,
                "{text:?}: {c:?} outside its sentence"
            );
        }
    }
}
