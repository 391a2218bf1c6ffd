//! `tathya diff`: what a change does to the published text.
//!
//! Both revisions of the site root are rendered to Markdown, every statement
//! a change can alter ([`snapshot::alterable`]) in every language, and
//! compared: a statement is added, removed or edited
//! when its rendered text differs, whatever file caused it (its record, a
//! `.ftl` message, a template or `tathya.yaml`). Lines are compared with
//! `similar`; inside a changed line, words are compared by Unicode word
//! boundaries, which never split a grapheme cluster, so a Devanagari
//! conjunct is highlighted whole.

pub mod git;
pub mod output;
pub mod snapshot;

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use serde::Serialize;
use similar::{ChangeTag, TextDiff};

use crate::diag::{Diagnostic, Result};
pub use snapshot::Snapshot;

/// Lines of context around each change.
const CONTEXT: usize = 3;

/// Renders the site root at `root` at the revision `base` and at `head`
/// (the working tree when `None`) and compares them. `base` defaults to the
/// merge base with the default branch.
pub fn run(root: &Path, base: Option<&str>, head: Option<&str>, now: jiff::Timestamp) -> Result<Report> {
    let base = match base {
        Some(base) => base.to_owned(),
        None => git::default_base(root)?,
    };
    if !root.join(crate::site::CONFIG_FILE).is_file() {
        let message = format!("{} is not a tathya site: it has no tathya.yaml (use --root)", root.display());
        return Err(crate::diag::Error::Usage(message));
    }
    let base_name = git::short_name(root, &base)?;
    // Each revision's folder is kept until both are rendered: a record
    // let go once checked is read again from it.
    let old_site = git::checkout(root, &base)?.map(|(dir, site)| (Some(dir), site));
    let (new_site, head_name) = match head {
        Some(head) => (git::checkout(root, head)?.map(|(dir, site)| (Some(dir), site)), git::short_name(root, head)?),
        None => (Some((None, root.to_path_buf())), "working tree".to_owned()),
    };
    let shared = |site: &Checkout| site.as_ref().and_then(|(_, site)| snapshot::shared(site));
    let (old_shared, new_shared) = (shared(&old_site), shared(&new_site));
    let same = old_shared.is_some() && old_shared == new_shared;
    let read = |site: &Checkout, shared: Option<u64>, earlier: Option<&snapshot::Read>| match site {
        Some((_, site)) => Snapshot::read(site, shared, same, earlier),
        None => Ok(snapshot::Read::default()),
    };
    let (old, new) = if same {
        // Both read before either is rendered, to know what to render; the
        // records the change left as they were are read once.
        let old = read(&old_site, old_shared, None)?;
        let new = read(&new_site, new_shared, Some(&old))?;
        let only = snapshot::alterable(&old, &new);
        (old.render(Some(&only), now)?, new.render(Some(&only), now)?)
    } else {
        // Everything: one side rendered and its records let go before the other is read.
        let old = read(&old_site, old_shared, None)?.render(None, now)?;
        (old, read(&new_site, new_shared, None)?.render(None, now)?)
    };
    Ok(compare(&old, &new, &base_name, &head_name))
}

/// A revision's site root: the temporary folder it was read into (none
/// for the working tree), kept until both sides are rendered, and its
/// path; `None` when the revision has no site.
type Checkout = Option<(Option<tempfile::TempDir>, std::path::PathBuf)>;

/// What happened to a statement.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ChangeKind {
    /// It is new.
    Added,
    /// Its rendered text changed.
    Edited,
    /// It is gone.
    Removed,
}

/// A run of text in a diff line; `emphasized` marks the words that changed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Segment {
    /// Changed within the line.
    pub emphasized: bool,
    /// The text.
    pub text: String,
}

/// One line of a unified diff.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Line {
    /// `-`, `+` or ` `.
    pub tag: char,
    /// The line's text, in segments.
    pub segments: Vec<Segment>,
}

impl Line {
    /// The line's text without its tag.
    pub fn text(&self) -> String {
        self.segments.iter().map(|s| s.text.as_str()).collect()
    }
}

/// A hunk of a unified diff.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Hunk {
    /// `@@ -1,3 +1,4 @@`.
    pub header: String,
    /// Its lines.
    pub lines: Vec<Line>,
}

