//! `check` is the build without the writing: for each edit that a build
//! once refused while `check` passed (issue 8), both now agree. Each case
//! edits a copy of the sample site, runs `tathya check` and `tathya build`
//! (and `build --drafts`), and asserts the same verdict, and, when refused,
//! the same rule at the same file, line and column for the first error.

#![allow(clippy::unwrap_used, clippy::panic, reason = "a test fails by panicking")]

mod common;

use std::fs;

use common::{sample_site, tathya};

const REBUTTAL: &str = "statements/2021/06/cowin-data-breach.yaml";
const MYTHS: &str = "statements/2021/05/cowin-myths.yaml";
const NOW: &str = "2026-01-01T00:00:00+05:30";

/// An edit of one file of the sample site.
enum Edit {
    /// Replace the first `from` with `to`.
    Replace(&'static str, &'static str, String),
    /// Write a whole file.
    Write(&'static str, String),
}

fn replace(file: &'static str, from: &'static str, to: impl Into<String>) -> Edit {
    Edit::Replace(file, from, to.into())
}

fn write(file: &'static str, text: impl Into<String>) -> Edit {
    Edit::Write(file, text.into())
}

/// The first error's `CODE file:line:col` in JSON lines, if any.
fn first_error(json_lines: &[u8]) -> Option<String> {
    let mut errors: Vec<(String, u64, u64, String)> = String::from_utf8_lossy(json_lines)
        .lines()
        .filter_map(|line| serde_json::from_str::<serde_json::Value>(line).ok())
        .filter(|v| v["severity"] == "error")
        .map(|v| {
            let file = v["file"].as_str().unwrap_or_default().to_owned();
            let code = v["code"].as_str().unwrap_or_default().to_owned();
            (file, v["line"].as_u64().unwrap_or(0), v["column"].as_u64().unwrap_or(0), code)
        })
        .collect();
    errors.sort();
    errors.first().map(|(file, line, column, code)| format!("{code} {file}:{line}:{column}"))
}

/// Applies `edits` to a copy of the sample site; returns check's and each
/// build's exit status and first error.
fn outcomes(edits: &[Edit]) -> Vec<(String, i32, Option<String>)> {
    let site = sample_site(true);
    let root = site.path();
    for edit in edits {
        match edit {
            Edit::Replace(file, from, to) => {
                let text = fs::read_to_string(root.join(file)).unwrap();
                assert!(text.contains(from), "{file} does not contain {from:?}");
                fs::write(root.join(file), text.replacen(from, to, 1)).unwrap();
            }
            Edit::Write(file, text) => {
                fs::create_dir_all(root.join(file).parent().unwrap()).unwrap();
                fs::write(root.join(file), text).unwrap();
            }
        }
    }
    let run = |args: &[&str], from_stderr: bool| {
        let output = tathya(root, args);
        let status = output.status.code().unwrap_or(-1);
        assert!(status == 0 || status == 1, "{args:?} exited {status}: {}", String::from_utf8_lossy(&output.stderr));
        (args.join(" "), status, first_error(if from_stderr { &output.stderr } else { &output.stdout }))
    };
    vec![
        run(&["check", "--format", "json", "--now", NOW], false),
        run(&["build", "--format", "json", "--now", NOW, "--out", "out"], true),
        run(&["build", "--drafts", "--format", "json", "--now", NOW, "--out", "drafts"], true),
    ]
}

/// Asserts that check and both builds refuse `edits`, with `code` first at
/// the same place; returns that place.
fn refused(name: &str, edits: &[Edit], code: &str) -> String {
    let results = outcomes(edits);
    let (_, _, check) = &results[0];
    for (command, status, first) in &results {
        assert_eq!(*status, 1, "{name}: `{command}` did not refuse");
        assert_eq!(first, check, "{name}: `{command}` reports another first error than check");
    }
    let first = check.clone().unwrap();
    assert!(first.starts_with(code), "{name}: expected {code}, got {first}");
    first
}

fn accepted(name: &str, edits: &[Edit]) {
    for (command, status, first) in outcomes(edits) {
        assert_eq!((status, first), (0, None), "{name}: `{command}` refused it");
    }
}

#[test]
fn text_that_is_no_fluent_pattern_is_refused_at_its_character() {
    // Inserted after "Prima facie, " (column 22 of line 23) in English; the
    // Hindi gets the figure too, so that only the English is wrong.
    let at = "Prima facie, ";
    let place = "T052 statements/2021/06/cowin-data-breach.yaml:28:";
    let cases = [
        // Fluent stops at the word after the figure: the `}` it expected.
        ("unclosed", "₹{ $users to every woman".to_owned(), format!("{place}32")),
        ("empty placeable", "{ } x".to_owned(), format!("{place}24")),
        ("no name", "{ $ } x".to_owned(), format!("{place}25")),
        ("stray brace", "{ $users } } x".to_owned(), format!("{place}33")),
        ("one-line selector", "{ $users -> [one] a *[other] b } x".to_owned(), format!("{place}34")),
        ("unknown function", "{ WORD($users) } x".to_owned(), format!("{place}24")),
        ("term", "{ -brand } x".to_owned(), format!("{place}24")),
        ("message attribute", "{ msg.attr } x".to_owned(), format!("{place}24")),
        // Fluent counts placeables as it formats, where it knows no place.
        ("too many placeables", "{ $users } ".repeat(101), format!("{place}9")),
    ];
    for (name, text, expected) in cases {
        let edits = [
            replace(REBUTTAL, at, format!("{at}{text} ")),
            replace(REBUTTAL, "प्रथम दृष्टया, ", "प्रथम दृष्टया, { $users } "),
        ];
        let first = refused(name, &edits, "T052");
        assert_eq!(first, expected, "{name}");
    }
}

#[test]
fn placeables_that_would_not_print_as_written_are_refused_at_their_character() {
    // Inserted after "Prima facie, " (column 22 of line 23) in English, as above.
    let at = "Prima facie, ";
    let place = "statements/2021/06/cowin-data-breach.yaml:28:";
    let cases = [
        ("bidi override in a literal", r#"{ "\u202E" }CoWIN"#, "T017", 25),
        ("escape sequence in a literal", r#"{ "\u001b[2J" }"#, "T017", 25),
        ("surrogate", r#"{ "\uD800" }"#, "T052", 25),
        ("beyond Unicode", r#"{ "\UFFFFFF" }"#, "T052", 25),
        // Fluent's own parser panicked on these (found by the fuzzer).
        ("escape cut short by a wide character", r#"{ "\uी" }"#, "T052", 27),
        ("long escape cut short by a wide character", r#"{ "\U0915क" }"#, "T052", 31),
        ("number literal of 16 digits", "{ 9007199254740993 }", "T011", 24),
        ("16 digits to DIGITS", "{ DIGITS(9007199254740993) }", "T011", 31),
        ("text to WORDS", r#"{ WORDS("abc") }"#, "T052", 30),
        // `key:value` without a space, which YAML would read as a mapping.
        ("style option", r#"{ NUMBER($users, style:"percent") }"#, "T052", 39),
        ("currency option", r#"{ NUMBER($users, currency:"USD") }"#, "T052", 39),
    ];
    for (name, text, code, column) in cases {
        let edits = [
            replace(REBUTTAL, at, format!("{at}{text} ")),
            replace(REBUTTAL, "प्रथम दृष्टया, ", "प्रथम दृष्टया, { $users } "),
        ];
        let first = refused(name, &edits, code);
        assert_eq!(first, format!("{code} {place}{column}"), "{name}");
    }
}

#[test]
fn a_continuation_line_that_fluent_reads_as_syntax_is_refused() {
    for (name, line) in
        [("variant", "[one] of them"), ("default variant", "* a list item"), ("attribute", ".note = see the annex")]
    {
        let text = format!("|-\n      hackers hold {{ $users }} records\n      {line}");
        let first = refused(
            name,
            &[replace(
                REBUTTAL,
                "A group of hackers holds the data of { $users } CoWIN users and is offering it for sale.",
                text,
            )],
            "T052",
        );
        assert!(first.contains("cowin-data-breach.yaml:18:"), "{name}: {first}");
    }
}

#[test]
fn locale_bodies_are_checked_whether_or_not_a_page_uses_them() {
    let both = |en: &str, hi: &str| [write("locales/en/extra.ftl", en), write("locales/hi/extra.ftl", hi)];
    let cases = [
        ("unknown message", both("extra = { nosuch }\n", "extra = x\n"), "T068 locales/en/extra.ftl:1:11"),
        ("unknown term", both("extra = { -nosuch }\n", "extra = x\n"), "T068 locales/en/extra.ftl:1:12"),
        ("unknown function", both("extra = { FOO() }\n", "extra = x\n"), "T068 locales/en/extra.ftl:1:11"),
        ("itself", both("extra = x\n", "extra = { extra }\n"), "T069 locales/hi/extra.ftl:1:11"),
        (
            "term twice",
            both("-brand = a\n-brand = b\nextra = { -brand }\n", "extra = x\n"),
            "T065 locales/en/extra.ftl:2:2",
        ),
        (
            "term in one language",
            both("-brand = a\nextra = { -brand }\n", "extra = { -brand }\n"),
            "T068 locales/hi/extra.ftl:1:12",
        ),
    ];
    for (name, edits, expected) in cases {
        let first = refused(name, &edits, &expected[..4]);
        assert_eq!(first, expected, "{name}");
    }
}

#[test]
fn templates_are_refused_for_what_they_do_on_any_page() {
    let quotes = "templates/parts/quotes.html";
    let call = r#"t(key="quote-attribution", name=quote.name, role=quote.role)"#;
    let cases = [
        ("single quotes", replace(quotes, call, "t(key='no-such')"), "T064 templates/parts/quotes.html:7:22"),
        ("spaces", replace(quotes, call, r#"t( key = "no-such" )"#), "T064 templates/parts/quotes.html:7:22"),
        ("no key", replace(quotes, call, "t()"), "T073 templates/parts/quotes.html:7:22"),
        (
            "arguments not passed",
            replace(quotes, call, r#"t(key="quote-attribution")"#),
            "T074 templates/parts/quotes.html:7:22",
        ),
        ("unknown field", replace(quotes, call, "statement.nosuch"), "T073 templates/parts/quotes.html:7:"),
        ("no such page variable", replace(quotes, call, "nosuch"), "T071 templates/parts/quotes.html:7:"),
        (
            "optional field unguarded",
            replace("templates/myth-buster.md", "{{ statement.dateline }}", "{{ statement.claim.text.md }}"),
            "T073 templates/myth-buster.md:",
        ),
        (
            "filter of the wrong type",
            replace(quotes, call, "statement.facts | upper"),
            "T073 templates/parts/quotes.html:7:",
        ),
    ];
    for (name, edit, expected) in cases {
        let first = refused(name, &[edit], &expected[..4]);
        assert!(first.starts_with(expected), "{name}: {first}");
    }
}

#[test]
fn literal_braces_and_dollars_are_text() {
    let at = "Prima facie, ";
    accepted("escaped brace then a dollar", &[replace(REBUTTAL, at, "Prima facie, {\"{\"} costs $5, ")]);
    accepted("a dollar in a string literal", &[replace(REBUTTAL, at, "Prima facie, { \"$5\" } ")]);
    accepted("a stray brace without a placeable", &[replace(REBUTTAL, at, "Prima facie, a } b ")]);
    // Read as text, not as an escape: Fluent escapes only in string literals.
    accepted("an escape cut short outside a literal", &[replace(REBUTTAL, at, "Prima facie, C:\\uकोविन {\"a\"} ")]);
}

#[test]
fn a_language_code_is_read_by_one_parser() {
    let first = refused("a1", &[replace("tathya.yaml", "languages: [en, hi]", "languages: [en, a1]")], "T008");
    assert_eq!(first, "T008 tathya.yaml:3:17");
}

#[test]
fn drafts_and_embargoed_records_are_checked_like_any_other() {
    let embargo = "status: published\npublish_at: 2099-01-01T00:00:00+05:30";
    for (name, status) in [("draft", "status: draft"), ("embargoed", embargo)] {
        let edits = [replace(MYTHS, "status: published", status), replace(MYTHS, "myths:", "topik: x\nmyths:")];
        refused(name, &edits, "T002");
    }
    // A draft whose page fails only when it is rendered.
    let edits = [
        replace(MYTHS, "status: published", "status: draft"),
        replace(
            "templates/myth-buster.md",
            "{{ statement.dateline }}",
            "{% if statement.status == \"draft\" %}{{ statement.nosuch }}{% endif %}",
        ),
    ];
    refused("draft page", &edits, "T073");
}

#[test]
fn a_page_that_differs_in_a_drafts_build_is_checked_as_both() {
    // The rebuttal links to the myth-buster, a draft, only in a --drafts
    // build; the template fails on a published page that links to a draft.
    let failing = "{% if statement.status != \"draft\" and \"cowin-myths\" in link.url %}{{ link.nosuch }}{% endif %}";
    let edits = [
        replace(MYTHS, "status: published", "status: draft"),
        replace(
            "templates/parts/closing.md",
            "{{ link(url=site.origin ~ link.url, text=link.headline.plain) }}",
            failing,
        ),
    ];
    let results = outcomes(&edits);
    let statuses: Vec<i32> = results.iter().map(|(_, status, _)| *status).collect();
    assert_eq!(statuses, [1, 0, 1], "check must refuse what build --drafts refuses");
    assert_eq!(results[0].2, results[2].2);
}

#[test]
fn no_feed_lists_a_draft_not_even_in_a_preview() {
    // The template would fail on a draft's feed entry; no build lists one,
    // so check, build and build --drafts all pass.
    let failing = "<title>{{ entry.title }}</title>{% if \"myths\" in entry.title %}{{ entry | round }}{% endif %}";
    let edits = [
        replace(MYTHS, "status: published", "status: draft"),
        replace("templates/atom.xml", "<title>{{ entry.title }}</title>", failing),
    ];
    let results = outcomes(&edits);
    let statuses: Vec<i32> = results.iter().map(|(_, status, _)| *status).collect();
    assert_eq!(statuses, [0, 0, 0], "no feed may list a draft: {results:?}");
}
