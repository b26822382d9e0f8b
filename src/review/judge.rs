//! The conflict engine asked about a candidate before it is accepted: the stored claims of
//! its subject it would agree or conflict with, as `factline conflicts` would judge them.

use anyhow::Result;
use rusqlite::Connection;

use super::session::Existing;
use super::{Suggested, value_words};
use crate::db::review::Queued;
use crate::model::Value;

/// What the conflict engine needs to judge a candidate against the store, read once per
/// session: the vocabulary, the sources and the rules.
pub struct Judge {
    vocabulary: crate::view::Vocabulary,
    sources: std::collections::HashMap<String, crate::model::Source>,
    rules: Vec<crate::model::Rule>,
    now: String,
}

impl Judge {
    pub fn read(conn: &Connection) -> Result<Judge> {
        Ok(Judge {
            vocabulary: crate::view::Vocabulary::read(conn)?,
            sources: crate::db::query::sources(conn)?,
            rules: crate::db::query::rules(conn)?,
            now: crate::time::now(),
        })
    }

    /// The stored claims the candidate would agree or conflict with once accepted, as
    /// `factline conflicts` would judge them. Reads only the candidate's subject, for its
    /// predicate and the predicates a rule ties to it (share = part ÷ whole; a state and its
    /// changes).
    pub fn existing(
        &self,
        conn: &Connection,
        q: &Queued,
        sug: &Suggested,
        value: &Value,
        credibility: u8,
    ) -> Result<Vec<Existing>> {
        let mut predicates = vec![sug.predicate.clone()];
        for r in &self.rules {
            let terms = [&r.share, &r.part, &r.whole];
            if terms.iter().any(|t| **t == sug.predicate) {
                predicates.extend(terms.into_iter().cloned());
            }
        }
        predicates.extend(crate::conflicts::states::related(
            &self.vocabulary.predicates,
            &sug.predicate,
        ));
        predicates.sort();
        predicates.dedup();
        let stored = crate::db::conflicts::of_subject(conn, &sug.subject, &predicates)?;
        let ctx = crate::conflicts::Context {
            predicates: &self.vocabulary.predicates,
            sources: &self.sources,
            rules: &self.rules,
            names: &self.vocabulary.names,
            all: true,
        };
        Ok(
            match super::candidate_fact(q, sug, value, credibility, &self.now) {
                Some(candidate) => super::standing(ctx, &stored, &candidate),
                // Without a time nothing can be judged; the stored claims are still shown.
                None => stored
                    .iter()
                    .filter(|f| f.predicate == sug.predicate)
                    .map(|f| Existing {
                        claim: f.id.clone(),
                        value: value_words(&f.value),
                        when: f.when.as_str().to_string(),
                        relation: "not compared",
                        explanation: "the candidate has no time yet; give one to judge it"
                            .to_string(),
                        finding: None,
                    })
                    .collect(),
            },
        )
    }
}

/// The pending candidates scored at least `min_score`, each with what the engine would say of
/// it against the store, as the one-at-a-time session shows them.
pub fn shown(
    conn: &Connection,
    min_score: f64,
    credibility: u8,
) -> Result<Vec<super::session::Shown>> {
    let mut queued = Vec::new();
    crate::db::review::each(conn, Some("pending"), min_score, |q| {
        queued.push(q);
        Ok(())
    })?;
    let mut items = Vec::with_capacity(queued.len());
    let judge = Judge::read(conn)?;
    for q in queued {
        let (sug, rule) = super::suggested(&q)?;
        let value = super::value_of(&sug.value)?;
        let existing = judge.existing(conn, &q, &sug, &value, credibility)?;
        items.push(super::session::Shown {
            queued: q,
            suggested: sug,
            value,
            rule,
            existing,
        });
    }
    Ok(items)
}
