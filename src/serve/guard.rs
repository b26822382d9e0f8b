//! The workbench's checks, before any page: the Host header names this server (no DNS
//! rebinding), the access token when it serves other machines, the CSRF token and the origin
//! of every POST.

use std::collections::HashMap;
use std::io::Read;
use std::net::SocketAddr;

use sha2::{Digest, Sha256};

use super::{Fail, Reply, State};

/// Pages load only what the binary serves: no inline script, no other origin, no framing.
pub const CSP: &str = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; \
                       form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

/// The cookie that carries the access token after `?token=` was given once.
const COOKIE: &str = "factline_token";

/// 32 random bytes as hex, from the system's generator; hashed with per-process random keys
/// where /dev/urandom cannot be read.
pub fn random_token() -> String {
    let mut bytes = [0u8; 32];
    let read = std::fs::File::open("/dev/urandom").and_then(|mut f| f.read_exact(&mut bytes));
    if read.is_err() {
        use std::hash::{BuildHasher, Hasher};
        let mut h = Sha256::new();
        for i in 0..8u64 {
            let mut s = std::collections::hash_map::RandomState::new().build_hasher();
            s.write_u64(i);
            h.update(s.finish().to_le_bytes());
        }
        h.update(std::process::id().to_le_bytes());
        bytes.copy_from_slice(&h.finalize());
    }
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The Host values that name the server: its address and port, `localhost` for a loopback
/// address, and the names given with --allow-host.
pub fn hosts(bound: &SocketAddr, extra: &[String]) -> Vec<String> {
    let port = bound.port();
    let mut hosts = vec![match bound {
        SocketAddr::V4(a) => format!("{}:{port}", a.ip()),
        SocketAddr::V6(a) => format!("[{}]:{port}", a.ip()),
    }];
    if bound.ip().is_loopback() {
        hosts.extend([
            format!("localhost:{port}"),
            format!("127.0.0.1:{port}"),
            format!("[::1]:{port}"),
        ]);
    }
    for h in extra {
        let h = h.trim().to_ascii_lowercase();
        if h.contains(':') && !h.ends_with(']') {
            hosts.push(h);
        } else {
            hosts.push(format!("{h}:{port}"));
            hosts.push(h);
        }
    }
    hosts
}

/// Refuses a request whose Host header does not name this server: a page of another site
/// whose name was pointed at this address (DNS rebinding) gets nothing.
pub fn host(state: &State, given: Option<&str>) -> Result<(), Fail> {
    let Some(given) = given else {
        return Err(Fail::Bad("the request has no Host header".to_string()));
    };
    let given = given.trim().to_ascii_lowercase();
    if state.hosts.contains(&given) {
        return Ok(());
    }
    Err(Fail::Forbidden(format!(
        "Host `{given}` is not this server's name ({}); to serve under another name, start \
         serve with --allow-host NAME",
        state.hosts.join(", ")
    )))
}

/// The access token, when the server was started with one: from the cookie, an
/// `Authorization: Bearer` header, or `?token=` (which sets the cookie and leads to the same
/// address without it, so it does not stay in the address bar or the history).
pub fn access(
    state: &State,
    cookie: Option<&str>,
    authorization: Option<&str>,
    path: &str,
    query: &HashMap<String, String>,
) -> Result<Option<Reply>, Fail> {
    let Some(token) = &state.opts.token else {
        return Ok(None);
    };
    let from_cookie = cookie
        .into_iter()
        .flat_map(|c| c.split(';'))
        .find_map(|kv| {
            let (k, v) = kv.trim().split_once('=')?;
            (k == COOKIE).then_some(v)
        });
    let from_header = authorization.and_then(|a| a.strip_prefix("Bearer "));
    if [from_cookie, from_header]
        .into_iter()
        .flatten()
        .any(|t| same(t, token))
    {
        return Ok(None);
    }
    if let Some(given) = query.get("token") {
        if same(given, token) {
            // Only a path of this server: `//host` would lead the browser elsewhere.
            let to = if path.starts_with('/') && !path.starts_with("//") {
                path
            } else {
                "/"
            };
            let mut reply = Reply::see_other(to);
            reply.headers.push((
                "Set-Cookie",
                format!("{COOKIE}={token}; HttpOnly; SameSite=Strict; Path=/"),
            ));
            return Ok(Some(reply));
        }
        return Err(Fail::Unauthorized(
            "that access token is not this server's".to_string(),
        ));
    }
    Err(Fail::Unauthorized(
        "this workbench needs its access token: open the address it printed, with \
         ?token=TOKEN"
            .to_string(),
    ))
}

/// A POST must come from a page of this server: its Origin (when the browser sends one) names
/// this server, and a browser's Sec-Fetch-Site does not say another site.
pub fn same_origin(state: &State, origin: Option<&str>, site: Option<&str>) -> Result<(), Fail> {
    if let Some(origin) = origin {
        let host = origin
            .trim()
            .strip_prefix("http://")
            .unwrap_or("")
            .to_ascii_lowercase();
        if !state.hosts.contains(&host) {
            return Err(Fail::Forbidden(format!(
                "a form from `{origin}` cannot change this workbench"
            )));
        }
    }
    if let Some(site) = site
        && !matches!(site.trim(), "same-origin" | "none")
    {
        return Err(Fail::Forbidden(format!(
            "a form from another site ({site}) cannot change this workbench"
        )));
    }
    Ok(())
}

/// The form's CSRF token must be this server's.
pub fn csrf(state: &State, given: Option<&str>) -> Result<(), Fail> {
    match given {
        Some(t) if same(t, &state.csrf) => Ok(()),
        _ => Err(Fail::Forbidden(
            "the form's token is missing or stale (the server was restarted?): reload the page \
             and send it again"
                .to_string(),
        )),
    }
}

/// Compares two secrets in time that does not depend on where they differ.
fn same(a: &str, b: &str) -> bool {
    let (a, b) = (Sha256::digest(a.as_bytes()), Sha256::digest(b.as_bytes()));
    a.iter()
        .zip(b.iter())
        .fold(0u8, |acc, (x, y)| acc | (x ^ y))
        == 0
}
