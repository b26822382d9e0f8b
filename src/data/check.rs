//! Checking records: the [`Checker`] that collects diagnostics with their lines, and the checks
//! of sources, entities, predicates, rules and resolutions (claims have [`super::claim`]).
//! Each check returns the model value when the record is valid, and reports every problem.

use std::collections::{HashMap, HashSet};
use std::ops::Range;
use std::rc::Rc;

use toml::Spanned;

use crate::data::diagnostic::{Diagnostic, Lines};
use crate::data::raw::{RawEntity, RawResolution, RawRule, RawSource};
use crate::data::{Dataset, Known};
use crate::model::{Basis, ENTITY_KINDS, Entity, Resolution, Rule, RuleKind, Source, ValueType};
use crate::text::names::{fold, is_slug, nearest};
use crate::time::When;

pub(super) use super::predicate::{check_placeholders, check_predicate, check_state_changes};

/// The longest id (of any record) import accepts, in characters.
pub const MAX_ID_CHARS: usize = 200;

/// Collects the problems of a set of files, knowing which file and which lines it is reading.
pub(super) struct Checker<'a> {
    /// What references may point at.
    pub(super) known: &'a Known,
    pub(super) problems: Vec<Diagnostic>,
    /// For each predicate of the claims read so far, the qualifier keys those claims have.
    pub(super) qualifier_keys: HashMap<String, HashSet<String>>,
    /// Where each change predicate names its state (`state_of`): file and line, for
    /// [`check_state_changes`], which runs once every predicate is known.
    pub(super) state_lines: HashMap<String, (Rc<str>, usize)>,
    pub(super) file: Rc<str>,
    lines: Lines,
    /// Where each (kind, id) other than a claim's was first defined: file and line.
    seen: HashMap<(&'static str, String), (Rc<str>, usize)>,
    /// Where each claim id was first defined, as [`ClaimIds`].
    claim_ids: ClaimIds,
}

/// The claim ids an import has read, in memory that stays small at millions of claims: each id
/// is kept as its 128-bit key ([`crate::text::digest::id_key`]) with the file (an index into
/// `files`) and line that define it, 24 bytes however long the id ([`super::ClaimKeys`]), where the id as a string
/// with its own copy of the place took over 100. The ids themselves are kept only when the
/// import's resolutions may name them ([`Checker::keep_claim_ids`]).
#[derive(Default)]
struct ClaimIds {
    first: super::ClaimKeys,
    files: Vec<Rc<str>>,
    ids: Option<HashSet<String>>,
}

impl ClaimIds {
    /// Where `id` was first defined, or `None` after recording it as defined here.
    fn first_or_record(
        &mut self,
        id: &str,
        file: &Rc<str>,
        line: usize,
    ) -> Option<(Rc<str>, usize)> {
        let key = crate::text::digest::id_key(id);
        if let Some((index, first)) = self.first.place(key) {
            let file = self
                .files
                .get(index as usize)
                .cloned()
                .unwrap_or_else(|| Rc::from(""));
            return Some((file, first));
        }
        if !self.files.last().is_some_and(|last| Rc::ptr_eq(last, file)) {
            self.files.push(Rc::clone(file));
        }
        let index = u32::try_from(self.files.len() - 1).unwrap_or(u32::MAX);
        self.first.insert(key, index, line);
        if let Some(ids) = &mut self.ids {
            ids.insert(id.to_string());
        }
        None
    }
}

