//! Diagnostics, the bottom layer: which [`rules`] a problem breaks, where
//! it is, and how findings are printed ([`report`]).
//!
//! A content error (a bad record, a missing translation, a template that does
//! not render) names its file, line and column and makes the command exit 1;
//! an I/O or usage failure makes it exit 2. Errors are collected, not thrown
//! at the first one, so that one run shows everything that needs fixing.

pub mod progress;
pub mod report;
pub mod rules;

use std::fmt;
use std::path::{Path, PathBuf};

pub use rules::{Rule, Severity};

/// A position in a source file, 1-based as editors count.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Location {
    /// The file, relative to the site root where possible.
    pub file: PathBuf,
    /// Line, from 1; 0 when only the file is known.
    pub line: usize,
    /// Column in characters, from 1; 0 when only the file is known.
    pub column: usize,
}

impl Location {
    /// A location that names only a file.
    pub fn file(file: impl Into<PathBuf>) -> Self {
        Location { file: file.into(), line: 0, column: 0 }
    }

    /// A location at a line and column of a file.
    pub fn at(file: impl Into<PathBuf>, line: usize, column: usize) -> Self {
        Location { file: file.into(), line, column }
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file.display())?;
        if self.line > 0 {
            write!(f, ":{}:{}", self.line, self.column)?;
        }
        Ok(())
    }
}

/// One problem in the site's content, with where it is and which rule found it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// The rule, with its code.
    pub rule: Rule,
    /// The rule's severity, or error under `check --strict`.
    pub severity: Severity,
    /// Where the problem is.
    pub location: Location,
    /// What is wrong, in one sentence.
    pub message: String,
}

impl Diagnostic {
    /// A finding of `rule` at a location. The message is one line: line
    /// breaks that a library or a value put in it become spaces.
    pub fn new(rule: Rule, location: Location, message: impl Into<String>) -> Self {
        let mut message = message.into();
        if message.contains(['\n', '\r']) {
            message = message
                .split(['\n', '\r'])
                .map(str::trim)
                .filter(|part| !part.is_empty())
                .collect::<Vec<_>>()
                .join(" ");
        }
        Diagnostic { rule, severity: rule.severity(), location, message }
    }

    /// Whether it blocks a build.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {} [{}]", self.location, self.message, self.rule.code())
    }
}

/// Everything that can stop a command.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The content is wrong: records, settings, locales or templates.
    #[error("{} content problem{}", .0.len(), if .0.len() == 1 { "" } else { "s" })]
    Content(Vec<Diagnostic>),
    /// A file or folder could not be read or written.
    #[error("{action} {}: {source}", .path.display())]
    Io {
        /// What was being done, e.g. "cannot read".
        action: &'static str,
        /// The path it was done to.
        path: PathBuf,
        /// What the operating system said.
        source: std::io::Error,
    },
    /// The command line asked for something that does not exist.
    #[error("{0}")]
    Usage(String),
    /// A file of the site (relative to its root, as findings name it)
    /// changed between two readings of one command: what was checked is
    /// not what would be published.
    #[error("{} changed while tathya was reading the site: run it again", .0.display())]
    Changed(PathBuf),
    /// The build cache beside the output does not hold what its index
    /// says: damaged, or changed by a build while it was read. A build
    /// stops; `check`, which publishes nothing, reads every record instead.
    #[error("{0}")]
    Cache(String),
}

impl Error {
    /// A single content error.
    pub fn content(rule: Rule, location: Location, message: impl Into<String>) -> Self {
        Error::Content(vec![Diagnostic::new(rule, location, message)])
    }

    /// An I/O error naming its path.
    pub fn io(action: &'static str, path: &Path, source: std::io::Error) -> Self {
        Error::Io { action, path: path.to_path_buf(), source }
    }

    /// The process exit status this error stands for (see DESIGN.md).
    pub fn exit_code(&self) -> i32 {
        match self {
            Error::Content(_) => 1,
            Error::Io { .. } | Error::Usage(_) | Error::Changed(_) | Error::Cache(_) => 2,
        }
    }

