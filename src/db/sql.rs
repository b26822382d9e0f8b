//! Running a user's SQL: one read-only statement over the documented schema, sealed in. An
//! authorizer allows reads of the main database and nothing else (no ATTACH, no writes, no
//! pragma that sets anything, no function that reaches outside); a progress handler stops it
//! at a wall-clock deadline; rows go to the caller one at a time, never collected here. The
//! only place that prepares SQL it did not write; `factline sql` lays out what it returns.

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use anyhow::{Context, Result, anyhow, bail};
use rusqlite::Connection;
use rusqlite::hooks::{AuthAction, AuthContext, Authorization};
use rusqlite::types::ValueRef;

use crate::model::Cell;

/// The most memory SQLite may use while the query runs (sorting, grouping, building values).
pub const HEAP_LIMIT: i64 = 512 * 1024 * 1024;

/// Pragmas a query may run: each only reads (with an argument, it names what to describe).
const READ_PRAGMAS: &[&str] = &[
    "table_info",
    "table_xinfo",
    "table_list",
    "index_list",
    "index_info",
    "index_xinfo",
    "foreign_key_list",
    "foreign_key_check",
    "integrity_check",
    "quick_check",
    "collation_list",
    "function_list",
    "module_list",
    "pragma_list",
    "compile_options",
];

/// Pragmas that read a setting when given no value (and would set it when given one).
const SETTING_PRAGMAS: &[&str] = &[
    "user_version",
    "schema_version",
    "application_id",
    "page_count",
    "page_size",
    "freelist_count",
    "encoding",
    "data_version",
    "journal_mode",
    "foreign_keys",
];

/// Functions that reach outside the database or change how it is read.
const OUTSIDE_FUNCTIONS: &[&str] = &[
    "load_extension",
    "readfile",
    "writefile",
    "edit",
    "fts3_tokenizer",
    "sqlite_dbpage",
];

/// Why the authorizer refused a statement, as the message ends.
fn refusal(action: &AuthAction, database: Option<&str>) -> Option<String> {
    let why = match action {
        AuthAction::Select | AuthAction::Recursive => return None,
        AuthAction::Read { table_name, .. } => match database {
            // `temp` holds only what factline made there: the past state of `--as-known-at`.
            Some("main" | "temp") | None => return None,
            Some(other) => format!("it reads {table_name} from the database `{other}`"),
        },
        AuthAction::Function { function_name } => {
            let name = function_name.to_ascii_lowercase();
            if !OUTSIDE_FUNCTIONS.contains(&name.as_str()) {
                return None;
            }
            format!("it calls {name}(), which reaches outside the database")
        }
        AuthAction::Pragma {
            pragma_name,
            pragma_value,
        } => {
            let name = pragma_name.to_ascii_lowercase();
            let reads = READ_PRAGMAS.contains(&name.as_str())
                || (SETTING_PRAGMAS.contains(&name.as_str()) && pragma_value.is_none());
            if reads && matches!(database, Some("main") | None) {
                return None;
            }
            format!("PRAGMA {name} may change a setting; only pragmas that read are allowed")
        }
        AuthAction::Attach { filename } => format!("it attaches another database ({filename})"),
        AuthAction::Detach { .. } => "it detaches a database".to_string(),
        AuthAction::Transaction { .. } | AuthAction::Savepoint { .. } => {
            "it controls a transaction".to_string()
        }
        AuthAction::Insert { .. }
        | AuthAction::Update { .. }
        | AuthAction::Delete { .. }
        | AuthAction::CreateIndex { .. }
        | AuthAction::CreateTable { .. }
        | AuthAction::CreateTempIndex { .. }
        | AuthAction::CreateTempTable { .. }
        | AuthAction::CreateTempTrigger { .. }
        | AuthAction::CreateTempView { .. }
        | AuthAction::CreateTrigger { .. }
        | AuthAction::CreateView { .. }
        | AuthAction::CreateVtable { .. }
        | AuthAction::DropIndex { .. }
        | AuthAction::DropTable { .. }
        | AuthAction::DropTempIndex { .. }
        | AuthAction::DropTempTable { .. }
        | AuthAction::DropTempTrigger { .. }
        | AuthAction::DropTempView { .. }
        | AuthAction::DropTrigger { .. }
        | AuthAction::DropView { .. }
        | AuthAction::DropVtable { .. }
        | AuthAction::AlterTable { .. }
        | AuthAction::Reindex { .. }
        | AuthAction::Analyze { .. } => "this one would write".to_string(),
        _ => "it does something other than read".to_string(),
    };
    Some(why)
}

