//! A table read through its mapping without importing it: the dry run's sink, which compares
//! each claim with the database as its row is read and writes its line (`add`, `change` with
//! what changed, field by field), and the extract of the rows a mapping keeps
//! (`import-table --write-extract`).

use std::io::Write;
use std::path::Path;

use anyhow::Result;

use crate::data::{DataErrors, Located};
use crate::db::{
    self,
    import::{Change, Counts},
};
use crate::model::{Claim, Entity};
use crate::table::{self, Input, Options, mapping};

/// A dry run's sink: each claim compared with the database as its row is read, and its line
/// (`add`, `change`) written at once; unchanged claims are only counted.
pub struct DryRun<'a> {
    conn: &'a rusqlite::Connection,
    /// Names and predicates, read at the first changed claim.
    vocabulary: Option<crate::view::Vocabulary>,
    /// False for a new database: every claim is added.
    schema: bool,
    out: &'a mut dyn Write,
    claims: Counts,
}

impl<'a> DryRun<'a> {
    /// A dry run against the database on `conn` (an empty one for a new database), its lines
    /// written to `out`.
    pub fn new(conn: &'a rusqlite::Connection, out: &'a mut dyn Write) -> Result<DryRun<'a>> {
        Ok(DryRun {
            conn,
            vocabulary: None,
            schema: db::has_schema(conn)?,
            out,
            claims: Counts::default(),
        })
    }

    /// The claims counted so far: added, changed, unchanged.
    pub fn counts(&self) -> Counts {
        self.claims
    }

    fn vocabulary(&mut self) -> Result<&crate::view::Vocabulary> {
        if self.vocabulary.is_none() {
            self.vocabulary = Some(crate::view::Vocabulary::read(self.conn)?);
        }
        self.vocabulary
            .as_ref()
            .ok_or_else(|| anyhow::anyhow!("the vocabulary could not be read"))
    }
}

impl table::Sink for DryRun<'_> {
    fn entity(&mut self, _: Located<Entity>) -> Result<()> {
        Ok(())
    }

    fn claim(&mut self, mut c: Located<Claim>) -> Result<()> {
        c.item.read_from_table();
        let change = if self.schema {
            let spec = db::import::spec_of(&c.item)?;
            db::import::claim_change(self.conn, &c, &spec)?.0
        } else {
            Change::Add
        };
        let now = describe_claim(&c.item);
        let id = &c.item.id;
        match change {
            Change::Add => {
                self.claims.added += 1;
                writeln!(self.out, "add      {id}  {now}")?;
            }
            Change::Update => {
                self.claims.changed += 1;
                let stored = db::query::current_claims(self.conn, std::slice::from_ref(id))?;
                let Some(before) = stored.first() else {
                    writeln!(self.out, "change   {id}  {now}")?;
                    return Ok(());
                };
                // Field by field, a figure exactly where its rounding reads the same.
                let vocabulary = self.vocabulary()?;
                // A row's quote changes with its values: said only when nothing else did.
                let changes = crate::view::diff::claim_changes(
                    &before.claim,
                    &c.item,
                    vocabulary,
                    vocabulary,
                );
                let only_citations = changes.iter().all(|f| f.field == "citations");
                let fields: Vec<String> = changes
                    .iter()
                    .filter(|f| only_citations || f.field != "citations")
                    .map(|f| format!("{}: {} → {}", f.field, f.before_text, f.after_text))
                    .collect();
                writeln!(self.out, "change   {id}  {now}  ({})", fields.join("; "))?;
            }
            Change::Unchanged => self.claims.unchanged += 1,
        }
        Ok(())
    }
}

/// Writes the header and the kept rows to `target`; returns how many rows were kept.
pub fn write_extract(
    input: Input,
    mapping: &mapping::Mapping,
    world: &table::World,
    options: Options,
    target: &Path,
    progress: &mut dyn FnMut(u64),
) -> Result<usize> {
    let file = crate::files::AtomicFile::create(target)?;
    let delimiter = if options.tsv {
        b'\t'
    } else {
        mapping.delimiter
    };
    let mut writer = csv::WriterBuilder::new()
        .delimiter(delimiter)
        .from_writer(file);
    let mut written = 0usize;
    // Rows with problems are still cut: the extract is the filter's choice, checked on import.
    let options = Options {
        skip_invalid: true,
        ..options
    };
    table::read(
        input,
        mapping,
        world,
        options,
        progress,
        &mut |record| {
            written += 1;
            // An extract is imported later: a cell the text gate refuses is not written.
            for cell in record {
                if let Some(problem) = crate::data::text::cell_problem(cell) {
                    return Err(format!(
                        "row {}: a cell {problem}",
                        written.saturating_sub(1)
                    ));
                }
            }
            writer.write_record(record).map_err(|e| e.to_string())
        },
        &mut table::Discard,
    )
    .map_err(DataErrors)?;
    let file = writer
        .into_inner()
        .map_err(|e| anyhow::anyhow!("while writing {}: {}", target.display(), e.error()))?;
    file.commit()?;
    // The first record written is the header.
    Ok(written.saturating_sub(1))
}

/// A claim's value and time in a few words: `17,035,551 persons (2013)`.
fn describe_claim(claim: &crate::model::Claim) -> String {
    let value = match &claim.value {
        crate::model::Value::Quantity(q) => q.to_string(),
        crate::model::Value::Entity { entity } => entity.clone(),
        crate::model::Value::Text { text } => text.clone(),
        crate::model::Value::None => String::new(),
    };
    format!("{value} ({})", claim.when.as_str())
}
