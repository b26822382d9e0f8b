//! `factline import-table`: tables by mapping — dates from parts, open ends, code lists,
//! filters, templates, BOM, preamble, quoting, TSV; errors that write nothing; updates; and the
//! shipped mappings on the real datasets.

use similar_asserts::assert_eq;

use crate::{Env, Run};

/// The fixture data plus a dataset source, the ATOP-style vocabulary and a few countries.
pub(crate) fn env() -> Env {
    let env = Env::new();
    env.write(
        "data/tables.toml",
        r#"
[[source]]
id = "test-dataset"
title = "A test table"
kind = "dataset"
reliability = "A"

[[entity]]
id = "uzbekistan"
name = "Uzbekistan"
kind = "country"

[[entity]]
id = "defence"
name = "defence obligation"
kind = "policy"

[[entity]]
id = "consultation"
name = "consultation obligation"
kind = "policy"

[[predicate]]
id = "alliance_member"
label = "member of the alliance"
value_type = "entity"
template = "{subject} in {object}: {obligation}"
"#,
    );
    env.write(
        "codes/cow.toml",
        "description = \"COW\"\n\n[codes]\n365 = \"russia\"\n705 = \"kazakhstan\"\n704 = \"uzbekistan\"\n",
    );
    env.ok(&["import"]);
    env
}

pub(crate) const ALLIANCES: &str = r#"id = "alliances"

[codes]
cow = "codes/cow.toml"
defence = { "1" = "defence", "0" = "" }
consultation = { "1" = "consultation", "0" = "" }

[columns]
atopid = "atopid"
member = { column = "member", codes = "cow" }
cow = "member"
yrent = "yrent"
moent = "moent"
dayent = "dayent"
yrexit = "yrexit"
moexit = "moexit"
dayexit = "dayexit"
defence = { column = "defense", codes = "defence" }
consultation = { column = "consul", codes = "consultation" }
name = "name"

[filter]
cow = [365, 705, 704]

[[entity]]
id = "alliance-{atopid}"
name = "Alliance {atopid}"
kind = "agreement"
note = "Test alliance {atopid}"

[[claim]]
id = "alliance-{atopid}-{member}"
subject = "{member}"
predicate = "alliance_member"
object = "alliance-{atopid}"
qualifiers = { obligation = ["{defence}", "{consultation}"] }
when = { start = { year = "yrent", month = "moent", day = "dayent" }, end = { year = "yrexit", month = "moexit", day = "dayexit" } }
note = "Listed as {name}."

[citation]
source = "test-dataset"
credibility = 2
locator = "atopid {atopid}, member {cow}"
"#;

pub(crate) const TABLE: &str = "atopid,member,yrent,moent,dayent,yrexit,moexit,dayexit,defense,consul,name\n\
4220,705,1992,5,15,0,0,0,1,1,\"Collective Security Treaty, Tashkent\"\n\
4220,704,1992,5,0,1999,4,20,1,0,\"Collective Security Treaty, Tashkent\"\n\
4220,200,1992,5,15,0,0,0,1,1,outside the filter\n\
5000,365,1996,0,0,2001,6,0,0,1,\"a \"\"quoted\"\" name\"\n";

pub(crate) fn claims(env: &Env) -> Vec<(String, String, String)> {
    let run = env.ok(&[
        "sql",
        "--format",
        "csv",
        "SELECT c.id, c.valid_time, coalesce((SELECT group_concat(entity_id, ' ') FROM \
         (SELECT entity_id FROM claim_qualifier WHERE claim_row = c.row_id ORDER BY entity_id)), '') \
         FROM current_claim c WHERE c.predicate = 'alliance_member' ORDER BY c.id",
    ]);
    let mut out = Vec::new();
    for line in run.stdout.trim_start_matches('\u{feff}').lines().skip(1) {
        let parts: Vec<&str> = line.splitn(3, ',').collect();
        out.push((
            parts[0].to_string(),
            parts[1].to_string(),
            parts[2].to_string(),
        ));
    }
    out
}

pub(crate) fn import(env: &Env, table: &str, extra: &[&str]) -> Run {
    let mut args = vec!["import-table", table, "--mapping", "alliances.toml"];
    args.extend_from_slice(extra);
    env.run(&args)
}

