//! Everyday polish: ids whole in the conflicts table at any width, tables as wide as the
//! terminal, dates in words in what people read, options refused where they do nothing,
//! completions and manual pages, the SVG's open ends, lane names and repeated axis.

use std::process::Command;

use crate::{Env, Run};

/// Runs factline on the bundled dataset (no database file) with `COLUMNS` set or unset.
fn run_with_columns(env: &Env, columns: Option<&str>, args: &[&str]) -> Run {
    let mut command = Command::new(env!("CARGO_BIN_EXE_factline"));
    command
        .args(args)
        .current_dir(env.path())
        .env("FACTLINE_NOW", "2026-01-02T03:04:05Z")
        .env_remove("FACTLINE_DB");
    match columns {
        Some(c) => command.env("COLUMNS", c),
        None => command.env_remove("COLUMNS"),
    };
    let output = command.output().expect("run factline");
    Run {
        code: output.status.code().unwrap_or(-1),
        stdout: String::from_utf8(output.stdout).expect("utf-8 stdout"),
        stderr: String::from_utf8(output.stderr).expect("utf-8 stderr"),
    }
}

fn json(run: &Run) -> serde_json::Value {
    serde_json::from_str(&run.stdout).unwrap_or_else(|e| panic!("{e}: {}", run.stdout))
}

/// Every word of `text` as a terminal shows it between spaces and table borders.
fn tokens(line: &str) -> Vec<&str> {
    line.split(|c: char| c.is_whitespace() || matches!(c, '│' | '┆'))
        .filter(|t| !t.is_empty())
        .collect()
}

#[test]
fn conflict_ids_are_never_split_at_any_width() {
    let env = Env::empty();
    let doc = json(&run_with_columns(
        &env,
        None,
        &["conflicts", "--all", "--format", "json"],
    ));
    let mut ids: Vec<String> = Vec::new();
    let mut claims: Vec<String> = Vec::new();
    for c in doc["conflicts"].as_array().unwrap() {
        ids.push(c["id"].as_str().unwrap().to_string());
        claims.push(c["suggestion"]["best_claim"].as_str().unwrap().to_string());
    }
    for c in doc["cleared"].as_array().unwrap() {
        ids.push(c["id"].as_str().unwrap().to_string());
    }
    assert!(ids.len() >= 6, "{ids:?}");
    let longest = ids.iter().map(|i| i.chars().count()).max().unwrap();
    assert!(
        longest > 60,
        "the corpus has an id longer than a narrow terminal"
    );
    for width in [60usize, 80, 120, 200] {
        let run = run_with_columns(&env, Some(&width.to_string()), &["conflicts", "--all"]);
        assert_eq!(run.code, 1, "open conflicts exit 1: {}", run.stderr);
        let out = &run.stdout;
        let words: Vec<&str> = out.lines().flat_map(tokens).collect();
        for id in ids.iter().chain(&claims) {
            // Claim ids in the suggestion sit in brackets: "(wb-population-kazakhstan-2017);".
            let whole = words
                .iter()
                .any(|w| w.trim_matches(|c: char| "();,.".contains(c)) == id.as_str());
            assert!(
                whole,
                "width {width}: `{id}` is not whole on one line:\n{out}"
            );
        }
        for line in out.lines() {
            let chars = line.chars().count();
            // Only a line that is one unbreakable id may be wider than the terminal.
            assert!(
                chars <= width || (tokens(line).len() == 1 && ids.iter().any(|i| line == i)),
                "width {width}: a line of {chars} characters:\n{line}"
            );
        }
        if width >= 200 {
            assert!(out.starts_with('┌'), "a table when the ids fit:\n{out}");
        } else {
            assert!(out.starts_with(&format!("{}\n", ids[0])), "a list:\n{out}");
            assert!(out.contains("\n    Suggestion or decision: "), "{out}");
        }
        assert!(out.ends_with(" consistent\n"), "{out}");
    }
}

#[test]
fn tables_take_columns_or_else_a_default_in_a_pipe() {
    let env = Env::empty();
    let widths = |run: &Run| -> Vec<usize> {
        run.stdout
            .lines()
            .map(|l| l.trim_end_matches('\r').chars().count())
            .collect()
    };
    let args = ["timeline", "--entity", "Kazakhstan", "--to", "1995"];
    let piped = run_with_columns(&env, None, &args);
    assert_eq!(piped.code, 0, "{}", piped.stderr);
    assert!(widths(&piped).iter().all(|w| *w == 100), "{}", piped.stdout);
    let narrow = run_with_columns(&env, Some("72"), &args);
    assert!(
        widths(&narrow).iter().all(|w| *w == 72),
        "{}",
        narrow.stdout
    );
    // A nonsense COLUMNS is not a width: the default holds.
    let nonsense = run_with_columns(&env, Some("wide"), &args);
    assert!(widths(&nonsense).iter().all(|w| *w == 100));
}

