//! Label templates: the one parser of `{placeholder}` text, used to validate a predicate's
//! template and to fill it in ([`crate::label`]).
//!
//! A template is literal text with placeholders: `{subject}`, `{object}`, `{value}` or a
//! qualifier key such as `{group}` (lower-case letters and `_`). A `{` without its `}`, a `}`
//! without its `{`, or any other name inside braces makes the whole template invalid.

/// One piece of a parsed template.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Piece<'a> {
    /// Text copied as it is.
    Text(&'a str),
    /// A placeholder's name, without its braces.
    Field(&'a str),
}

/// The pieces of a template, in order, or what is wrong with it.
pub fn parse(template: &str) -> Result<Vec<Piece<'_>>, String> {
    let mut pieces = Vec::new();
    let mut rest = template;
    while let Some(open) = rest.find(['{', '}']) {
        if rest[open..].starts_with('}') {
            return Err("a `}` without its `{`; placeholders look like {subject}".into());
        }
        if open > 0 {
            pieces.push(Piece::Text(&rest[..open]));
        }
        let after = &rest[open + 1..];
        let close = after
            .find('}')
            .ok_or("a `{` without its `}`; placeholders look like {subject}")?;
        let name = &after[..close];
        if name.is_empty() || !name.chars().all(|c| c.is_ascii_lowercase() || c == '_') {
            return Err(format!(
                "`{{{name}}}` is not a placeholder; use {{subject}}, {{object}}, {{value}} or a \
                 qualifier key such as {{group}}"
            ));
        }
        pieces.push(Piece::Field(name));
        rest = &after[close + 1..];
    }
    if !rest.is_empty() {
        pieces.push(Piece::Text(rest));
    }
    Ok(pieces)
}

/// The `{placeholder}` names of a label template, or what is wrong with it.
pub fn template_fields(template: &str) -> Result<Vec<String>, String> {
    Ok(parse(template)?
        .into_iter()
        .filter_map(|piece| match piece {
            Piece::Field(name) => Some(name.to_string()),
            Piece::Text(_) => None,
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn templates_are_checked() {
        assert_eq!(
            template_fields("{subject} and {object} sign").unwrap(),
            ["subject", "object"]
        );
        assert!(template_fields("{subject").is_err());
        assert!(template_fields("{Sub ject}").is_err());
        assert!(template_fields("a } b").is_err());
    }

    #[test]
    fn pieces_keep_the_text_between_placeholders() {
        assert_eq!(
            parse("{group} make up {value}").unwrap(),
            [
                Piece::Field("group"),
                Piece::Text(" make up "),
                Piece::Field("value")
            ]
        );
    }

    #[test]
    fn an_unclosed_brace_is_an_error_not_text() {
        let err = parse("{subject} signs {object").unwrap_err();
        assert!(err.starts_with("a `{` without its `}`"), "{err}");
    }
}
