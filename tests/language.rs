//! The words tathya writes, as a table a Hindi reviewer can read: every
//! verdict × every form of claim × a masculine and a feminine issuer for
//! the headline and the lead, in both languages; one and five myths; the
//! embargo, withdrawal and correction lines; dates; figures on the Indian
//! scale, with Latin and with Devanagari digits; and the Hindi lints, for
//! and against. Each row of `tests/language/table.tsv` is
//! `case<TAB>lang<TAB>what<TAB>expected`, and the test builds a site with
//! a record for each case and compares what the pages say.
//!
//! After a deliberate change of wording: `TATHYA_LANGUAGE_TABLE=write cargo
//! test --test language` writes the table anew; read every changed line
//! before committing it.

#![allow(clippy::unwrap_used, clippy::panic, reason = "a test fails by panicking")]

mod common;

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::fs;
use std::path::Path;

use common::{repo, tathya};

const VERDICTS: [&str; 5] = ["fake", "false", "misleading", "baseless", "out-of-context"];
const FORMS: [&str; 7] = ["reports", "claim", "post", "video", "message", "letter", "document"];
/// A masculine issuer with "the", and a feminine one with "the".
const ISSUERS: [&str; 2] = ["mohfw", "goi"];
const NOW: &str = "2026-01-01T00:00:00+05:30";

/// Figures as a record writes them, one fact each.
const FIGURES: [&str; 32] = [
    "{ $n0 }",
    "{ $n1 }",
    "{ $n2 }",
    "{ $n999 }",
    "{ $n1000 }",
    "{ $n2500 }",
    "{ $n25000 }",
    "{ $n99999 }",
    "{ $lakh }",
    "{ $lakh15 }",
    "{ $n1234567 }",
    "{ $crore15 }",
    "{ $crore15x }",
    "{ $crore100 }",
    "{ $crore220 }",
    "{ $crore1000 }",
    "{ $crore2500 }",
    "{ $crore25000 }",
    "{ $lakhcrore }",
    "{ $crore111100 }",
    "{ $lakhcrore1111 }",
    "{ $lakhcrore1000 }",
    "{ $half }",
    "{ $n1275 }",
    "{ $n2500half }",
    "₹{ $lakhcrore1111 }",
    "₹{ $crore1000 }",
    "{ DIGITS($crore15x) }",
    "{ WORDS($n1234567) }",
    "{ NUMBER($n2500) }",
    "{ $many ->\\n    [one] one report\\n   *[other] { $many } reports\\n}",
    "{ $one ->\\n    [one] one report\\n   *[other] { $one } reports\\n}",
];

const FIGURE_VALUES: &str = "figures:
  n0: 0
  n1: 1
  n2: 2
  n999: 999
  n1000: 1000
  n2500: 2500
  n25000: 25000
  n99999: 99999
  lakh: 100000
  lakh15: 150000
  n1234567: 1234567
  crore15: 15000000
  crore15x: 150000000
  crore100: 1000000000
  crore220: 2200000000
  crore1000: 10000000000
  crore2500: 25000000000
  crore25000: 250000000000
  lakhcrore: 1000000000000
  crore111100: 1111000000000
  lakhcrore1111: 11110000000000
  lakhcrore1000: 1000000000000000
  half: 0.5
  n1275: 12.75
  n2500half: 2500.5
  many: 5
  one: 1
";

fn text(en: &str, hi: &str) -> String {
    format!("{{ en: \"{en}\", hi: \"{hi}\" }}")
}

fn rebuttal(issuer: &str, verdict: &str, form: &str, date: &str) -> String {
    format!(
        "kind: rebuttal\nstatus: published\ndate: {date}\nissuer: {issuer}\nverdict: {verdict}\n\
         topic: {}\nclaim:\n  form: {form}\n  text: {}\nfacts:\n  - {}\n",
        text("a new rule on pensions", "पेंशन के नए नियम"),
        text("A new rule cuts pensions.", "एक नए नियम से पेंशन घट गई है।"),
        text("No such rule has been made.", "ऐसा कोई नियम नहीं बना है।"),
    )
}

