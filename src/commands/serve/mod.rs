//! `tathya serve`: the site on 127.0.0.1 while it is written. It builds
//! with `build` itself (the incremental build, into a private folder under
//! `.tathya/`, never `public/`), watches the site root's files, builds
//! again when one is saved, and reloads the open pages. A failed build
//! shows its errors in the terminal and over the last good pages.

mod http;

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::mpsc::{Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

use notify::{EventKind, RecommendedWatcher, RecursiveMode};
use notify_debouncer_full::{DebounceEventResult, Debouncer, RecommendedCache, new_debouncer};

use super::build::{BuildOptions, build};
use crate::diag::{Error, Result, progress, report};
use crate::site::{self, Selection};

/// What `tathya serve` is told.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    /// The site root.
    pub root: PathBuf,
    /// The port; `None` for the first free one from [`DEFAULT_PORT`], 0
    /// for any the system gives.
    pub port: Option<u16>,
    /// Show drafts and embargoed statements, as `build --drafts`.
    pub drafts: bool,
    /// Open the site in the default browser once it is served.
    pub open: bool,
}

/// The port tried first (Zola's).
pub const DEFAULT_PORT: u16 = 1111;

/// How long the watcher waits for a burst of saves to end: an editor
/// writes a file in several steps.
const SETTLE: Duration = Duration::from_millis(25);

/// Serves the site until the process is stopped.
pub fn serve(options: &ServeOptions) -> Result<()> {
    crate::load::require_site(&options.root)?;
    // Absolute, as the watcher names the files it sees.
    let root = &options.root.canonicalize().map_err(|err| Error::io("cannot read", &options.root, err))?;
    let private = root.join(site::SERVE_DIR);
    std::fs::create_dir_all(&private).map_err(|err| Error::io("cannot create", &private, err))?;
    let out = private.join(if options.drafts { "drafts" } else { "site" });
    let server = bind(options.port)?;
    let address = server.server_addr().to_ip().map_or_else(|| "127.0.0.1".to_owned(), |a| a.to_string());
    let shared = Arc::new(http::Shared::default());
    let served = Arc::new(std::sync::RwLock::new(http::Served { out: out.clone(), prefix: prefix(root) }));
    let server = Arc::new(server);
    {
        let (server, shared, served) = (Arc::clone(&server), Arc::clone(&shared), Arc::clone(&served));
        std::thread::spawn(move || {
            for request in server.incoming_requests() {
                let (shared, served) = (Arc::clone(&shared), Arc::clone(&served));
                std::thread::spawn(move || {
                    let served = served.read().map(|s| s.clone()).unwrap_or_else(|e| e.into_inner().clone());
                    http::answer(request, &served, &shared);
                });
            }
        });
    }
    let url = format!("http://{address}{}", prefix(root));
    // The address is said even with --quiet: it is what the command is for.
    eprintln!("serving {} at {url} (Ctrl+C to stop)", root.display());
    let (events, watcher) = watch(root)?;
    let builder = Builder { root: root.clone(), out, drafts: options.drafts, shared, served };
    builder.run();
    if options.open
        && let Err(err) = opener::open_browser(&url)
    {
        progress::status(&format!("cannot open a browser ({err}); open {url}"));
    }
    builder.watch(&events, watcher)
}

/// The server on 127.0.0.1: `port`, or the first free one of ten from
/// [`DEFAULT_PORT`].
fn bind(port: Option<u16>) -> Result<tiny_http::Server> {
    let ports: Vec<u16> = match port {
        Some(port) => vec![port],
        None => (DEFAULT_PORT..DEFAULT_PORT + 10).collect(),
    };
    let mut last = String::new();
    for port in &ports {
        match tiny_http::Server::http(("127.0.0.1", *port)) {
            Ok(server) => return Ok(server),
            Err(err) => last = err.to_string(),
        }
    }
    Err(Error::Usage(format!("cannot serve on 127.0.0.1 port {} ({last}); choose another with --port", ports[0])))
}

/// The site's path on its host (`/factcheck/`), from `tathya.yaml` as it
/// reads now; `/` when it cannot be read.
fn prefix(root: &Path) -> String {
    match crate::load::load_settings(root, &[]) {
        Ok((Some(site), _)) => site.config().base_url.url().root().to_owned(),
        _ => "/".to_owned(),
    }
}

/// Builds the site into serve's folder and tells the pages.
struct Builder {
    root: PathBuf,
    out: PathBuf,
    drafts: bool,
    shared: Arc<http::Shared>,
    served: Arc<std::sync::RwLock<http::Served>>,
}