/// Runs `factline ARGS` in a pseudo-terminal of 40 rows and 70 columns (util-linux `script`),
/// with COLUMNS set as given; `None` when `script` cannot be run here.
fn in_terminal(env: &Env, columns: Option<&str>, args: &str) -> Option<String> {
    let columns = match columns {
        Some(c) => format!("export COLUMNS={c}"),
        None => "unset COLUMNS".to_string(),
    };
    let bin = env!("CARGO_BIN_EXE_factline");
    let inner = format!("stty rows 40 cols 70; {columns}; exec '{bin}' {args} 2>/dev/null");
    let output = Command::new("script")
        .args(["-qec", &inner, "/dev/null"])
        .current_dir(env.path())
        .env_remove("FACTLINE_DB")
        .output()
        .ok()?;
    output
        .status
        .success()
        .then(|| String::from_utf8_lossy(&output.stdout).replace('\r', ""))
}

#[test]
fn a_table_in_a_terminal_is_as_wide_as_the_terminal_unless_columns_says() {
    let env = Env::empty();
    let args = "timeline --entity Kazakhstan --to 1995";
    let Some(shown) = in_terminal(&env, None, args) else {
        eprintln!("skipped: util-linux `script` cannot run here");
        return;
    };
    let widths: Vec<usize> = shown.lines().map(|l| l.chars().count()).collect();
    assert!(
        !widths.is_empty() && widths.iter().all(|w| *w == 70),
        "{shown}"
    );
    let wider = in_terminal(&env, Some("90"), args).expect("script ran once");
    assert!(wider.lines().all(|l| l.chars().count() == 90), "{wider}");
}

#[test]
fn a_table_written_to_a_file_from_a_terminal_takes_the_default_width() {
    let env = Env::empty();
    let args = "timeline --entity Kazakhstan --to 1995 --out table.txt";
    if in_terminal(&env, None, args).is_none() {
        eprintln!("skipped: util-linux `script` cannot run here");
        return;
    }
    let written = std::fs::read_to_string(env.path().join("table.txt")).unwrap();
    let widths: Vec<usize> = written.lines().map(|l| l.chars().count()).collect();
    assert!(
        !widths.is_empty() && widths.iter().all(|w| *w == 100),
        "{written}"
    );
    // COLUMNS still says, for a file as for stdout.
    in_terminal(&env, Some("80"), args).expect("script ran once");
    let written = std::fs::read_to_string(env.path().join("table.txt")).unwrap();
    assert!(
        written.lines().all(|l| l.chars().count() == 80),
        "{written}"
    );
}

/// EDTF as written in data, which a person should never have to read: `../2032`, `2013/..`,
/// `[2013..]`, `[..2017-08-25]`, `2017~`, and ISO days such as `2011-07-20`.
fn raw_edtf(text: &str) -> Vec<String> {
    let mut found = Vec::new();
    for word in text.split(|c: char| c.is_whitespace() || "()\"“”,;:|<>*".contains(c)) {
        // A full stop ends a sentence, but `2013/..` ends in an open end.
        let word = word
            .strip_suffix('.')
            .filter(|w| !w.ends_with('.'))
            .unwrap_or(word);
        let digits = word.chars().filter(char::is_ascii_digit).count();
        let edtf = digits >= 4
            && (word.contains("../")
                || word.contains("/..")
                || (word.starts_with('[') && word.contains(".."))
                || word.starts_with("\\[")
                || (word.ends_with('~') && word[..word.len() - 1].parse::<u32>().is_ok())
                || is_iso_day(word));
        if edtf {
            found.push(word.to_string());
        }
    }
    found
}

fn is_iso_day(word: &str) -> bool {
    let b = word.as_bytes();
    b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit())
}

#[test]
fn the_edtf_finder_finds_what_it_looks_for() {
    assert_eq!(
        raw_edtf("until ../2032, since 2013/.. or [2013..] or \\[2013..\\] c. 2017~ 2011-07-20."),
        [
            "../2032",
            "2013/..",
            "[2013..]",
            "\\[2013..\\]",
            "2017~",
            "2011-07-20"
        ]
    );
    assert!(raw_edtf("until 2032, 2013 or later, c. 2017, 20 July 2011").is_empty());
}

