//! The one-at-a-time review: shows each candidate (its sentence with the phrase marked, the
//! claim it suggests, and the stored claims it would agree or conflict with, as the conflict
//! engine judges them) and reads a key per line: accept, edit then accept, reject with a
//! reason, skip, undo, quit. It reads from any `BufRead` and writes to any `Write`, so a test
//! can script it; decisions are returned, and applied by the caller, when the session ends.

use std::io::{self, BufRead, Write};

use crate::db::review::Queued;
use crate::model::Value;
use crate::text::visible::visible;

use super::{Suggested, value_words};

/// Fields an analyst changed before accepting; `None` (or empty) keeps the suggestion's.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Edit {
    pub subject: Option<String>,
    pub predicate: Option<String>,
    /// The value or object, as typed: a figure, an entity's name, a text.
    pub value: Option<String>,
    pub when: Option<String>,
    /// `KEY=NAME` qualifiers: each replaces that key's entities (`KEY=` drops the key).
    pub qualifiers: Vec<String>,
    /// A new quote, verbatim from the text (its locator follows it).
    pub quote: Option<String>,
    /// `NAME=KIND`: entities to create with the claim (a `new` mention of the candidate, or a
    /// name the vocabulary lacks).
    pub adopt: Vec<String>,
    /// `NAME=ALIAS`: another name of an adopted entity.
    pub aliases: Vec<String>,
}

/// A decision taken in a session.
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    Accept(Edit),
    Reject(String),
}

/// A stored claim beside a suggestion, with the conflict engine's verdict on the two once the
/// candidate is accepted: what `factline conflicts --all` would then say.
#[derive(Debug, Clone, PartialEq)]
pub struct Existing {
    pub claim: String,
    pub value: String,
    pub when: String,
    /// `conflict`, `tension`, `agrees` (consistent, or the same statement) or `not compared`.
    pub relation: &'static str,
    /// The engine's explanation and reading, or why the two are not compared.
    pub explanation: String,
    /// The id of the entry `factline conflicts` would list the two under.
    pub finding: Option<String>,
}

/// One candidate as the session shows it.
#[derive(Debug, Clone)]
pub struct Shown {
    pub queued: Queued,
    pub suggested: Suggested,
    pub value: Value,
    pub rule: String,
    pub existing: Vec<Existing>,
}

/// How many stored claims the engine would not compare with a candidate are shown.
const NOT_COMPARED_SHOWN: usize = 3;

/// Claims shown one by one under the same entry and verdict; the rest are named by id.
const SAME_VERDICT_SHOWN: usize = 3;

/// Ids named of the claims beyond those shown under one entry.
const MORE_IDS_SHOWN: usize = 8;

const KEYS: &str = "[a]ccept  [e]dit  [r]eject  [s]kip  [u]ndo  [q]uit";

/// The longest line read from the input: a key, an edit or a reason. A longer one (or an
/// input without line breaks) is an error, not a line held in memory however long it grows.
pub const MAX_LINE_BYTES: usize = 64 * 1024;

/// Reads one line; `None` at the end of the input.
fn read_line(input: &mut dyn BufRead) -> io::Result<Option<String>> {
    let mut line = Vec::new();
    let limit = MAX_LINE_BYTES as u64 + 1;
    let mut input = input;
    if io::Read::take(&mut input, limit).read_until(b'\n', &mut line)? == 0 {
        return Ok(None);
    }
    if line.len() > MAX_LINE_BYTES {
        return Err(io::Error::new(
            io::ErrorKind::InvalidData,
            format!(
                "a line of standard input is longer than {} KB; answer with a key (a, e, r, s, \
                 u, q) or a short text, one per line",
                MAX_LINE_BYTES / 1024
            ),
        ));
    }
    let line = String::from_utf8(line).map_err(|_| {
        io::Error::new(
            io::ErrorKind::InvalidData,
            "a line of standard input is not UTF-8 text",
        )
    })?;
    Ok(Some(line.trim().to_string()))
}

/// Reads one line of text to store, asking again while it holds a control character.
fn ask_text(
    input: &mut dyn BufRead,
    out: &mut dyn Write,
    prompt: &str,
    what: &str,
) -> io::Result<Option<String>> {
    loop {
        let Some(answer) = ask(input, out, prompt)? else {
            return Ok(None);
        };
        match crate::data::text::check_argument(what, &answer) {
            Ok(()) => return Ok(Some(answer)),
            Err(why) => writeln!(out, "  {why}")?,
        }
    }
}

