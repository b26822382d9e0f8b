//! Table imports written as their rows are read: [`TableImport`] is the sink
//! [`crate::table::read`] hands each valid row to, and [`stale_claims`] finds what a release
//! no longer yields.

use super::*;

/// Calls `each` with the row and id of every current claim of `origin` for which `yielded` is
/// false, in id order: the claims a table no longer yields. Reads only.
pub fn stale_claims(
    conn: &Connection,
    origin: &str,
    yielded: &dyn Fn(&str) -> bool,
    each: &mut dyn FnMut(i64, &str) -> Result<()>,
) -> Result<()> {
    if !crate::db::has_schema(conn)? {
        return Ok(());
    }
    let mut stmt = conn.prepare_cached(
        "SELECT row_id, id FROM claim WHERE origin = ?1 AND retracted_at IS NULL ORDER BY id",
    )?;
    let mut rows = stmt.query([origin])?;
    while let Some(row) = rows.next()? {
        let id: String = row.get(1)?;
        if !yielded(&id) {
            each(row.get(0)?, &id)?;
        }
    }
    Ok(())
}

/// The claims a table no longer yields: how many, and the first ids in id order.
#[derive(Debug, Clone, Default)]
pub struct Stale {
    pub count: usize,
    pub first: Vec<String>,
}

/// A table imported as its rows are read: [`crate::table::read`] hands it each valid row's new
/// entities and claims, written at once inside the caller's transaction (which the caller
/// drops, writing nothing, when a row had a problem). [`TableImport::finish`] then retracts the
/// claims of the table's origin it no longer yields. What it keeps does not grow with the table.
pub struct TableImport<'t> {
    tx: &'t Connection,
    now: String,
    /// False for a database with no claims: every claim is new.
    check_existing: bool,
    /// The last claim and citation rows before the import.
    before: (i64, i64),
    /// Indexes dropped for a load into a database with no claims, built again at the end.
    indexes: Vec<(String, String)>,
    summary: Summary,
    /// The entities the import changed.
    changed: Reworded,
}

impl<'t> TableImport<'t> {
    /// Starts an import inside `tx` (taken with [`crate::db::begin_writing`]).
    pub fn begin(tx: &'t rusqlite::Transaction<'_>) -> Result<TableImport<'t>> {
        // A large page cache for the load; index builds sort in it too.
        tx.pragma_update(None, "cache_size", -65536)?;
        let (empty, indexes) = drop_indexes_when_empty(tx)?;
        Ok(TableImport {
            tx,
            now: time::now(),
            check_existing: !empty,
            before: last_rows(tx)?,
            indexes,
            summary: Summary::default(),
            changed: Reworded::default(),
        })
    }

    /// Retracts the current claims of `origin` for which `yielded` is false, or, when `retract`
    /// is false (rows were skipped), leaves them and only lists them; builds the dropped
    /// indexes and the words. Returns the summary, those claims (at most `listed` ids), and
    /// whether anything was written.
    pub fn finish(
        self,
        origin: &str,
        yielded: &dyn Fn(&str) -> bool,
        retract: bool,
        listed: usize,
    ) -> Result<(Summary, Stale, bool)> {
        let TableImport {
            tx,
            now,
            check_existing,
            before,
            indexes,
            mut summary,
            changed,
        } = self;
        let mut stale = Stale::default();
        let mut rows = Vec::new();
        if check_existing {
            stale_claims(tx, origin, yielded, &mut |row_id, id| {
                stale.count += 1;
                if stale.first.len() < listed {
                    stale.first.push(id.to_string());
                }
                if retract {
                    rows.push(row_id);
                }
                Ok(())
            })?;
        }
        for row_id in &rows {
            retract_claim(tx, *row_id, &now)?;
        }
        summary.claims.retracted = rows.len();
        for (name, sql) in &indexes {
            tx.execute_batch(sql)
                .with_context(|| format!("while building index {name}"))?;
        }
        let worded = index_text(tx, before, &changed)?;
        let written = !(summary.is_quiet() && worded == 0);
        Ok((summary, stale, written))
    }
}

impl crate::table::Sink for TableImport<'_> {
    fn entity(&mut self, e: Located<Entity>) -> Result<()> {
        let change = match query::entity(self.tx, &e.item.id)? {
            None => Change::Add,
            Some((stored, retracted)) if stored == e.item && !retracted => Change::Unchanged,
            Some(_) => Change::Update,
        };
        match change {
            Change::Add => self.summary.entities.added += 1,
            Change::Update => {
                self.summary.entities.changed += 1;
                self.changed.entities.push(e.item.id.clone());
            }
            Change::Unchanged => self.summary.entities.unchanged += 1,
        }
        write_entity(self.tx, &e, change, &self.now)
    }

    fn claim(&mut self, mut c: Located<Claim>) -> Result<()> {
        c.item.read_from_table();
        let counts = &mut self.summary.claims;
        import_claim(self.tx, &c, self.check_existing, counts, &self.now).map(|_| ())
    }
}