#[test]
fn people_read_dates_in_words_everywhere() {
    let env = Env::empty();
    let timeline = |format: &str| {
        let run = run_with_columns(&env, None, &["timeline", "--format", format]);
        assert_eq!(run.code, 0, "{}", run.stderr);
        run.stdout
    };
    // Quotes are the sources' own words and keep whatever they wrote; all else is ours.
    let markdown = timeline("markdown");
    let ours: String = markdown
        .lines()
        .filter(|l| !l.starts_with("[^"))
        .collect::<Vec<_>>()
        .join("\n");
    assert_eq!(raw_edtf(&ours), Vec::<String>::new(), "timeline markdown");
    assert!(
        markdown.contains("Diplomatic Courier, 20 July 2011. Reliability C"),
        "source dates in words"
    );
    assert!(markdown.contains("between July 2008 and December 2009. Reliability B"));

    let table = timeline("table");
    assert_eq!(raw_edtf(&table), Vec::<String>::new(), "timeline table");

    let tl: serde_json::Value = serde_json::from_str(&timeline("timelinejs")).unwrap();
    for event in tl["events"].as_array().unwrap() {
        let text = event["text"]["text"].as_str().unwrap();
        // The citations (quotes) are in <li>; the rest is ours.
        let ours: String = text
            .split("<li>")
            .map(|part| part.split("</li>").last().unwrap_or(""))
            .collect();
        let sources: Vec<&str> = text
            .split(" — ")
            .skip(1)
            .filter_map(|s| s.split(" (credibility").next())
            .collect();
        for what in [
            event["display_date"].as_str().unwrap(),
            event["text"]["headline"].as_str().unwrap(),
            ours.as_str(),
        ]
        .into_iter()
        .chain(sources)
        {
            assert_eq!(raw_edtf(what), Vec::<String>::new(), "timelinejs: {what}");
        }
    }

    // What the page shows (not its markup), without the quotes.
    let html = timeline("html");
    let mut shown = String::new();
    for piece in html.split("<blockquote>") {
        let after_quote = piece.split("</blockquote>").last().unwrap_or("");
        for chunk in after_quote.split('<') {
            shown.push_str(chunk.split_once('>').map_or(chunk, |(_, text)| text));
            shown.push(' ');
        }
    }
    assert_eq!(raw_edtf(&shown), Vec::<String>::new(), "html");
    assert!(html.contains("data-edtf=\"../2032\" title=\"EDTF ../2032\">until 2032</time>"));

    let svg = timeline("svg");
    for part in svg.split("<title>").skip(1) {
        let title = part.split("</title>").next().unwrap();
        assert_eq!(raw_edtf(title), Vec::<String>::new(), "svg title {title}");
    }

    for format in ["table", "markdown"] {
        let run = run_with_columns(
            &env,
            Some("200"),
            &["conflicts", "--all", "--format", format],
        );
        let ours: String = run
            .stdout
            .lines()
            .filter(|l| !l.starts_with("| `"))
            .collect::<Vec<_>>()
            .join("\n");
        assert_eq!(raw_edtf(&ours), Vec::<String>::new(), "conflicts {format}");
        // The reason for a best names times in words.
        let said = "older (c. 2011)";
        assert!(run.stdout.contains(said), "conflicts {format}");
    }

    // Machine formats keep the EDTF.
    let csv = timeline("csv");
    assert!(
        csv.contains(",../2032,until 2032,"),
        "csv keeps EDTF beside words"
    );
    let data = run_with_columns(&env, None, &["conflicts", "--format", "json"]);
    assert!(data.stdout.contains("\"when\": \"[2013..]\""));
}

#[test]
fn show_says_dates_in_words() {
    let env = Env::empty();
    let claim = run_with_columns(&env, None, &["show", "kant-air-base-lease"]);
    assert_eq!(claim.code, 0, "{}", claim.stderr);
    assert!(
        claim
            .stdout
            .contains("when        until 2032  (../2032: open … 2032-12-31, year precision)\n"),
        "{}",
        claim.stdout
    );
    let source = run_with_columns(&env, None, &["show", "rousseau-2011"]);
    assert!(
        source.stdout.contains("published   20 July 2011\n"),
        "{}",
        source.stdout
    );
}