/// What a query's rows go to, one at a time.
pub trait RowSink {
    /// The column names, once, before the first row.
    fn headers(&mut self, headers: &[String]) -> Result<()>;
    /// One row.
    fn row(&mut self, row: &[Cell]) -> Result<()>;
}

/// A value for a named parameter of the query (`:name`, `@name` or `$name`).
#[derive(Debug, Clone, PartialEq)]
pub enum Param {
    Integer(i64),
    Real(f64),
    Text(String),
}

impl Param {
    /// A value as typed on the command line, read as the sqlite3 shell's `.parameter set`
    /// reads one: an integer or a real when it is written as one (`42`, `-1.5`, `2e6`), text
    /// otherwise (`007`, `Kazakhstan`, `1,000`).
    pub fn parse(text: &str) -> Param {
        if let Ok(n) = text.parse::<i64>()
            && n.to_string() == text
        {
            return Param::Integer(n);
        }
        let numeric = text.bytes().any(|b| b.is_ascii_digit())
            && text
                .bytes()
                .all(|b| b.is_ascii_digit() || matches!(b, b'.' | b'-' | b'+' | b'e' | b'E'))
            && !leading_zero(text);
        match text.parse::<f64>() {
            Ok(x) if numeric && x.is_finite() => Param::Real(x),
            _ => Param::Text(text.to_string()),
        }
    }
}

/// True for `007` or `-01`: digits a number would not be written with, so kept as text.
fn leading_zero(text: &str) -> bool {
    let digits = text.trim_start_matches(['-', '+']).as_bytes();
    digits.len() > 1 && digits[0] == b'0' && digits[1].is_ascii_digit()
}

/// Runs one read-only statement, handing its rows to `sink` as SQLite produces them, and
/// stops it once `timeout` has passed. Returns the number of rows.
pub fn run_read_only(
    conn: &Connection,
    query: &str,
    timeout: Duration,
    sink: &mut dyn RowSink,
) -> Result<usize> {
    run_with_params(conn, query, &[], timeout, sink)
}

