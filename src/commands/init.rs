//! `tathya init`: a new site root that builds and checks clean at once:
//! `tathya.yaml` with the issuing body's names, a sample rebuttal and
//! myth-buster, the footer pages, `.gitignore`, a README for the staff and
//! the workflow that checks pull requests and publishes. Templates and
//! messages are not written: they are built in (`load::theme`).
//!
//! The files are this repository's `starter/` folder, compiled in; in them
//! `@ISSUER_EN@`, `@ISSUER_HI@`, `@GENDER_HI@` and `@BASE_URL@` stand for
//! the answers, inside double-quoted YAML strings in a `.yaml` file.

use std::fs;
use std::io::Write as _;
use std::path::{Path, PathBuf};

use super::check::{CheckOptions, check};
use crate::diag::{Diagnostic, Error, Result, report};
use crate::site::STATEMENTS_DIR;

/// Every file of `starter/`, by its path in it.
static STARTER: &[(&str, &[u8])] = include!(concat!(env!("OUT_DIR"), "/starter.rs"));

/// The workflow of a content repository: the one this repository runs.
const WORKFLOW: (&str, &[u8]) = (".github/workflows/tathya.yml", include_bytes!("../../.github/workflows/tathya.yml"));

/// The grammatical gender of the body's Hindi name, which messages agree with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Gender {
    /// मंत्रालय, विभाग, आयोग, बोर्ड…
    Masculine,
    /// समिति, परिषद, सरकार…
    Feminine,
}

/// What `tathya init` is told.
#[derive(Debug, Clone)]
pub struct InitOptions {
    /// The new site root.
    pub dir: PathBuf,
    /// The issuing body's name in English.
    pub issuer_en: String,
    /// Its name in Hindi.
    pub issuer_hi: String,
    /// The gender of its Hindi name.
    pub gender_hi: Gender,
    /// The address the site will be published at.
    pub base_url: String,
    /// Write into a folder that is not empty (never replacing a file).
    pub force: bool,
}

/// What `tathya init` did.
#[derive(Debug, Default)]
pub struct Initialized {
    /// The files written, relative to the site root.
    pub written: Vec<PathBuf>,
    /// The files that were there already and were left as they are.
    pub kept: Vec<PathBuf>,
}

/// Writes a new site root into `options.dir`, once `check` finds no error
/// in it (with these names, say, a letter the card font lacks).
pub fn init(options: &InitOptions) -> Result<Initialized> {
    let answers = answers(options)?;
    let dir = &options.dir;
    // A fresh clone of an empty repository holds `.git` alone.
    let occupied =
        fs::read_dir(dir).map(|entries| entries.flatten().any(|entry| entry.file_name() != ".git")).unwrap_or(false);
    if occupied && !options.force {
        return Err(Error::Usage(format!(
            "{} is not empty; tathya init writes a new site into an empty or new folder \
             (with --force it adds the files the folder lacks, never replacing one)",
            dir.display()
        )));
    }
    let files: Vec<(PathBuf, String)> = STARTER
        .iter()
        .copied()
        .chain([WORKFLOW])
        .map(|(name, bytes)| {
            let relative = PathBuf::from(if name == "gitignore" { ".gitignore" } else { name });
            (relative, fill(name, &String::from_utf8_lossy(bytes), &answers))
        })
        .collect();
    trial(&files)?;
    // A site that has records of its own gets no samples among them.
    let own_records = dir.join(STATEMENTS_DIR).exists();
    let mut done = Initialized::default();
    for (relative, text) in files {
        if own_records && relative.starts_with(STATEMENTS_DIR) {
            continue;
        }
        if write_new(&dir.join(&relative), text.as_bytes())? {
            done.written.push(relative);
        } else {
            done.kept.push(relative);
        }
    }
    Ok(done)
}