impl<'a> Checker<'a> {
    /// A checker with no problems yet, resolving references against `known`.
    pub(super) fn new(known: &'a Known) -> Checker<'a> {
        Checker {
            known,
            problems: Vec::new(),
            qualifier_keys: HashMap::new(),
            state_lines: HashMap::new(),
            file: Rc::from(""),
            lines: Lines::new(""),
            seen: HashMap::new(),
            claim_ids: ClaimIds::default(),
        }
    }

    /// The same checker, resolving references against `known` from now on.
    pub(super) fn with_known<'b>(self, known: &'b Known) -> Checker<'b> {
        Checker {
            known,
            problems: self.problems,
            qualifier_keys: self.qualifier_keys,
            state_lines: self.state_lines,
            file: self.file,
            lines: self.lines,
            seen: self.seen,
            claim_ids: self.claim_ids,
        }
    }

    /// Reads on in another file (or another part of one: a line of JSON Lines).
    pub(super) fn enter(&mut self, file: &str, lines: Lines) {
        if &*self.file != file {
            self.file = Rc::from(file);
        }
        self.lines = lines;
    }

    /// Keeps the claim ids read from now on as text, for [`Checker::claim_ids`]: an import
    /// whose resolutions may name its claims asks for them.
    pub(super) fn keep_claim_ids(&mut self) {
        self.claim_ids.ids.get_or_insert_with(HashSet::new);
    }

    /// The keys of every claim id read, taken out of the checker: what a re-import compares
    /// the stored claims with to find those that left their files.
    pub(super) fn take_claim_keys(&mut self) -> super::ClaimKeys {
        std::mem::take(&mut self.claim_ids.first)
    }

    /// The claim ids read (valid or not) since [`Checker::keep_claim_ids`].
    pub(super) fn claim_ids(&self) -> impl Iterator<Item = &String> {
        self.claim_ids.ids.iter().flatten()
    }

    /// Every problem reported so far.
    pub(super) fn into_problems(self) -> Vec<Diagnostic> {
        self.problems
    }

    /// The 1-based line of a span in the current file.
    pub(super) fn line(&self, span: &Range<usize>) -> usize {
        self.lines.line(span)
    }

    /// Records that `kind` `id` is defined here; reports it and answers true if it was before.
    pub(super) fn duplicate(&mut self, kind: &'static str, id: &Spanned<String>) -> bool {
        if kind == "claim" {
            let line = self.line(&id.span());
            let Some((file, first)) =
                self.claim_ids
                    .first_or_record(id.get_ref(), &self.file, line)
            else {
                return false;
            };
            let message =
                format!("duplicate id: already defined at {file}:{first}; ids must be unique");
            self.report(&id.span(), format!("{kind} `{}`", id.get_ref()), message);
            return true;
        }
        let key = (kind, id.get_ref().clone());
        if let Some((file, line)) = self.seen.get(&key) {
            let message =
                format!("duplicate id: already defined at {file}:{line}; ids must be unique");
            self.report(&id.span(), format!("{kind} `{}`", id.get_ref()), message);
            true
        } else {
            let here = (Rc::clone(&self.file), self.line(&id.span()));
            self.seen.insert(key, here);
            false
        }
    }

    /// Reports a problem at a span of the current file.
    pub(super) fn report(
        &mut self,
        span: &Range<usize>,
        field: impl Into<String>,
        message: impl Into<String>,
    ) {
        self.problems.push(Diagnostic {
            file: self.file.to_string(),
            line: self.line(span),
            field: field.into(),
            message: message.into(),
        });
    }

    /// Reports an id that is not a slug or is longer than [`MAX_ID_CHARS`].
    pub(super) fn slug(&mut self, id: &Spanned<String>, what: &str) {
        let length = id.get_ref().chars().count();
        if length > MAX_ID_CHARS {
            self.report(
                &id.span(),
                format!("{what} id"),
                format!(
                    "the id is {length} characters long; an id has at most {MAX_ID_CHARS} \
                     characters"
                ),
            );
        } else if !is_slug(id.get_ref()) {
            self.report(
                &id.span(),
                format!("{what} id"),
                format!(
                    "`{}` is not a valid id; use lower-case letters, digits, `_`, `-` and `.`, \
                     starting with a letter or digit (e.g. `kazakhstan`, `kz-population-2011`)",
                    id.get_ref()
                ),
            );
        }
    }

    /// Reports an empty (or blank) text.
    pub(super) fn non_empty(&mut self, value: &Spanned<String>, field: &str) {
        if value.get_ref().trim().is_empty() {
            self.report(
                &value.span(),
                field.to_string(),
                "must not be empty".to_string(),
            );
        }
    }

    /// Checks an entity reference; explains a miss with the closest id or the alias it matches.
    pub(super) fn entity_ref(&mut self, id: &Spanned<String>, field: &str) {
        let wanted = id.get_ref();
        if self.known.entities.contains_key(wanted) {
            return;
        }
        let folded = fold(wanted);
        let by_name = self
            .known
            .entities
            .iter()
            .filter(|(_, names)| names.iter().any(|n| fold(n) == folded))
            .map(|(id, _)| id.as_str())
            .min();
        let hint = match by_name {
            Some(found) => {
                format!("`{wanted}` is a name of entity `{found}`: use its id `{found}`")
            }
            None => match nearest(wanted, self.known.entities.keys().map(String::as_str)) {
                Some(near) => format!("did you mean `{near}`?"),
                None => "define it in an [[entity]] table (see data/entities.toml)".into(),
            },
        };
        self.report(
            &id.span(),
            field.to_string(),
            format!("unknown entity `{wanted}`; {hint}"),
        );
    }
}