/// The diff of one file or page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FileDiff {
    /// The name shown for the old side.
    pub old_name: String,
    /// The name shown for the new side.
    pub new_name: String,
    /// The hunks.
    pub hunks: Vec<Hunk>,
}

/// A statement's rendered change in one language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LanguageChange {
    /// The language code.
    pub lang: String,
    /// The language's name in that language.
    pub name: String,
    /// The diff of its rendered Markdown.
    pub diff: FileDiff,
}

/// One statement whose rendered text changed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StatementChange {
    /// Its id.
    pub id: String,
    /// Added, edited or removed.
    pub kind: ChangeKind,
    /// The languages whose text changed.
    pub languages: Vec<LanguageChange>,
    /// The change to its record, if the record changed.
    pub source: Option<FileDiff>,
}

/// Everything `tathya diff` reports.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Report {
    /// The old revision's name.
    pub base: String,
    /// The new revision's name.
    pub head: String,
    /// The files of the site root besides the records that changed: `tathya.yaml`
    /// and the files of the shared folders (locales, templates, site pages, fonts).
    pub site_files: Vec<String>,
    /// The statements whose rendered text changed, by id.
    pub statements: Vec<StatementChange>,
    /// The errors of each revision that has some: its statements with
    /// errors could not be rendered, and show as added or removed.
    pub errors: Vec<RevisionErrors>,
}

/// The errors found in one revision of the site.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RevisionErrors {
    /// The revision's name.
    pub revision: String,
    /// Its errors, sorted by place.
    pub errors: Vec<Finding>,
}

/// One error, as `tathya check --format json` prints it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    /// The rule's code.
    pub code: &'static str,
    /// The file, relative to the site root.
    pub file: String,
    /// Line, from 1; 0 when only the file is known.
    pub line: usize,
    /// Column, from 1.
    pub column: usize,
    /// What is wrong.
    pub message: String,
}

impl From<&Diagnostic> for Finding {
    fn from(d: &Diagnostic) -> Self {
        let file = d.location.file.display().to_string();
        Finding {
            code: d.rule.code(),
            file,
            line: d.location.line,
            column: d.location.column,
            message: d.message.clone(),
        }
    }
}

impl Report {
    /// Whether anything a reader sees changed.
    pub fn is_empty(&self) -> bool {
        self.statements.is_empty()
    }

    /// "3 statements changed: 1 added, 2 edited".
    pub fn summary(&self) -> String {
        if self.statements.is_empty() {
            return "No statement changed.".to_owned();
        }
        let count = |kind| self.statements.iter().filter(|s| s.kind == kind).count();
        let parts: Vec<String> =
            [(ChangeKind::Added, "added"), (ChangeKind::Edited, "edited"), (ChangeKind::Removed, "removed")]
                .into_iter()
                .filter(|(kind, _)| count(*kind) > 0)
                .map(|(kind, word)| format!("{} {word}", count(kind)))
                .collect();
        let n = self.statements.len();
        format!("{n} statement{} changed: {}", if n == 1 { "" } else { "s" }, parts.join(", "))
    }
}

