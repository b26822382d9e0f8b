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
        "change   alliance-4220-uzbekistan  alliance-4220 (1992-05/1999-04-20)  →  alliance-4220 (1992-05/1999-04-02)\n\
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
            .contains("2510 rows read, 294 kept by the filter"),
        "{}",
        run.stderr
    );
    let show = env.ok(&["show", "wb-population-kazakhstan-2013"]);
    assert!(
        show.stdout.contains("Country Code KAZ, Year 2013"),
        "{}",
        show.stdout
    );
    // The CIS Collective Security Treaty: Kazakhstan from 15 May 1992, still in effect.
    let show = env.ok(&["show", "atop-4220-2-kazakhstan"]);
    assert!(show.stdout.contains("2002-10-07/.."), "{}", show.stdout);
    let run = env.ok(&[
        "timeline",
        "--entity",
        "Kazakhstan",
        "--predicate",
        "alliance_member",
    ]);
    assert!(run.stdout.contains("ATOP alliance 4220"), "{}", run.stdout);
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
fn the_readme_walkthrough_maps_a_sipri_shaped_table() {
    let env = Env::bundled();
    env.write("data/sipri.toml", &readme_block("<!-- sipri-data -->"));
    env.ok(&["import"]);
    env.write("sipri.toml", &readme_block("<!-- sipri-mapping -->"));
    env.write(
        "sipri.csv",
        "Transfers of major weapons: deals with deliveries or orders made\n\
         Information generated: (a test table)\n\
         Deal ID,Recipient,Supplier,Year of order,Number ordered,Weapon designation\n\
         1,Kazakhstan,Russia,2015,4,\"Su-30SM, multirole\"\n\
         2,Belarus,Russia,2016,12,Yak-130\n\
         3,Uzbekistan,Russia,2019,12,Su-30SM\n",
    );
    let run = env.run(&[
        "import-table",
        "sipri.csv",
        "--mapping",
        "sipri.toml",
        "--dry-run",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        run.stdout,
        "add      sipri-1  4 items (2015)\nadd      sipri-3  12 items (2019)\n"
    );
    env.ok(&["import-table", "sipri.csv", "--mapping", "sipri.toml"]);
    let show = env.ok(&["show", "sipri-1"]);
    assert!(
        show.stdout
            .contains("Kazakhstan ordered 4 items from Russia"),
        "{}",
        show.stdout
    );
    assert!(
        show.stdout.contains("Weapon: Su-30SM, multirole."),
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
