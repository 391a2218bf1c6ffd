//! Step 1, load: read `tathya.yaml` and every record under `statements/`,
//! and check what can be known of them without localizing ([`validate`],
//! [`lint`]).
//!
//! Each file is parsed with its source text, so that a finding can point
//! at a line in it; a record's text is let go once it is checked, and read
//! again to place a later finding. Syntax and type errors of all files are
//! collected before giving up, so one run lists them all.

pub mod case;
pub mod config;
pub mod lint;
pub mod page;
pub mod record;
pub mod theme;
pub mod topic;
pub mod types;
pub mod validate;
pub mod yaml;

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::diag::{Diagnostics, Error, Location, Result, Rule};
use crate::site::{CONFIG_FILE, STATEMENTS_DIR};

pub use config::Config;
pub use record::Record;
pub use types::{Id, Lang};

/// The hash tathya knows a file's or a page's bytes by.
pub fn hash_bytes(bytes: &[u8]) -> u64 {
    xxhash_rust::xxh3::xxh3_64(bytes)
}

/// A finding inside a YAML file, before it is given its position.
pub type Finding = (Rule, yaml::YamlPath, String);

/// The diagnostic of a finding in `source`, at the value its path names.
pub fn at<T>(source: &Source<T>, (rule, path, message): Finding) -> crate::diag::Diagnostic {
    yaml::diagnostic_at(rule, &source.file, &source.text, &path, message)
}

/// The diagnostic of a problem at the byte `offset` of `value`, the text at
/// `path` of `source`: at that very character when the source shows it.
pub fn at_text<T>(
    source: &Source<T>,
    rule: Rule,
    path: &yaml::YamlPath,
    value: &str,
    offset: usize,
    message: String,
) -> crate::diag::Diagnostic {
    let (line, column) = yaml::locate_in_value(&source.text, path, value, offset).unwrap_or((0, 0));
    crate::diag::Diagnostic::new(rule, Location::at(&source.file, line, column), message)
}

/// A parsed file with the text it came from.
#[derive(Debug, Clone)]
pub struct Source<T> {
    /// Path relative to the site root, as shown in messages.
    pub file: PathBuf,
    /// The file's text.
    pub text: String,
    /// What it says.
    pub value: T,
}

impl<T> Source<T> {
    /// The file with its text, to place a finding in: a build lets go of a
    /// record's text once it is checked, and it is read again here.
    pub fn placed(&self, root: &Path) -> Source<()> {
        let text =
            if self.text.is_empty() { read_source(root, &self.file).unwrap_or_default() } else { self.text.clone() };
        Source { file: self.file.clone(), text, value: () }
    }
}

/// A record and its id.
#[derive(Debug, Clone)]
pub struct Statement {
    /// Its id, from its path.
    pub id: Id,
    /// The record with its file.
    pub source: Source<Record>,
    /// The hash of its text, which the build cache knows it by.
    pub hash: u64,
}

impl Statement {
    /// The record.
    pub fn record(&self) -> &Record {
        &self.source.value
    }
}

/// A loaded site root.
#[derive(Debug, Clone)]
pub struct Site {
    /// The folder holding `tathya.yaml`.
    pub root: PathBuf,
    /// `tathya.yaml`.
    pub config: Source<Config>,
    /// Every record, sorted by id, as [`load`] gives the site; none as
    /// [`load_settings`] gives it, for records loaded one at a time.
    pub statements: Vec<Statement>,
    /// Ids of records that exist but are not in `statements`: every record's
    /// as [`load_settings`] gives the site (checks of `related` look here too).
    pub others: BTreeSet<String>,
    /// The site's own pages (`pages/`), in footer order.
    pub pages: Vec<page::SitePage>,
}

impl Site {
    /// The settings.
    pub fn config(&self) -> &Config {
        &self.config.value
    }