fn ask(input: &mut dyn BufRead, out: &mut dyn Write, prompt: &str) -> io::Result<Option<String>> {
    write!(out, "{prompt}")?;
    out.flush()?;
    read_line(input)
}

/// The sentence with the candidate's phrase between ⟦ and ⟧.
fn marked(q: &Queued) -> String {
    let sentence = &q.item.sentence;
    match sentence.find(&q.item.quote) {
        Some(at) => format!(
            "{}⟦{}⟧{}",
            &sentence[..at],
            q.item.quote,
            &sentence[at + q.item.quote.len()..]
        ),
        None => format!("{sentence} ⟦{}⟧", q.item.quote),
    }
}

fn show(out: &mut dyn Write, n: usize, total: usize, s: &Shown) -> io::Result<()> {
    let q = &s.queued.item;
    let sug = &s.suggested;
    writeln!(
        out,
        "\n[{n}/{total}] {}  score {:.2}  rule {}  {} line {}",
        q.id,
        q.score,
        visible(&s.rule),
        visible(&q.document),
        q.line
    )?;
    writeln!(out, "  {}", visible(&marked(&s.queued)).replace('\n', " "))?;
    let qualifiers: Vec<String> = sug
        .qualifiers
        .iter()
        .map(|(k, v)| format!("{k} = {}", v.join(", ")))
        .collect();
    writeln!(
        out,
        "  suggests: {} · {} · {} · {}{}",
        visible(&sug.subject),
        visible(&sug.predicate),
        visible(&value_words(&s.value)),
        visible(sug.when.as_deref().unwrap_or("(no time)")),
        if qualifiers.is_empty() {
            String::new()
        } else {
            format!(" · {}", visible(&qualifiers.join("; ")))
        }
    )?;
    if s.existing.is_empty() {
        writeln!(out, "  stored: no claim for this subject and predicate")?;
    }
    // Every claim the engine compares; of the rest (a long series, other groups) only the
    // nearest in time.
    let apart = s
        .existing
        .iter()
        .filter(|e| e.relation == "not compared")
        .count();
    let hidden = apart.saturating_sub(NOT_COMPARED_SHOWN);
    let shown = &s.existing[..s.existing.len() - hidden];
    // Claims that one entry judges alike (a side of many copies, a long series) share its
    // explanation: it is written once, after the first few of them.
    let mut groups: Vec<Vec<&super::Existing>> = Vec::new();
    for e in shown {
        let same = |g: &&mut Vec<&super::Existing>| {
            g[0].relation == e.relation
                && g[0].finding == e.finding
                && g[0].explanation == e.explanation
        };
        match groups.iter_mut().find(same) {
            Some(g) => g.push(e),
            None => groups.push(vec![e]),
        }
    }
    for group in &groups {
        for e in group.iter().take(SAME_VERDICT_SHOWN) {
            writeln!(
                out,
                "  stored: {} {} {} ({})",
                visible(&e.claim),
                visible(&e.value),
                visible(&e.when),
                e.relation
            )?;
        }
        let more = &group[group.len().min(SAME_VERDICT_SHOWN)..];
        if !more.is_empty() {
            let mut ids: Vec<String> = more
                .iter()
                .take(MORE_IDS_SHOWN)
                .map(|e| visible(&e.claim).into_owned())
                .collect();
            if more.len() > MORE_IDS_SHOWN {
                ids.push("…".into());
            }
            writeln!(
                out,
                "  stored: {} ({}, as below): {}",
                crate::words::plural(more.len(), "more claim", "more claims"),
                group[0].relation,
                ids.join(", ")
            )?;
        }
        let e = group[0];
        let entry = e
            .finding
            .as_deref()
            .map_or(String::new(), |f| format!(" [{}]", visible(f)));
        writeln!(out, "    {}{entry}", visible(&e.explanation))?;
    }
    if hidden > 0 {
        writeln!(
            out,
            "  stored: {} not compared, further apart in time",
            crate::words::plural(hidden, "other claim", "other claims")
        )?;
    }
    Ok(())
}