fn myth_buster(myths: usize) -> String {
    let mut out = format!(
        "kind: myth-buster\nstatus: published\ndate: 2022-02-03\nissuer: mohfw\ntopic: {}\nmyths:\n",
        text("Pensions", "पेंशन")
    );
    for i in 1..=myths {
        let verdict = if i == 2 { "\n    verdict: misleading" } else { "" };
        let _ = writeln!(
            out,
            "  - myth: {}\n    fact: {}{verdict}",
            text(&format!("Myth {i}."), &format!("मिथक {i}।")),
            text(&format!("Fact {i}."), &format!("तथ्य {i}।"))
        );
    }
    out
}

/// A site with a record for each case; its ids.
fn site(digits: &str) -> (tempfile::TempDir, Vec<String>) {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    for folder in ["locales", "templates"] {
        fs::create_dir_all(root.join(folder)).unwrap();
        common::copy_tree(&repo().join(folder), &root.join(folder));
    }
    let config =
        fs::read_to_string(repo().join("tathya.yaml")).unwrap().replace("digits: latin", &format!("digits: {digits}"));
    let goi = "  goi:\n    name: { en: Government of India, hi: भारत सरकार }\n    short: { en: Government, hi: सरकार }\n    gender: { hi: feminine }\n    article: { en: the }\n";
    fs::write(root.join("tathya.yaml"), config.replace("issuers:\n", &format!("issuers:\n{goi}"))).unwrap();
    let mut records = BTreeMap::new();
    for verdict in VERDICTS {
        for form in FORMS {
            for issuer in ISSUERS {
                records.insert(format!("{verdict}-{form}-{issuer}"), rebuttal(issuer, verdict, form, "2021-06-10"));
            }
        }
    }
    records.insert("myths-1".into(), myth_buster(1));
    records.insert("myths-5".into(), myth_buster(5));
    let base = rebuttal("niti-aayog", "false", "claim", "2022-02-03");
    records.insert("article-none".into(), base.clone());
    records.insert(
        "embargoed".into(),
        base.replace("status: published", "status: published\npublish_at: 2026-08-15T09:30:00+05:30"),
    );
    for (id, time) in [
        ("embargoed-noon", "12:00"),
        ("embargoed-6pm", "18:00"),
        ("embargoed-midnight", "00:00"),
        ("embargoed-small-hours", "00:30"),
    ] {
        let at = format!("status: published\npublish_at: 2026-08-15T{time}:00+05:30");
        records.insert(id.into(), base.replace("status: published", &at));
    }
    records.insert(
        "withdrawn".into(),
        base.replace(
            "status: published",
            &format!(
                "status: withdrawn\nwithdrawn: {{ date: 2022-02-05, note: {} }}",
                text("It named the wrong rule.", "इसमें गलत नियम का उल्लेख था।")
            ),
        ),
    );
    records.insert(
        "updated".into(),
        format!(
            "{base}updates:\n  - {{ date: 2022-03-01, note: {} }}\n",
            text("A figure was corrected.", "एक आंकड़ा सुधारा गया।")
        ),
    );
    let mut figures = format!("{}{FIGURE_VALUES}facts:\n", base.split("facts:\n").next().unwrap());
    for figure in FIGURES {
        let _ = writeln!(figures, "  - {{ en: \"{figure}\", hi: \"{figure}\" }}");
    }
    records.insert("figures".into(), figures);
    let dir_of = root.join("statements/lang");
    fs::create_dir_all(&dir_of).unwrap();
    for (id, record) in &records {
        fs::write(dir_of.join(format!("{id}.yaml")), record).unwrap();
    }
    (dir, records.into_keys().collect())
}

/// What the rows of one case are made of: the lines of its Markdown.
fn rows(case: &str, md: &str) -> Vec<(String, String)> {
    let lines: Vec<&str> = md.lines().collect();
    let mut out = Vec::new();
    let Some(at) = lines.iter().position(|l| l.starts_with("# ")) else { return out };
    out.push(("headline".into(), lines[at].trim_start_matches("# ").to_owned()));
    // Below the headline: the verdict (a line in bold, read below), the
    // dateline, the lead.
    let mut below = lines[at + 1..].iter().filter(|l| !l.is_empty() && !l.starts_with("**"));
    out.push(("dateline".into(), below.next().copied().unwrap_or_default().to_owned()));
    if !case.starts_with("myths") {
        out.push(("lead".into(), below.next().copied().unwrap_or_default().to_owned()));
    }
    for line in lines.iter().filter(|l| l.starts_with("**") || l.starts_with("> **")) {
        out.push(("line".into(), (*line).to_owned()));
    }
    if case.starts_with("updated") {
        let update =
            lines.iter().rev().find(|l| l.starts_with("- ") && l.contains("2022")).copied().unwrap_or_default();
        out.push(("update".into(), update.to_owned()));
    }
    if case.starts_with("figures") {
        let facts = lines.iter().skip_while(|l| **l != "## The facts" && **l != "## तथ्य").skip(1);
        for (figure, line) in FIGURES.iter().zip(facts.filter(|l| l.starts_with("- "))) {
            out.push((format!("figure {figure}"), line.trim_start_matches("- ").to_owned()));
        }
    }
    out
}

