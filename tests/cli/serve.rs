//! `factline serve`: the HTTP layer as a browser (or an attacker's page) meets it: the Host
//! check, the CSRF token and origin of every POST, the access token beyond this machine,
//! `--read-only`, escaping, error pages, and writes from two clients at once, none lost.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};

use crate::Env;

const ARTICLE: &str = "A test article.\n\
Official statistics put the population of Kazakhstan at 16,3 million.\n\
Another estimate says about 17.6 million people live in Kazakhstan.\n\
Ethnic Russians make up nearly 22% of Kazakhstan's population.\n";

const SOURCE: &str = "population-test-2011";

/// A running `factline serve`, stopped when dropped.
struct Served {
    child: Child,
    port: u16,
}

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// One answer: status, headers (lowercase names) and body.
struct Answer {
    status: u16,
    headers: Vec<(String, String)>,
    body: String,
}

impl Answer {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }
}

/// A folder with the bundled dataset imported and the article registered as a source.
fn analyst() -> Env {
    let env = Env::empty();
    env.ok(&["import", "--bundled"]);
    env.write("texts/population.txt", ARTICLE);
    env.ok(&[
        "source",
        "add",
        "texts/population.txt",
        "--title",
        "Population <script>alert(1)</script> test",
        "--id",
        SOURCE,
        "--published",
        "2011-05-01",
        "--data",
        "data",
    ]);
    env
}

fn serve(env: &Env, extra: &[&str]) -> Served {
    let mut child = Command::new(env!("CARGO_BIN_EXE_factline"))
        .args(["serve", "--port", "0", "--data", "data", "--by", "tester"])
        .args(extra)
        .current_dir(env.path())
        .env_remove("FACTLINE_DB")
        .env_remove("FACTLINE_SERVE_TOKEN")
        .stderr(Stdio::piped())
        .spawn()
        .expect("start serve");
    let mut line = String::new();
    BufReader::new(child.stderr.take().expect("stderr"))
        .read_line(&mut line)
        .expect("read the address");
    let port = line
        .rsplit(':')
        .find_map(|p| {
            p.trim_end_matches(|c: char| !c.is_ascii_digit())
                .split('/')
                .next()?
                .parse()
                .ok()
        })
        .unwrap_or_else(|| panic!("no port in {line:?}"));
    Served { child, port }
}

/// Sends one request to 127.0.0.1 with these headers; `body` makes it a form POST.
fn send(
    port: u16,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: Option<&str>,
) -> Answer {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).expect("connect");
    let mut request = format!("{method} {path} HTTP/1.1\r\nConnection: close\r\n");
    for (k, v) in headers {
        request.push_str(&format!("{k}: {v}\r\n"));
    }
    if let Some(b) = body {
        request.push_str(&format!(
            "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\n",
            b.len()
        ));
    }
    request.push_str("\r\n");
    request.push_str(body.unwrap_or(""));
    stream.write_all(request.as_bytes()).expect("send");
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).expect("read");
    let raw = String::from_utf8_lossy(&raw).to_string();
    let (head, body) = raw.split_once("\r\n\r\n").unwrap_or((&raw, ""));
    let mut lines = head.lines();
    let status = lines
        .next()
        .and_then(|l| l.split(' ').nth(1))
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let headers = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_string()))
        .collect();
    Answer {
        status,
        headers,
        body: body.to_string(),
    }
}

fn get(s: &Served, path: &str) -> Answer {
    let host = format!("127.0.0.1:{}", s.port);
    send(s.port, "GET", path, &[("Host", &host)], None)
}

fn post(s: &Served, path: &str, body: &str) -> Answer {
    let host = format!("127.0.0.1:{}", s.port);
    send(s.port, "POST", path, &[("Host", &host)], Some(body))
}

/// The CSRF token of the server's forms.
fn csrf(s: &Served) -> String {
    let page = get(s, &format!("/source/{SOURCE}"));
    let at = page
        .body
        .find("name=\"csrf\" value=\"")
        .expect("a form with a token")
        + 19;
    page.body[at..at + 64].to_string()
}

#[test]
fn the_host_header_must_name_the_server() {
    let env = analyst();
    let s = serve(&env, &[]);
    assert_eq!(get(&s, "/").status, 200);
    let localhost = format!("localhost:{}", s.port);
    assert_eq!(
        send(s.port, "GET", "/", &[("Host", &localhost)], None).status,
        200
    );
    // A page of another site whose name was pointed at 127.0.0.1 (DNS rebinding).
    let evil = send(s.port, "GET", "/", &[("Host", "attacker.example:80")], None);
    assert_eq!(evil.status, 403, "{}", evil.body);
    assert!(evil.body.contains("not this server"), "{}", evil.body);
    assert_eq!(send(s.port, "GET", "/", &[], None).status, 400);
    // Every page says where scripts may come from: only the server.
    let csp = get(&s, "/")
        .header("content-security-policy")
        .unwrap_or("")
        .to_string();
    assert!(
        csp.contains("script-src 'self'") && csp.contains("frame-ancestors 'none'"),
        "{csp}"
    );
}

