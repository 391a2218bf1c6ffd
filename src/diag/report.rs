//! Printing findings: rustc-style for people, JSON lines for tools, and
//! GitHub Actions workflow commands for pull requests.

use std::collections::BTreeMap;
use std::fmt::Write;
use std::io::Write as _;
use std::path::{Path, PathBuf};

use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};
use serde::Serialize;

use super::Diagnostic;
use super::rules::Severity;

/// How findings are printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Source lines with a caret, and a closing count.
    Human,
    /// One JSON object per line.
    Json,
    /// `::error file=…,line=…,col=…::…` for GitHub Actions.
    Github,
}

/// Where findings go.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stream {
    /// Standard output: what `tathya check` reports.
    Stdout,
    /// Standard error: why another command stopped.
    Stderr,
}

/// Writes `text`, which may hold ANSI colours, to `stream`. Colours are
/// dropped unless the stream is a terminal, and always under `NO_COLOR`
/// (anstream decides, the same way for every command).
pub fn emit(stream: Stream, text: &str) {
    // A closed pipe is no reason to fail a build that has been done.
    let _ = super::progress::suspended(|| match stream {
        Stream::Stdout => anstream::stdout().write_all(text.as_bytes()),
        Stream::Stderr => anstream::stderr().write_all(text.as_bytes()),
    });
}

/// Prints `diagnostics` in `format` to `stream`; in the human format, with
/// the closing count.
pub fn print(diagnostics: &[Diagnostic], format: Format, root: &Path, stream: Stream) {
    let mut text = render(diagnostics, format, root);
    if format == Format::Human {
        text.push_str(&summary(diagnostics));
        text.push('\n');
    }
    emit(stream, &text);
}

/// Prints `warnings` on standard error as `tathya check` shows them, if
/// there are any.
pub fn print_warnings(warnings: &[Diagnostic], format: Format, root: &Path) {
    if !warnings.is_empty() {
        emit(Stream::Stderr, &render(warnings, format, root));
    }
}

/// Prints on standard error, in `format`, the error that stopped a
/// command before it could report findings (exit status 2): a folder it
/// cannot write, an output it refuses. In JSON it is a finding whose
/// `code`, `line` and `column` are null, and whose `file` is the path the
/// error names, if any; for GitHub, an error annotation with no line.
pub fn print_failure(message: &str, file: Option<&Path>, format: Format) {
    let file = file.map(|file| file.display().to_string());
    let text = match format {
        Format::Human => format!("error: {message}\n"),
        Format::Json => {
            let failure = serde_json::json!({
                "code": null,
                "severity": Severity::Error,
                "file": file,
                "line": null,
                "column": null,
                "message": message,
            });
            format!("{failure}\n")
        }
        Format::Github => {
            let file = file.map(|file| format!("file={},", escape_property(&file))).unwrap_or_default();
            format!("::error {file}title=tathya::{}\n", escape_data(message))
        }
    };
    emit(Stream::Stderr, &text);
}

/// The findings in `format`, coloured in the human format; file names are
/// relative to `root`.
pub fn render(diagnostics: &[Diagnostic], format: Format, root: &Path) -> String {
    match format {
        Format::Human => human(diagnostics, root),
        Format::Json => diagnostics.iter().map(|d| json(d) + "\n").collect(),
        Format::Github => diagnostics.iter().map(|d| github(d) + "\n").collect(),
    }
}

/// "2 errors, 1 warning".
pub fn summary(diagnostics: &[Diagnostic]) -> String {
    let errors = diagnostics.iter().filter(|d| d.is_error()).count();
    let warnings = diagnostics.len() - errors;
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    format!("{}, {}", plural(errors, "error"), plural(warnings, "warning"))
}

/// The text of a finding's file, to quote from: only a regular file of a
/// size tathya reads (the finding may be that it is a pipe, a device or too
/// large).
fn excerpt_source(path: &Path) -> Option<String> {
    const MOST_BYTES: u64 = 8 * 1024 * 1024;
    let meta = std::fs::metadata(path).ok()?;
    (meta.is_file() && meta.len() <= MOST_BYTES).then(|| std::fs::read_to_string(path).ok())?
}