/// The table as this build writes it.
fn actual() -> String {
    let mut table = String::new();
    for digits in ["latin", "devanagari"] {
        let (site, ids) = site(digits);
        let root = site.path();
        let output = tathya(root, &["build", "--drafts", "--now", NOW, "--out", "out"]);
        assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
        for id in &ids {
            if digits == "devanagari" && !["figures", "withdrawn", "embargoed"].contains(&id.as_str()) {
                continue;
            }
            for lang in ["en", "hi"] {
                let md = fs::read_to_string(root.join(format!("out/{lang}/lang/{id}/index.md"))).unwrap();
                let case = if digits == "latin" { id.clone() } else { format!("{id} (devanagari)") };
                for (what, value) in rows(id, &md) {
                    let _ = writeln!(table, "{case}\t{lang}\t{what}\t{value}");
                }
            }
        }
        if digits == "latin" {
            table.push_str(&lints(root));
        }
    }
    table
}

/// The Hindi lints for and against: `check` on topics and text.
fn lints(root: &Path) -> String {
    let mut table = String::new();
    let record = |topic: &str, fact: &str| {
        rebuttal("mohfw", "false", "reports", "2021-06-10")
            .replace("पेंशन के नए नियम", topic)
            .replace("ऐसा कोई नियम नहीं बना है।", fact)
    };
    let cases = [
        ("पुराना कानून", "ऐसा कोई नियम नहीं बना है।"),
        ("नया नियम", "ऐसा कोई नियम नहीं बना है।"),
        ("आधार कार्ड का डेटा लीक होना", "ऐसा कोई नियम नहीं बना है।"),
        ("पुराने कानून", "ऐसा कोई नियम नहीं बना है।"),
        ("कोविन की सुरक्षा", "ऐसा कोई नियम नहीं बना है।"),
        ("राजा के आदेश", "यह ख़बर फ़र्ज़ी है।"),
        ("पेंशन के नए नियम", "श्री ए. कुमार ने कहा कि यह खबर गलत है।"),
        ("पेंशन के नए नियम", "यह खबर गलत है."),
        ("कोविड का टीका", "ऐसा कोई नियम नहीं बना है।"),
        ("राशन कार्ड का रद्द होना", "ऐसा कोई नियम नहीं बना है।"),
        ("नए नियम की खबरें", "ऐसा कोई नियम नहीं बना है।"),
        ("पेंशन के नए नियम", "दूरी 5 कि.मी. है और श्री ए.के. शर्मा ने यह कहा।"),
        ("पेंशन के नए नियम", "यह खबर गलत है।।"),
    ];
    for (i, (topic, fact)) in cases.iter().enumerate() {
        let site = tempfile::tempdir().unwrap();
        for part in ["tathya.yaml", "locales", "templates"] {
            let from = root.join(part);
            if from.is_dir() {
                fs::create_dir_all(site.path().join(part)).unwrap();
                common::copy_tree(&from, &site.path().join(part));
            } else {
                fs::copy(&from, site.path().join(part)).unwrap();
            }
        }
        fs::create_dir_all(site.path().join("statements")).unwrap();
        fs::write(site.path().join("statements/x.yaml"), record(topic, fact)).unwrap();
        let output = tathya(site.path(), &["check", "--format", "json"]);
        let found: Vec<String> = String::from_utf8_lossy(&output.stdout)
            .lines()
            .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
            .map(|v| {
                format!("{} {}", v["code"].as_str().unwrap_or_default(), v["message"].as_str().unwrap_or_default())
            })
            .collect();
        let found = if found.is_empty() { "clean".to_owned() } else { found.join(" / ") };
        let _ = writeln!(table, "lint {}\thi\t{topic} | {fact}\t{found}", i + 1);
    }
    table
}

