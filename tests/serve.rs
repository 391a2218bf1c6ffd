//! `tathya serve` as a writer uses it: the page is served with the reload
//! script; a saved record is built again and the open page told to reload
//! (its event stream says so) and shows the new text; a broken record
//! shows its file, line and column over the last good page; the fixed one
//! shows the page again. Nothing outside the output is served.

#![allow(clippy::unwrap_used, clippy::panic, reason = "a test fails by panicking")]

mod common;

use std::fs;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// How long a rebuild may take before the test fails (a debug build on a
/// busy machine; the benchmark measures the real figure).
const BOUND: Duration = Duration::from_secs(20);

/// `tathya serve`, stopped when the test ends.
struct Serve {
    child: Child,
    port: u16,
}

impl Drop for Serve {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Serve {
    fn start(root: &Path) -> Serve {
        let mut child = Command::new(env!("CARGO_BIN_EXE_tathya"))
            .args(["serve", "--port", "0"])
            .current_dir(root)
            .stderr(Stdio::piped())
            .stdout(Stdio::null())
            .spawn()
            .unwrap();
        let mut lines = BufReader::new(child.stderr.take().unwrap()).lines();
        let first = lines.next().unwrap().unwrap();
        let port = first.split("127.0.0.1:").nth(1).and_then(|rest| rest.split('/').next()).unwrap().parse().unwrap();
        // The rest of the terminal output is read so that serve never blocks on it.
        std::thread::spawn(move || lines.for_each(drop));
        Serve { child, port }
    }

    /// Status and body of GET `path`.
    fn get(&self, path: &str) -> (u16, String) {
        self.get_for("localhost", path)
    }

    /// Status and body of GET `path` from the host `host`.
    fn get_for(&self, host: &str, path: &str) -> (u16, String) {
        let mut stream = TcpStream::connect(("127.0.0.1", self.port)).unwrap();
        write!(stream, "GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n").unwrap();
        let mut response = Vec::new();
        stream.read_to_end(&mut response).unwrap();
        let response = String::from_utf8_lossy(&response).into_owned();
        let (head, body) = response.split_once("\r\n\r\n").unwrap_or((&response, ""));
        let status = head.split(' ').nth(1).and_then(|s| s.parse().ok()).unwrap_or(0);
        (status, body.to_owned())
    }

    /// The page at `path` once it is built and `wanted` holds for it.
    fn page_when(&self, path: &str, wanted: impl Fn(&str) -> bool) -> String {
        let start = Instant::now();
        loop {
            let (status, body) = self.get(path);
            if status == 200 && wanted(&body) {
                return body;
            }
            assert!(start.elapsed() < BOUND, "not within {BOUND:?}: {status}\n{body}");
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

/// The event stream of the reload script: each `data:` line it sends.
struct Events(BufReader<TcpStream>);

impl Events {
    fn open(serve: &Serve) -> Events {
        let mut stream = TcpStream::connect(("127.0.0.1", serve.port)).unwrap();
        write!(stream, "GET /__tathya/events HTTP/1.1\r\nHost: localhost\r\n\r\n").unwrap();
        stream.set_read_timeout(Some(BOUND)).unwrap();
        Events(BufReader::new(stream))
    }

    /// The next generation the stream announces, within [`BOUND`].
    fn next(&mut self) -> u64 {
        let start = Instant::now();
        loop {
            assert!(start.elapsed() < BOUND, "no build announced within {BOUND:?}");
            let mut line = String::new();
            assert!(self.0.read_line(&mut line).unwrap() > 0, "the event stream ended");
            if let Some(generation) = line.trim().strip_prefix("data: ") {
                return generation.parse().unwrap();
            }
        }
    }
}

fn new_site() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let made = common::tathya(
        dir.path(),
        &["init", "site", "--issuer-en", "Ministry of Examples", "--issuer-hi", "उदाहरण मंत्रालय"],
    );
    assert!(made.status.success(), "{}", String::from_utf8_lossy(&made.stderr));
    dir
}

#[test]
fn a_saved_record_reloads_the_page_and_a_broken_one_shows_where_it_is_wrong() {
    let dir = new_site();
    let root = dir.path().join("site");
    let serve = Serve::start(&root);
    let page = "/en/2026/01/sample-rebuttal/";
    // Until the first build ends, every address answers "building…" with
    // the script, at generation 0: the page is the built one after that.
    let first =
        serve.page_when(page, |body| body.contains("/__tathya/reload.js") && !body.contains("data-generation=\"0\""));
    assert!(!first.contains("tathya-serve-error"));
    let mut events = Events::open(&serve);
    let seen = events.next();

    // An edit: the stream announces a new build, and the page has the text.
    let record = root.join("statements/2026/01/sample-rebuttal.yaml");
    let good = fs::read_to_string(&record).unwrap();
    let (line, _) = good.lines().enumerate().find(|(_, l)| l.trim_start().starts_with("- en:")).unwrap();
    let edited: Vec<String> = good
        .lines()
        .enumerate()
        .map(|(i, l)| if i == line { l.replacen("- en:", "- en: SAVED-NOW.", 1) } else { l.to_owned() })
        .collect();
    fs::write(&record, edited.join("\n") + "\n").unwrap();
    let after_edit = events.next();
    assert!(after_edit > seen);
    let body = serve.page_when(page, |body| body.contains("SAVED-NOW."));
    assert!(body.contains(&format!("data-generation=\"{after_edit}\"")), "the page is not of the last build");

    // A broken record: its place shows over the last good page.
    fs::write(&record, good.replacen("verdict: ", "verdict: maybe #", 1)).unwrap();
    assert!(events.next() > after_edit);
    let broken = serve.page_when(page, |body| body.contains("tathya-serve-error"));
    let verdict_line = good.lines().position(|l| l.starts_with("verdict: ")).unwrap() + 1;
    let place = format!("statements/2026/01/sample-rebuttal.yaml:{verdict_line}:10");
    assert!(broken.contains(&place), "no {place} in\n{broken}");
    assert!(broken.contains("SAVED-NOW."), "the last good page is not shown under the error");

    // Fixed: the page again, without the error.
    fs::write(&record, &good).unwrap();
    events.next();
    serve.page_when(page, |body| !body.contains("tathya-serve-error") && !body.contains("SAVED-NOW."));

    // Nothing outside the built site, however the path is written.
    for path in ["/../tathya.yaml", "/%2e%2e/tathya.yaml", "/en/%2F..%2F..%2Ftathya.yaml", "/.tathya/"] {
        let (status, body) = serve.get(path);
        assert!(status >= 400 && !body.contains("base_url"), "{path}: {status}");
    }
    // Only this machine's names: not another site's, led here by DNS.
    assert_eq!(serve.get_for(&format!("127.0.0.1:{}", serve.port), page).0, 200);
    assert_eq!(serve.get_for("evil.example", page).0, 403);
    // serve's builds stay in its own folder: public/ is never made.
    assert!(!root.join("public").exists());
}