#[test]
fn every_post_needs_the_token_and_this_origin() {
    let env = analyst();
    let s = serve(&env, &[]);
    let token = csrf(&s);
    let before = env.read("data/sources.toml");
    let extract = format!("/source/{SOURCE}/extract");
    for body in ["", "csrf=", "csrf=0123456789abcdef"] {
        let a = post(&s, &extract, body);
        assert_eq!(a.status, 403, "{body}: {}", a.body);
        assert!(a.body.contains("token"), "{}", a.body);
    }
    let host = format!("127.0.0.1:{}", s.port);
    let body = format!("csrf={token}");
    let foreign = send(
        s.port,
        "POST",
        &extract,
        &[("Host", &host), ("Origin", "http://attacker.example")],
        Some(&body),
    );
    assert_eq!(foreign.status, 403, "{}", foreign.body);
    let cross = send(
        s.port,
        "POST",
        &extract,
        &[("Host", &host), ("Sec-Fetch-Site", "cross-site")],
        Some(&body),
    );
    assert_eq!(cross.status, 403, "{}", cross.body);
    let queue = env.ok(&["review", "list", "--format", "json"]);
    assert_eq!(
        queue.stdout.trim(),
        "[]",
        "nothing was queued by a refused POST"
    );
    // With the token, from the server's own origin, it is done.
    let origin = format!("http://127.0.0.1:{}", s.port);
    let ok = send(
        s.port,
        "POST",
        &extract,
        &[
            ("Host", &host),
            ("Origin", &origin),
            ("Sec-Fetch-Site", "same-origin"),
        ],
        Some(&body),
    );
    assert_eq!(ok.status, 303, "{}", ok.body);
    let queue = env.ok(&["review", "list", "--format", "json"]);
    assert!(queue.stdout.contains(SOURCE), "{}", queue.stdout);
    assert_eq!(env.read("data/sources.toml"), before);
}

#[test]
fn read_only_shows_and_never_changes() {
    let env = analyst();
    let s = serve(&env, &["--read-only"]);
    let page = get(&s, &format!("/source/{SOURCE}"));
    assert_eq!(page.status, 200);
    assert!(page.body.contains("Read-only"), "{}", page.body);
    assert!(
        !page.body.contains("<form method=\"post\""),
        "no write forms: {}",
        page.body
    );
    let a = post(&s, &format!("/source/{SOURCE}/extract"), "csrf=whatever");
    assert_eq!(a.status, 403, "{}", a.body);
    assert!(a.body.contains("read-only"), "{}", a.body);
    let queue = env.ok(&["review", "list", "--format", "json"]);
    assert_eq!(queue.stdout.trim(), "[]");
}

#[test]
fn text_from_the_data_is_escaped() {
    let env = analyst();
    let s = serve(&env, &[]);
    for path in ["/sources", &format!("/source/{SOURCE}")] {
        let page = get(&s, path);
        assert_eq!(page.status, 200, "{path}");
        assert!(
            !page.body.contains("<script>alert(1)"),
            "{path}: {}",
            page.body
        );
        assert!(
            page.body.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
            "{path}"
        );
    }
    // What a request sends back in an error page is escaped too.
    let a = get(&s, "/claim/%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E");
    assert_eq!(a.status, 404);
    assert!(!a.body.contains("<img src=x"), "{}", a.body);
    assert!(
        a.body.contains("&lt;img src=x onerror=alert(1)&gt;"),
        "{}",
        a.body
    );
}

