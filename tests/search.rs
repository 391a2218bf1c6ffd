//! The search index: what a build puts in it, and the one rule of what a
//! word is, which the index (Rust) and the search page's script (JavaScript)
//! must apply alike. Whether a reader's query finds its statement is tried
//! in headless Chromium (`tests/browser/search.mjs`, run by `.ci/run`).
#![allow(clippy::unwrap_used, clippy::panic, reason = "a test fails by panicking")]

mod common;

use std::fs;
use std::io::Write as _;
use std::path::Path;
use std::process::{Command, Stdio};

use common::{files, sample_site, tathya};
use tathya::render::search::{query_words, words};

/// Pieces a generated text is made of: words Hindi spells more than one
/// way (nukta, chandrabindu, a half nasal), joiners, Devanagari digits,
/// Indian-grouped figures, English with capitals, apostrophes and hyphens,
/// and the punctuation of both.
const PIECES: [&str; 65] = [
    "हिन्दी",
    "हिंदी",
    "ज़रूरी",
    "जरूरी",
    "फ़र्ज़ी",
    "पाँच",
    "पांच",
    "सम्बन्ध",
    "संबंध",
    "क्ष\u{200D}त्रिय",
    "स्त्री",
    "द्ध",
    "कार्य",
    "१५",
    "१५,००,००,०००",
    "15,00,00,000",
    "₹2,500",
    "220 करोड़",
    "कोविन",
    "CoWIN",
    "COVID-19",
    "ministry’s",
    "Ministry's",
    "e-mail",
    "Ǆemal",
    "İstanbul",
    "ΟΔΟΣ",
    "straße",
    "।",
    "॥",
    ",",
    ".",
    "…",
    "\"",
    "(",
    ")",
    "—",
    "\u{00AD}",
    "\u{200C}",
    "#PIBFactCheck",
    "को-विन",
    "ई-मेल",
    "-",
    "\u{2010}",
    "पुन:",
    "पुनः",
    "दुःख",
    "गयी",
    "लिये",
    "गयीं",
    "गायें",
    "ये",
    "सिन्हा",
    "सिंह",
    "पेड़",
    "ढ़",
    "12,34,567",
    "pib.gov.in",
    "Dr.",
    "A.K.",
    "doesn’t",
    "doesn't",
    "हिन्",
    "non-COVID-19",
    "😀",
];

/// The words `templates/search.js` finds in each of `texts`, by Node: as
/// the index keeps them, and as a query has them.
fn script_words(texts: &[String]) -> Vec<(Vec<String>, Vec<Vec<String>>)> {
    let script = common::repo().join("templates/search.js");
    let program = r#"
        const vm = require("node:vm");
        const fs = require("node:fs");
        const context = vm.createContext({});
        vm.runInContext(fs.readFileSync(process.argv[1], "utf8"), context);
        const texts = JSON.parse(fs.readFileSync(0, "utf8"));
        const both = texts.map((text) => [context.tathyaWords(text), context.tathyaQuery(text)]);
        process.stdout.write(JSON.stringify(both));
    "#;
    let mut node = Command::new("node")
        .args(["-e", program])
        .arg(&script)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap_or_else(|err| panic!("Node.js runs the search page's script ({err}): install node"));
    node.stdin.take().unwrap().write_all(serde_json::to_string(texts).unwrap().as_bytes()).unwrap();
    let output = node.wait_with_output().unwrap();
    assert!(output.status.success(), "node failed");
    serde_json::from_slice(&output.stdout).unwrap()
}

#[test]
fn the_search_page_finds_words_as_the_index_keeps_them() {
    let texts = common::generated_texts(&PIECES, 2000, 8, 0x9E37_79B9_7F4A_7C15);
    let script = script_words(&texts);
    let mut differ = Vec::new();
    for (text, (script, script_query)) in texts.iter().zip(&script) {
        let (index, query) = (words(text), query_words(text));
        if (&index, &query) != (script, script_query) {
            differ.push(format!("{text:?}: index {index:?} {query:?}, script {script:?} {script_query:?}"));
        }
    }
    assert!(differ.is_empty(), "{} of {} texts split differently:\n{}", differ.len(), texts.len(), differ.join("\n"));
}