/// Compares two rendered snapshots.
pub fn compare(base: &Snapshot, head: &Snapshot, base_name: &str, head_name: &str) -> Report {
    let ids: BTreeSet<&String> = base.pages.keys().chain(head.pages.keys()).collect();
    let mut statements = Vec::new();
    for id in ids {
        let empty = BTreeMap::new();
        let old = base.pages.get(id);
        let new = head.pages.get(id);
        let kind = match (old, new) {
            (None, _) => ChangeKind::Added,
            (_, None) => ChangeKind::Removed,
            _ => ChangeKind::Edited,
        };
        let (old, new) = (old.unwrap_or(&empty), new.unwrap_or(&empty));
        let languages: Vec<LanguageChange> = old
            .keys()
            .chain(new.keys())
            .collect::<BTreeSet<_>>()
            .into_iter()
            .filter_map(|lang| {
                let (a, b) = (old.get(lang).map_or("", String::as_str), new.get(lang).map_or("", String::as_str));
                let path = format!("{lang}/{id}/index.md");
                let diff = diff_text(a, b, format!("a/{path}"), format!("b/{path}"))?;
                let names = head.language_names.get(lang).or(base.language_names.get(lang));
                Some(LanguageChange { lang: lang.clone(), name: names.cloned().unwrap_or_default(), diff })
            })
            .collect();
        if languages.is_empty() {
            continue;
        }
        let source = source_diff(base.sources.get(id), head.sources.get(id));
        statements.push(StatementChange { id: id.clone(), kind, languages, source });
    }
    let site_files = base
        .site_files
        .keys()
        .chain(head.site_files.keys())
        .collect::<BTreeSet<_>>()
        .into_iter()
        .filter(|file| base.site_files.get(*file) != head.site_files.get(*file))
        .cloned()
        .collect();
    let errors = [(base_name, base), (head_name, head)]
        .into_iter()
        .filter(|(_, side)| !side.errors.is_empty())
        .map(|(name, side)| RevisionErrors {
            revision: name.to_owned(),
            errors: side.errors.iter().map(Finding::from).collect(),
        })
        .collect();
    Report { base: base_name.to_owned(), head: head_name.to_owned(), site_files, statements, errors }
}

fn source_diff(old: Option<&(String, String)>, new: Option<&(String, String)>) -> Option<FileDiff> {
    let name = new.or(old).map(|(file, _)| file.clone()).unwrap_or_default();
    let text = |side: Option<&(String, String)>| side.map_or(String::new(), |(_, text)| text.clone());
    diff_text(&text(old), &text(new), format!("a/{name}"), format!("b/{name}"))
}

/// A unified diff of two texts with word-level emphasis, or `None` when
/// they are the same.
pub fn diff_text(old: &str, new: &str, old_name: String, new_name: String) -> Option<FileDiff> {
    if old == new {
        return None;
    }
    let diff = TextDiff::from_lines(old, new);
    let hunks = diff
        .grouped_ops(CONTEXT)
        .iter()
        .map(|group| {
            let mut lines = Vec::new();
            for op in group {
                for change in diff.iter_inline_changes(op) {
                    let tag = match change.tag() {
                        ChangeTag::Delete => '-',
                        ChangeTag::Insert => '+',
                        ChangeTag::Equal => ' ',
                    };
                    let segments = change
                        .iter_strings_lossy()
                        .map(|(emphasized, text)| Segment { emphasized, text: text.trim_end_matches('\n').to_owned() })
                        .filter(|s| !s.text.is_empty())
                        .collect();
                    lines.push(Line { tag, segments });
                }
            }
            Hunk { header: hunk_header(group), lines }
        })
        .collect();
    Some(FileDiff { old_name, new_name, hunks })
}

fn hunk_header(group: &[similar::DiffOp]) -> String {
    let (first, last) = (&group[0], &group[group.len() - 1]);
    let old = first.old_range().start..last.old_range().end;
    let new = first.new_range().start..last.new_range().end;
    let range = |r: std::ops::Range<usize>| {
        let start = if r.is_empty() { r.start } else { r.start + 1 };
        format!("{start},{}", r.len())
    };
    format!("@@ -{} +{} @@", range(old), range(new))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_emphasized_whole() {
        let diff = diff_text("15 करोड़ उपयोगकर्ता\n", "20 करोड़ उपयोगकर्ता\n", "a".into(), "b".into()).unwrap();
        let lines = &diff.hunks[0].lines;
        assert_eq!(lines[0].tag, '-');
        let emphasized: Vec<&str> =
            lines[0].segments.iter().filter(|s| s.emphasized).map(|s| s.text.as_str()).collect();
        assert_eq!(emphasized, ["15"]);
    }

    #[test]
    fn a_changed_conjunct_is_emphasized_as_a_whole_word() {
        let diff = diff_text("यह क्षति है\n", "यह क्षमा है\n", "a".into(), "b".into()).unwrap();
        let added: Vec<&str> =
            diff.hunks[0].lines[1].segments.iter().filter(|s| s.emphasized).map(|s| s.text.as_str()).collect();
        assert_eq!(added, ["क्षमा"]);
    }

    #[test]
    fn same_text_has_no_diff() {
        assert!(diff_text("a\n", "a\n", "a".into(), "b".into()).is_none());
    }
}