pub(super) fn check_source(ck: &mut Checker, raw: &RawSource) -> Option<Source> {
    let before = ck.problems.len();
    let id = raw.id.get_ref();
    let what = format!("source `{id}`");
    ck.slug(&raw.id, "source");
    ck.non_empty(&raw.title, &format!("{what}, field `title`"));
    ck.non_empty(&raw.kind, &format!("{what}, field `kind`"));
    let reliability = raw.reliability.get_ref().trim().to_uppercase();
    if !matches!(reliability.as_str(), "A" | "B" | "C" | "D" | "E" | "F") {
        ck.report(
            &raw.reliability.span(),
            format!("{what}, field `reliability`"),
            format!(
                "`{}` is not an Admiralty reliability grade; use A (completely reliable), \
                 B (usually reliable), C (fairly reliable), D (not usually reliable), \
                 E (unreliable) or F (cannot be judged)",
                raw.reliability.get_ref()
            ),
        );
    }
    let published = match &raw.published {
        Some(p) => match When::parse(p.get_ref()) {
            Ok(w) => Some(w.as_str().to_string()),
            Err(e) => {
                ck.report(
                    &p.span(),
                    format!("{what}, field `published`"),
                    e.to_string(),
                );
                None
            }
        },
        None => None,
    };
    if let Some(hash) = &raw.sha256 {
        let h = hash.get_ref();
        if h.len() != 64
            || !h
                .chars()
                .all(|c| c.is_ascii_hexdigit() && !c.is_ascii_uppercase())
        {
            ck.report(
                &hash.span(),
                format!("{what}, field `sha256`"),
                "must be 64 lower-case hex digits (the output of `sha256sum FILE`)",
            );
        }
    }
    let basis = raw.basis.as_ref().and_then(|b| {
        let found = Basis::parse(b.get_ref().trim());
        if found.is_none() {
            ck.report(
                &b.span(),
                format!("{what}, field `basis`"),
                format!(
                    "`{}` is not a basis; use one of {}",
                    b.get_ref(),
                    Basis::NAMES.join(", ")
                ),
            );
        }
        found
    });
    let tolerance = raw.tolerance.as_ref().and_then(|t| {
        let x = *t.get_ref();
        if x.is_finite() && (0.0..1.0).contains(&x) {
            Some(x)
        } else {
            ck.report(
                &t.span(),
                format!("{what}, field `tolerance`"),
                format!(
                    "{x} is not a tolerance; give a fraction of the figure from 0 up to (not \
                     including) 1, such as 0.02 for 2 %"
                ),
            );
            None
        }
    });
    if (basis.is_some() || tolerance.is_some())
        && !raw.kind.get_ref().trim().eq_ignore_ascii_case("dataset")
    {
        let field = if basis.is_some() {
            "basis"
        } else {
            "tolerance"
        };
        ck.report(
            &raw.kind.span(),
            format!("{what}, field `{field}`"),
            "`basis` and `tolerance` describe a dataset's figures; set `kind = \"dataset\"` or \
             drop them",
        );
    }
    (ck.problems.len() == before).then(|| Source {
        id: id.clone(),
        title: raw.title.get_ref().trim().to_string(),
        author: raw.author.clone(),
        publisher: raw.publisher.clone(),
        published,
        url: raw.url.clone(),
        kind: raw.kind.get_ref().trim().to_string(),
        language: raw.language.clone(),
        reliability,
        reliability_note: raw.reliability_note.clone(),
        licence: raw.licence.clone(),
        file: raw.file.clone(),
        sha256: raw.sha256.as_ref().map(|h| h.get_ref().clone()),
        note: raw.note.clone(),
        basis,
        tolerance,
    })
}