impl Builder {
    /// One build, as `tathya build` makes it; the terminal and the pages
    /// are told how it ended.
    fn run(&self) {
        let started = Instant::now();
        let options = BuildOptions {
            root: self.root.clone(),
            out: self.out.clone(),
            // Embargoes are measured against the moment of each build.
            selection: Selection { drafts: self.drafts, now: jiff::Timestamp::now() },
            full: false,
            diagnostics: report::Format::Human,
            wait: true,
        };
        let result = build(&options);
        progress::finish();
        let took = started.elapsed().as_millis();
        // The pages are told first: the terminal can wait a moment.
        self.shared.ended(result.as_ref().err().map(|err| plain_report(err, &self.root)));
        match result {
            Ok(written) if written.up_to_date => progress::status(&format!("up to date ({took} ms)")),
            Ok(written) => progress::status(&format!(
                "built in {took} ms: {} files written, {} removed",
                written.changed, written.removed
            )),
            Err(err) => {
                err.report(&self.root, report::Format::Human);
                progress::status(&format!(
                    "the build failed ({took} ms): the pages show the errors over the last good ones"
                ));
            }
        }
        // `base_url` may have moved the site to another folder.
        if let Ok(mut served) = self.served.write() {
            served.prefix = prefix(&self.root);
        }
    }

    /// Builds again after each burst of changes to the site's files.
    fn watch(&self, events: &Receiver<DebounceEventResult>, mut watcher: Watcher) -> Result<()> {
        loop {
            let Ok(first) = events.recv() else { return Ok(()) };
            let mut relevant = self.relevant(first);
            // Saves that came while the last batch was read join it.
            loop {
                match events.recv_timeout(Duration::from_millis(5)) {
                    Ok(more) => relevant |= self.relevant(more),
                    Err(RecvTimeoutError::Timeout) => break,
                    Err(RecvTimeoutError::Disconnected) => return Ok(()),
                }
            }
            // A source folder made since (a first template) is watched too.
            watch_sources(&self.root, &mut watcher);
            if relevant {
                self.run();
            }
        }
    }

    /// Whether `events` change a file the site is built from (a build
    /// opening and reading them does not).
    fn relevant(&self, events: DebounceEventResult) -> bool {
        let Ok(events) = events else { return true };
        events.iter().any(|event| {
            let read = matches!(event.kind, EventKind::Access(kind) if kind != notify::event::AccessKind::Close(notify::event::AccessMode::Write));
            !read && event.paths.iter().any(|path| is_source(&self.root, path))
        })
    }
}

/// Whether `path` is a file the site is built from: `tathya.yaml` or one
/// under a source folder of the site root.
fn is_source(root: &Path, path: &Path) -> bool {
    let Ok(relative) = path.strip_prefix(root) else { return false };
    let Some(first) = relative.components().next() else { return false };
    let first = first.as_os_str();
    first == site::CONFIG_FILE || first == site::STATEMENTS_DIR || site::SHARED_DIRS.iter().any(|dir| first == *dir)
}

/// The file watcher, with its debouncer.
type Watcher = Debouncer<RecommendedWatcher, RecommendedCache>;

/// The watcher of the site root (its own files) and of each source folder
/// in it, and the channel of its debounced events.
fn watch(root: &Path) -> Result<(Receiver<DebounceEventResult>, Watcher)> {
    let (sender, events) = std::sync::mpsc::channel();
    let mut watcher = new_debouncer(SETTLE, None, sender).map_err(|err| watch_error(root, &err))?;
    watcher.watch(root, RecursiveMode::NonRecursive).map_err(|err| watch_error(root, &err))?;
    watch_sources(root, &mut watcher);
    Ok((events, watcher))
}

/// Watches every source folder the root has. Watching one twice is harmless.
fn watch_sources(root: &Path, watcher: &mut Watcher) {
    for dir in std::iter::once(site::STATEMENTS_DIR).chain(site::SHARED_DIRS) {
        let path = root.join(dir);
        if path.is_dir() {
            // A folder that cannot be watched is still built; its changes
            // are seen when another file changes.
            let _ = watcher.watch(&path, RecursiveMode::Recursive);
        }
    }
}

fn watch_error(root: &Path, err: &notify::Error) -> Error {
    Error::Usage(format!("cannot watch {} for changes: {err}", root.display()))
}

/// The errors of a failed build as the terminal shows them, without colour.
fn plain_report(err: &Error, root: &Path) -> String {
    match err {
        Error::Content(found) => {
            let text = report::render(found, report::Format::Human, root);
            anstream::adapter::strip_str(&text).to_string() + &report::summary(found) + "\n"
        }
        other => format!("error: {other}\n"),
    }
}
