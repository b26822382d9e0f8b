//! The whole dataset as one JSON document (`factline export --format json`), written a claim at
//! a time: the same bytes as `serde_json`'s pretty printer gives for the document at once
//! (`{"sources", "entities", "predicates", "claims", "rules", "resolutions"}`, two-space indent).

use std::io::{self, Write};

use super::stream::{JsonArray, nested};
use crate::model::{Claim, Entity, Predicate, Resolution, Rule, Source};

/// The document being written: [`DatasetJson::begin`] writes what comes before the claims,
/// [`DatasetJson::claim`] one claim, [`DatasetJson::end`] what follows them.
pub struct DatasetJson<'a> {
    out: &'a mut dyn Write,
    claims: JsonArray,
}

impl<'a> DatasetJson<'a> {
    /// Writes the opening brace, sources, entities, predicates, and opens the claims.
    pub fn begin(
        out: &'a mut dyn Write,
        sources: &[Source],
        entities: &[Entity],
        predicates: &[Predicate],
    ) -> io::Result<DatasetJson<'a>> {
        out.write_all(b"{\n  \"sources\": ")?;
        nested(out, &sources, 1)?;
        out.write_all(b",\n  \"entities\": ")?;
        nested(out, &entities, 1)?;
        out.write_all(b",\n  \"predicates\": ")?;
        nested(out, &predicates, 1)?;
        out.write_all(b",\n  \"claims\": ")?;
        Ok(DatasetJson {
            out,
            claims: JsonArray::new(1),
        })
    }

    /// Writes one claim of the claims array.
    pub fn claim(&mut self, claim: &Claim) -> io::Result<()> {
        self.claims.item(self.out, claim)
    }

    /// Closes the claims, writes rules and resolutions and the closing brace and newline.
    pub fn end(self, rules: &[Rule], resolutions: &[Resolution]) -> io::Result<()> {
        let out = self.out;
        self.claims.finish(out)?;
        out.write_all(b",\n  \"rules\": ")?;
        nested(out, &rules, 1)?;
        out.write_all(b",\n  \"resolutions\": ")?;
        nested(out, &resolutions, 1)?;
        out.write_all(b"\n}\n")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Serialize;

    #[derive(Serialize)]
    struct Everything<'a> {
        sources: &'a [Source],
        entities: &'a [Entity],
        predicates: &'a [Predicate],
        claims: &'a [Claim],
        rules: &'a [Rule],
        resolutions: &'a [Resolution],
    }

    /// The document written a claim at a time against the document serialised at once.
    fn same_as_at_once(claims: &[Claim]) {
        let mut conn = crate::db::open_in_memory().unwrap();
        crate::db::load_bundled(&mut conn).unwrap();
        let sources: Vec<Source> = crate::db::query::sources(&conn)
            .unwrap()
            .into_values()
            .collect();
        let entities = crate::db::query::entities(&conn).unwrap();
        let predicates = crate::db::query::predicates(&conn).unwrap();
        let rules = crate::db::query::rules(&conn).unwrap();
        let resolutions = crate::db::query::resolutions(&conn).unwrap();
        let mut whole = Vec::new();
        crate::output::json(
            &mut whole,
            &Everything {
                sources: &sources,
                entities: &entities,
                predicates: &predicates,
                claims,
                rules: &rules,
                resolutions: &resolutions,
            },
        )
        .unwrap();
        let mut streamed = Vec::new();
        let mut doc = DatasetJson::begin(&mut streamed, &sources, &entities, &predicates).unwrap();
        for c in claims {
            doc.claim(c).unwrap();
        }
        doc.end(&rules, &resolutions).unwrap();
        assert_eq!(
            String::from_utf8(streamed).unwrap(),
            String::from_utf8(whole).unwrap()
        );
    }

    #[test]
    fn written_a_claim_at_a_time_it_is_the_document_at_once() {
        let mut conn = crate::db::open_in_memory().unwrap();
        crate::db::load_bundled(&mut conn).unwrap();
        let claims: Vec<Claim> = crate::db::query::timeline(&conn)
            .unwrap()
            .into_iter()
            .map(|s| s.claim)
            .collect();
        assert!(claims.len() > 1);
        same_as_at_once(&claims);
        same_as_at_once(&claims[..1]);
        same_as_at_once(&[]);
    }
}