pub(super) fn check_entity(ck: &mut Checker, raw: &RawEntity) -> Option<Entity> {
    let before = ck.problems.len();
    let id = raw.id.get_ref();
    let what = format!("entity `{id}`");
    ck.slug(&raw.id, "entity");
    ck.non_empty(&raw.name, &format!("{what}, field `name`"));
    let kind = raw.kind.get_ref();
    if !ENTITY_KINDS.contains(&kind.as_str()) {
        let hint = nearest(kind, ENTITY_KINDS.iter().copied())
            .map(|k| format!("did you mean `{k}`? "))
            .unwrap_or_default();
        ck.report(
            &raw.kind.span(),
            format!("{what}, field `kind`"),
            format!(
                "unknown entity kind `{kind}`; {hint}valid kinds are {}",
                ENTITY_KINDS.join(", ")
            ),
        );
    }
    for alias in &raw.aliases {
        if fold(alias.get_ref()).is_empty() {
            ck.report(
                &alias.span(),
                format!("{what}, field `aliases`"),
                "an alias needs at least one letter or digit",
            );
        }
    }
    (ck.problems.len() == before).then(|| Entity {
        id: id.clone(),
        name: raw.name.get_ref().trim().to_string(),
        kind: kind.clone(),
        aliases: {
            // Sorted and without the id and name, as the database gives them back.
            let mut aliases: Vec<String> = raw
                .aliases
                .iter()
                .map(|a| a.get_ref().trim().to_string())
                .filter(|a| a != id && a != raw.name.get_ref().trim())
                .collect();
            aliases.sort();
            aliases.dedup();
            aliases
        },
        note: raw.note.clone(),
    })
}

/// Two entities answering to the same folded name would make lookups by name ambiguous.
pub(super) fn check_alias_collisions(ck: &mut Checker, dataset: &Dataset) {
    let mut owner: HashMap<String, &str> = HashMap::new();
    for e in &dataset.entities {
        let names = std::iter::once(&e.item.id)
            .chain(std::iter::once(&e.item.name))
            .chain(e.item.aliases.iter());
        let mut own = HashSet::new();
        for name in names {
            let folded = fold(name);
            if !own.insert(folded.clone()) {
                continue;
            }
            match owner.get(&folded) {
                Some(other) if *other != e.item.id => {
                    ck.problems.push(Diagnostic {
                        file: e.file.clone(),
                        line: e.line,
                        field: format!("entity `{}`, field `aliases`", e.item.id),
                        message: format!(
                            "the name `{name}` also belongs to entity `{other}`; a name must \
                             identify one entity (qualify it, e.g. `{name} (city)`)"
                        ),
                    });
                }
                _ => {
                    owner.insert(folded, &e.item.id);
                }
            }
        }
    }
}