#[test]
fn date_parts_with_zero_lower_the_precision_and_exit_zero_is_an_open_end() {
    let env = env();
    env.write("alliances.toml", ALLIANCES);
    env.write("table.csv", TABLE);
    let run = import(&env, "table.csv", &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("table.csv: 4 rows read, 3 kept by the filter; imported into factline.db: added 3 claims"),
        "{}",
        run.stderr
    );
    assert_eq!(
        claims(&env),
        [
            (
                "alliance-4220-kazakhstan".to_string(),
                "1992-05-15/..".to_string(),
                "consultation defence".to_string()
            ),
            (
                "alliance-4220-uzbekistan".to_string(),
                "1992-05/1999-04-20".to_string(),
                "defence".to_string()
            ),
            (
                "alliance-5000-russia".to_string(),
                "1996/2001-06".to_string(),
                "consultation".to_string()
            ),
        ]
    );
    // Templates made the entity, the note and the locator; quoted fields keep their commas.
    let show = env.ok(&["show", "alliance-4220-kazakhstan"]);
    assert!(
        show.stdout
            .contains("Listed as Collective Security Treaty, Tashkent."),
        "{}",
        show.stdout
    );
    assert!(
        show.stdout.contains("atopid 4220, member 705"),
        "{}",
        show.stdout
    );
    let show = env.ok(&["show", "alliance-5000-russia"]);
    assert!(
        show.stdout.contains("Listed as a \"quoted\" name."),
        "{}",
        show.stdout
    );
    let entity = env.ok(&["show", "alliance-4220"]);
    assert!(entity.stdout.contains("Alliance 4220"), "{}", entity.stdout);
    // The timeline words the open end.
    let timeline = env.ok(&["timeline", "--predicate", "alliance_member"]);
    assert!(
        timeline.stdout.contains("since 15 May 1992"),
        "{}",
        timeline.stdout
    );
}

