//! The HTTP side of `tathya serve`: the files of the last good build, each
//! HTML page with the reload script added (and, after a failed build, the
//! errors over it), and the event stream that tells open pages a build
//! ended. Only 127.0.0.1 is served; nothing outside the output folder is.

use std::fs;
use std::io::Write;
use std::path::{Component, Path, PathBuf};
use std::sync::{Condvar, Mutex, MutexGuard};
use std::time::Duration;

use tiny_http::{Header, Request, Response};

/// The reload script, its shared worker and the error panel's style,
/// served under [`OWN`].
const RELOAD_JS: &str = include_str!("reload.js");
const WORKER_JS: &str = include_str!("worker.js");
const SERVE_CSS: &str = include_str!("serve.css");

/// The folder of serve's own files, which no site path starts with (a
/// path of the site starts with a language or a file of the output).
const OWN: &str = "/__tathya/";

/// How often an idle event stream says it is still there, so that a
/// closed page's stream ends.
const KEEP_ALIVE: Duration = Duration::from_secs(15);

/// What pages are told of the builds: the number of the last one, and why
/// it failed if it did.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Status {
    /// Counts the builds that ended, good or failed; 0 before the first.
    pub generation: u64,
    /// The errors of the last build (plain text), if it failed.
    pub failure: Option<String>,
    /// Whether a build has ever succeeded: there are pages to show.
    pub built: bool,
}

/// The status shared by the builder and every request.
#[derive(Debug, Default)]
pub struct Shared {
    status: Mutex<Status>,
    changed: Condvar,
}

impl Shared {
    /// Tells every page that a build ended, with its errors if it failed.
    pub fn ended(&self, failure: Option<String>) {
        let mut status = self.lock();
        status.generation += 1;
        status.built |= failure.is_none();
        status.failure = failure;
        self.changed.notify_all();
    }

    fn lock(&self) -> MutexGuard<'_, Status> {
        self.status.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    fn status(&self) -> Status {
        self.lock().clone()
    }

    /// The status once its generation is not `seen`, or after `timeout`.
    fn after(&self, seen: u64, timeout: Duration) -> Status {
        let status = self.lock();
        let (status, _) = self
            .changed
            .wait_timeout_while(status, timeout, |status| status.generation == seen)
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        status.clone()
    }
}

/// Where the pages served are, and the path the site is published under.
#[derive(Debug, Clone)]
pub struct Served {
    /// The output folder of serve's builds.
    pub out: PathBuf,
    /// The site's path on its host, `/` or `/factcheck/` (from `base_url`).
    pub prefix: String,
}

/// Answers `request`. The event stream holds its thread until the page
/// that asked for it is closed.
pub fn answer(request: Request, served: &Served, shared: &Shared) {
    if !local_host(&request) {
        let refused = respond(403, b"tathya serve answers only for 127.0.0.1 and localhost\n".to_vec(), "text/plain");
        let _ = request.respond(refused);
        return;
    }
    let url = request.url().split(['?', '#']).next().unwrap_or("/").to_owned();
    if url == format!("{OWN}events") {
        return events(request, shared);
    }
    let response = match url.strip_prefix(OWN) {
        Some("reload.js") => own(RELOAD_JS, "text/javascript; charset=utf-8"),
        Some("worker.js") => own(WORKER_JS, "text/javascript; charset=utf-8"),
        Some("serve.css") => own(SERVE_CSS, "text/css; charset=utf-8"),
        _ => site_file(&url, served, &shared.status()),
    };
    // A page closed before its answer is no error of the server's.
    let _ = request.respond(response);
}

/// Whether the request names this machine as its host: a page of another
/// site that a browser was led to send to 127.0.0.1 under its own name
/// (DNS rebinding) is refused, drafts and all.
fn local_host(request: &Request) -> bool {
    let Some(host) = request.headers().iter().find(|h| h.field.equiv("Host")) else { return true };
    let host = host.value.as_str();
    let name = match host.strip_prefix('[') {
        Some(v6) => v6.split(']').next().unwrap_or_default(),
        None => host.split(':').next().unwrap_or_default(),
    };
    matches!(name.to_ascii_lowercase().as_str(), "127.0.0.1" | "localhost" | "::1")
}

fn own(text: &str, kind: &str) -> Response<std::io::Cursor<Vec<u8>>> {
    respond(200, text.as_bytes().to_vec(), kind)
}

/// The file of the site at the request path `url`, or a redirect to the
/// site's folder, or the site's page not found.
fn site_file(url: &str, served: &Served, status: &Status) -> Response<std::io::Cursor<Vec<u8>>> {
    let Some(rest) = url.strip_prefix(served.prefix.as_str()) else {
        // `/factcheck` and `/` lead into a site published in a folder.
        if format!("{url}/") == served.prefix || url == "/" {
            return redirect(&served.prefix);
        }
        return not_found(served, status);
    };
    let Some(relative) = file_path(rest) else { return respond(400, b"bad path\n".to_vec(), "text/plain") };
    let path = served.out.join(&relative);
    if path.is_dir() {
        if !url.ends_with('/') {
            return redirect(&format!("{url}/"));
        }
        return file_response(&path.join("index.html"), 200, status).unwrap_or_else(|| not_found(served, status));
    }
    file_response(&path, 200, status).unwrap_or_else(|| not_found(served, status))
}

/// The path under the output folder of the request path `rest` (after the
/// site's prefix): decoded, of plain names only, never `..`.
fn file_path(rest: &str) -> Option<PathBuf> {
    let decoded = percent_encoding::percent_decode_str(rest).decode_utf8().ok()?;
    if decoded.contains(['\\', '\0']) {
        return None;
    }
    let path = Path::new(decoded.as_ref());
    path.components().all(|part| matches!(part, Component::Normal(_))).then(|| path.to_path_buf())
}

