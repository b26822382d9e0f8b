//! The one text gate: no control characters in any stored text but tab and newline (a
//! carriage return only before a newline), and no bidirectional overrides or isolates
//! (U+202A–U+202E, U+2066–U+2069). A data file's text ends up on terminals, in CSV, SVG and
//! HTML; an escape sequence or a NUL in a name or a quote would act there instead of being
//! read, and a right-to-left override would show a text other than the one stored. Every way
//! text enters goes through here: data files ([`toml_problems`], [`json_problems`]), table
//! cells ([`cell_problem`]) and command-line arguments or lines of standard input that are
//! stored ([`check_argument`]). Each problem names where the text was and what is allowed.

use toml::de::{DeTable, DeValue};

use crate::data::diagnostic::{Diagnostic, Lines};

/// True for a character that no stored text may hold: a control character other than tab,
/// newline and carriage return, or a bidirectional override or isolate.
pub fn forbidden(c: char) -> bool {
    (c.is_control() && c != '\t' && c != '\n' && c != '\r') || is_bidi_control(c)
}

/// True for the bidirectional embeddings, overrides and isolates (U+202A–U+202E,
/// U+2066–U+2069), which reorder the text around them when it is shown.
pub fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// The first forbidden character of `text` and its 1-based position, if any. A carriage
/// return is allowed only before a newline (a Windows line ending in a multi-line string).
pub fn first_forbidden(text: &str) -> Option<(char, usize)> {
    let mut chars = text.chars().enumerate().peekable();
    while let Some((i, c)) = chars.next() {
        let lone_cr = c == '\r' && chars.peek().is_none_or(|(_, next)| *next != '\n');
        if forbidden(c) || lone_cr {
            return Some((c, i + 1));
        }
    }
    None
}

/// What to say about a forbidden character.
fn message(c: char, position: usize) -> String {
    if is_bidi_control(c) {
        return format!(
            "holds the bidirectional control U+{:04X} at character {position}; text may hold no \
             bidirectional overrides or isolates (they reorder what is shown): remove it",
            u32::from(c)
        );
    }
    format!(
        "holds the control character U+{:04X} at character {position}; text may hold tab and \
         newline but no other control characters: remove it",
        u32::from(c)
    )
}

/// The problem with a table cell's text, if it holds a forbidden character: what to say after
/// the cell's file, line, row and column.
pub fn cell_problem(text: &str) -> Option<String> {
    first_forbidden(text).map(|(c, at)| message(c, at))
}

/// Checks text given on the command line (or typed on standard input) that will be stored:
/// `--reason`, `--note`, `--by` and the like. The error names the argument and says what is
/// allowed; it never holds the character itself.
pub fn check_argument(argument: &str, text: &str) -> Result<(), String> {
    match first_forbidden(text) {
        Some((c, at)) => Err(format!("{argument} {}", message(c, at))),
        None => Ok(()),
    }
}

/// Quick test: could this file's text hold a control character in a value? Either raw, or
/// written as an escape (`\u001b`, `\e`, `\b`, `\f`, `\r`, …).
fn may_hold_controls(text: &str) -> bool {
    text.contains('\\') || text.chars().any(|c| forbidden(c) && c != '\r')
}

/// Every text value of a TOML data file that holds a forbidden character. A file that does
/// not parse gives nothing here: its syntax error is reported where it is parsed.
pub fn toml_problems(path: &str, text: &str) -> Vec<Diagnostic> {
    if !may_hold_controls(text) {
        return Vec::new();
    }
    let Ok(root) = DeTable::parse(text) else {
        return Vec::new();
    };
    let lines = Lines::new(text);
    let mut found = Vec::new();
    for (key, value) in root.get_ref().iter() {
        let kind = key.get_ref().as_ref();
        match value.get_ref() {
            DeValue::Array(records) => {
                for record in records.iter() {
                    let name = match record.get_ref() {
                        DeValue::Table(t) => t
                            .iter()
                            .find(|(k, _)| k.get_ref().as_ref() == "id")
                            .and_then(|(_, v)| match v.get_ref() {
                                DeValue::String(s) => Some(format!("{kind} `{s}`")),
                                _ => None,
                            })
                            .unwrap_or_else(|| kind.to_string()),
                        _ => kind.to_string(),
                    };
                    walk_toml(record, &name, "", &lines, path, &mut found);
                }
            }
            _ => walk_toml(value, kind, "", &lines, path, &mut found),
        }
    }
    found.sort_by_key(|d| d.line);
    found
}