    /// The statement with `id`.
    pub fn statement(&self, id: &str) -> Option<&Statement> {
        // `statements` is sorted by id.
        let index = self.statements.binary_search_by(|s| s.id.as_str().cmp(id)).ok()?;
        self.statements.get(index)
    }

    /// Whether the site has a record with `id`, loaded or not.
    pub fn exists(&self, id: &str) -> bool {
        self.statement(id).is_some() || self.others.contains(id)
    }
}

/// Loads the site root at `root`; fails on the first file that does not
/// parse, after reading them all.
pub fn load(root: &Path) -> Result<Site> {
    let (site, diagnostics) = load_all(root)?;
    diagnostics.finish()?;
    site.ok_or_else(|| Error::Usage("unreachable: settings missing without an error".into()))
}

/// Loads every file of the site root that parses, and the problems of
/// those that do not. The site is `None` when `tathya.yaml` does not parse.
/// Fails only when the files cannot be read at all.
pub fn load_all(root: &Path) -> Result<(Option<Site>, Diagnostics)> {
    load_some(root, &record_files(root)?)
}

/// Loads `tathya.yaml` and the record `files`, as [`load_all`] does.
pub fn load_some(root: &Path, files: &[PathBuf]) -> Result<(Option<Site>, Diagnostics)> {
    let (config, mut diagnostics) = load_config(root)?;
    let mut statements = load_records(root, files, &mut diagnostics, |s| Ok((s, Diagnostics::default())))?;
    statements.sort_by(|a, b| a.id.cmp(&b.id));
    let pages = page::load_pages(root, &mut diagnostics)?;
    let site =
        config.map(|config| Site { root: root.to_path_buf(), config, statements, others: BTreeSet::new(), pages });
    Ok((site, diagnostics))
}

/// Refuses a root that is not a site: one without `tathya.yaml`.
pub fn require_site(root: &Path) -> Result<()> {
    // Anything by that name: reading it says what is wrong with it.
    if fs::symlink_metadata(root.join(CONFIG_FILE)).is_ok() {
        return Ok(());
    }
    Err(Error::Usage(format!(
        "{} is not a tathya site: it has no {CONFIG_FILE} (use --root to point at one)",
        root.display()
    )))
}

/// Loads `tathya.yaml`: its settings if they parse, and the problems.
pub fn load_config(root: &Path) -> Result<(Option<Source<Config>>, Diagnostics)> {
    require_site(root)?;
    let mut diagnostics = Diagnostics::default();
    let config = diagnostics.take(parse_file(root, Path::new(CONFIG_FILE)))?;
    Ok((config, diagnostics))
}

/// Loads `tathya.yaml` into a site that knows the ids of the record `files`
/// (in [`Site::others`]) but holds none of them yet, so that records can be
/// checked one by one as they are loaded. The site is `None` when
/// `tathya.yaml` does not parse.
pub fn load_settings(root: &Path, files: &[PathBuf]) -> Result<(Option<Site>, Diagnostics)> {
    let (config, mut diagnostics) = load_config(root)?;
    let pages = page::load_pages(root, &mut diagnostics)?;
    let site = config.map(|config| Site {
        pages,
        root: root.to_path_buf(),
        config,
        statements: Vec::new(),
        others: files.iter().filter_map(|file| id_of(file).ok()).map(|id| id.to_string()).collect(),
    });
    Ok((site, diagnostics))
}

/// Loads the record `files`, in parallel, in their order; the problems of
/// those that do not parse go to `diagnostics`. `each` takes every record
/// as soon as it is parsed, on the thread that parsed it (to check it and
/// let go of what is not needed while it is at hand), and returns what is
/// kept of it with its findings; its error is taken as the record's, like
/// a parsing error (give findings as findings: they go with an error).
pub fn load_records<T: Send>(
    root: &Path,
    files: &[PathBuf],
    diagnostics: &mut Diagnostics,
    each: impl Fn(Statement) -> Result<(T, Diagnostics)> + Sync,
) -> Result<Vec<T>> {
    let loaded: Vec<Result<(T, Diagnostics)>> =
        files.par_iter().map(|file| load_statement(root, file).and_then(&each)).collect();
    let mut kept = Vec::with_capacity(loaded.len());
    for result in loaded {
        if let Some((value, found)) = diagnostics.take(result)? {
            diagnostics.extend(found);
            kept.push(value);
        }
    }
    Ok(kept)
}