#[test]
fn options_a_format_would_ignore_are_refused() {
    let env = Env::empty();
    for (args, message) in [
        (
            &["timeline", "--format", "csv", "--title", "T"][..],
            "error: --title does not apply to --format csv; only --format markdown, \
             timelinejs, html or svg takes it\n",
        ),
        (
            &["timeline", "--title", "T"][..],
            "error: --title does not apply to --format table; only --format markdown, \
             timelinejs, html or svg takes it\n",
        ),
        (
            &["timeline", "--group-by", "subject"][..],
            "error: --group-by does not apply to --format table; only --format timelinejs, \
             html or svg takes it\n",
        ),
        (
            &["timeline", "--format", "markdown", "--group-by", "subject"][..],
            "error: --group-by does not apply to --format markdown; only --format \
             timelinejs, html or svg takes it\n",
        ),
        (
            &["timeline", "--format", "json", "--csv-raw"][..],
            "error: --csv-raw does not apply to --format json; only --format csv takes it\n",
        ),
    ] {
        let run = run_with_columns(&env, None, args);
        assert_eq!(run.code, 2, "{args:?}");
        assert_eq!(run.stderr, message, "{args:?}");
        assert_eq!(run.stdout, "", "{args:?}");
    }
    // Where they apply, they are taken.
    for args in [
        &["timeline", "--format", "markdown", "--title", "Brief"][..],
        &[
            "timeline",
            "--format",
            "svg",
            "--group-by",
            "subject",
            "--title",
            "T",
        ][..],
        &["timeline", "--format", "csv", "--csv-raw"][..],
    ] {
        let run = run_with_columns(&env, None, args);
        assert_eq!(run.code, 0, "{args:?}: {}", run.stderr);
    }
}

/// Every subcommand `--help` lists (not the hidden ones).
fn subcommands() -> Vec<String> {
    use clap::CommandFactory;
    factline::cli::Cli::command()
        .get_subcommands()
        .filter(|s| !s.is_hide_set())
        .map(|s| s.get_name().to_string())
        .collect()
}

#[test]
fn completions_know_every_subcommand() {
    let env = Env::empty();
    let names = subcommands();
    assert!(names.contains(&"completions".to_string()) && names.contains(&"man".to_string()));
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let run = run_with_columns(&env, None, &["completions", shell]);
        assert_eq!(run.code, 0, "{shell}: {}", run.stderr);
        assert!(run.stdout.lines().count() > 50, "{shell}: {}", run.stdout);
        for name in &names {
            assert!(run.stdout.contains(name.as_str()), "{shell} lacks {name}");
        }
        assert!(run.stdout.contains("format"), "{shell} lacks --format");
    }
    let bad = run_with_columns(&env, None, &["completions", "tcsh"]);
    assert_eq!(bad.code, 2);
    assert!(
        bad.stderr
            .contains("[possible values: bash, elvish, fish, powershell, zsh]")
    );
}