fn walk_toml(
    value: &toml::Spanned<DeValue>,
    record: &str,
    field: &str,
    lines: &Lines,
    path: &str,
    found: &mut Vec<Diagnostic>,
) {
    match value.get_ref() {
        DeValue::String(s) => {
            if let Some((c, at)) = first_forbidden(s) {
                let field = if field.is_empty() {
                    record.to_string()
                } else {
                    format!("{record}, field `{field}`")
                };
                found.push(Diagnostic {
                    file: path.to_string(),
                    line: lines.line(&value.span()),
                    field,
                    message: message(c, at),
                });
            }
        }
        DeValue::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                walk_toml(item, record, &format!("{field}[{i}]"), lines, path, found);
            }
        }
        DeValue::Table(table) => {
            for (key, item) in table.iter() {
                let key = key.get_ref().as_ref();
                let inner = if field.is_empty() {
                    key.to_string()
                } else {
                    format!("{field}.{key}")
                };
                walk_toml(item, record, &inner, lines, path, found);
            }
        }
        _ => {}
    }
}

/// Every text value of one JSON Lines record (line `line`) that holds a forbidden character.
/// JSON forbids raw control characters in strings, so only escapes (`\u001b`) can bring one.
pub fn json_problems(path: &str, line: usize, text: &str, id: &str) -> Vec<Diagnostic> {
    if !text.contains('\\') {
        return Vec::new();
    }
    let Ok(value) = serde_json::from_str::<serde_json::Value>(text) else {
        return Vec::new();
    };
    let mut found = Vec::new();
    walk_json(&value, "", &mut |field, c, at| {
        found.push(Diagnostic {
            file: path.to_string(),
            line,
            field: format!("claim `{id}`, field `{field}`"),
            message: message(c, at),
        });
    });
    found
}

fn walk_json(value: &serde_json::Value, field: &str, report: &mut dyn FnMut(&str, char, usize)) {
    match value {
        serde_json::Value::String(s) => {
            if let Some((c, at)) = first_forbidden(s) {
                report(field, c, at);
            }
        }
        serde_json::Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                walk_json(item, &format!("{field}[{i}]"), report);
            }
        }
        serde_json::Value::Object(map) => {
            for (key, item) in map {
                let inner = if field.is_empty() {
                    key.clone()
                } else {
                    format!("{field}.{key}")
                };
                walk_json(item, &inner, report);
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_and_raw_controls_in_toml_are_found_with_line_and_field() {
        let text = "[[entity]]\nid = \"a\"\nname = \"A\\u001b]0;owned\\u0007\"\n\n\
                    [[claim]]\nid = \"c\"\n[[claim.citation]]\nquote = \"x\\u0000y\"\n";
        let got: Vec<String> = toml_problems("f.toml", text)
            .iter()
            .map(ToString::to_string)
            .collect();
        assert_eq!(
            got,
            [
                "f.toml:3: entity `a`, field `name`: holds the control character U+001B at \
                 character 2; text may hold tab and newline but no other control characters: \
                 remove it",
                "f.toml:8: claim `c`, field `citation[0].quote`: holds the control character \
                 U+0000 at character 2; text may hold tab and newline but no other control \
                 characters: remove it",
            ]
        );
    }

    #[test]
    fn tabs_newlines_and_windows_line_endings_are_allowed() {
        let text = "[[entity]]\nid = \"a\"\nnote = \"\"\"\r\none\ttwo\r\nthree\"\"\"\n";
        assert!(toml_problems("f.toml", text).is_empty());
        assert!(first_forbidden("a\rb").is_some());
        assert!(first_forbidden("a\u{85}b").is_some(), "C1 controls too");
    }

    #[test]
    fn bidi_controls_are_refused_and_arguments_are_named() {
        assert!(first_forbidden("abc\u{202e}cba").is_some());
        assert!(first_forbidden("a\u{2069}").is_some());
        assert!(
            first_forbidden("Ali \u{200f}").is_none(),
            "marks are not overrides"
        );
        assert_eq!(
            check_argument("--reason", "x\u{202d}y"),
            Err(
                "--reason holds the bidirectional control U+202D at character 2; text may hold \
                 no bidirectional overrides or isolates (they reorder what is shown): remove it"
                    .to_string()
            )
        );
        assert_eq!(check_argument("--by", "analyst\tone\nline"), Ok(()));
        assert!(cell_problem("a\u{7}").is_some());
        let text = "[[entity]]\nid = \"a\"\nname = \"\u{202e}A\"\n";
        assert_eq!(toml_problems("f.toml", text).len(), 1);
    }

    #[test]
    fn json_escapes_are_found() {
        let line = r#"{"id":"c","note":"bell\u0007","citation":[{"quote":"ok"}]}"#;
        let got = json_problems("c.jsonl", 4, line, "c");
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].line, 4);
        assert_eq!(got[0].field, "claim `c`, field `note`");
    }
}
