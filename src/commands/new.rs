//! `tathya new`: a record to fill in, with every field of its kind in every
//! language of the site, and placeholders that `check` rejects (T089) until
//! each is replaced.

use std::fmt::Write;
use std::fs;
use std::io::Write as _;
use std::path::{Path, PathBuf};

use crate::diag::{Error, Result};
use crate::load::record::Kind;
use crate::load::{Config, Id};
use crate::site::STATEMENTS_DIR;

/// Writes `statements/<id>.yaml` for a new statement of `kind`; refuses to
/// replace a file that exists.
pub fn write_record(root: &Path, kind: Kind, id: &str) -> Result<PathBuf> {
    let id: Id = id.trim_matches('/').parse().map_err(Error::Usage)?;
    let site = crate::load::load(root)?;
    let text = record_text(site.config(), kind, &crate::site::today().to_string());
    let path = root.join(STATEMENTS_DIR).join(format!("{id}.yaml"));
    if let Some(dir) = path.parent() {
        fs::create_dir_all(dir).map_err(|err| Error::io("cannot create", dir, err))?;
    }
    let mut file = fs::OpenOptions::new().write(true).create_new(true).open(&path).map_err(|err| {
        if err.kind() == std::io::ErrorKind::AlreadyExists {
            Error::Usage(format!("{} exists already; tathya new never replaces a record", path.display()))
        } else {
            Error::io("cannot create", &path, err)
        }
    })?;
    file.write_all(text.as_bytes()).map_err(|err| Error::io("cannot write", &path, err))?;
    Ok(path)
}

/// A localized text placeholder, one line per language.
fn localized(out: &mut String, indent: &str, what: &str, config: &Config) {
    for lang in &config.languages {
        let _ = writeln!(out, "{indent}{lang}: \"TODO: {what} ({lang})\"");
    }
}

fn first_key<V>(map: &crate::load::yaml::UniqueMap<crate::load::types::Key, V>) -> String {
    map.0.keys().next().map_or_else(|| "TODO".to_owned(), ToString::to_string)
}

/// The text of a new record.
pub fn record_text(config: &Config, kind: Kind, today: &str) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "# A new {}. Replace every TODO, then run `tathya check`.", kind.as_str());
    let _ = writeln!(out, "kind: {}", kind.as_str());
    out.push_str("status: draft                 # draft | published | withdrawn\n");
    let _ = writeln!(out, "date: {today}");
    let _ = writeln!(out, "# publish_at: {today}T18:30:00+05:30   # optional embargo");
    let _ = writeln!(out, "issuer: {}", first_key(&config.issuers));
    if kind == Kind::Rebuttal {
        out.push_str("verdict: false                # fake | false | misleading | baseless | out-of-context\n");
    }
    match kind {
        Kind::Rebuttal => out.push_str(
            "topic:                        # what it was about, as it stands in \"dismisses reports of …\";\n                              # in Hindi in the oblique case, before \"की खबरों\": पुराने कानून, not पुराना कानून\n",
        ),
        Kind::MythBuster => out.push_str("topic:                        # what the myths are about, as it stands before \": myths and facts\"\n"),
    }
    localized(&mut out, "  ", "topic", config);
    out.push_str("figures: {}                   # numbers used in text as { $name }, e.g. { users: 150000000 }\n");
    match kind {
        Kind::Rebuttal => {
            out.push_str("claim:\n  form: reports               # reports | claim | post | video | message | letter | document\n  text:\n");
            localized(&mut out, "    ", "what the reports claim", config);
            out.push_str("  claimant:                   # where it was seen: posts on social media, a news report\n");
            localized(&mut out, "    ", "where the claim was seen", config);
            let _ =
                writeln!(out, "  first_seen: {today}\n  appearances: []              # addresses where it appeared");
            out.push_str("  # image: { file: claim.png, alt: { … } }   # a screenshot of it, beside this record\n");
            out.push_str(
                "  # author: { name: { … }, type: person, url: https://… }   # only a claimant you can name\n",
            );
            out.push_str("facts:\n  -\n");
            localized(&mut out, "    ", "a fact", config);
            out.push_str("actions:\n  -\n");
            localized(&mut out, "    ", "action taken", config);
        }
        Kind::MythBuster => {
            out.push_str("myths:\n  - myth:\n");
            localized(&mut out, "      ", "the myth", config);
            out.push_str("    fact:\n");
            localized(&mut out, "      ", "the fact", config);
            out.push_str("    verdict: false            # fake | false | misleading | baseless | out-of-context\n");
        }
    }
    let _ = writeln!(out, "quotes:\n  - by: {}\n    text:", first_key(&config.people));
    localized(&mut out, "      ", "what they said", config);
    out.push_str("sources:\n  - title:\n");
    localized(&mut out, "      ", "title of the source", config);
    out.push_str("    url: https://TODO.invalid/\n");
    out.push_str("related: []                   # ids of related statements\n");
    let _ = writeln!(out, "contact: {}", first_key(&config.contacts));
    out.push_str("tags: []\n");
    out.push_str("updates: []                   # corrections: - { date: YYYY-MM-DD, note: { ... } }\n");
    out
}