#[test]
fn man_pages_for_factline_and_every_subcommand() {
    let env = Env::empty();
    let names = subcommands();
    let run = run_with_columns(&env, None, &["man", "--out", "man1"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let main = env.read("man1/factline.1");
    assert!(main.contains(".TH factline 1"), "{main}");
    for name in &names {
        let roff = name.replace('-', "\\-");
        assert!(main.contains(&roff), "factline.1 lacks {name}");
        let page = env.read(&format!("man1/factline-{name}.1"));
        assert!(page.contains(&format!(".TH factline-{name} 1")), "{page}");
        assert!(page.contains(&format!("factline {roff}")), "{page}");
        assert!(page.contains(".SH OPTIONS"), "{name}: {page}");
        assert!(page.contains("\\-\\-db"), "{name} lacks the global --db");
    }
    let mut files: Vec<String> = std::fs::read_dir(env.path().join("man1"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    files.sort();
    assert_eq!(files.len(), names.len() + 1, "{files:?}");
    let one = run_with_columns(&env, None, &["man", "timeline"]);
    assert_eq!(one.stdout, env.read("man1/factline-timeline.1"));
    let unknown = run_with_columns(&env, None, &["man", "timelime"]);
    assert_eq!(unknown.code, 2);
    assert!(
        unknown
            .stderr
            .starts_with("error: no subcommand is called `timelime`")
    );
    // When man is installed, the page renders.
    if let Ok(rendered) = Command::new("man")
        .args(["-l", "man1/factline-timeline.1"])
        .current_dir(env.path())
        .env("MANWIDTH", "80")
        .env("MAN_KEEP_FORMATTING", "0")
        .output()
        && rendered.status.success()
    {
        let text = String::from_utf8_lossy(&rendered.stdout);
        assert!(text.contains("factline timeline"), "{text}");
        assert!(text.contains("--group-by"), "{text}");
    }
}

/// The SVG of the whole bundled timeline, one lane per subject.
fn svg(env: &Env) -> String {
    let run = run_with_columns(
        env,
        None,
        &["timeline", "--format", "svg", "--group-by", "subject"],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    run.stdout
}

/// The number in `name="…"` of an SVG element's text.
fn attr(element: &str, name: &str) -> f64 {
    let start = element
        .find(&format!(" {name}=\""))
        .unwrap_or_else(|| panic!("no {name} in {element}"))
        + name.len()
        + 3;
    element[start..].split('"').next().unwrap().parse().unwrap()
}

#[test]
fn svg_open_ends_are_short_lanes_whole_and_years_every_screenful() {
    let env = Env::empty();
    let svg = svg(&env);
    // The open start of "25 August 2017 or earlier" and every other open end: a short fade.
    let mut open = 0;
    for class in ["open-start", "open-end"] {
        for part in svg.split(&format!("<rect class=\"{class}\"")).skip(1) {
            let element = part.split("/>").next().unwrap();
            assert!(attr(element, "width") <= 80.0, "{class}: {element}");
            open += 1;
        }
    }
    assert!(open >= 5, "{open} open ends");
    let uzbek = svg
        .split("<g class=\"entry\"")
        .find(|g| g.contains("25 August 2017 or earlier"))
        .expect("the open start of 25 August 2017");
    assert!(uzbek.contains("class=\"open-start\""), "{uzbek}");

    // Lane names whole: each lane's title is its text, nothing cut.
    for lane in svg.split("<g class=\"lane\">").skip(1) {
        let title = lane
            .split("<title>")
            .nth(1)
            .and_then(|t| t.split("</title>").next())
            .unwrap();
        let lines: Vec<&str> = lane
            .split("\">")
            .skip(1)
            .filter_map(|t| {
                t.split("</tspan>")
                    .next()
                    .filter(|_| t.contains("</tspan>"))
            })
            .collect();
        assert_eq!(lines.join(" "), title, "{lane}");
        assert!(!title.contains('…'));
    }

    // Years at the top, at least every 800 pixels plus a row, and at the bottom.
    let height = attr(&svg[..svg.find('>').unwrap()], "height");
    let mut rows: Vec<f64> = svg
        .split("<g class=\"axis\"")
        .skip(1)
        .map(|g| attr(&g[..g.find('>').unwrap()], "data-y"))
        .collect();
    rows.sort_by(f64::total_cmp);
    // The lanes start under the charts of quantities (tests/cli/charts.rs), 330 pixels each.
    let lanes_top = svg
        .split("<g class=\"chart\" transform=\"translate(16,")
        .skip(1)
        .map(|t| t.split(')').next().unwrap().parse::<f64>().unwrap() + 330.0)
        .fold(0.0, f64::max);
    assert!(lanes_top > 0.0, "no chart above the lanes");
    assert!(height > 4000.0, "a long chart: {height}");
    assert!(
        rows.len() as f64 >= (height - lanes_top) / 800.0,
        "{rows:?}"
    );
    assert!(
        rows[0] < lanes_top + 100.0 && *rows.last().unwrap() > height - 40.0,
        "{rows:?}"
    );
    for pair in rows.windows(2) {
        assert!(pair[1] - pair[0] <= 800.0 + 22.0 + 32.0, "{rows:?}");
    }
}

#[test]
fn timelinejs_draws_until_and_since_as_spans() {
    let env = Env::empty();
    let run = run_with_columns(&env, None, &["timeline", "--format", "timelinejs"]);
    let doc = json(&run);
    let mut seen = (0, 0);
    for event in doc["events"].as_array().unwrap() {
        let shown = event["display_date"].as_str().unwrap();
        let text = event["text"]["text"].as_str().unwrap();
        let year = |key: &str| event[key]["year"].as_i64();
        if shown.starts_with("until ") || shown.ends_with(" or earlier") {
            seen.0 += 1;
            assert_eq!(
                year("end_date").unwrap() - year("start_date").unwrap(),
                10,
                "{event}"
            );
            assert!(text.contains("No start is known"), "{event}");
        }
        if shown.starts_with("since ") {
            seen.1 += 1;
            assert_eq!(
                year("end_date").unwrap() - year("start_date").unwrap(),
                10,
                "{event}"
            );
            assert!(text.contains("No end is known"), "{event}");
        }
    }
    assert!(seen.0 > 0 && seen.1 > 0, "{seen:?}");
}

/// A text whose 512th byte falls inside a character: the look for a TimeML header reads the
/// first 512 bytes, and must not cut the character (it used to panic).
#[test]
fn extract_reads_a_text_whose_head_ends_inside_a_character() {
    let env = Env::empty();
    let text = format!("{}{}", "a".repeat(511), "é in May 2011. ".repeat(100));
    env.write("head.txt", &text);
    let run = env.ok(&["extract", "head.txt", "--format", "jsonl"]);
    assert!(run.stdout.contains("\"May 2011\""), "{}", run.stdout);
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
}