#[test]
fn a_bom_a_preamble_and_tabs_are_read() {
    let env = env();
    let preamble = "Data source: test\nLast updated: 2026\n\n";
    env.write(
        "alliances.toml",
        &ALLIANCES.replace(
            "id = \"alliances\"\n",
            "id = \"alliances\"\n\n[input]\npreamble = 3\n",
        ),
    );
    env.write("bom.csv", &format!("\u{feff}{preamble}{TABLE}"));
    let run = import(&env, "bom.csv", &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(claims(&env).len(), 3);

    // The same rows tab-separated, read with --tsv into a fresh database.
    let tsv: String = TABLE
        .replace("\"Collective Security Treaty, Tashkent\"", "CST")
        .replace("\"a \"\"quoted\"\" name\"", "quoted")
        .replace(',', "\t");
    env.write("table.tsv", &format!("{preamble}{tsv}"));
    std::fs::remove_file(env.path().join("factline.db")).unwrap();
    env.ok(&["import"]);
    let run = import(&env, "table.tsv", &["--tsv"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(claims(&env).len(), 3);
}

#[test]
fn a_bad_row_names_file_line_row_and_column_and_writes_nothing() {
    let env = env();
    env.write("alliances.toml", ALLIANCES);
    env.write(
        "bad.csv",
        &TABLE
            .replace("4220,704,1992,5,0,", "4220,704,199x,5,0,")
            .replace("5000,365,1996,0,0,2001,6,0", "5000,705,1996,0,0,2001,2,30"),
    );
    let before = env.bytes("factline.db");
    let run = import(&env, "bad.csv", &[]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains(
            "bad.csv:3: row 2, column `yrent`: `199x` is not a year; expected a whole number (0 = unknown)"
        ),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("bad.csv:5: row 4, column `yrent`: the date `1996/2001-02-30` is not valid"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("nothing was written"), "{}", run.stderr);
    assert_eq!(
        env.bytes("factline.db"),
        before,
        "the database is unchanged"
    );

    // An unknown code in a kept row.
    env.write("table.csv", TABLE);
    env.write(
        "alliances.toml",
        &ALLIANCES.replace("cow = [365, 705, 704]", "cow = [365, 705, 704, 200]"),
    );
    let run = import(&env, "table.csv", &[]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains(
            "table.csv:4: row 3, column `member`: unknown code `200`: not in code list `cow`"
        ),
        "{}",
        run.stderr
    );
    assert_eq!(env.bytes("factline.db"), before);
}

#[test]
fn skip_invalid_imports_the_rest_and_reports_every_skipped_row() {
    let env = env();
    env.write("alliances.toml", ALLIANCES);
    env.write(
        "bad.csv",
        &TABLE.replace("4220,704,1992,5,0,", "4220,704,1992,13,0,"),
    );
    let run = import(&env, "bad.csv", &["--skip-invalid"]);
    assert_eq!(run.code, 1, "rows were skipped: {}", run.stderr);
    assert!(
        run.stderr.contains(
            "skipped: bad.csv:3: row 2, column `moent`: 13 is not a month; expected 1 to 12, or 0 for unknown"
        ),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("1 row skipped as invalid"),
        "{}",
        run.stderr
    );
    assert_eq!(claims(&env).len(), 2);
}

#[test]
fn a_mapping_naming_a_missing_column_or_an_unknown_predicate_is_refused() {
    let env = env();
    env.write("table.csv", TABLE);
    env.write(
        "alliances.toml",
        &ALLIANCES.replace("yrexit = \"yrexit\"", "yrexit = \"yr_exit\""),
    );
    let run = import(&env, "table.csv", &[]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains(
            "table.csv:1: header: no column `yr_exit` (field `yrexit` of alliances.toml); did you mean `yrexit`?"
        ),
        "{}",
        run.stderr
    );
    env.write(
        "alliances.toml",
        &ALLIANCES
            .replace(
                "predicate = \"alliance_member\"",
                "predicate = \"aliance_member\"",
            )
            .replace("Listed as {name}.", "Listed as {nmae}."),
    );
    let run = import(&env, "table.csv", &[]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains(
            "alliances.toml: claim 1, field `predicate`: unknown predicate `aliance_member`; did you mean `alliance_member`?"
        ),
        "{}",
        run.stderr
    );
    env.write(
        "alliances.toml",
        &ALLIANCES.replace("Listed as {name}.", "Listed as {nmae}."),
    );
    let run = import(&env, "table.csv", &[]);
    assert!(
        run.stderr.contains(
            "claim 1, field `note`: no field `nmae`; declare it under [columns]; did you mean `name`?"
        ),
        "{}",
        run.stderr
    );
    env.write(
        "alliances.toml",
        &ALLIANCES.replace("[citation]", "[citatoin]"),
    );
    let run = import(&env, "table.csv", &[]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("alliances.toml:"), "{}", run.stderr);
}

#[test]
fn a_second_import_changes_nothing_and_a_new_release_retracts_what_changed() {
    let env = env();
    env.write("alliances.toml", ALLIANCES);
    env.write("table.csv", TABLE);
    import(&env, "table.csv", &[]);
    let run = import(&env, "table.csv", &[]);
    assert_eq!(run.code, 0);
    assert!(
        run.stderr
            .contains("nothing to change: factline.db already holds its 3 claims"),
        "{}",
        run.stderr
    );
    // The new release: Uzbekistan's exit moves, Russia's row is gone, a member joins.
    let newer = TABLE.replace("1999,4,20", "1999,4,2").replace(
        "5000,365,1996,0,0,2001,6,0,0,1,\"a \"\"quoted\"\" name\"\n",
        "",
    ) + "4220,365,1992,5,15,0,0,0,1,1,CST\n";
    env.write("newer.csv", &newer);
    let before = env.bytes("factline.db");
    let run = import(&env, "newer.csv", &["--dry-run"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        run.stdout,
        "change   alliance-4220-uzbekistan  alliance-4220 (1992-05/1999-04-02)  (when: May 1992–20 April 1999 (1992-05/1999-04-20) → May 1992–2 April 1999 (1992-05/1999-04-02))\n\
         add      alliance-4220-russia  alliance-4220 (1992-05-15/..)\n\
         retract  alliance-5000-russia\n"
    );
    assert!(
        run.stderr
            .contains("would add 1 claim, change 1, retract 1 (1 unchanged)"),
        "{}",
        run.stderr
    );
    assert_eq!(env.bytes("factline.db"), before, "a dry run writes nothing");
    let run = import(&env, "newer.csv", &[]);
    assert!(
        run.stderr
            .contains("added 1 claim, changed 1, retracted 1, 1 unchanged"),
        "{}",
        run.stderr
    );
    let ids: Vec<String> = claims(&env).into_iter().map(|c| c.0).collect();
    assert_eq!(
        ids,
        [
            "alliance-4220-kazakhstan",
            "alliance-4220-russia",
            "alliance-4220-uzbekistan"
        ]
    );
    // The retracted claim is kept: `show` still finds it, with its version's span.
    let show = env.ok(&["show", "alliance-5000-russia"]);
    assert!(
        show.stdout.contains(
            "earlier versions\n  2026-01-02T03:04:05Z – 2026-01-02T03:04:05Z  1996–June 2001"
        ),
        "{}",
        show.stdout
    );
}

#[test]
fn the_shipped_mappings_load_the_real_datasets() {
    let shared = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/datasets");
    let wb = shared.join("worldbank-population.csv");
    let atop = shared.join("atop5_1m.csv");
    if !wb.exists() || !atop.exists() {
        eprintln!("skipped: the datasets are not in {}", shared.display());
        return;
    }
    let env = Env::bundled();
    // Without the bundled extracts: the full files bring the same claims.
    std::fs::remove_dir_all(env.path().join("data/datasets")).unwrap();
    for mapping in ["worldbank-population", "atop-members"] {
        let path = env.path().join(format!("data/mappings/{mapping}.toml"));
        let text = std::fs::read_to_string(&path).unwrap();
        let text: String = text
            .lines()
            .filter(|l| !l.starts_with("extract ="))
            .map(|l| format!("{l}\n"))
            .collect();
        std::fs::write(&path, text).unwrap();
    }
    env.ok(&["import"]);
    let run = env.ok(&[
        "import-table",
        wb.to_str().unwrap(),
        "--mapping",
        "data/mappings/worldbank-population.toml",
    ]);
    assert!(
        run.stderr
            .contains("17195 rows read, 390 kept by the filter"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("added 390 claims"), "{}", run.stderr);
    let run = env.ok(&[
        "import-table",
        atop.to_str().unwrap(),
        "--mapping",
        "data/mappings/atop-members.toml",
    ]);
    assert!(
        run.stderr
            .contains("2510 rows read, 716 kept by the filter"),
        "{}",
        run.stderr
    );
    let show = env.ok(&["show", "wb-population-kazakhstan-2013"]);
    assert!(
        show.stdout.contains("Country Code KAZ, Year 2013"),
        "{}",
        show.stdout
    );
    // The CIS Collective Security Treaty: Kazakhstan from 15 May 1992, its second phase still
    // in effect when ATOP's coverage ends in 2018.
    let show = env.ok(&["show", "atop-4220-2-kazakhstan-2002"]);
    assert!(show.stdout.contains("2002-10-07/2018"), "{}", show.stdout);
    let run = env.ok(&[
        "timeline",
        "--entity",
        "Kazakhstan",
        "--predicate",
        "alliance_member",
        "--format",
        "jsonl",
    ]);
    assert!(
        run.stdout
            .contains("Defence pact of Russia, Tajikistan, Kyrgyzstan and 6 others, 1992"),
        "{}",
        run.stdout
    );
    // The bundled extracts hold exactly these rows: a database built from them is unchanged.
    let bundled = Env::bundled();
    bundled.ok(&["import"]);
    let run = bundled.ok(&[
        "import-table",
        wb.to_str().unwrap(),
        "--mapping",
        "data/mappings/worldbank-population.toml",
    ]);
    assert!(run.stderr.contains("nothing to change"), "{}", run.stderr);
}

/// The TOML block that follows `marker` in the README.
fn readme_block(marker: &str) -> String {
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md"))
        .expect("README.md");
    let after = &readme[readme.find(marker).expect("marker") + marker.len()..];
    let start = after.find("```toml\n").expect("a toml block") + "```toml\n".len();
    let end = after[start..].find("```").expect("the block's end");
    after[start..start + end].to_string()
}

#[test]
fn the_readme_walkthrough_maps_a_sipri_export() {
    let env = Env::bundled();
    env.write("data/sipri.toml", &readme_block("<!-- sipri-data -->"));
    env.ok(&["import"]);
    env.write("sipri.toml", &readme_block("<!-- sipri-mapping -->"));
    env.write("trade-register.csv", SIPRI_EXPORT);
    let run = env.run(&[
        "import-table",
        "trade-register.csv",
        "--mapping",
        "sipri.toml",
        "--dry-run",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        run.stdout.lines().take(4).collect::<Vec<_>>(),
        [
            "add      sipri-59434-2016  2 (2016)",
            "add      sipri-59434-order  weapon-su-30mk (2015~)",
            "add      sipri-59434-2018  4 (2018)",
            "add      sipri-58971-2015  about 5 (2015)",
        ]
    );
    env.ok(&[
        "import-table",
        "trade-register.csv",
        "--mapping",
        "sipri.toml",
    ]);
    let show = env.ok(&["show", "sipri-59434-2016"]);
    assert!(
        show.stdout
            .contains("Kazakhstan received 2 Su-30MK from Russia"),
        "{}",
        show.stdout
    );
    let show = env.ok(&["show", "sipri-39364-2006"]);
    assert!(
        show.stdout
            .contains("Kyrgyzstan received 1 An-2 from an unknown supplier"),
        "{}",
        show.stdout
    );
}

#[test]
fn a_repeated_row_gives_one_claim_and_a_differing_repeat_writes_nothing() {
    let env = env();
    env.write("alliances.toml", ALLIANCES);
    let first = TABLE.lines().nth(1).unwrap();
    // The same row twice: one claim, and the alliance (an entity of every row) once.
    env.write("twice.csv", &format!("{TABLE}{first}\n"));
    let run = import(&env, "twice.csv", &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("added 3 claims, changed 0, retracted 0, 0 unchanged; 2 entities added"),
        "{}",
        run.stderr
    );
    assert_eq!(claims(&env).len(), 3);

    // A later row that gives the first row's claim id another way: refused, though the rows
    // before it had been written in the transaction.
    let before = env.bytes("factline.db");
    let other = first.replace("1992,5,15,0,0,0", "1993,5,15,0,0,0");
    env.write("differs.csv", &format!("{TABLE}{other}\n"));
    for extra in [&[][..], &["--dry-run"][..]] {
        let run = import(&env, "differs.csv", extra);
        assert_eq!(run.code, 2, "{}", run.stderr);
        assert!(
            run.stderr.contains(
                "differs.csv:6: row 5: claim `alliance-4220-kazakhstan` differs from the one row \
                 1 gives; make the claim's id template unique per row"
            ),
            "{}",
            run.stderr
        );
        assert_eq!(
            env.bytes("factline.db"),
            before,
            "the database is unchanged"
        );
    }
}

#[test]
fn a_release_lists_twenty_retracted_ids_then_counts_the_rest() {
    let env = env();
    env.write("alliances.toml", ALLIANCES);
    let header = TABLE.lines().next().unwrap();
    let row = |atopid: usize| format!("{atopid},705,1992,5,15,0,0,0,1,1,Alliance\n");
    let all: String = (1000..1025).map(row).collect();
    env.write("all.csv", &format!("{header}\n{all}"));
    assert_eq!(import(&env, "all.csv", &[]).code, 0);
    assert_eq!(claims(&env).len(), 25);

    env.write("one.csv", &format!("{header}\n{}", row(1000)));
    let run = import(&env, "one.csv", &["--dry-run"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.stdout.lines().count(), 24, "{}", run.stdout);
    assert!(
        run.stdout
            .starts_with("retract  alliance-1001-kazakhstan\n"),
        "{}",
        run.stdout
    );
    let run = import(&env, "one.csv", &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let listed: Vec<String> = (1001..1021)
        .map(|n| format!("alliance-{n}-kazakhstan"))
        .collect();
    assert!(
        run.stderr.contains(&format!(
            "retracted (no longer in the table): {} and 4 more\n",
            listed.join(", ")
        )),
        "{}",
        run.stderr
    );
    assert_eq!(claims(&env).len(), 1);
}

/// The SIPRI trade register as its site exports it: notes above the header, a row per deal and
/// delivery year (a few rows in the real shape; the real file is tested below when present).
const SIPRI_EXPORT: &str = "\
Transfers of major conventional arms from All countries  to All countries . Deals with deliveries or orders made for year range '2000' to '2030' \n\
A '?' in a column indicates uncertain data.\n\
An empty field for 'Number ordered' indicates that data is not yet available.\n\
SIPRI trend-indicator values (TIVs) are in millions.\n\
(a note on TIVs)\n\
(a note on zeros)\n\
Figures may not add up to stated totals due to the conventions of rounding.\n\
(a note on methods)\n\
\n\
Source: SIPRI Arms Transfers Database (c) SIPRI.\n\
Data generated: 3 Jan 2025 9:16:02 PM\n\
SIPRI AT Database ID,Supplier,Recipient,Designation,Description,Armament category,Order date,Order date is estimate,Numbers delivered,Numbers delivered is estimate,Delivery year,Delivery year is estimate,Status,SIPRI estimate,TIV deal unit,TIV delivery values,Local production\n\
59434,Russia,Kazakhstan,Su-30MK,FGA aircraft,Aircraft,2015,Yes,2,No,2016,No,New,55,55,110,No\n\
59434,Russia,Kazakhstan,Su-30MK,FGA aircraft,Aircraft,2015,Yes,4,No,2018,No,New,55,55,220,No\n\
58971,Russia,Kazakhstan,S-300PS,SAM system,Air defence systems,2013,Yes,5,Yes,2015,No,Second hand,42.5,17,85,No\n\
60809,Spain,Kazakhstan,C-295 -,transport aircraft,Aircraft,2017,No,2,No,2017,No,New,12.5,12.5,25,No\n\
39364,unknown supplier(s),Kyrgyzstan,An-2,light transport aircraft,Aircraft,2006,Yes,1,No,2006,Yes,Second hand,1,0.4,0.4,No\n\
63483,Turkiye,Kazakhstan,SARP-Dual,IFV turret,Other,2016,No,30,Yes,2018,Yes,New,0.05,0.05,1.5,Yes\n\
53125,United States,Afghanistan,HMMWV-UA,APV,Armoured vehicles,2010,No,237,Yes,2012,Yes,New,0.13,0.13,30.81,No\n";

/// The bundle with the SIPRI vocabulary imported.
fn sipri_env() -> Env {
    let env = Env::bundled();
    env.ok(&["import"]);
    env.ok(&["import", "data/mappings/vocabulary/sipri-transfers.toml"]);
    env
}

fn show(env: &Env, id: &str) -> String {
    env.ok(&["show", id]).stdout
}

#[test]
fn the_shipped_sipri_mapping_reads_orders_and_deliveries_of_an_export() {
    let env = sipri_env();
    env.write("register.csv", SIPRI_EXPORT);
    let mapping = "data/mappings/sipri-transfers.toml";
    let run = env.ok(&["import-table", "register.csv", "--mapping", mapping]);
    assert!(
        run.stderr.contains(
            "7 rows read, 6 kept by the filter; imported into factline.db: added 11 claims"
        ),
        "{}",
        run.stderr
    );
    // A delivery: the weapon in the label, the row as the quote, deal and year as the locator.
    let s = show(&env, "sipri-59434-2016");
    assert!(
        s.contains("label       Kazakhstan received 2 Su-30MK from Russia\n"),
        "{s}"
    );
    assert!(
        s.contains("locator   SIPRI AT Database ID 59434, delivery year 2016\n"),
        "{s}"
    );
    // The order, once for the deal's two rows, cited by the deal's columns; an estimated
    // order date is approximate.
    let s = show(&env, "sipri-59434-order");
    assert!(
        s.contains("label       Kazakhstan ordered Su-30MK from Russia\n"),
        "{s}"
    );
    assert!(s.contains("when        c. 2015  (2015~:"), "{s}");
    assert!(
        s.contains("quote     “59434,Russia,Kazakhstan,Su-30MK,FGA aircraft,Aircraft,2015,Yes”"),
        "{s}"
    );
    assert!(s.contains("locator   SIPRI AT Database ID 59434\n"), "{s}");
    // An estimated number is "about"; SIPRI's " -" is trimmed; a name the code list gives;
    // an estimated year; SIPRI's unknown supplier in words.
    let s = show(&env, "sipri-58971-2015");
    assert!(
        s.contains("Kazakhstan received about 5 S-300PS from Russia"),
        "{s}"
    );
    let s = show(&env, "sipri-60809-2017");
    assert!(s.contains("Kazakhstan received 2 C-295 from Spain"), "{s}");
    assert!(s.contains("weapon = weapon-c-295 (C-295)"), "{s}");
    let s = show(&env, "sipri-63483-2018");
    assert!(
        s.contains("Kazakhstan received about 30 SARP-Dual from Turkey"),
        "{s}"
    );
    assert!(s.contains("when        c. 2018  (2018~:"), "{s}");
    let s = show(&env, "sipri-39364-2006");
    assert!(
        s.contains("Kyrgyzstan received 1 An-2 from an unknown supplier"),
        "{s}"
    );
    // A deal's deliveries year by year are a dataset's series: one line unless asked in full.
    let run = env.ok(&["timeline", "--entity", "Kazakhstan", "--format", "markdown"]);
    assert!(
        run.stdout
            .contains("weapons delivered (supplier Russia, weapon Su-30MK): 2 in 2016"),
        "{}",
        run.stdout
    );
    let run = env.ok(&[
        "timeline",
        "--entity",
        "Kazakhstan",
        "--format",
        "markdown",
        "--full-series",
    ]);
    assert!(
        run.stdout
            .contains("Kazakhstan received 2 Su-30MK from Russia"),
        "{}",
        run.stdout
    );
    assert!(!run.stdout.contains("[supplier?]"), "{}", run.stdout);
    // Again: nothing to change.
    let run = env.ok(&["import-table", "register.csv", "--mapping", mapping]);
    assert!(run.stderr.contains("nothing to change"), "{}", run.stderr);
}

#[test]
fn the_sipri_register_export_imports_whole() {
    let file = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/datasets/sipri-arms-transfers-2000-2030.csv");
    if !file.exists() {
        eprintln!("skipped: the SIPRI export is not at {}", file.display());
        return;
    }
    let env = sipri_env();
    let file = file.to_str().unwrap();
    let mapping = "data/mappings/sipri-transfers.toml";
    let run = env.ok(&["import-table", file, "--mapping", mapping, "--dry-run"]);
    assert!(
        run.stdout.contains("add      sipri-59434-2016  2 (2016)\n"),
        "{}",
        run.stdout
    );
    let run = env.ok(&["import-table", file, "--mapping", mapping]);
    assert!(
        run.stderr.contains(
            "20480 rows read, 330 kept by the filter; imported into factline.db: added 551 claims"
        ),
        "{}",
        run.stderr
    );
    // Kazakhstan's Su-30s from Russia: deal 59434, ordered c. 2015, 2 delivered in 2016.
    let s = show(&env, "sipri-59434-2016");
    assert!(
        s.contains("label       Kazakhstan received 2 Su-30MK from Russia\n"),
        "{s}"
    );
    assert!(
        s.contains(
            "quote     “59434,Russia,Kazakhstan,Su-30MK,FGA aircraft,Aircraft,2015,Yes,2,No,2016,\
             No,New,55,55,110,No”"
        ),
        "{s}"
    );
    let run = env.ok(&[
        "timeline",
        "--entity",
        "Kazakhstan",
        "--source",
        "sipri-arms-transfers",
        "--format",
        "jsonl",
    ]);
    let line = run
        .stdout
        .lines()
        .find(|l| l.contains("\"sipri-59434-2016\""))
        .expect("the 2016 delivery in the timeline");
    let entry: serde_json::Value = serde_json::from_str(line).unwrap();
    assert_eq!(entry["label"], "Kazakhstan received 2 Su-30MK from Russia");
    assert_eq!(entry["when"], "2016");
    // Uzbekistan's and Turkmenistan's rows are there too.
    let count = |recipient: &str| {
        let run = env.ok(&[
            "sql",
            "--format",
            "csv",
            &format!(
                "SELECT count(*) FROM current_claim WHERE origin = 'table:sipri-transfers' \
                 AND subject = '{recipient}' AND predicate = 'arms_delivered'"
            ),
        ]);
        run.stdout.lines().nth(1).unwrap().parse::<usize>().unwrap()
    };
    assert!(count("uzbekistan") > 10 && count("turkmenistan") > 10);
    let found = env.ok(&["search", "--format", "json", "Su-30"]);
    assert!(
        found.stdout.contains("sipri-59434-2016"),
        "{}",
        found.stdout
    );
    let run = env.ok(&["import-table", file, "--mapping", mapping]);
    assert!(run.stderr.contains("nothing to change"), "{}", run.stderr);
}

#[test]
fn the_readme_shows_the_shipped_sipri_mapping() {
    let shipped = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/data/mappings/sipri-transfers.toml"
    ))
    .unwrap();
    let body = |text: &str| -> String {
        text.lines()
            .filter(|l| !l.starts_with('#') && !l.is_empty())
            .map(|l| format!("{l}\n"))
            .collect()
    };
    assert_eq!(
        body(&readme_block("<!-- sipri-mapping -->")),
        body(&shipped)
    );
}

const MEMBERS: &str = r#"id = "members"

[codes]
country = { "KAZ" = "kazakhstan", "RUS" = "russia" }

[columns]
country = { column = "Country", codes = "country" }
partner = { column = "Partner", slug = true }
year = "Year"

[[claim]]
id = "member-{row}"
subject = "{country}"
predicate = "alliance_member"
object = "{partner}"
when = "{year}"

[citation]
source = "test-dataset"
credibility = 2
"#;

const MEMBER_ROWS: &str = "Country,Partner,Year\n\
KAZ,Russia,2001\n\
XYZ,Russia,2002\n\
XYZ,Russia,2003\n\
QQQ,Russia,2004\n\
KAZ,Outer Space,2005\n\
KAZ,Outer Space,2006\n\
XYZ,Russia,2007\n";

#[test]
fn unknown_codes_and_entities_are_listed_once_with_what_to_paste() {
    let env = env();
    env.write("members.toml", MEMBERS);
    env.write("members.csv", MEMBER_ROWS);
    let before = env.bytes("factline.db");
    let run = env.run(&["import-table", "members.csv", "--mapping", "members.toml"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert_eq!(env.bytes("factline.db"), before, "nothing written");
    let lines: Vec<&str> = run.stderr.lines().collect();
    let mentioning = |text: &str| lines.iter().filter(|l| l.contains(text)).count();
    // One problem per distinct code or id, with how many rows name it and the first one.
    assert!(
        run.stderr.contains(
            "members.csv:3: row 2, column `Country`: unknown code `XYZ`: not in code list \
             `country` (3 rows, the first here); add it to the list, or leave its rows out with \
             [filter]\n"
        ),
        "{}",
        run.stderr
    );
    assert_eq!(mentioning("unknown code `XYZ`"), 1, "{}", run.stderr);
    assert!(
        run.stderr.contains(
            "members.csv:5: row 4, column `Country`: unknown code `QQQ`: not in code list \
             `country`; add"
        ),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains(
            "members.csv:6: row 5, column `Partner`: claim `member-5`: object `outer-space` is \
             not a known entity (2 rows, the first here)\n"
        ),
        "{}",
        run.stderr
    );
    assert_eq!(mentioning("`outer-space` is not"), 1, "{}", run.stderr);
    // What to paste.
    assert!(
        run.stderr.contains(
            "to list 2 codes, add to code list `country` (each with the entity id it stands \
             for, or \"\" for nothing):\n\"XYZ\" = \"xyz\"\n\"QQQ\" = \"qqq\"\n"
        ),
        "{}",
        run.stderr
    );
    let stub_start = run.stderr.find("[[entity]]").expect("an entity stub");
    let stub: String = run.stderr[stub_start..]
        .lines()
        .take_while(|l| !l.is_empty() && !l.contains("problems in the data files"))
        .map(|l| format!("{l}\n"))
        .collect();
    assert_eq!(
        stub,
        "[[entity]]\nid = \"outer-space\"\nname = \"Outer Space\"\nkind = \"country\"\n"
    );
    // --skip-invalid reports them the same way, once each.
    let run = env.run(&[
        "import-table",
        "members.csv",
        "--mapping",
        "members.toml",
        "--skip-invalid",
    ]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(
        run.stderr
            .lines()
            .filter(|l| l.contains("unknown code `XYZ`"))
            .count(),
        1,
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("added 1 claim,"), "{}", run.stderr);
    // The stub pasted as it is makes the entity known; listing the codes as the stub says
    // (here, as a known country) makes their rows valid.
    env.write("data/space.toml", &stub);
    env.ok(&["import"]);
    env.write(
        "members.toml",
        &MEMBERS.replace(
            "\"RUS\" = \"russia\"",
            "\"RUS\" = \"russia\", \"XYZ\" = \"uzbekistan\", \"QQQ\" = \"uzbekistan\"",
        ),
    );
    let run = env.ok(&["import-table", "members.csv", "--mapping", "members.toml"]);
    assert!(run.stderr.contains("added 6 claims"), "{}", run.stderr);
    let s = env.ok(&["show", "member-5"]).stdout;
    assert!(s.contains("Outer Space"), "{s}");
}

const STOCKS: &str = r#"id = "stocks"

[codes]
country = { "KAZ" = "kazakhstan" }
about = { "Yes" = "about", "No" = "" }

[columns]
country = { column = "Country", codes = "country" }
number = "N"
low = "Low"
high = "High"
unit = "Unit"
estimate = { column = "Estimate", codes = "about" }
bound = "Bound"
year = "Year"

[[claim]]
id = "stock-{row}"
subject = "{country}"
predicate = "stock"
quantity = "{number}"
lower = "{low}"
upper = "{high}"
unit = "{unit}"
bound = "{estimate}"
when = "{year}"

[[claim]]
id = "count-{row}"
subject = "{country}"
predicate = "count"
quantity = "{number}"
bound = "{bound}"
when = "{year}"

[citation]
source = "test-dataset"
credibility = 2
"#;

#[test]
fn bound_unit_and_range_are_templates_and_one_reads_singular() {
    let env = env();
    env.write(
        "data/stocks.toml",
        r#"
[[predicate]]
id = "stock"
label = "stock"
value_type = "quantity"
template = "{subject} holds {value}"

[[predicate]]
id = "count"
label = "count"
value_type = "quantity"
unit = "items"
template = "{subject} counted {value}"
"#,
    );
    env.ok(&["import"]);
    env.write("stocks.toml", STOCKS);
    env.write(
        "stocks.csv",
        "Country,N,Low,High,Unit,Estimate,Bound,Year\n\
         KAZ,1,,,tanks,No,at_least,2001\n\
         KAZ,40,30,50,tanks,Yes,,2002\n",
    );
    env.ok(&["import-table", "stocks.csv", "--mapping", "stocks.toml"]);
    let label = |id: &str| {
        let s = env.ok(&["show", id]).stdout;
        s.lines()
            .find_map(|l| l.strip_prefix("label       "))
            .unwrap_or_default()
            .to_string()
    };
    assert_eq!(label("stock-1"), "Kazakhstan holds 1 tank");
    assert_eq!(label("count-1"), "Kazakhstan counted at least 1 item");
    assert_eq!(label("stock-2"), "Kazakhstan holds about 30–50 tanks");
    assert_eq!(label("count-2"), "Kazakhstan counted 40 items");

    // A row's bound that is not one: the column, the value and the valid ones.
    env.write(
        "bad.csv",
        "Country,N,Low,High,Unit,Estimate,Bound,Year\nKAZ,3,,,tanks,No,roughly,2003\n",
    );
    let run = env.run(&["import-table", "bad.csv", "--mapping", "stocks.toml"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains(
            "bad.csv:2: row 1, column `Bound`: `roughly` is not a bound; use one of exact, about, \
             at_least, more_than, at_most, nearly (or nothing for exact)"
        ),
        "{}",
        run.stderr
    );
    // A fixed bound is checked with the mapping; a predicate's unit cannot vary by row.
    env.write(
        "fixed.toml",
        &STOCKS.replace("bound = \"{bound}\"", "bound = \"roughly\""),
    );
    let run = env.run(&["import-table", "stocks.csv", "--mapping", "fixed.toml"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("fixed.toml: claim 2, field `bound`: `roughly` is not a bound"),
        "{}",
        run.stderr
    );
    env.write(
        "unit.toml",
        &STOCKS.replace(
            "bound = \"{bound}\"",
            "bound = \"{bound}\"\nunit = \"{unit}\"",
        ),
    );
    let run = env.run(&["import-table", "stocks.csv", "--mapping", "unit.toml"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("claim 2, field `unit`: `count` is measured in `items`, not `{unit}`"),
        "{}",
        run.stderr
    );
}