#[test]
fn bad_requests_get_error_pages_and_the_server_goes_on() {
    let env = analyst();
    let s = serve(&env, &[]);
    let host = format!("127.0.0.1:{}", s.port);
    assert_eq!(get(&s, "/no/such/page").status, 404);
    assert_eq!(get(&s, "/entity/no-such-entity").status, 404);
    assert_eq!(get(&s, "/claim/%ff%fe").status, 400);
    assert_eq!(
        send(s.port, "PUT", "/", &[("Host", &host)], None).status,
        405
    );
    assert_eq!(get(&s, "/entity/kazakhstan?page=999999999999").status, 200);
    let token = csrf(&s);
    let bad = post(
        &s,
        "/conflicts/resolve",
        &format!("csrf={token}&conflict=nope&prefer=x&reason=r&by=me"),
    );
    assert_eq!(bad.status, 400, "{}", bad.body);
    assert!(
        bad.body.contains("no conflict is called `nope`"),
        "{}",
        bad.body
    );
    // A refused source comes back with what was pasted, and why.
    let refused = post(
        &s,
        "/sources/new",
        &format!(
            "csrf={token}&title=Talks&published=not-a-date&text=Ministers+%3Cmet%3E+in+Minsk."
        ),
    );
    assert_eq!(refused.status, 400, "{}", refused.body);
    assert!(refused.body.contains("not-a-date"), "{}", refused.body);
    assert!(
        refused.body.contains("Ministers &lt;met&gt; in Minsk."),
        "{}",
        refused.body
    );
    assert!(
        !env.path().join("texts/talks.txt").exists(),
        "a refused source leaves no text"
    );
    // Garbage on the socket, then a good request: still served.
    let mut raw = TcpStream::connect(("127.0.0.1", s.port)).expect("connect");
    raw.write_all(b"\x00\x01\x02 not http\r\n\r\n")
        .expect("send");
    drop(raw);
    assert_eq!(get(&s, "/").status, 200);
}

#[test]
fn another_address_needs_an_access_token() {
    let env = analyst();
    let run = env.run(&["serve", "--bind", "0.0.0.0", "--port", "0"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains("needs an access token"),
        "{}",
        run.stderr
    );
    let token = "a-long-enough-access-token";
    let s = serve(
        &env,
        &[
            "--bind",
            "0.0.0.0",
            "--token",
            token,
            "--allow-host",
            "127.0.0.1",
        ],
    );
    assert_eq!(get(&s, "/").status, 401);
    assert_eq!(get(&s, "/?token=wrong-token-of-some-length").status, 401);
    let open = get(&s, &format!("/sources?token={token}"));
    assert_eq!(open.status, 303);
    assert_eq!(open.header("location"), Some("/sources"));
    // The token leads only to a page of this server.
    let away = get(&s, &format!("//attacker.example/?token={token}"));
    assert_eq!(away.header("location"), Some("/"));
    let cookie = open.header("set-cookie").expect("a cookie").to_string();
    assert!(
        cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"),
        "{cookie}"
    );
    let pair = cookie.split(';').next().expect("name=value");
    let host = format!("127.0.0.1:{}", s.port);
    let page = send(
        s.port,
        "GET",
        "/sources",
        &[("Host", &host), ("Cookie", pair)],
        None,
    );
    assert_eq!(page.status, 200, "{}", page.body);
}

#[test]
fn writes_from_two_browsers_at_once_are_both_kept() {
    let env = analyst();
    let s = serve(&env, &[]);
    let token = csrf(&s);
    assert_eq!(
        post(
            &s,
            &format!("/source/{SOURCE}/extract"),
            &format!("csrf={token}")
        )
        .status,
        303
    );
    let queue = env.ok(&["review", "list", "--format", "json"]);
    let ids: Vec<String> = serde_json::from_str::<Vec<serde_json::Value>>(&queue.stdout)
        .expect("json")
        .iter()
        .map(|c| c["id"].as_str().expect("id").to_string())
        .collect();
    assert!(ids.len() >= 2, "{ids:?}");
    let port = s.port;
    let threads: Vec<_> = ids
        .iter()
        .take(3)
        .cloned()
        .map(|id| {
            let token = token.clone();
            std::thread::spawn(move || {
                let host = format!("127.0.0.1:{port}");
                send(
                    port,
                    "POST",
                    &format!("/candidate/{id}/accept"),
                    &[("Host", &host)],
                    Some(&format!("csrf={token}&by=browser-{id}")),
                )
            })
        })
        .collect();
    for t in threads {
        let a = t.join().expect("thread");
        assert_eq!(a.status, 303, "{}", a.body);
    }
    let file = env.read(&format!("data/claims/{SOURCE}.toml"));
    for id in ids.iter().take(3) {
        assert!(
            file.contains(id.as_str()),
            "{id} lost from the data file:\n{file}"
        );
    }
    let stored = env.ok(&[
        "sql",
        &format!(
            "SELECT count(*) FROM claim WHERE retracted_at IS NULL AND origin LIKE '%{SOURCE}%'"
        ),
        "--format",
        "csv",
    ]);
    assert!(
        stored.stdout.contains(&format!("\n{}", ids.len().min(3))),
        "{}",
        stored.stdout
    );
    env.ok(&["check", "--db", "factline.db", "data"]);
}
