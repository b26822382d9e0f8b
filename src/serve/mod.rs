//! `factline serve`: a local web workbench over the same database and data files as the
//! command line. Every page reads through [`crate::view`] and [`crate::db`]; every write goes
//! through the same code as its command (`review::accept`, `review::add`, `review::source`,
//! `review::resolve`): data files first, through the `DataWriter`, then their import, so git and
//! `check` see everything.
//!
//! Safe by default ([`guard`]): it binds 127.0.0.1 unless told otherwise, and another address
//! needs an access token; the Host header must name the server (no DNS rebinding); every POST
//! carries the server's CSRF token; all text is escaped by the templates (maud); `--read-only`
//! refuses every write; writes from several browsers run one at a time (a mutex here, the
//! database's write lock in the writer), so none is lost. A bad request is answered with an
//! error page and its status code, never a panic.
//!
//! `mod.rs` runs the server and routes; `guard.rs` the checks; `page.rs` the layout, styles and
//! script (all in the binary: no CDN); `read.rs` the dossier, claim and conflicts pages;
//! `article.rs` a source's text with its candidates; `write.rs` the forms' actions.

mod article;
mod guard;
mod page;
mod read;
mod write;

use std::collections::HashMap;
use std::io::Read;
use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use anyhow::{Context as _, Result, anyhow, bail};

pub use guard::random_token;

/// How the workbench is served.
#[derive(Debug, Clone)]
pub struct Options {
    pub db: PathBuf,
    /// The data folder, for a database that records none (`import --bundled`).
    pub data: Option<PathBuf>,
    pub addr: SocketAddr,
    /// Required when `addr` is not a loopback address.
    pub token: Option<String>,
    /// Other names the Host header may give (a reverse proxy's), with or without a port.
    pub hosts: Vec<String>,
    pub read_only: bool,
    /// Who decides, when the form leaves it empty.
    pub by: Option<String>,
    /// Worker threads.
    pub threads: usize,
}

/// What every handler shares.
pub struct State {
    pub opts: Options,
    /// The token every form carries.
    pub csrf: String,
    /// The Host values accepted.
    hosts: Vec<String>,
    /// One write at a time from this process (the writer's file lock holds against others).
    writes: Mutex<()>,
}

/// A parsed request.
pub struct Req {
    pub post: bool,
    /// Path segments, percent-decoded.
    pub path: Vec<String>,
    pub query: HashMap<String, String>,
    /// Form fields of a POST, in order (a name may repeat).
    pub form: Vec<(String, String)>,
}

impl Req {
    /// The first value of a query parameter or form field.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.form
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
            .or_else(|| self.query.get(name).map(String::as_str))
    }

    /// A field's value, trimmed, when not empty.
    pub fn field(&self, name: &str) -> Option<String> {
        self.get(name)
            .map(str::trim)
            .filter(|v| !v.is_empty())
            .map(str::to_string)
    }

    /// Every value of a repeated form field.
    pub fn all(&self, name: &str) -> Vec<String> {
        self.form
            .iter()
            .filter(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
            .collect()
    }

    /// The `page` parameter (0-based), 0 when absent or not a number.
    pub fn page(&self) -> usize {
        self.get("page").and_then(|p| p.parse().ok()).unwrap_or(0)
    }
}

/// An answer.
pub struct Reply {
    pub status: u16,
    pub content_type: &'static str,
    pub body: Vec<u8>,
    pub headers: Vec<(&'static str, String)>,
}

impl Reply {
    pub fn html(markup: maud::Markup) -> Reply {
        Reply {
            status: 200,
            content_type: "text/html; charset=utf-8",
            body: markup.into_string().into_bytes(),
            headers: Vec::new(),
        }
    }

    /// A redirect after a write (303: the browser follows with a GET).
    pub fn see_other(location: &str) -> Reply {
        Reply {
            status: 303,
            content_type: "text/plain; charset=utf-8",
            body: Vec::new(),
            headers: vec![("Location", location.to_string())],
        }
    }
}

/// Why a request failed: each becomes an error page with its status.
#[derive(Debug)]
pub enum Fail {
    /// 400: the request or a form field is wrong; the message says what would be valid.
    Bad(String),
    Unauthorized(String),
    Forbidden(String),
    NotFound(String),
    Method,
    TooLarge,
    /// 500: the database or a file could not be read or written.
    Internal(anyhow::Error),
}

impl From<anyhow::Error> for Fail {
    fn from(e: anyhow::Error) -> Fail {
        Fail::Internal(e)
    }
}

impl Fail {
    /// A write's error: what the analyst gave was refused (the same messages as the command
    /// line's), unless the database itself failed.
    pub fn refused(e: anyhow::Error) -> Fail {
        if e.downcast_ref::<rusqlite::Error>().is_some() {
            Fail::Internal(e)
        } else {
            Fail::Bad(format!("{e:#}"))
        }
    }