#[test]
fn the_words_are_the_table() {
    let file = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/language/table.tsv");
    let actual = actual();
    if std::env::var("TATHYA_LANGUAGE_TABLE").as_deref() == Ok("write") {
        fs::write(&file, &actual).unwrap();
    }
    let expected = fs::read_to_string(&file).unwrap();
    let rows = expected.lines().count();
    assert!(rows >= 80, "the table has {rows} rows");
    let differences: Vec<String> = expected
        .lines()
        .zip(actual.lines())
        .filter(|(e, a)| e != a)
        .map(|(e, a)| format!("expected {e}\n   found {a}"))
        .collect();
    assert!(differences.is_empty() && rows == actual.lines().count(), "{}", differences.join("\n"));
}

/// A figure prints as written or is refused (issue 13): the largest that
/// tathya takes, 15 significant digits with paise, in every language and
/// digit script, and the first two it refuses, each at its place.
#[test]
fn figures_print_exactly_or_are_refused() {
    let facts = "facts:\n  - { en: \"{ $max } / { WORDS($max) }\", hi: \"{ $max } / { WORDS($max) }\" }\n  \
                 - { en: \"₹{ $paise } / { WORDS($paise) }\", hi: \"₹{ $paise } / { WORDS($paise) }\" }\n";
    let base = rebuttal("mohfw", "false", "claim", "2022-02-03");
    let head = base.split("facts:\n").next().unwrap();
    let exact = format!("{head}figures: {{ max: 999999999999999, paise: 9999999999999.99 }}\n{facts}");
    let expected = [
        ("latin", "en", "99,99,99,99,99,99,999 / 999.999999999999 lakh crore"),
        ("latin", "en", "₹99,99,99,99,99,999.99 / 9.99999999999999 lakh crore"),
        ("latin", "hi", "99,99,99,99,99,99,999 / 999.999999999999 लाख करोड़"),
        ("latin", "hi", "₹99,99,99,99,99,999.99 / 9.99999999999999 लाख करोड़"),
        ("devanagari", "hi", "९९,९९,९९,९९,९९,९९,९९९ / ९९९.९९९९९९९९९९९९ लाख करोड़"),
        ("devanagari", "hi", "₹९९,९९,९९,९९,९९,९९९.९९ / ९.९९९९९९९९९९९९९९ लाख करोड़"),
    ];
    for digits in ["latin", "devanagari"] {
        let site = sample_site_with(digits, &[("exact", &exact)]);
        let output = tathya(site.path(), &["build", "--out", "out"]);
        assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
        for (_, lang, line) in expected.iter().filter(|(d, ..)| *d == digits) {
            let md = fs::read_to_string(site.path().join(format!("out/{lang}/lang/exact/index.md"))).unwrap();
            assert!(md.lines().any(|l| l == format!("- {line}")), "{digits} {lang}: no `{line}` in\n{md}");
        }
    }
    for (written, refused) in [("999999999999999", "9007199254740993"), ("9999999999999.99", "99999999999999.99")] {
        let record = exact.replace(written, refused);
        let site = sample_site_with("latin", &[("refused", &record)]);
        let output = tathya(site.path(), &["check", "--format", "json"]);
        let found: Vec<String> = String::from_utf8_lossy(&output.stdout)
            .lines()
            .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
            .map(|v| {
                format!("{} {}:{}:{}", v["code"].as_str().unwrap(), v["file"].as_str().unwrap(), v["line"], v["column"])
            })
            .collect();
        let line = record.lines().position(|l| l.contains(refused)).unwrap();
        let column = record.lines().nth(line).unwrap().find(refused).unwrap() + 1;
        assert_eq!(found, [format!("T011 statements/lang/refused.yaml:{}:{column}", line + 1)], "{refused}");
    }
}

/// The repository's settings with `digits` for Hindi, its locales and
/// templates, and `records` under `statements/lang/`.
fn sample_site_with(digits: &str, records: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    for folder in ["locales", "templates"] {
        fs::create_dir_all(root.join(folder)).unwrap();
        common::copy_tree(&repo().join(folder), &root.join(folder));
    }
    let config =
        fs::read_to_string(repo().join("tathya.yaml")).unwrap().replace("digits: latin", &format!("digits: {digits}"));
    fs::write(root.join("tathya.yaml"), config).unwrap();
    fs::create_dir_all(root.join("statements/lang")).unwrap();
    for (id, record) in records {
        fs::write(root.join(format!("statements/lang/{id}.yaml")), record).unwrap();
    }
    dir
}