/// Runs the session over `items` and returns the decisions in the order taken (undone ones
/// removed). Ends at `q` or at the end of the input.
pub fn run(
    items: &[Shown],
    input: &mut dyn BufRead,
    out: &mut dyn Write,
) -> io::Result<Vec<(String, Action)>> {
    let mut decisions: Vec<(usize, Action)> = Vec::new();
    let mut i = 0;
    loop {
        if i >= items.len() {
            writeln!(
                out,
                "\nNo more candidates. [u]ndo or [q]uit (decisions are saved on quit)"
            )?;
        } else {
            show(out, i + 1, items.len(), &items[i])?;
        }
        let Some(key) = ask(input, out, &format!("{KEYS} > "))? else {
            break;
        };
        match key.as_str() {
            "a" | "accept" if i < items.len() => {
                decisions.push((i, Action::Accept(Edit::default())));
                writeln!(out, "accepted {}", items[i].queued.item.id)?;
                i += 1;
            }
            "e" | "edit" if i < items.len() => {
                let sug = &items[i].suggested;
                let current = [
                    sug.subject.clone(),
                    sug.predicate.clone(),
                    value_words(&items[i].value),
                    sug.when.clone().unwrap_or_default(),
                ];
                let mut answers: [Option<String>; 4] = Default::default();
                for (k, name) in ["subject", "predicate", "value", "when"].iter().enumerate() {
                    let prompt = format!("  {name} [{}]: ", visible(&current[k]));
                    match ask_text(input, out, &prompt, &format!("the {name}"))? {
                        None => return Ok(finish(items, decisions)),
                        Some(a) if a.is_empty() => {}
                        Some(a) => answers[k] = Some(a),
                    }
                }
                let [subject, predicate, value, when] = answers;
                decisions.push((
                    i,
                    Action::Accept(Edit {
                        subject,
                        predicate,
                        value,
                        when,
                        ..Edit::default()
                    }),
                ));
                writeln!(out, "accepted {} with edits", items[i].queued.item.id)?;
                i += 1;
            }
            "r" | "reject" if i < items.len() => {
                let reason = loop {
                    match ask_text(input, out, "  reason: ", "the reason")? {
                        None => return Ok(finish(items, decisions)),
                        Some(r) if r.is_empty() => {
                            writeln!(
                                out,
                                "  a rejection needs a reason (wrong subject, not a fact …)"
                            )?;
                        }
                        Some(r) => break r,
                    }
                };
                decisions.push((i, Action::Reject(reason)));
                writeln!(out, "rejected {}", items[i].queued.item.id)?;
                i += 1;
            }
            "s" | "skip" if i < items.len() => {
                i += 1;
            }
            "u" | "undo" => match decisions.pop() {
                Some((at, _)) => {
                    writeln!(out, "undid the decision on {}", items[at].queued.item.id)?;
                    i = at;
                }
                None => writeln!(out, "nothing to undo")?,
            },
            "q" | "quit" => break,
            _ => writeln!(out, "keys: {KEYS}")?,
        }
    }
    Ok(finish(items, decisions))
}

fn finish(items: &[Shown], decisions: Vec<(usize, Action)>) -> Vec<(String, Action)> {
    decisions
        .into_iter()
        .map(|(i, a)| (items[i].queued.item.id.clone(), a))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_line_is_read_within_its_limit_and_an_endless_one_is_refused() {
        let mut input = io::Cursor::new(b"  a \nreason\n".to_vec());
        assert_eq!(read_line(&mut input).unwrap().as_deref(), Some("a"));
        assert_eq!(read_line(&mut input).unwrap().as_deref(), Some("reason"));
        assert_eq!(read_line(&mut input).unwrap(), None);
        // What /dev/zero gives: no line break, ever.
        let mut endless = io::Cursor::new(vec![0u8; MAX_LINE_BYTES * 3]);
        let e = read_line(&mut endless).unwrap_err();
        assert!(e.to_string().contains("longer than 64 KB"), "{e}");
    }

    #[test]
    fn a_typed_reason_with_a_control_character_is_asked_again() {
        let mut input = io::Cursor::new("bad\u{1b}[2J\ngood\n".as_bytes().to_vec());
        let mut out = Vec::new();
        let got = ask_text(&mut input, &mut out, "reason: ", "the reason").unwrap();
        assert_eq!(got.as_deref(), Some("good"));
        let said = String::from_utf8(out).unwrap();
        assert!(
            said.contains("the reason holds the control character U+001B at character 4"),
            "{said}"
        );
        assert!(!said.contains('\u{1b}'));
    }
}