    fn status(&self) -> u16 {
        match self {
            Fail::Bad(_) => 400,
            Fail::Unauthorized(_) => 401,
            Fail::Forbidden(_) => 403,
            Fail::NotFound(_) => 404,
            Fail::Method => 405,
            Fail::TooLarge => 413,
            Fail::Internal(_) => 500,
        }
    }

    fn message(&self) -> String {
        match self {
            Fail::Bad(m) | Fail::Unauthorized(m) | Fail::Forbidden(m) | Fail::NotFound(m) => {
                m.clone()
            }
            Fail::Method => "this address answers GET and POST only".to_string(),
            Fail::TooLarge => format!(
                "the request is larger than {} MB; a source's text is pasted whole, up to that",
                MAX_BODY / 1_000_000
            ),
            Fail::Internal(e) => format!("{e:#}"),
        }
    }
}

pub type Answer = std::result::Result<Reply, Fail>;

/// The largest request body read (a pasted article fits).
const MAX_BODY: usize = 4_000_000;

/// Binds, then serves until the process is stopped; `ready` hears the address once bound.
pub fn serve(opts: Options, ready: &dyn Fn(&str)) -> Result<()> {
    if !opts.db.exists() {
        bail!(
            "no database at {}; the workbench serves a database: run `factline import` (or \
             `factline import --bundled`) first, or give --db",
            opts.db.display()
        );
    }
    // Opened once before serving, so that a database that cannot be read is said at once.
    crate::db::open_for_reading(&opts.db)?;
    let loopback = opts.addr.ip().is_loopback();
    match &opts.token {
        None if !loopback => bail!(
            "--bind {}: serving to other machines needs an access token; give --token TOKEN \
             (or FACTLINE_SERVE_TOKEN), at least 16 characters, and open the address with \
             ?token=TOKEN once",
            opts.addr
        ),
        Some(t) if t.len() < 16 => bail!("--token: give at least 16 characters"),
        _ => {}
    }
    let server = tiny_http::Server::http(opts.addr)
        .map_err(|e| anyhow!("cannot listen on {}: {e}", opts.addr))?;
    let bound = server
        .server_addr()
        .to_ip()
        .ok_or_else(|| anyhow!("the server is not listening on an IP address"))?;
    let state = Arc::new(State {
        hosts: guard::hosts(&bound, &opts.hosts),
        csrf: random_token(),
        writes: Mutex::new(()),
        opts,
    });
    let shown = match bound.ip() {
        IpAddr::V6(ip) => format!("http://[{ip}]:{}/", bound.port()),
        IpAddr::V4(ip) => format!("http://{ip}:{}/", bound.port()),
    };
    ready(&shown);
    let server = Arc::new(server);
    let workers: Vec<_> = (0..state.opts.threads.max(1))
        .map(|_| {
            let (server, state) = (Arc::clone(&server), Arc::clone(&state));
            std::thread::spawn(move || {
                for request in server.incoming_requests() {
                    answer(&state, request);
                }
            })
        })
        .collect();
    for w in workers {
        let _ = w.join();
    }
    Ok(())
}

/// Answers one request; nothing here panics on what the client sent, and a panic in a page
/// would still be answered with a 500.
fn answer(state: &State, mut request: tiny_http::Request) {
    let reply =
        std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| handle(state, &mut request)))
            .unwrap_or_else(|_| {
                Err(Fail::Internal(anyhow!(
                    "the page failed; see the server's log"
                )))
            });
    let reply = match reply {
        Ok(r) => r,
        Err(f) => {
            let mut r = Reply::html(page::error(state, f.status(), &f.message()));
            r.status = f.status();
            if matches!(f, Fail::Method) {
                r.headers.push(("Allow", "GET, HEAD, POST".to_string()));
            }
            r
        }
    };
    let mut response = tiny_http::Response::from_data(reply.body).with_status_code(reply.status);
    let mut headers: Vec<(&str, String)> = vec![
        ("Content-Type", reply.content_type.to_string()),
        ("Content-Security-Policy", guard::CSP.to_string()),
        ("X-Content-Type-Options", "nosniff".to_string()),
        ("X-Frame-Options", "DENY".to_string()),
        // Not no-referrer: under it a browser sends `Origin: null` with a form, and the origin
        // check could not tell the server's own forms from another site's.
        ("Referrer-Policy", "same-origin".to_string()),
        ("Cache-Control", "no-store".to_string()),
    ];
    headers.extend(reply.headers);
    for (name, value) in headers {
        if let Ok(h) = tiny_http::Header::from_bytes(name.as_bytes(), value.as_bytes()) {
            response.add_header(h);
        }
    }
    // A client that went away needs no answer.
    let _ = request.respond(response);
}

