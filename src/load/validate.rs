//! What the types alone cannot say about loaded records and settings: every
//! localized text has exactly the site's languages, every key a record uses
//! exists in `tathya.yaml`, each kind has the fields it needs, and dates are
//! in order.

use super::{Finding, at};
use crate::diag::Diagnostics;
use crate::diag::Rule;
use crate::load::record::{Kind, Record, Status};
use crate::load::types::{Key, Localized};
use crate::load::yaml::{UniqueMap, YamlPath};
use crate::load::{Config, Site, Statement};

/// Checks `tathya.yaml`; every finding points at its value.
pub fn check_settings(site: &Site, findings: &mut Diagnostics) {
    let config = site.config();
    let mut settings = Vec::new();
    if config.languages.is_empty() {
        settings.push((Rule::BadSetting, YamlPath::default().join("languages"), "list at least one language".into()));
    }
    for (name, value) in [("per_page", config.per_page), ("feed_size", config.feed_size)] {
        if value == 0 {
            settings.push((Rule::BadSetting, YamlPath::default().join(name), format!("`{name}` must be at least 1")));
        }
    }
    for (path, text) in config.texts() {
        settings.extend(language_problems(&path, text, config));
    }
    for (key, issuer) in &config.issuers.0 {
        for (field, map) in [("gender", &issuer.gender), ("article", &issuer.article)] {
            for lang in map.0.keys().filter(|lang| !config.languages.contains(lang)) {
                let place = YamlPath::default().join("issuers").join(key.as_str()).join(field).join(lang.as_str());
                settings.push((Rule::ExtraLanguage, place, format!("`{lang}` is not one of the site's languages")));
            }
        }
    }
    if let Some(logo) = &config.identity.logo {
        let templates = std::path::Path::new(crate::site::TEMPLATES_DIR);
        if super::theme::file(&site.root, templates, std::path::Path::new(logo.file.as_str())).is_none() {
            let place = YamlPath::default().join("identity").join("logo").join("file");
            let message =
                format!("there is no file {}/{}: put the logo there", crate::site::TEMPLATES_DIR, logo.file.as_str());
            settings.push((Rule::BadImage, place, message));
        }
    }
    for finding in settings {
        findings.push(at(&site.config, finding));
    }
}

/// Checks a page of the site's own: every text in every language.
pub fn check_page(site: &Site, page: &crate::load::page::SitePage, findings: &mut Diagnostics) {
    let config = site.config();
    for (path, text) in page.record().texts() {
        for finding in language_problems(&path, text, config) {
            findings.push(at(&page.source, finding));
        }
    }
}

/// Checks one record against the site; every finding points at its value.
pub fn check_statement(site: &Site, statement: &Statement, findings: &mut Diagnostics) {
    let record = statement.record();
    let config = site.config();
    let mut found = Vec::new();
    for (path, text) in record.texts() {
        found.extend(language_problems(&path, text, config));
    }
    found.extend(reference_problems(record, site, statement.id.as_str()));
    found.extend(size_problems(record));
    found.extend(shape_problems(record));
    found.extend(date_problems(record));
    for finding in found {
        findings.push(at(&statement.source, finding));
    }
}

/// A text must have every language of the site, no other, and no empty one.
fn language_problems(path: &YamlPath, text: &Localized, config: &Config) -> Vec<Finding> {
    let mut out = Vec::new();
    for lang in &config.languages {
        match text.0.get(lang) {
            None => out.push((Rule::MissingLanguage, path.clone(), format!("`{path}` has no `{lang}` text"))),
            Some(value) if value.as_str().trim().is_empty() => {
                let message = format!(
                    "`{path}.{lang}` is empty (YAML reads an unquoted `~` or `null` as no text: quote it to print it)"
                );
                out.push((Rule::EmptyText, path.join(lang.as_str()), message));
            }
            Some(_) => {}
        }
    }
    for lang in text.0.keys().filter(|lang| !config.languages.contains(lang)) {
        let listed: Vec<&str> = config.languages.iter().map(|l| l.as_str()).collect();
        let message = format!("`{lang}` is not one of the site's languages ({})", listed.join(", "));
        out.push((Rule::ExtraLanguage, path.join(lang.as_str()), message));
    }
    out
}

fn unknown<V>(rule: Rule, map: &UniqueMap<Key, V>, key: &Key, what: &str, path: YamlPath) -> Option<Finding> {
    if map.0.contains_key(key) {
        return None;
    }
    let known: Vec<&str> = map.0.keys().map(Key::as_str).collect();
    let hint = if known.is_empty() { "none is defined".to_owned() } else { format!("known: {}", known.join(", ")) };
    Some((rule, path, format!("unknown {what} `{key}` ({hint} in tathya.yaml)")))
}

