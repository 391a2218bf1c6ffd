//! Step 2, check: what the types alone cannot say about a loaded site.
//!
//! Every localized text has exactly the site's languages; every key a record
//! uses exists in `tathya.yaml`; each kind has the fields it needs. Each
//! finding points at the value in its file.

use std::collections::BTreeSet;

use crate::error::{Diagnostic, Diagnostics, Result};
use crate::load::record::{Kind, Record, Status};
use crate::load::types::{Key, Localized};
use crate::load::yaml::{self, UniqueMap, YamlPath};
use crate::load::{Site, Source};

/// Checks the whole site; `Ok` when it can be localized and rendered.
pub fn check(site: &Site) -> Result<()> {
    let mut findings = Diagnostics::default();
    let config = site.config();
    let languages = &config.languages;
    let config_file = &site.config;
    if languages.is_empty() {
        findings.push(at(
            config_file,
            &YamlPath(vec!["languages".into()]),
            "`languages` must list at least one language".into(),
        ));
    }
    for (path, text) in config.texts() {
        for (place, message) in language_problems(&path, text, config) {
            findings.push(at(config_file, &place, message));
        }
    }
    for (key, issuer) in &config.issuers.0 {
        for lang in issuer.gender.0.keys().filter(|lang| !languages.contains(lang)) {
            let place = YamlPath(vec!["issuers".into(), key.as_str().into(), "gender".into(), lang.as_str().into()]);
            findings.push(at(config_file, &place, format!("`{lang}` is not one of the site's languages")));
        }
    }

    let ids: BTreeSet<&str> = site.statements.iter().map(|s| s.id.as_str()).collect();
    for statement in &site.statements {
        let file = &statement.source;
        let record = statement.record();
        for (path, text) in record.texts() {
            for (place, message) in language_problems(&path, text, config) {
                findings.push(at(file, &place, message));
            }
        }
        for (place, message) in reference_problems(record, site, &ids, statement.id.as_str()) {
            findings.push(at(file, &place, message));
        }
        for (place, message) in shape_problems(record) {
            findings.push(at(file, &place, message));
        }
    }
    findings.finish()
}

type Finding = (YamlPath, String);

fn at<T>(source: &Source<T>, path: &YamlPath, message: String) -> Diagnostic {
    yaml::diagnostic_at(&source.file, &source.text, path, message)
}

/// A text must have every language of the site, no other, and no empty one.
fn language_problems(path: &YamlPath, text: &Localized, config: &crate::load::Config) -> Vec<Finding> {
    let mut out = Vec::new();
    for lang in &config.languages {
        match text.0.get(lang) {
            None => out.push((path.clone(), format!("`{path}` has no `{lang}` text"))),
            Some(value) if value.as_str().trim().is_empty() => {
                out.push((path.join(lang.as_str()), format!("`{path}.{lang}` is empty")));
            }
            Some(_) => {}
        }
    }
    for lang in text.0.keys().filter(|lang| !config.languages.contains(lang)) {
        let listed: Vec<&str> = config.languages.iter().map(|l| l.as_str()).collect();
        out.push((
            path.join(lang.as_str()),
            format!("`{lang}` is not one of the site's languages ({})", listed.join(", ")),
        ));
    }
    out
}

fn unknown<V>(map: &UniqueMap<Key, V>, key: &Key, what: &str, path: YamlPath) -> Option<Finding> {
    if map.0.contains_key(key) {
        return None;
    }
    let known: Vec<&str> = map.0.keys().map(Key::as_str).collect();
    let hint = if known.is_empty() { "none is defined".to_owned() } else { format!("known: {}", known.join(", ")) };
    Some((path, format!("unknown {what} `{key}` ({hint} in tathya.yaml)")))
}

/// Every key a record uses must exist.
fn reference_problems(record: &Record, site: &Site, ids: &BTreeSet<&str>, own_id: &str) -> Vec<Finding> {
    let config = site.config();
    let root = YamlPath::default();
    let mut out = Vec::new();
    out.extend(unknown(&config.issuers, &record.issuer, "issuer", root.join("issuer")));
    for (i, quote) in record.quotes.iter().enumerate() {
        out.extend(unknown(&config.people, &quote.by, "person", root.join("quotes").join(i).join("by")));
    }
    if let Some(contact) = &record.contact {
        out.extend(unknown(&config.contacts, contact, "contact", root.join("contact")));
    }
    for (i, tag) in record.tags.iter().enumerate() {
        out.extend(unknown(&config.tags, tag, "tag", root.join("tags").join(i)));
    }
    for (i, related) in record.related.iter().enumerate() {
        let at = root.join("related").join(i);
        if related.as_str() == own_id {
            out.push((at, "a statement cannot be related to itself".into()));
        } else if !ids.contains(related.as_str()) {
            out.push((at, format!("unknown statement `{related}` in `related` (no statements/{related}.yaml)")));
        }
    }
    out
}

/// What each kind and status needs (DESIGN.md, "A statement record").
fn shape_problems(record: &Record) -> Vec<Finding> {
    let kind_at = YamlPath(vec!["kind".into()]);
    let mut out = Vec::new();
    let mut need = |missing: bool, what: &str| {
        if missing {
            out.push((kind_at.clone(), format!("a {} needs {what}", record.kind.as_str())));
        }
    };
    match record.kind {
        Kind::Rebuttal => {
            need(record.claim.is_none(), "a `claim`");
            need(record.verdict.is_none(), "a `verdict`");
            need(record.topic.is_none(), "a `topic`");
            need(record.facts.is_empty(), "at least one entry in `facts`");
        }
        Kind::MythBuster => need(record.myths.is_empty(), "at least one entry in `myths`"),
    }
    let status_at = YamlPath(vec!["status".into()]);
    match (record.status, &record.withdrawn) {
        (Status::Withdrawn, None) => {
            out.push((status_at, "a withdrawn statement needs `withdrawn: { date, note }`".into()))
        }
        (Status::Draft | Status::Published, Some(_)) => out
            .push((YamlPath(vec!["withdrawn".into()]), "`withdrawn` is given but `status` is not `withdrawn`".into())),
        _ => {}
    }
    out
}