    /// Prints the error to stderr: content errors in `format` (rustc-style
    /// with their source lines, JSON lines, or GitHub commands), the rest as
    /// one line.
    pub fn report(&self, root: &Path, format: report::Format) {
        match self {
            Error::Content(diagnostics) => report::print(diagnostics, format, root, report::Stream::Stderr),
            other => report::print_failure(&other.to_string(), other.file(), format),
        }
    }

    /// The file an error that is not about content names, if any: the
    /// `file` of its JSON form and of its GitHub annotation.
    pub fn file(&self) -> Option<&Path> {
        match self {
            Error::Io { path, .. } | Error::Changed(path) => Some(path),
            Error::Content(_) | Error::Usage(_) | Error::Cache(_) => None,
        }
    }
}

/// The result type of every fallible step.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Collects diagnostics from many independent checks and turns them into one
/// error at the end.
#[derive(Debug, Default)]
pub struct Diagnostics(Vec<Diagnostic>);

impl Diagnostics {
    /// Records one problem.
    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.0.push(diagnostic);
    }

    /// Keeps the value of `result`, or records its content errors and gives
    /// `None`. I/O and usage errors cannot be collected and are returned.
    pub fn take<T>(&mut self, result: Result<T>) -> Result<Option<T>> {
        match result {
            Ok(value) => Ok(Some(value)),
            Err(Error::Content(diagnostics)) => {
                self.0.extend(diagnostics);
                Ok(None)
            }
            Err(other) => Err(other),
        }
    }

    /// Adds every finding of `other`.
    pub fn extend(&mut self, other: Diagnostics) {
        self.0.extend(other.0);
    }

    /// Every finding, sorted by location so that output does not depend on
    /// the order of the work.
    pub fn into_sorted(mut self) -> Vec<Diagnostic> {
        self.0.sort_by(|a, b| (&a.location, a.rule.code(), &a.message).cmp(&(&b.location, b.rule.code(), &b.message)));
        self.0.dedup();
        self.0
    }

    /// The findings that are errors.
    pub fn errors(&self) -> impl Iterator<Item = &Diagnostic> {
        self.0.iter().filter(|d| d.is_error())
    }

    /// Whether any finding is an error.
    pub fn has_errors(&self) -> bool {
        self.0.iter().any(Diagnostic::is_error)
    }

    /// The warnings, sorted, when no finding is an error; else the errors,
    /// sorted, as one error.
    pub fn into_warnings(self) -> Result<Vec<Diagnostic>> {
        let (errors, warnings): (Vec<_>, Vec<_>) = self.into_sorted().into_iter().partition(Diagnostic::is_error);
        if errors.is_empty() { Ok(warnings) } else { Err(Error::Content(errors)) }
    }

    /// `Ok(())` when nothing was recorded, else every finding as one error.
    pub fn finish(self) -> Result<()> {
        if self.0.is_empty() {
            return Ok(());
        }
        Err(Error::Content(self.into_sorted()))
    }
}

/// The 1-based line and column (in characters) of a byte offset in `text`.
pub fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..text.floor_char_boundary(offset.min(text.len()))];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before[line_start..].chars().count() + 1)
}

/// The byte offset of a 1-based line and column (in characters) of `text`,
/// if the text has that place.
pub fn offset_of(text: &str, line: usize, column: usize) -> Option<usize> {
    let line_start: usize = text.split_inclusive('\n').take(line.checked_sub(1)?).map(str::len).sum();
    let rest = text.get(line_start..)?;
    let in_line = rest.char_indices().nth(column.checked_sub(1)?).map_or(rest.len(), |(i, _)| i);
    Some(line_start + in_line)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_and_column_count_characters() {
        assert_eq!(line_column("अब\nक ख", 0), (1, 1));
        assert_eq!(line_column("अब\nक ख", "अब\nक ".len()), (2, 3));
        assert_eq!(offset_of("अब\nक ख", 2, 3), Some("अब\nक ".len()));
    }

    #[test]
    fn messages_are_one_line() {
        let d = Diagnostic::new(Rule::RenderFailed, Location::file("t"), "first\n  second\r\n");
        assert_eq!(d.message, "first second");
    }
}
