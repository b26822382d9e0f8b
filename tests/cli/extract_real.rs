//! `factline extract` on text shaped like real news: a hard-wrapped wire story (lines broken
//! inside sentences, numbers and names), read as one flow, with every offset, line and quote
//! pointing at the file as it is.

use crate::Env;

/// A wire story wrapped at about 66 columns, written for this test: a number cut after its
/// comma ("7,⏎000"), a name cut between its words, a unit on the next line, and figures that
/// are no quantities (a coordinate, a footnote marker, a time stamp).
const STORY: &str = "Peacekeepers to Leave Border Posts\n\
\n\
ALMATY, May 2 -- The defence ministry said on Tuesday that up to 7,\n\
000 servicemen of the forces of the Collective Security Treaty\n\
Organization will leave their posts along the 1,300-kilometer\n\
border of Kyrgyzstan and Tajikistan by June. The contingent, which\n\
arrived there in March 2011, now holds 12 Su-30SM jets, two Mi-8\n\
helicopters and about 300 armoured vehicles at a base 30\n\
kilometers from the border, at 42°51′N, 74°36′E.[2] Between 1,500\n\
and 2,000 of them will stay until a new treaty enters into force.\n\
\n\
Updated 02-05-2012 14:45\n";

fn as_usize(v: &serde_json::Value) -> usize {
    usize::try_from(v.as_u64().unwrap()).unwrap()
}

#[test]
fn a_hard_wrapped_story_is_read_as_one_with_the_files_offsets() {
    let env = Env::empty();
    env.write("story.txt", STORY);
    let run = env.ok(&[
        "extract",
        "story.txt",
        "--published",
        "2012-05-02",
        "--format",
        "jsonl",
    ]);
    let found: Vec<serde_json::Value> = run
        .stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();

    // Every quantity, and nothing from the coordinate, the footnote or the time stamp.
    let quantities: Vec<(String, u64, f64, String, String)> = found
        .iter()
        .filter(|c| c["kind"] == "quantity")
        .map(|c| {
            let q = &c["quantity"];
            (
                c["text"].as_str().unwrap().to_string(),
                c["line"].as_u64().unwrap(),
                q["amount"].as_f64().unwrap(),
                q["unit"].as_str().unwrap_or("-").to_string(),
                q["bound"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let want = [
        ("up to 7,\n000 servicemen", 3, 7000.0, "persons", "at_most"),
        ("1,300-kilometer", 5, 1300.0, "km", "exact"),
        ("12 Su-30SM jets", 7, 12.0, "aircraft", "exact"),
        ("two Mi-8\nhelicopters", 7, 2.0, "helicopters", "exact"),
        ("about 300 armoured vehicles", 8, 300.0, "vehicles", "about"),
        ("30\nkilometers", 8, 30.0, "km", "exact"),
        ("Between 1,500\nand 2,000", 9, 1750.0, "-", "exact"),
    ];
    let want: Vec<(String, u64, f64, String, String)> = want
        .iter()
        .map(|&(t, l, a, u, b)| (t.to_string(), l, a, u.to_string(), b.to_string()))
        .collect();
    assert_eq!(quantities, want);
    let range = found
        .iter()
        .find(|c| c["text"] == "Between 1,500\nand 2,000")
        .unwrap();
    assert_eq!(range["quantity"]["lower"], 1500.0);
    assert_eq!(range["quantity"]["upper"], 2000.0);

    // A date cut by the break is one expression.
    let march = found.iter().find(|c| c["edtf"] == "2011-03").unwrap();
    assert_eq!(march["text"], "March 2011");
    assert_eq!(march["line"], 7);

    // The name cut between its words is one mention, quoted as the file has it.
    let mention = found
        .iter()
        .flat_map(|c| c["entities"].as_array().unwrap())
        .find(|m| m["id"] == "csto")
        .unwrap();
    assert_eq!(mention["text"], "Collective Security Treaty\nOrganization");

    // Every quote at its reported offsets is the file's own text, on its reported line, in
    // its sentence; read with the breaks joined, it is one line of words.
    for c in &found {
        let (start, end) = (as_usize(&c["start"]), as_usize(&c["end"]));
        let quote = &STORY[start..end];
        assert_eq!(quote, c["text"].as_str().unwrap(), "{c}");
        assert_eq!(
            c["line"].as_u64().unwrap() as usize,
            1 + STORY[..start].matches('\n').count(),
            "{c}"
        );
        let sentence = &c["sentence"];
        assert!(
            as_usize(&sentence["start"]) <= start && end <= as_usize(&sentence["end"]),
            "{c}"
        );
        assert!(
            !quote.contains("\n\n"),
            "a candidate never crosses a paragraph: {c}"
        );
        for m in c["entities"].as_array().unwrap() {
            let (s, e) = (as_usize(&m["start"]), as_usize(&m["end"]));
            assert_eq!(&STORY[s..e], m["text"].as_str().unwrap(), "{m}");
        }
    }
    // One candidate per id.
    let mut ids: Vec<&str> = found.iter().map(|c| c["id"].as_str().unwrap()).collect();
    let all = ids.len();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), all, "an id is reported once");

    // The same candidates when the story is read with Windows line ends, offsets shifted by
    // the carriage returns before them.
    env.write("story-crlf.txt", &STORY.replace('\n', "\r\n"));
    let crlf = env.ok(&[
        "extract",
        "story-crlf.txt",
        "--published",
        "2012-05-02",
        "--format",
        "jsonl",
    ]);
    let texts = |out: &str| -> Vec<(String, String, u64)> {
        out.lines()
            .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap())
            .map(|c| {
                (
                    c["kind"].as_str().unwrap().to_string(),
                    c["text"].as_str().unwrap().replace('\r', ""),
                    c["line"].as_u64().unwrap(),
                )
            })
            .collect()
    };
    assert_eq!(texts(&crlf.stdout), texts(&run.stdout));
}