/// Every key a record uses must exist.
fn reference_problems(record: &Record, site: &Site, own_id: &str) -> Vec<Finding> {
    let config = site.config();
    let root = YamlPath::default();
    let mut out = Vec::new();
    out.extend(unknown(Rule::UnknownIssuer, &config.issuers, &record.issuer, "issuer", root.join("issuer")));
    for (i, quote) in record.quotes.iter().enumerate() {
        let path = root.join("quotes").join(i).join("by");
        out.extend(unknown(Rule::UnknownPerson, &config.people, &quote.by, "person", path));
    }
    if let Some(contact) = &record.contact {
        out.extend(unknown(Rule::UnknownContact, &config.contacts, contact, "contact", root.join("contact")));
    }
    for (i, tag) in record.tags.iter().enumerate() {
        out.extend(unknown(Rule::UnknownTag, &config.tags, tag, "tag", root.join("tags").join(i)));
    }
    for (i, related) in record.related.iter().enumerate() {
        let path = root.join("related").join(i);
        if related.as_str() == own_id {
            out.push((Rule::SelfRelated, path, "a statement cannot be related to itself".into()));
        } else if !site.exists(related.as_str()) {
            let message = format!("unknown statement `{related}` in `related` (no statements/{related}.yaml)");
            out.push((Rule::UnknownRelated, path, message));
        }
    }
    out
}

/// What each kind and status needs (DESIGN.md, "A statement record").
fn shape_problems(record: &Record) -> Vec<Finding> {
    let kind_at = YamlPath::default().join("kind");
    let mut out = Vec::new();
    let mut need = |missing: bool, what: &str| {
        if missing {
            out.push((Rule::IncompleteKind, kind_at.clone(), format!("a {} needs {what}", record.kind.as_str())));
        }
    };
    match record.kind {
        Kind::Rebuttal => {
            need(record.claim.is_none(), "a `claim`");
            need(record.verdict.is_none(), "a `verdict`");
            need(record.topic.is_none(), "a `topic`");
            need(record.facts.is_empty(), "at least one entry in `facts`");
        }
        Kind::MythBuster => {
            need(record.myths.is_empty(), "at least one entry in `myths`");
            if record.verdict.is_some() {
                let message =
                    "a myth-buster has no verdict of its own: give each myth its `verdict` (false unless given)";
                out.push((Rule::KindField, YamlPath::default().join("verdict"), message.into()));
            }
        }
    }
    if record.kind == Kind::MythBuster && record.topic.is_none() && record.headline.is_none() {
        out.push((Rule::NoHeadline, kind_at.clone(), "a myth-buster needs a `topic` or a `headline`".into()));
    }
    let status_at = YamlPath::default().join("status");
    match (record.status, &record.withdrawn) {
        (Status::Withdrawn, None) => out.push((
            Rule::WithdrawalMismatch,
            status_at,
            "a withdrawn statement needs `withdrawn: { date, note }`".into(),
        )),
        (Status::Draft | Status::Published, Some(_)) => out.push((
            Rule::WithdrawalMismatch,
            YamlPath::default().join("withdrawn"),
            "`withdrawn` is given but `status` is not `withdrawn`".into(),
        )),
        _ => {}
    }
    out
}

/// The most items a list of a record may have: a statement has a few facts,
/// not thousands; more is a mistake that would make a page no one reads.
pub const MAX_LIST_ITEMS: usize = 1000;

fn size_problems(record: &Record) -> Vec<Finding> {
    let lists = [
        ("facts", record.facts.len()),
        ("actions", record.actions.len()),
        ("quotes", record.quotes.len()),
        ("myths", record.myths.len()),
        ("sources", record.sources.len()),
        ("updates", record.updates.len()),
        ("related", record.related.len()),
        ("tags", record.tags.len()),
    ];
    lists
        .into_iter()
        .filter(|(_, len)| *len > MAX_LIST_ITEMS)
        .map(|(name, len)| {
            let message = format!("`{name}` has {len} items; a record may have at most {MAX_LIST_ITEMS} in a list");
            (Rule::TooLarge, YamlPath::default().join(name), message)
        })
        .collect()
}

/// Dates must tell a story that can have happened.
fn date_problems(record: &Record) -> Vec<Finding> {
    let root = YamlPath::default();
    let mut out = Vec::new();
    if let Some(seen) = record.claim.as_ref().and_then(|c| c.first_seen)
        && seen > record.date
    {
        let message = format!("the claim was first seen on {}, after the statement's date {}", seen.0, record.date.0);
        out.push((Rule::SeenAfterDate, root.join("claim").join("first_seen"), message));
    }
    for (i, update) in record.updates.iter().enumerate() {
        let path = root.join("updates").join(i).join("date");
        if update.date < record.date {
            let message =
                format!("a correction dated {} comes before the statement ({})", update.date.0, record.date.0);
            out.push((Rule::UpdateBeforeDate, path, message));
        } else if i > 0 && update.date < record.updates[i - 1].date {
            let message = format!(
                "corrections must be in date order: {} comes after {}",
                update.date.0,
                record.updates[i - 1].date.0
            );
            out.push((Rule::UpdatesOutOfOrder, path, message));
        }
    }
    if let Some(withdrawn) = &record.withdrawn
        && withdrawn.date < record.date
    {
        let message = format!("withdrawn on {}, before the statement's date {}", withdrawn.date.0, record.date.0);
        out.push((Rule::WithdrawnBeforeDate, root.join("withdrawn").join("date"), message));
    }
    out
}
