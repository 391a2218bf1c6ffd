//! Parity of the languages: the versions of one text must state the same
//! figures and link to the same places. (Lists cannot differ in length:
//! each item holds all its languages, and a missing one is T030.) Figures
//! are those of the text read as a Fluent pattern ([`TextPattern`]), the
//! very reading that prints them; links are those the Markdown renderer
//! finds.

use std::collections::{BTreeMap, BTreeSet};

use super::markdown;
use super::pattern::TextPattern;
use crate::diag::{Diagnostic, Diagnostics, Rule};
use crate::load::types::Localized;
use crate::load::yaml::YamlPath;
use crate::load::{Source, Statement, at, at_text};

/// Checks one record: each text is a valid pattern that uses only the
/// record's figures, the same in every language, and every figure is used.
pub fn check_statement(statement: &Statement, findings: &mut Diagnostics) {
    let record = statement.record();
    let figures: Vec<&str> = record.figures.0.keys().map(|key| key.as_str()).collect();
    let used_anywhere = check_texts(&statement.source, record.texts(), &figures, findings);
    for name in record.figures.0.keys().filter(|key| !used_anywhere.contains(key.as_str())) {
        let message = format!("the figure `{name}` is not used in any text");
        let finding = (Rule::UnusedFigure, YamlPath::default().join("figures").join(name.as_str()), message);
        findings.push(at(&statement.source, finding));
    }
}

/// Checks the `texts` of the file `source`, whose figures are `figures`
/// (none for a site page): each is a valid pattern that uses only those
/// figures, and its languages state the same figures and links. Gives the
/// figures used.
pub fn check_texts<T>(
    source: &Source<T>,
    texts: Vec<(YamlPath, &Localized)>,
    figures: &[&str],
    findings: &mut Diagnostics,
) -> BTreeSet<String> {
    let mut used_anywhere = BTreeSet::new();
    for (path, text) in texts {
        let mut used_by = BTreeMap::new();
        for (lang, value) in &text.0 {
            let value = value.as_str();
            let at_path = path.join(lang.as_str());
            let place =
                |rule: Rule, offset: usize, message: String| at_text(source, rule, &at_path, value, offset, message);
            let used: Vec<(String, usize)> = match TextPattern::parse(value) {
                Ok(pattern) => pattern
                    .map(|p| p.variables().into_iter().map(|(name, at)| (name.to_owned(), at)).collect())
                    .unwrap_or_default(),
                Err(err) => {
                    findings.push(place(err.rule, err.offset, format!("`{path}.{lang}`: {}", err.message)));
                    continue;
                }
            };
            for (name, offset) in &used {
                if !figures.contains(&name.as_str()) {
                    let message = format!("`{path}.{lang}` uses `${name}`, which is not in `figures`");
                    findings.push(place(Rule::BadTextPattern, *offset, message));
                }
            }
            used_anywhere.extend(used.iter().map(|(name, _)| name.clone()));
            used_by.insert(lang, used.into_iter().map(|(name, _)| name).collect::<BTreeSet<_>>());
        }
        differences(source, &path, &used_by, Rule::FigureParity, "figure", findings);
        let links = text.0.iter().map(|(lang, value)| (lang, markdown::links(value.as_str()))).collect();
        differences(source, &path, &links, Rule::LinkParity, "link", findings);
    }
    used_anywhere
}

/// What one language of a text has that another lacks.
fn differences<L: std::fmt::Display, T>(
    source: &Source<T>,
    path: &YamlPath,
    sets: &BTreeMap<L, BTreeSet<String>>,
    rule: Rule,
    what: &str,
    findings: &mut Diagnostics,
) {
    for (lang, set) in sets {
        for (other, other_set) in sets {
            for missing in other_set.difference(set) {
                let message = format!("`{path}.{other}` has the {what} `{missing}`, but `{path}.{lang}` does not");
                let diagnostic: Diagnostic = at(source, (rule, path.join(&lang.to_string()), message));
                findings.push(diagnostic);
            }
        }
    }
}