/// [`run_read_only`] with named parameters, each bound where the query names it (`:name`,
/// `@name` or `$name`). A parameter the query does not use, and one it uses but is not given,
/// are errors that name it.
pub fn run_with_params(
    conn: &Connection,
    query: &str,
    params: &[(String, Param)],
    timeout: Duration,
    sink: &mut dyn RowSink,
) -> Result<usize> {
    conn.pragma_update(None, "query_only", "ON")?;
    conn.pragma_update_and_check(None, "hard_heap_limit", HEAP_LIMIT, |_| Ok(()))
        .context("while limiting the memory a query may take")?;
    let refused: Arc<Mutex<Option<String>>> = Arc::new(Mutex::new(None));
    let seen = Arc::clone(&refused);
    conn.authorizer(Some(move |ctx: AuthContext<'_>| {
        match refusal(&ctx.action, ctx.database_name) {
            None => Authorization::Allow,
            Some(why) => {
                if let Ok(mut first) = seen.lock() {
                    first.get_or_insert(why);
                }
                Authorization::Deny
            }
        }
    }))?;
    // A timeout of 0 is no limit.
    let deadline = if timeout.is_zero() {
        None
    } else {
        Instant::now().checked_add(timeout)
    };
    if let Some(deadline) = deadline {
        conn.progress_handler(1000, Some(move || Instant::now() >= deadline))?;
    }
    let result = run(conn, query, params, deadline, sink);
    // The connection goes back to how it was, whatever happened.
    let _ = conn.authorizer(None::<fn(AuthContext<'_>) -> Authorization>);
    let _ = conn.progress_handler(0, None::<fn() -> bool>);
    let refused = refused.lock().ok().and_then(|mut r| r.take());
    match result {
        Ok(n) => Ok(n),
        Err(e) => Err(explain(e, refused, timeout, query)),
    }
}

/// The error a user should see: a refusal, the time limit or the memory limit said plainly.
fn explain(
    e: anyhow::Error,
    refused: Option<String>,
    timeout: Duration,
    query: &str,
) -> anyhow::Error {
    let code = e.chain().find_map(|cause| match cause.downcast_ref() {
        Some(rusqlite::Error::SqliteFailure(f, _)) => Some(f.code),
        _ => None,
    });
    match (code, refused) {
        (Some(rusqlite::ErrorCode::AuthorizationForStatementDenied), Some(why)) => anyhow!(
            "only read-only queries are allowed (SELECT, WITH, EXPLAIN, pragmas that read), \
             over this database alone; refused because {why}"
        ),
        (Some(rusqlite::ErrorCode::OperationInterrupted), _) => anyhow!(
            "the query ran longer than {} s and was stopped; narrow it or raise --timeout",
            timeout.as_secs()
        ),
        (Some(rusqlite::ErrorCode::OutOfMemory), _) => anyhow!(
            "the query needed more than {} MB of memory and was stopped; narrow it (a WHERE, \
             a LIMIT, fewer columns)",
            HEAP_LIMIT / (1024 * 1024)
        ),
        _ => match e
            .chain()
            .find_map(|cause| cause.downcast_ref::<rusqlite::Error>())
        {
            Some(rusqlite::Error::SqlInputError {
                msg, sql, offset, ..
            }) => anyhow!("{}", explain_input(msg, sql, *offset)),
            Some(rusqlite::Error::SqliteFailure(_, Some(msg))) if e.to_string() == PREPARING => {
                anyhow!("{}", explain_input(msg, query, -1))
            }
            _ => e,
        },
    }
}

/// The context of an error from preparing the user's query.
const PREPARING: &str = "while preparing the query";

/// SQLite's words about a query it cannot prepare, said to be about the query's SQL, with the
/// line of the query it points at and a caret under the place.
fn explain_input(msg: &str, sql: &str, offset: i32) -> String {
    let what = if msg.contains("syntax error") || msg.contains("incomplete input") {
        "the query's SQL syntax is wrong"
    } else {
        "the query cannot be run on this database"
    };
    let Some(at) = usize::try_from(offset)
        .ok()
        .filter(|&o| o <= sql.len() && sql.is_char_boundary(o))
    else {
        return format!("{what}: {msg} (SQLite's words)");
    };
    let line_start = sql[..at].rfind('\n').map_or(0, |i| i + 1);
    let line_end = sql[at..].find('\n').map_or(sql.len(), |i| at + i);
    let line = sql[..at].matches('\n').count() + 1;
    let column = sql[line_start..at].chars().count() + 1;
    let shown = crate::text::visible::visible(&sql[line_start..line_end]);
    let caret = " ".repeat(column - 1);
    format!(
        "{what}: {msg} (SQLite's words), at line {line}, column {column}:\n  {shown}\n  {caret}^"
    )
}

fn run(
    conn: &Connection,
    query: &str,
    params: &[(String, Param)],
    deadline: Option<Instant>,
    sink: &mut dyn RowSink,
) -> Result<usize> {
    let mut stmt = conn.prepare(query).context(PREPARING)?;
    if !stmt.readonly() {
        bail!("only read-only queries are allowed (SELECT, WITH, EXPLAIN); this one would write");
    }
    bind(&mut stmt, params)?;
    let headers: Vec<String> = stmt.column_names().iter().map(|c| c.to_string()).collect();
    let width = headers.len();
    sink.headers(&headers)?;
    let mut rows = stmt.raw_query();
    let mut count = 0;
    let mut cells = Vec::with_capacity(width);
    while let Some(row) = rows.next().context("while running the query")? {
        if deadline.is_some_and(|d| Instant::now() >= d) {
            return Err(rusqlite::Error::SqliteFailure(
                rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_INTERRUPT),
                None,
            )
            .into());
        }
        cells.clear();
        for i in 0..width {
            cells.push(match row.get_ref(i)? {
                ValueRef::Null => Cell::Null,
                ValueRef::Integer(n) => Cell::Integer(n),
                ValueRef::Real(x) => Cell::Real(x),
                ValueRef::Text(t) => Cell::Text(String::from_utf8_lossy(t).into_owned()),
                ValueRef::Blob(b) => Cell::Text(format!("<{} bytes>", b.len())),
            });
        }
        sink.row(&cells)?;
        count += 1;
    }
    Ok(count)
}

