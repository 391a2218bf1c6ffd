//! Parity of the languages: the versions of one text must state the same
//! figures and link to the same places. (Lists cannot differ in length:
//! each item holds all its languages, and a missing one is T030.)

use std::collections::BTreeSet;

use pulldown_cmark::{Event, Parser, Tag};

use crate::diag::Diagnostics;
use crate::diag::Rule;
use crate::load::Statement;
use crate::load::record::Record;
use crate::load::types::Localized;
use crate::load::yaml::YamlPath;
use crate::load::{Finding, at};

/// Checks one record.
pub fn check_statement(statement: &Statement, findings: &mut Diagnostics) {
    for finding in record_problems(statement.record()) {
        findings.push(at(&statement.source, finding));
    }
}

/// The names of the variables in the Fluent placeables of `text`:
/// `{ $users }`, `{ WORDS($users) }`.
pub fn figures_used(text: &str) -> BTreeSet<&str> {
    let mut names = BTreeSet::new();
    let mut depth = 0usize;
    for (i, c) in text.char_indices() {
        match c {
            '{' => depth += 1,
            '}' => depth = depth.saturating_sub(1),
            '$' if depth > 0 => {
                let rest = &text[i + 1..];
                let end =
                    rest.find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '-')).unwrap_or(rest.len());
                if end > 0 {
                    names.insert(&rest[..end]);
                }
            }
            _ => {}
        }
    }
    names
}

/// The destinations of the Markdown links in `text`.
fn links(text: &str) -> BTreeSet<String> {
    // A link starts with `[` or, as an autolink, `<`.
    if !text.contains(['[', '<']) {
        return BTreeSet::new();
    }
    Parser::new(text)
        .filter_map(|event| match event {
            Event::Start(Tag::Link { dest_url, .. }) => Some(dest_url.into_string()),
            _ => None,
        })
        .collect()
}

fn record_problems(record: &Record) -> Vec<Finding> {
    let mut out = Vec::new();
    let mut used_anywhere = BTreeSet::new();
    for (path, text) in record.texts() {
        for (lang, value) in &text.0 {
            for name in figures_used(value.as_str()) {
                used_anywhere.insert(name.to_owned());
                if !record.figures.0.keys().any(|key| key.as_str() == name) {
                    let message = format!("`{path}.{lang}` uses `${name}`, which is not in `figures`");
                    out.push((Rule::BadTextPattern, path.join(lang.as_str()), message));
                }
            }
        }
        out.extend(differences(&path, text, "figure", |t| figures_used(t).into_iter().map(str::to_owned).collect()));
        out.extend(differences(&path, text, "link", links));
    }
    for name in record.figures.0.keys().filter(|key| !used_anywhere.contains(key.as_str())) {
        let message = format!("the figure `{name}` is not used in any text");
        out.push((Rule::UnusedFigure, YamlPath::default().join("figures").join(name.as_str()), message));
    }
    out
}

/// What one language of `text` has that another lacks.
fn differences(
    path: &YamlPath,
    text: &Localized,
    what: &str,
    items: impl Fn(&str) -> BTreeSet<String>,
) -> Vec<Finding> {
    let rule = if what == "figure" { Rule::FigureParity } else { Rule::LinkParity };
    let sets: Vec<_> = text.0.iter().map(|(lang, value)| (lang, items(value.as_str()))).collect();
    let mut out = Vec::new();
    for (lang, set) in &sets {
        for (other, other_set) in &sets {
            for missing in other_set.difference(set) {
                let message = format!("`{path}.{other}` has the {what} `{missing}`, but `{path}.{lang}` does not");
                out.push((rule, path.join(lang.as_str()), message));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::figures_used;

    #[test]
    fn figures_inside_placeables_only() {
        let used: Vec<&str> = figures_used("{ $users } and { WORDS($amount) } but not $5").into_iter().collect();
        assert_eq!(used, ["amount", "users"]);
    }
}