pub(super) fn check_rule(ck: &mut Checker, raw: &RawRule) -> Option<Rule> {
    let before = ck.problems.len();
    let what = format!("rule `{}`", raw.id.get_ref());
    ck.slug(&raw.id, "rule");
    let kind = RuleKind::parse(raw.kind.get_ref());
    if kind.is_none() {
        ck.report(
            &raw.kind.span(),
            format!("{what}, field `kind`"),
            format!(
                "`{}` is not a rule kind; use one of {}",
                raw.kind.get_ref(),
                RuleKind::NAMES.join(", ")
            ),
        );
    }
    for (field, id) in [
        ("share", &raw.share),
        ("part", &raw.part),
        ("whole", &raw.whole),
    ] {
        match ck.known.predicates.get(id.get_ref()) {
            Some(p) if p.value_type == ValueType::Quantity => {}
            Some(_) => ck.report(
                &id.span(),
                format!("{what}, field `{field}`"),
                format!("predicate `{}` does not take quantities", id.get_ref()),
            ),
            None => {
                let hint = nearest(id.get_ref(), ck.known.predicates.keys().map(String::as_str))
                    .map_or(String::new(), |n| format!("; did you mean `{n}`?"));
                ck.report(
                    &id.span(),
                    format!("{what}, field `{field}`"),
                    format!("unknown predicate `{}`{hint}", id.get_ref()),
                );
            }
        }
    }
    let (share, part, whole) = (raw.share.get_ref(), raw.part.get_ref(), raw.whole.get_ref());
    if share == part || share == whole || part == whole {
        ck.report(
            &raw.id.span(),
            format!("{what}, fields `share`, `part` and `whole`"),
            format!(
                "share `{share}`, part `{part}` and whole `{whole}` must be three different \
                 predicates; a rule that derives a predicate from itself is circular"
            ),
        );
    }
    let q = raw.qualifier.get_ref();
    if q.is_empty() || !q.chars().all(|c| c.is_ascii_lowercase() || c == '_') {
        ck.report(
            &raw.qualifier.span(),
            format!("{what}, field `qualifier`"),
            "give the qualifier key that names the part, e.g. \"group\"",
        );
    }
    if raw.within_days < 0 {
        ck.report(
            &raw.id.span(),
            format!("{what}, field `within_days`"),
            "must be a number of days, 0 or more",
        );
    }
    let kind = kind?;
    (ck.problems.len() == before).then(|| Rule {
        id: raw.id.get_ref().clone(),
        kind,
        share: raw.share.get_ref().clone(),
        part: raw.part.get_ref().clone(),
        whole: raw.whole.get_ref().clone(),
        qualifier: q.clone(),
        within_days: raw.within_days,
        note: raw.note.clone(),
    })
}

pub(super) fn check_resolution(ck: &mut Checker, raw: &RawResolution) -> Option<Resolution> {
    let before = ck.problems.len();
    let what = format!("resolution of `{}`", raw.conflict.get_ref());
    ck.non_empty(&raw.conflict, &format!("{what}, field `conflict`"));
    ck.non_empty(&raw.reason, &format!("{what}, field `reason`"));
    ck.non_empty(&raw.by, &format!("{what}, field `by`"));
    for (field, id) in std::iter::once(("prefer", &raw.prefer))
        .chain(raw.deprecate.iter().map(|d| ("deprecate", d)))
    {
        if !ck.known.claims.contains(id.get_ref()) {
            let hint = nearest(id.get_ref(), ck.known.claims.iter().map(String::as_str))
                .map_or(String::new(), |n| format!("; did you mean `{n}`?"));
            ck.report(
                &id.span(),
                format!("{what}, field `{field}`"),
                format!("unknown claim `{}`{hint}", id.get_ref()),
            );
        }
    }
    if raw
        .deprecate
        .iter()
        .any(|d| d.get_ref() == raw.prefer.get_ref())
    {
        ck.report(
            &raw.prefer.span(),
            format!("{what}, field `deprecate`"),
            "a claim cannot be both preferred and deprecated",
        );
    }
    let recorded_at = crate::time::parse_instant(raw.recorded_at.get_ref());
    if recorded_at.is_none() {
        ck.report(
            &raw.recorded_at.span(),
            format!("{what}, field `recorded_at`"),
            "give an RFC 3339 time such as 2026-11-23T10:00:00Z",
        );
    }
    (ck.problems.len() == before).then(|| Resolution {
        conflict: raw.conflict.get_ref().trim().to_string(),
        prefer: raw.prefer.get_ref().clone(),
        deprecate: raw.deprecate.iter().map(|d| d.get_ref().clone()).collect(),
        reason: raw.reason.get_ref().trim().to_string(),
        note: raw.note.clone(),
        by: raw.by.get_ref().trim().to_string(),
        recorded_at: recorded_at.unwrap_or_default(),
    })
}