fn not_found(served: &Served, status: &Status) -> Response<std::io::Cursor<Vec<u8>>> {
    file_response(&served.out.join("404.html"), 404, status)
        .unwrap_or_else(|| respond(404, not_found_page(status), "text/html; charset=utf-8"))
}

/// The file at `path` with `code`, an HTML page with serve's additions;
/// `None` when there is no such file.
fn file_response(path: &Path, code: u16, status: &Status) -> Option<Response<std::io::Cursor<Vec<u8>>>> {
    let bytes = fs::read(path).ok()?;
    let kind = content_type(path);
    if kind.starts_with("text/html") {
        return Some(respond(code, served_page(&String::from_utf8_lossy(&bytes), status).into_bytes(), kind));
    }
    Some(respond(code, bytes, kind))
}

/// The page `html` as serve shows it: the reload script before `</body>`,
/// and the errors of a failed build at the top of the body.
pub fn served_page(html: &str, status: &Status) -> String {
    let script = format!("<script src=\"{OWN}reload.js\" data-generation=\"{}\"></script>", status.generation);
    let mut out = html.to_owned();
    match out.rfind("</body>") {
        Some(at) => out.insert_str(at, &script),
        None => out.push_str(&script),
    }
    if let Some(failure) = &status.failure {
        let panel = error_panel(failure, status.built);
        let body_end = out.find("<body").and_then(|at| out[at..].find('>').map(|end| at + end + 1));
        out.insert_str(body_end.unwrap_or(0), &panel);
    }
    out
}

/// The panel that shows a failed build's errors.
fn error_panel(failure: &str, built: bool) -> String {
    let mut escaped = Vec::new();
    // Writing into a Vec cannot fail.
    let _ = tera::escape_html(failure, &mut escaped);
    let heading = if built {
        "tathya: the last build failed. This is the last good page; fix the error and save."
    } else {
        "tathya: the site cannot be built. Fix the error and save."
    };
    format!(
        "<link rel=\"stylesheet\" href=\"{OWN}serve.css\"><div id=\"tathya-serve-error\" role=\"alert\"><h2>{heading}</h2><pre>{}</pre></div>",
        String::from_utf8_lossy(&escaped)
    )
}

/// serve's own page not found: before the first build, or when the site
/// has no 404 page (no build succeeded yet).
fn not_found_page(status: &Status) -> Vec<u8> {
    let waiting = if status.generation == 0 { "<p>tathya is building the site…</p>" } else { "" };
    let html = format!(
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Not found</title></head><body>{waiting}</body></html>"
    );
    served_page(&html, status).into_bytes()
}

fn redirect(to: &str) -> Response<std::io::Cursor<Vec<u8>>> {
    let mut response = respond(302, Vec::new(), "text/plain");
    if let Ok(location) = Header::from_bytes("Location", to.as_bytes()) {
        response.add_header(location);
    }
    response
}

fn respond(code: u16, bytes: Vec<u8>, kind: &str) -> Response<std::io::Cursor<Vec<u8>>> {
    let mut response = Response::from_data(bytes).with_status_code(code);
    for (name, value) in [("Content-Type", kind), ("Cache-Control", "no-store")] {
        if let Ok(header) = Header::from_bytes(name, value) {
            response.add_header(header);
        }
    }
    response
}

/// The media type of a file of the site, by its extension.
fn content_type(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()).unwrap_or_default() {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "xml" => "application/xml; charset=utf-8",
        "md" => "text/markdown; charset=utf-8",
        "txt" => "text/plain; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "webp" => "image/webp",
        "ico" => "image/x-icon",
        "woff2" => "font/woff2",
        _ => "application/octet-stream",
    }
}

/// The event stream: the generation now, then each new one as its build
/// ends. Written by hand on the connection, as an event must leave at once.
fn events(request: Request, shared: &Shared) {
    let mut writer = request.into_writer();
    let head =
        "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n";
    let mut seen = shared.status().generation;
    let mut send = |text: String| writer.write_all(text.as_bytes()).and_then(|()| writer.flush()).is_ok();
    if !send(format!("{head}data: {seen}\n\n")) {
        return;
    }
    loop {
        let status = shared.after(seen, KEEP_ALIVE);
        let text = if status.generation == seen {
            ": still here\n\n".to_owned()
        } else {
            format!("data: {}\n\n", status.generation)
        };
        if !send(text) {
            return;
        }
        seen = status.generation;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_plain_names_under_the_output_are_served() {
        assert_eq!(file_path("en/2021/x/index.html"), Some(PathBuf::from("en/2021/x/index.html")));
        assert_eq!(file_path("hi/%E0%A4%95/"), Some(PathBuf::from("hi/क")));
        for bad in
            ["../tathya.yaml", "%2e%2e/tathya.yaml", "en/%2F..%2F..%2Fx", "/etc/passwd", "a\\..\\b", "%00", "%FF"]
        {
            assert_eq!(file_path(bad), None, "{bad}");
        }
    }

    #[test]
    fn a_failed_build_shows_over_the_last_good_page_escaped() {
        let status = Status { generation: 3, failure: Some("x.yaml:1:2 <script>".into()), built: true };
        let page = served_page("<html><body class=\"a\"><p>old</p></body></html>", &status);
        assert!(page.starts_with("<html><body class=\"a\"><link"), "{page}");
        assert!(page.contains("x.yaml:1:2 &lt;script&gt;") && page.contains("<p>old</p>"), "{page}");
        assert!(page.ends_with("<script src=\"/__tathya/reload.js\" data-generation=\"3\"></script></body></html>"));
    }
}