/// A record loaded and checked, until its pages are rendered: held, or let
/// go to be read again then, so that a large site is not held whole.
#[derive(Debug, Clone)]
pub enum Held {
    /// The record as it was loaded.
    Record(Box<Statement>),
    /// Its id, file and the hash of the text that was checked.
    LetGo {
        /// Its id.
        id: Id,
        /// Its file, relative to the site root.
        file: PathBuf,
        /// The hash of its text when it was loaded.
        hash: u64,
    },
}

impl Held {
    /// Holds `statement`, or lets it go.
    pub fn new(statement: Statement, hold: bool) -> Self {
        if hold {
            return Held::Record(Box::new(statement));
        }
        let Statement { id, source, hash } = statement;
        Held::LetGo { id, file: source.file, hash }
    }

    /// Its id.
    pub fn id(&self) -> &Id {
        match self {
            Held::Record(statement) => &statement.id,
            Held::LetGo { id, .. } => id,
        }
    }

    /// Its file, relative to the site root.
    pub fn file(&self) -> &Path {
        match self {
            Held::Record(statement) => &statement.source.file,
            Held::LetGo { file, .. } => file,
        }
    }

    /// The hash of its text.
    pub fn hash(&self) -> u64 {
        match self {
            Held::Record(statement) => statement.hash,
            Held::LetGo { hash, .. } => *hash,
        }
    }

    /// The statement, read again from the site root at `root` if it was let
    /// go. A file changed or gone since it was loaded is refused: its pages
    /// would show what was not checked. One that cannot be read otherwise
    /// fails as reading fails.
    pub fn statement(self, root: &Path) -> Result<Statement> {
        match self {
            Held::Record(statement) => Ok(*statement),
            Held::LetGo { file, hash, .. } => match load_statement(root, &file) {
                Ok(statement) if statement.hash == hash => Ok(statement),
                Ok(_) | Err(Error::Content(_)) => Err(Error::Changed(file)),
                Err(Error::Io { source, .. }) if source.kind() == std::io::ErrorKind::NotFound => {
                    Err(Error::Changed(file))
                }
                Err(other) => Err(other),
            },
        }
    }
}

/// The largest source file tathya reads: a statement is some kilobytes of
/// YAML; a file this big is a mistake, or an attack, and is refused before
/// it is read.
pub const MAX_FILE_BYTES: u64 = 2 * 1024 * 1024;

/// Reads the text file `file` of the site root: UTF-8, with or without a
/// byte order mark, CRLF or LF line ends, at most [`MAX_FILE_BYTES`]. A file
/// that is none of these is a content error naming where it goes wrong; a
/// link that leads out of the site root is refused.
pub fn read_source(root: &Path, file: &Path) -> Result<String> {
    let bytes = read_bytes(root, file, MAX_FILE_BYTES)?;
    let bytes = bytes.strip_prefix("\u{feff}".as_bytes()).unwrap_or(&bytes);
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok(text.to_owned()),
        Err(err) => {
            let valid = &bytes[..err.valid_up_to()];
            let line = valid.iter().filter(|b| **b == b'\n').count() + 1;
            let line_start = valid.iter().rposition(|b| *b == b'\n').map_or(0, |i| i + 1);
            let column = String::from_utf8_lossy(&valid[line_start..]).chars().count() + 1;
            let message = format!(
                "the file is not UTF-8 text (byte 0x{:02X}); save it as UTF-8",
                bytes.get(err.valid_up_to()).copied().unwrap_or(0)
            );
            Err(Error::content(Rule::NotUtf8, Location::at(file, line, column), message))
        }
    }
}

