//! Running a user's SQL: one read-only statement over the documented schema, with a time limit.
//! The only place that prepares SQL it did not write; `factline sql` lays out what it returns.

use std::sync::mpsc;
use std::time::Duration;

use anyhow::{Context, Result, bail};
use rusqlite::Connection;
use rusqlite::types::ValueRef;

use crate::model::Cell;

/// The result of a query: column names and rows.
#[derive(Debug, Clone, PartialEq)]
pub struct Rows {
    pub headers: Vec<String>,
    pub rows: Vec<Vec<Cell>>,
}

/// Runs one read-only statement, interrupting it after `timeout`. The connection is switched
/// to `query_only`, and a statement that would write is refused before it runs.
pub fn run_read_only(conn: &Connection, query: &str, timeout: Duration) -> Result<Rows> {
    conn.pragma_update(None, "query_only", "ON")?;
    let mut stmt = conn
        .prepare(query)
        .with_context(|| "while preparing the query".to_string())?;
    if !stmt.readonly() {
        bail!("only read-only queries are allowed (SELECT, WITH, EXPLAIN); this one would write");
    }
    let headers: Vec<String> = stmt.column_names().iter().map(|c| c.to_string()).collect();

    // A watchdog interrupts the query when the time is up; finishing first cancels it.
    let handle = conn.get_interrupt_handle();
    let (done, finished) = mpsc::channel::<()>();
    let watchdog = std::thread::spawn(move || {
        if finished.recv_timeout(timeout).is_err() {
            handle.interrupt();
        }
    });
    let result = collect(&mut stmt, headers.len());
    let _ = done.send(());
    let _ = watchdog.join();
    let rows = match result {
        Err(rusqlite::Error::SqliteFailure(e, _))
            if e.code == rusqlite::ErrorCode::OperationInterrupted =>
        {
            bail!(
                "the query ran longer than {} s and was stopped; narrow it or raise --timeout",
                timeout.as_secs()
            )
        }
        other => other.context("while running the query")?,
    };
    Ok(Rows { headers, rows })
}

fn collect(stmt: &mut rusqlite::Statement, width: usize) -> rusqlite::Result<Vec<Vec<Cell>>> {
    let mut rows = stmt.query([])?;
    let mut out = Vec::new();
    while let Some(row) = rows.next()? {
        let mut cells = Vec::with_capacity(width);
        for i in 0..width {
            cells.push(match row.get_ref(i)? {
                ValueRef::Null => Cell::Null,
                ValueRef::Integer(n) => Cell::Integer(n),
                ValueRef::Real(x) => Cell::Real(x),
                ValueRef::Text(t) => Cell::Text(String::from_utf8_lossy(t).into_owned()),
                ValueRef::Blob(b) => Cell::Text(format!("<{} bytes>", b.len())),
            });
        }
        out.push(cells);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_rows_and_refuses_writes() {
        let conn = crate::db::open_in_memory().unwrap();
        let got = run_read_only(&conn, "SELECT 1 AS n, 'a' AS t", Duration::from_secs(5)).unwrap();
        assert_eq!(got.headers, ["n", "t"]);
        assert_eq!(got.rows, [[Cell::Integer(1), Cell::Text("a".into())]]);
        let err = run_read_only(&conn, "DELETE FROM claim", Duration::from_secs(5)).unwrap_err();
        assert!(err.to_string().contains("read-only"), "{err}");
    }
}