#[test]
fn hindi_written_either_way_is_one_word() {
    let pairs = [
        ("हिन्दी", "हिंदी"),
        ("ज़रूरी", "जरूरी"),
        ("पाँच", "पांच"),
        ("सम्बन्ध", "संबंध"),
        ("१५", "15"),
        ("CoWIN", "cowin"),
        ("पुनः", "पुन:"),
        ("लिये", "लिए"),
        ("गयी", "गई"),
    ];
    for (one, other) in pairs {
        assert_eq!(words(one), words(other), "{one} and {other}");
    }
    // Words a reader keeps apart stay apart: another conjunct ("कार्य" is
    // not "कांय"), a nasal before a consonant of another class (सिन्हा is
    // not सिंहा, which सिंह would find), ड़ and ढ़, and the plural -यें.
    for (one, other) in [("कार्य", "कांय"), ("सिन्हा", "सिंहा"), ("पेड़", "पेड"), ("मोड़", "मोड"), ("गायें", "गाएं")]
    {
        assert_ne!(words(one), words(other), "{one} and {other}");
    }
    // A compound is found however it is written: a query's is its whole
    // word, or its parts, which the index keeps as well.
    assert_eq!(query_words("को-विन"), [["कोविन", "को", "विन"]]);
    assert_eq!(query_words("pib.gov.in"), [["pibgovin", "pib", "gov", "in"]]);
    // A word being typed, ending in a virama, is looked for without its last consonant.
    assert_eq!(query_words("हिन्"), [["हि"]]);
    assert!(words("को-विन").contains(&"कोविन".to_owned()));
    assert!(words("₹12,34,567").contains(&"1234567".to_owned()));
    assert_eq!(words("www.pib.gov.in doesn’t"), ["www", "pib", "gov", "in", "wwwpibgovin", "doesn", "t", "doesnt"]);
}

/// Every file of the built site's search indexes, as text.
fn index_text(public: &Path) -> String {
    files(public)
        .into_iter()
        .filter(|f| {
            f.components().nth(1).is_some_and(|c| c.as_os_str() == "search")
                && f.extension().is_some_and(|e| e == "json")
        })
        .map(|f| fs::read_to_string(public.join(f)).unwrap())
        .collect()
}

#[test]
fn a_draft_or_embargoed_statement_is_never_in_the_published_index() {
    let site = sample_site(true);
    let root = site.path();
    let record = fs::read_to_string(root.join("statements/2021/06/cowin-data-breach.yaml")).unwrap();
    let hidden = |status: &str, word: &str| {
        record
            .replace("status: published", status)
            .replacen("हैकरों के एक समूह", &format!("{word} हैकरों के एक समूह"), 1)
            .replacen("A group of hackers", &format!("A {word} group of hackers"), 1)
    };
    fs::write(root.join("statements/2021/06/a-draft.yaml"), hidden("status: draft", "zebrafinch")).unwrap();
    let embargoed = hidden("status: published", "quetzal")
        .replace("publish_at: 2021-06-10T18:30:00+05:30", "publish_at: 2099-01-01T10:00:00+05:30");
    assert!(embargoed.contains("2099"), "the sample record has no publish_at to move");
    fs::write(root.join("statements/2021/06/an-embargo.yaml"), embargoed).unwrap();
    let output = tathya(root, &["build", "--now", "2026-12-01T00:00:00Z"]);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let published = index_text(&root.join("public"));
    assert!(
        published.contains("\"हैकरों\"") && published.contains("\"hackers\""),
        "the published statement's words are not indexed"
    );
    for word in ["zebrafinch", "quetzal", "a-draft", "an-embargo"] {
        assert!(!published.contains(word), "{word} is in the published search index");
    }
    // Each file of words is a JSON object of each word's statements: numbers
    // (the differences between them, doubled, plus one in a headline).
    let terms: Vec<_> =
        files(&root.join("public")).into_iter().filter(|f| f.to_string_lossy().contains("/search/terms/")).collect();
    assert!(!terms.is_empty(), "the built site has no files of words");
    for file in terms {
        let text = fs::read_to_string(root.join("public").join(&file)).unwrap();
        let words: serde_json::Map<String, serde_json::Value> =
            serde_json::from_str(&text).unwrap_or_else(|err| panic!("{}: {err}: {text}", file.display()));
        for (word, statements) in &words {
            let numbers = statements.as_array().filter(|list| !list.is_empty() && list.iter().all(|n| n.is_u64()));
            assert!(numbers.is_some(), "{}: {word}: {statements}", file.display());
        }
    }
    // A preview shows them, marked, in its own folder.
    let output = tathya(root, &["build", "--drafts", "--now", "2026-12-01T00:00:00Z"]);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let preview = index_text(&root.join("public-preview"));
    assert!(preview.contains("zebrafinch") && preview.contains("quetzal"), "the preview's index lacks its drafts");
}