/// Reads the file `file` of the site root, of at most `max` bytes; a link
/// that leads out of the site root, or anything but a regular file, is
/// refused, as a larger file is (T014).
pub fn read_bytes(root: &Path, file: &Path, max: u64) -> Result<Vec<u8>> {
    if let Some(refused) = refusal(root, file)? {
        return Err(Error::Content(vec![refused]));
    }
    let path = root.join(file);
    let too_large = |size: String| {
        let message = format!("the file has {size} bytes; tathya reads files of at most {max} bytes here");
        Error::content(Rule::TooLarge, Location::file(file), message)
    };
    let size = fs::metadata(&path).map_err(|err| Error::io("cannot read", &path, err))?.len();
    if size > max {
        return Err(too_large(size.to_string()));
    }
    // Read no more than the limit, whatever the file grew to since.
    let mut bytes = Vec::with_capacity(usize::try_from(size).unwrap_or(0));
    let opened = fs::File::open(&path).map_err(|err| Error::io("cannot read", &path, err))?;
    std::io::Read::read_to_end(&mut std::io::Read::take(opened, max + 1), &mut bytes)
        .map_err(|err| Error::io("cannot read", &path, err))?;
    if bytes.len() as u64 > max {
        return Err(too_large("more than that".to_owned()));
    }
    Ok(bytes)
}

fn parse_file<T: serde::de::DeserializeOwned>(root: &Path, file: &Path) -> Result<Source<T>> {
    let text = read_source(root, file)?;
    let value = yaml::parse(file, &text)?;
    Ok(Source { file: file.to_path_buf(), text, value })
}

fn load_statement(root: &Path, file: &Path) -> Result<Statement> {
    if file.extension().is_none_or(|ext| ext != "yaml") {
        return Err(Error::content(
            Rule::BadFileName,
            Location::file(file),
            "records end in `.yaml`: rename this file",
        ));
    }
    let id = id_of(file)?;
    let source = parse_file(root, file)?;
    let hash = hash_bytes(source.text.as_bytes());
    Ok(Statement { id, source, hash })
}

/// The id of the record at `file` (relative to the root): its path under
/// `statements/` without `.yaml`.
pub fn id_of(file: &Path) -> Result<Id> {
    let inner = file.strip_prefix(STATEMENTS_DIR).unwrap_or(file).with_extension("");
    let segments: Option<Vec<&str>> = inner.components().map(|c| c.as_os_str().to_str()).collect();
    let text = segments.map(|s| s.join("/")).unwrap_or_default();
    text.parse().map_err(|message: String| Error::content(Rule::BadFileName, Location::file(file), message))
}

/// Every `*.yaml` file under `statements/`, relative to the root, sorted so
/// that the order does not depend on the file system. Links are refused as
/// [`site_files`] refuses them.
pub fn record_files(root: &Path) -> Result<Vec<PathBuf>> {
    Ok(records_among(site_files(root, Path::new(STATEMENTS_DIR))?))
}

/// The record files among `files`, the files under `statements/` as
/// [`site_files`] lists them, as paths from the root.
pub fn records_among(files: Vec<PathBuf>) -> Vec<PathBuf> {
    files
        .into_iter()
        // `.yml`, `.YAML` and the like are taken, to be refused by name.
        .filter(|file| {
            file.extension().is_some_and(|ext| ext.eq_ignore_ascii_case("yaml") || ext.eq_ignore_ascii_case("yml"))
        })
        .map(|file| Path::new(STATEMENTS_DIR).join(file))
        .collect()
}

/// Whether `err`, following a link, says that it leads to no file: what
/// it names is gone, or links lead to one another in a loop.
fn leads_nowhere(err: &std::io::Error) -> bool {
    // A loop has no kind of its own in stable Rust; elsewhere than on
    // Linux it stays an error reading the site.
    #[cfg(target_os = "linux")]
    let looped = rustix::io::Errno::from_io_error(err) == Some(rustix::io::Errno::LOOP);
    #[cfg(not(target_os = "linux"))]
    let looped = false;
    err.kind() == std::io::ErrorKind::NotFound || looped
}