fn handle(state: &State, request: &mut tiny_http::Request) -> Answer {
    let post = match request.method() {
        tiny_http::Method::Get | tiny_http::Method::Head => false,
        tiny_http::Method::Post => true,
        _ => return Err(Fail::Method),
    };
    let headers: Vec<(String, String)> = request
        .headers()
        .iter()
        .map(|h| {
            (
                h.field.as_str().as_str().to_ascii_lowercase(),
                h.value.to_string(),
            )
        })
        .collect();
    let header = |name: &str| {
        headers
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    };
    guard::host(state, header("host"))?;
    let url = request.url().to_string();
    let (path, query) = url.split_once('?').unwrap_or((&url, ""));
    let query: HashMap<String, String> = form_urlencoded::parse(query.as_bytes())
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect();
    if let Some(reply) = guard::access(
        state,
        header("cookie"),
        header("authorization"),
        path,
        &query,
    )? {
        return Ok(reply);
    }
    let path: Vec<String> = path
        .split('/')
        .filter(|s| !s.is_empty())
        .map(|s| {
            percent_encoding::percent_decode_str(s)
                .decode_utf8()
                .map(|d| d.into_owned())
                .map_err(|_| Fail::Bad("the address is not UTF-8".to_string()))
        })
        .collect::<std::result::Result<_, _>>()?;
    let mut form = Vec::new();
    if post {
        if state.opts.read_only {
            return Err(Fail::Forbidden(
                "this workbench is read-only (--read-only): nothing can be changed here"
                    .to_string(),
            ));
        }
        guard::same_origin(state, header("origin"), header("sec-fetch-site"))?;
        if request.body_length().is_some_and(|n| n > MAX_BODY) {
            return Err(Fail::TooLarge);
        }
        let mut body = Vec::new();
        request
            .as_reader()
            .take(MAX_BODY as u64 + 1)
            .read_to_end(&mut body)
            .context("while reading the request")
            .map_err(|e| Fail::Bad(format!("{e:#}")))?;
        if body.len() > MAX_BODY {
            return Err(Fail::TooLarge);
        }
        form = form_urlencoded::parse(&body)
            .map(|(k, v)| (k.into_owned(), v.into_owned()))
            .collect();
        let given = form
            .iter()
            .find(|(k, _)| k == "csrf")
            .map(|(_, v)| v.as_str());
        guard::csrf(state, given)?;
    }
    let req = Req {
        post,
        path,
        query,
        form,
    };
    route(state, &req)
}

fn route(state: &State, req: &Req) -> Answer {
    let p: Vec<&str> = req.path.iter().map(String::as_str).collect();
    match (req.post, p.as_slice()) {
        (false, []) => read::home(state, req),
        (false, ["static", "app.css"]) => Ok(page::asset("text/css; charset=utf-8", page::CSS)),
        (false, ["static", "app.js"]) => {
            Ok(page::asset("text/javascript; charset=utf-8", page::JS))
        }
        // Browsers ask for it unbidden; there is none.
        (false, ["favicon.ico"]) => Ok(Reply {
            status: 204,
            content_type: "image/x-icon",
            body: Vec::new(),
            headers: Vec::new(),
        }),
        (false, ["find"]) => read::find(state, req),
        (false, ["entity", id]) => read::dossier(state, req, id),
        (false, ["entity", id, "timeline.svg"]) => read::dossier_chart(state, req, id),
        (false, ["claim", id]) => read::claim(state, id),
        (false, ["conflicts"]) => read::conflicts(state, req),
        (true, ["conflicts", "resolve"]) => write::resolve(state, req),
        (false, ["sources"]) => read::sources(state, req),
        (false, ["sources", "new"]) => Ok(write::new_source_form(state, None, None)),
        // A refused source is shown again with what was typed and pasted, and why.
        (true, ["sources", "new"]) => match write::add_source(state, req) {
            Err(Fail::Bad(why)) => {
                let mut reply = write::new_source_form(state, Some(&why), Some(req));
                reply.status = 400;
                Ok(reply)
            }
            other => other,
        },
        (false, ["source", id]) => article::page(state, req, id),
        (true, ["source", id, "extract"]) => write::extract(state, id),
        (true, ["source", id, "propose"]) => write::propose(state, req, id),
        (true, ["candidate", id, "accept"]) => write::accept(state, req, id),
        (true, ["candidate", id, "reject"]) => write::reject(state, req, id),
        (true, _) => Err(Fail::NotFound("nothing to post to here".to_string())),
        _ => Err(Fail::NotFound(format!(
            "no page at /{}",
            req.path.join("/")
        ))),
    }
}

/// A read connection for one request, inside one read transaction.
pub fn reading(state: &State) -> Result<rusqlite::Connection> {
    let conn = crate::db::open_for_reading(&state.opts.db)?;
    crate::db::begin_reading(&conn)?;
    Ok(conn)
}

/// Runs `write` alone among this server's writes.
pub fn one_write<T>(state: &State, write: impl FnOnce() -> Result<T, Fail>) -> Result<T, Fail> {
    // A write that failed midway left nothing half done (the writer's transaction and
    // renames see to that), so the next one may go on.
    let _one = state.writes.lock().unwrap_or_else(|e| e.into_inner());
    write()
}

/// A path segment or query value percent-encoded for a URL.
pub fn enc(s: &str) -> String {
    percent_encoding::utf8_percent_encode(s, URL_SAFE).to_string()
}

/// What a path segment or query value may keep as it is: letters, digits and `-_.~`.
const URL_SAFE: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'~');