/// Checks the site of `files` in a folder of its own, as `tathya check`
/// would; its errors, shown as `check` shows them, fail `init`.
fn trial(files: &[(PathBuf, String)]) -> Result<()> {
    let trial = tempfile::tempdir().map_err(|err| Error::io("cannot create", Path::new("a temporary folder"), err))?;
    for (relative, text) in files {
        write_new(&trial.path().join(relative), text.as_bytes())?;
    }
    let options = CheckOptions { strict: false, now: jiff::Timestamp::now(), cache: None };
    let errors: Vec<Diagnostic> = check(trial.path(), options)?.into_iter().filter(Diagnostic::is_error).collect();
    if errors.is_empty() {
        return Ok(());
    }
    let shown = report::render(&errors, report::Format::Human, trial.path());
    Err(Error::Usage(format!(
        "with these answers the new site would not pass `tathya check`; nothing was written:\n{}{}",
        anstream::adapter::strip_str(&shown),
        report::summary(&errors)
    )))
}

/// The placeholders and what stands in their place, checked.
fn answers(options: &InitOptions) -> Result<[(&'static str, String); 4]> {
    let name = |flag: &str, value: &str| -> Result<String> {
        let value = value.trim();
        if value.is_empty() {
            return Err(Error::Usage(format!("{flag} is empty: give the issuing body's name")));
        }
        if let Some(bad) = value.chars().find(|c| *c == '\n' || crate::load::yaml::typed::is_hostile(*c)) {
            return Err(Error::Usage(format!(
                "{flag} has the character U+{:04X}; give the name on one line",
                bad as u32
            )));
        }
        if value.chars().count() > MAX_NAME {
            return Err(Error::Usage(format!("{flag} is longer than {MAX_NAME} characters")));
        }
        Ok(value.to_owned())
    };
    // The rule `tathya.yaml`'s base_url is read by, said of the flag.
    let base_url = options.base_url.trim();
    base_url.parse::<crate::load::config::BaseUrl>().map_err(|why| Error::Usage(format!("--base-url: {why}")))?;
    let gender = match options.gender_hi {
        Gender::Masculine => "masculine",
        Gender::Feminine => "feminine",
    };
    Ok([
        ("@ISSUER_EN@", name("--issuer-en", &options.issuer_en)?),
        ("@ISSUER_HI@", name("--issuer-hi", &options.issuer_hi)?),
        ("@GENDER_HI@", gender.to_owned()),
        ("@BASE_URL@", base_url.to_owned()),
    ])
}

/// The longest name `init` takes: longer than any ministry's.
const MAX_NAME: usize = 200;

/// The text of the starter file `name` with the answers in place: in a
/// YAML file escaped for the double-quoted string the placeholder stands
/// in, elsewhere as it is.
fn fill(name: &str, text: &str, answers: &[(&str, String)]) -> String {
    let yaml = name.ends_with(".yaml");
    answers.iter().fold(text.to_owned(), |text, (placeholder, value)| {
        let value = if yaml { in_double_quotes(value) } else { value.clone() };
        text.replace(placeholder, &value)
    })
}

/// `value` as it stands between the quotes of a double-quoted YAML string
/// (whose escapes are JSON's).
fn in_double_quotes(value: &str) -> String {
    let quoted = serde_json::Value::from(value).to_string();
    quoted[1..quoted.len() - 1].to_owned()
}

/// Writes `bytes` to `path` unless a file is there; whether it wrote.
fn write_new(path: &Path, bytes: &[u8]) -> Result<bool> {
    if let Some(dir) = path.parent() {
        fs::create_dir_all(dir).map_err(|err| Error::io("cannot create", dir, err))?;
    }
    let mut file = match fs::OpenOptions::new().write(true).create_new(true).open(path) {
        Ok(file) => file,
        Err(err) if err.kind() == std::io::ErrorKind::AlreadyExists => return Ok(false),
        Err(err) => return Err(Error::io("cannot create", path, err)),
    };
    file.write_all(bytes).map_err(|err| Error::io("cannot write", path, err))?;
    Ok(true)
}