/// Every file under the folder `folder` of the site root `root` (none if it
/// does not exist), relative to that folder, sorted. A link is refused
/// (T015) with its path when it leads to a folder, wherever that is, out
/// of the site root, or to no file; so is `folder` itself, or a folder
/// above it, when it is a link. A link to a file inside the root is read
/// as that file. Fails with the refusals if there are any
/// ([`listed_files`] gives the rest beside them).
///
/// A folder link is never followed: a record's id is its path, and through
/// a link the same record would have a second path (a second URL) or one
/// that is not where its file is, and links can loop. Nor is it passed over
/// in silence, as a listing that does not follow links would.
pub fn site_files(root: &Path, folder: &Path) -> Result<Vec<PathBuf>> {
    let (files, refused) = listed_files(root, folder)?;
    if refused.is_empty() { Ok(files) } else { Err(Error::Content(refused)) }
}

/// The files under `folder` that [`site_files`] gives, and beside them the
/// refusals of those it does not read, sorted: one link refused leaves the
/// others to be read and checked.
pub fn listed_files(root: &Path, folder: &Path) -> Result<(Vec<PathBuf>, Vec<crate::diag::Diagnostic>)> {
    let mut refused = Vec::new();
    let mut above = PathBuf::new();
    for part in folder.components() {
        above.push(part);
        match fs::symlink_metadata(root.join(&above)) {
            Ok(meta) if meta.file_type().is_symlink() => {
                refused.push(link_refusal(&above, "a folder of the site root, as a link"));
                return Ok((Vec::new(), refused));
            }
            Ok(meta) if meta.is_dir() => {}
            Ok(_) => {
                let message = "this is not a folder; tathya reads the site's files from a folder of this name";
                refused.push(crate::diag::Diagnostic::new(Rule::NotAFile, Location::file(&above), message.to_owned()));
                return Ok((Vec::new(), refused));
            }
            Err(_) => return Ok((Vec::new(), refused)),
        }
    }
    let mut out = Vec::new();
    walk(&root.join(folder), |path, kind| {
        if kind.is_file() {
            out.push(path);
        } else {
            match refusal(root, &folder.join(&path))? {
                Some(refused_file) => refused.push(refused_file),
                None => out.push(path),
            }
        }
        Ok(())
    })?;
    refused.sort_by(|a, b| a.location.file.cmp(&b.location.file));
    out.sort_unstable_by(|a, b| a.as_os_str().cmp(b.as_os_str()));
    Ok((out, refused))
}

fn link_refusal(path: &Path, what: &str) -> crate::diag::Diagnostic {
    let message = format!(
        "this is {what}; tathya reads only the site's own files and follows no folder link: put the files here instead"
    );
    crate::diag::Diagnostic::new(Rule::OutsideRoot, Location::file(path), message)
}

