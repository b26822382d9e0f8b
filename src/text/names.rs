//! Names and ids: folding a name for lookups, what a valid id looks like, and the nearest id to
//! a mistyped one (for "did you mean" hints everywhere).

/// Folds a name for lookups: ASCII transliteration, lower case, words separated by one space.
pub fn fold(name: &str) -> String {
    let ascii = deunicode::deunicode(name).to_lowercase();
    ascii
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// True for a stable id: lower-case ASCII letters and digits, then also `_`, `-` and `.`.
pub fn is_slug(id: &str) -> bool {
    let mut chars = id.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || "_-.".contains(c))
}

/// The closest candidate to a mistyped id, if one is close enough to be a useful hint.
pub fn nearest<'a>(wanted: &str, candidates: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    candidates
        .map(|c| (strsim::normalized_damerau_levenshtein(wanted, c), c))
        .filter(|(score, _)| *score >= 0.6)
        .max_by(|a, b| a.0.total_cmp(&b.0).then_with(|| b.1.cmp(a.1)))
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_ignores_case_accents_and_punctuation() {
        assert_eq!(fold("Nur-Sultan"), "nur sultan");
        assert_eq!(fold("Almaty  "), "almaty");
        assert_eq!(fold("Qazaqstan Respýblıkasy"), "qazaqstan respyblikasy");
    }
}