fn human(diagnostics: &[Diagnostic], root: &Path) -> String {
    let renderer = Renderer::styled();
    let mut sources: BTreeMap<PathBuf, Option<String>> = BTreeMap::new();
    let mut out = String::new();
    for diagnostic in diagnostics {
        let location = &diagnostic.location;
        let source = sources
            .entry(location.file.clone())
            .or_insert_with(|| excerpt_source(&root.join(&location.file)))
            .as_deref();
        let level = match diagnostic.severity {
            Severity::Error => Level::ERROR,
            Severity::Warning => Level::WARNING,
        };
        let title = level.primary_title(diagnostic.message.as_str()).id(diagnostic.rule.code());
        let path = location.file.display().to_string();
        match source.and_then(|text| span_of(text, location.line, location.column)) {
            Some(span) => {
                let snippet = Snippet::source(source.unwrap_or_default())
                    .path(path.as_str())
                    .annotation(AnnotationKind::Primary.span(span));
                let report: [Group; 1] = [title.element(snippet)];
                let _ = writeln!(out, "{}\n", renderer.render(&report));
            }
            None => {
                let report: [Group; 1] = [Group::with_title(title)];
                let _ = writeln!(out, "{}\n  --> {path}\n", renderer.render(&report));
            }
        }
    }
    out
}

/// The bytes of the word at a 1-based line and column, for the caret.
fn span_of(text: &str, line: usize, column: usize) -> Option<std::ops::Range<usize>> {
    if line == 0 {
        return None;
    }
    let line_start: usize = text.split_inclusive('\n').take(line - 1).map(str::len).sum();
    let line_text = text.get(line_start..)?.lines().next()?;
    let start = line_start + line_text.char_indices().nth(column.saturating_sub(1)).map_or(line_text.len(), |(i, _)| i);
    let rest = &text[start..];
    let word = rest.find(|c: char| c.is_whitespace() || ",]})\"'".contains(c)).unwrap_or(rest.len());

    let first = rest.chars().next().map_or(0, char::len_utf8);
    Some(start..start + word.max(first))
}

#[derive(Serialize)]
struct JsonFinding<'a> {
    code: &'a str,
    severity: Severity,
    file: String,
    line: usize,
    column: usize,
    message: &'a str,
}

fn json(diagnostic: &Diagnostic) -> String {
    let finding = JsonFinding {
        code: diagnostic.rule.code(),
        severity: diagnostic.severity,
        file: diagnostic.location.file.display().to_string(),
        line: diagnostic.location.line,
        column: diagnostic.location.column,
        message: &diagnostic.message,
    };
    serde_json::to_string(&finding).unwrap_or_default()
}

/// A message escaped as the GitHub Actions runner reads one.
fn escape_data(s: &str) -> String {
    s.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

/// A property value escaped as the GitHub Actions runner reads one.
fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

/// A GitHub Actions workflow command; property values and the message are
/// escaped as the runner expects.
fn github(diagnostic: &Diagnostic) -> String {
    let command = match diagnostic.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    };
    let location = &diagnostic.location;
    let mut properties = vec![format!("file={}", escape_property(&location.file.display().to_string()))];
    if location.line > 0 {
        properties.push(format!("line={}", location.line));
        properties.push(format!("col={}", location.column));
    }
    properties.push(format!("title={}", diagnostic.rule.code()));
    format!("::{command} {}::{}", properties.join(","), escape_data(&diagnostic.message))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::{Location, Rule};

    fn finding() -> Diagnostic {
        Diagnostic::new(Rule::UnknownField, Location::at("statements/a,b.yaml", 3, 5), "unknown field `topik`\n100%")
    }

    #[test]
    fn github_commands_are_escaped() {
        assert_eq!(
            github(&finding()),
            "::error file=statements/a%2Cb.yaml,line=3,col=5,title=T002::unknown field `topik` 100%25"
        );
    }

    #[test]
    fn json_has_every_field() {
        let value: serde_json::Value = serde_json::from_str(&json(&finding())).unwrap();
        assert_eq!(value["code"], "T002");
        assert_eq!(value["severity"], "error");
        assert_eq!(value["line"], 3);
        assert_eq!(value["column"], 5);
    }

    #[test]
    fn spans_cover_the_word_at_the_position() {
        let text = "kind: rebuttal\ntopik: x\n";
        assert_eq!(&text[span_of(text, 2, 1).unwrap()], "topik:");
    }
}