/// Why the file `file` of the site root `root` is not read, if it is not:
/// a link out of the root, to a folder or to nothing (T015: gone, or a
/// loop; a revision that `diff` unpacks has none of what is outside its
/// site root), or not a regular file (T018: a pipe would keep tathya
/// waiting, a device reading for ever). The one rule for every file
/// tathya reads from a site.
fn refusal(root: &Path, file: &Path) -> Result<Option<crate::diag::Diagnostic>> {
    let path = root.join(file);
    let meta = fs::symlink_metadata(&path).map_err(|err| Error::io("cannot read", &path, err))?;
    let target = if meta.file_type().is_symlink() {
        let (meta, target) = match path.canonicalize().and_then(|target| Ok((fs::metadata(&target)?, target))) {
            Ok(followed) => followed,
            Err(err) if leads_nowhere(&err) => {
                let to = fs::read_link(&path).map(|to| to.display().to_string()).unwrap_or_default();
                let message = format!(
                    "this is a link to `{to}`, which leads to no file (it is gone, or links loop): remove the link, or put the file itself here"
                );
                return Ok(Some(crate::diag::Diagnostic::new(Rule::OutsideRoot, Location::file(file), message)));
            }
            Err(err) => return Err(Error::io("cannot follow the link", &path, err)),
        };
        let inside = root.canonicalize().map_err(|err| Error::io("cannot read", root, err))?;
        if meta.is_dir() {
            return Ok(Some(link_refusal(file, "a link to a folder")));
        }
        if !target.starts_with(&inside) {
            return Ok(Some(link_refusal(file, &format!("a link to {}, outside the site root", target.display()))));
        }
        meta
    } else {
        meta
    };
    if target.is_file() {
        return Ok(None);
    }
    let message = "this is not a regular file (a pipe, a socket or a device); tathya reads only files";
    Ok(Some(crate::diag::Diagnostic::new(Rule::NotAFile, Location::file(file), message.to_owned())))
}

/// Every file under `dir`, relative to it, sorted (by bytes, so that the
/// order is the same on every machine whatever the file system lists). For
/// the output, which tathya writes; the site's own folders are listed by
/// [`site_files`].
pub fn files_under(dir: &Path) -> Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    walk(dir, |path, _| {
        out.push(path);
        Ok(())
    })?;
    out.sort_unstable_by(|a, b| a.as_os_str().cmp(b.as_os_str()));
    Ok(out)
}

/// Calls `each` with everything under the folder `dir` but folders, by its
/// path relative to `dir` and its kind as listed: a link is a link, and a
/// folder is entered only when it is one, never through a link.
pub fn walk(dir: &Path, mut each: impl FnMut(PathBuf, fs::FileType) -> Result<()>) -> Result<()> {
    let mut pending = vec![PathBuf::new()];
    while let Some(relative) = pending.pop() {
        let current = dir.join(&relative);
        let entries = fs::read_dir(&current).map_err(|err| Error::io("cannot list", &current, err))?;
        for entry in entries {
            let entry = entry.map_err(|err| Error::io("cannot list", &current, err))?;
            let kind = entry.file_type().map_err(|err| Error::io("cannot inspect", &entry.path(), err))?;
            let path = relative.join(entry.file_name());
            if kind.is_dir() {
                pending.push(path);
            } else {
                each(path, kind)?;
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A record let go is read again only as it was checked: changed or
    /// gone, it is refused (exit 2), named as findings name it.
    #[test]
    fn a_record_let_go_is_read_again_only_as_it_was_checked() {
        let dir = tempfile::tempdir().unwrap();
        let file = Path::new("statements/2021/06/cowin-data-breach.yaml");
        fs::create_dir_all(dir.path().join("statements/2021/06")).unwrap();
        let text = fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(file)).unwrap();
        fs::write(dir.path().join(file), &text).unwrap();
        let statement = load_statement(dir.path(), file).unwrap();
        let let_go = |hash| Held::LetGo { id: statement.id.clone(), file: file.to_path_buf(), hash };

        let again = let_go(statement.hash).statement(dir.path()).unwrap();
        assert_eq!((again.id, again.hash), (statement.id.clone(), statement.hash));
        let changed = let_go(statement.hash ^ 1).statement(dir.path()).unwrap_err();
        // Named as findings name it, for its JSON form and GitHub annotation.
        assert_eq!(changed.file(), Some(file), "{changed:?}");
        assert!(changed.to_string().starts_with("statements/2021/06/cowin-data-breach.yaml changed while"));
        assert_eq!(changed.exit_code(), 2);

        fs::remove_file(dir.path().join(file)).unwrap();
        let gone = let_go(statement.hash).statement(dir.path()).unwrap_err();
        assert_eq!(gone.file(), Some(file), "{gone:?}");
        assert_eq!(gone.exit_code(), 2, "{gone:?}");
    }
}