/// Binds each parameter where the statement names it, after checking that every name the
/// statement has is given and every name given is used.
fn bind(stmt: &mut rusqlite::Statement<'_>, params: &[(String, Param)]) -> Result<()> {
    // `:who`, `@who` and `$who` in one query are one parameter: each is bound.
    let find = |stmt: &rusqlite::Statement<'_>, name: &str| -> Result<Vec<usize>> {
        let mut found = Vec::new();
        for prefix in [":", "@", "$"] {
            if let Some(i) = stmt.parameter_index(&format!("{prefix}{name}"))? {
                found.push(i);
            }
        }
        Ok(found)
    };
    for (name, value) in params {
        let found = find(stmt, name)?;
        if found.is_empty() {
            bail!(
                "the query has no parameter :{name}; name it in the query (WHERE x = :{name}) \
                 or leave out -p {name}"
            );
        }
        for i in found {
            match value {
                Param::Integer(n) => stmt.raw_bind_parameter(i, n)?,
                Param::Real(x) => stmt.raw_bind_parameter(i, x)?,
                Param::Text(t) => stmt.raw_bind_parameter(i, t)?,
            }
        }
    }
    for i in 1..=stmt.parameter_count() {
        let given = match stmt.parameter_name(i) {
            Some(name) => params.iter().any(|(n, _)| *n == name[1..]),
            None => false,
        };
        if !given {
            let shown = stmt
                .parameter_name(i)
                .map_or(format!("?{i}"), str::to_string);
            match shown.strip_prefix([':', '@', '$']) {
                Some(name) => bail!(
                    "the query uses the parameter {shown} but no value was given; add -p {name} \
                     VALUE"
                ),
                None => bail!(
                    "the query has a positional parameter ({shown}); name it (:name) and give it \
                     with -p name VALUE"
                ),
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, Default)]
    struct Collect {
        headers: Vec<String>,
        rows: Vec<Vec<Cell>>,
    }

    impl RowSink for Collect {
        fn headers(&mut self, headers: &[String]) -> Result<()> {
            self.headers = headers.to_vec();
            Ok(())
        }
        fn row(&mut self, row: &[Cell]) -> Result<()> {
            self.rows.push(row.to_vec());
            Ok(())
        }
    }

    fn run(conn: &Connection, query: &str) -> Result<Collect> {
        let mut got = Collect::default();
        run_read_only(conn, query, Duration::from_secs(5), &mut got)?;
        Ok(got)
    }

    #[test]
    fn named_parameters_are_bound_and_checked() {
        let conn = crate::db::open_in_memory().unwrap();
        let mut got = Collect::default();
        let params = [
            ("n".to_string(), Param::parse("41")),
            ("t".to_string(), Param::parse("007")),
            ("x".to_string(), Param::parse("2.5")),
        ];
        let sql = "SELECT :n + 1 AS n, typeof(@t) AS t, $x * 2 AS x";
        run_with_params(&conn, sql, &params, Duration::from_secs(5), &mut got).unwrap();
        assert_eq!(
            got.rows,
            [[
                Cell::Integer(42),
                Cell::Text("text".into()),
                Cell::Real(5.0)
            ]]
        );
        let err =
            run_with_params(&conn, "SELECT :a", &[], Duration::from_secs(5), &mut got).unwrap_err();
        assert!(err.to_string().contains("add -p a VALUE"), "{err}");
        let err = run_with_params(&conn, "SELECT 1", &params, Duration::from_secs(5), &mut got)
            .unwrap_err();
        assert!(err.to_string().contains("no parameter :n"), "{err}");
        let err =
            run_with_params(&conn, "SELECT ?", &[], Duration::from_secs(5), &mut got).unwrap_err();
        assert!(err.to_string().contains("positional"), "{err}");
        assert_eq!(Param::parse("-3"), Param::Integer(-3));
        assert_eq!(Param::parse("1e3"), Param::Real(1000.0));
        assert_eq!(Param::parse("0.5"), Param::Real(0.5));
        assert_eq!(Param::parse("inf"), Param::Text("inf".into()));
        assert_eq!(Param::parse("1,000"), Param::Text("1,000".into()));
    }

    #[test]
    fn reads_rows_and_refuses_writes() {
        let conn = crate::db::open_in_memory().unwrap();
        let got = run(&conn, "SELECT 1 AS n, 'a' AS t").unwrap();
        assert_eq!(got.headers, ["n", "t"]);
        assert_eq!(got.rows, [[Cell::Integer(1), Cell::Text("a".into())]]);
        let err = run(&conn, "DELETE FROM claim").unwrap_err();
        assert!(err.to_string().contains("read-only"), "{err}");
    }

    #[test]
    fn issue_11_attach_pragma_writes_and_outside_functions_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let conn = crate::db::open_in_memory().unwrap();
        let target = dir.path().join("made.db");
        for (query, why) in [
            (
                format!("ATTACH DATABASE '{}' AS x", target.display()),
                "attaches another database",
            ),
            (
                format!("ATTACH 'file:{}?mode=rwc' AS x", target.display()),
                "attaches another database",
            ),
            (
                "PRAGMA journal_mode = DELETE".to_string(),
                "PRAGMA journal_mode",
            ),
            ("PRAGMA query_only = OFF".to_string(), "PRAGMA query_only"),
            ("BEGIN IMMEDIATE".to_string(), "transaction"),
        ] {
            let err = run(&conn, &query).unwrap_err().to_string();
            assert!(err.contains(why), "{query}: {err}");
            assert!(err.contains("only read-only queries"), "{query}: {err}");
        }
        assert!(!target.exists(), "ATTACH must not create a file");
        // Not compiled in, and refused by name if it ever were.
        assert!(run(&conn, "SELECT load_extension('/tmp/x')").is_err());
        assert!(
            refusal(
                &AuthAction::Function {
                    function_name: "load_extension"
                },
                None
            )
            .is_some()
        );
        // Reading pragmas and the schema still work, and the next query is not refused.
        let got = run(&conn, "PRAGMA table_info(claim)").unwrap();
        assert!(!got.rows.is_empty());
        assert_eq!(run(&conn, "PRAGMA user_version").unwrap().rows.len(), 1);
        let got = run(&conn, "SELECT count(*) FROM sqlite_master").unwrap();
        assert_eq!(got.rows.len(), 1);
    }

    #[test]
    fn issue_11_the_deadline_holds_while_rows_are_being_produced() {
        let conn = crate::db::open_in_memory().unwrap();
        let started = Instant::now();
        let mut got = Collect::default();
        let err = run_read_only(
            &conn,
            "WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n) SELECT x FROM n",
            Duration::from_millis(300),
            &mut got,
        )
        .unwrap_err();
        assert!(err.to_string().contains("ran longer than"), "{err}");
        assert!(started.elapsed() < Duration::from_secs(5));
    }
}
