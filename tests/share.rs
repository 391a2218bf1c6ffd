//! Posts ready to send: X's count of a post, held to twitter-text's own
//! parser (PyPI `twitter-text-parser`, which `.ci/run` installs) on
//! generated Hindi, English and mixed texts and on the sample's posts; a
//! shortened text never ends inside a grapheme cluster; `tathya share`
//! prints what the build writes beside the page.
#![allow(clippy::unwrap_used, clippy::panic, reason = "a test fails by panicking")]

mod common;

use std::fs;
use std::io::Write as _;
use std::process::{Command, Stdio};

use common::{files, sample_site, tathya};
use proptest::prelude::*;
use tathya::localize::share::{ELLIPSIS, X_LIMIT, shorten, x_weight};
use unicode_normalization::UnicodeNormalization;
use unicode_segmentation::UnicodeSegmentation;

/// What a generated text is made of: both scripts' words and conjuncts,
/// the signs X weighs 2 ("…", "₹", "•", curly quotes beyond its ranges),
/// those it weighs 1 (dashes, ’), emoji of one and of many code points,
/// a nukta letter NFC decomposes (क़), and spaces and line breaks.
const PIECES: [&str; 34] = [
    "स्वास्थ्य",
    "मंत्रालय",
    "क्षि",
    "स्त्री",
    "द्ध",
    "र्य",
    "फर्जी",
    "क़",
    "ज़रूरी",
    "हैं।",
    "15 करोड़",
    "15,00,00,000",
    "Ministry",
    "dismisses",
    "CoWIN",
    "false",
    "doesn’t",
    "“quoted”",
    "«guillemets»",
    "…",
    "₹2,500",
    "•",
    "—",
    "–",
    "😀",
    "👍🏽",
    "🇮🇳",
    "👨‍👩‍👧",
    "✅",
    "#PIBFactCheck",
    " ",
    "\n",
    "१५",
    "ॐ",
];

/// twitter-text's weight of each of `texts`.
fn reference_weights(texts: &[String]) -> Vec<usize> {
    let script = common::repo().join("tests/tools/x_weight.py");
    let mut python = Command::new("python3")
        .arg(&script)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    python.stdin.take().unwrap().write_all(serde_json::to_string(texts).unwrap().as_bytes()).unwrap();
    let output = python.wait_with_output().unwrap();
    assert!(
        output.status.success(),
        "the reference count failed (pip install twitter-text-parser==3.0.0): {}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).unwrap()
}

#[test]
fn x_counts_a_post_as_tathya_does() {
    let texts = common::generated_texts(&PIECES, 2000, 40, 0x2545_F491_4F6C_DD1D);
    let reference = reference_weights(&texts);
    let differ: Vec<String> = texts
        .iter()
        .zip(&reference)
        .filter(|(text, weight)| x_weight(text) != **weight)
        .map(|(text, weight)| format!("{text:?}: tathya {}, twitter-text {weight}", x_weight(text)))
        .collect();
    assert!(differ.is_empty(), "{} of {} differ:\n{}", differ.len(), texts.len(), differ.join("\n"));
}

#[test]
fn every_sample_post_fits_x_by_x_s_own_count() {
    let site = sample_site(true);
    let root = site.path();
    assert!(tathya(root, &["build"]).status.success());
    let public = root.join("public");
    let mut posts = Vec::new();
    for file in files(&public).into_iter().filter(|f| f.ends_with("share.json")) {
        let json: serde_json::Value = serde_json::from_slice(&fs::read(public.join(&file)).unwrap()).unwrap();
        let x = json["x"].as_str().unwrap().to_owned();
        assert!(x.contains("https://factcheck.example.gov.in/"), "{}: no address in {x}", file.display());
        posts.push((file.display().to_string(), x, json["x_weight"].as_u64().unwrap()));
    }
    assert_eq!(posts.len(), 8, "a share.json beside every statement page");
    let texts: Vec<String> = posts.iter().map(|(_, x, _)| x.clone()).collect();
    for ((file, x, ours), theirs) in posts.iter().zip(reference_weights(&texts)) {
        assert_eq!(*ours, theirs as u64, "{file}: {x}");
        assert!(theirs <= X_LIMIT, "{file}: {theirs} > {X_LIMIT}");
    }
    // `tathya share` prints the post the build wrote.
    let output = tathya(root, &["share", "2021/06/cowin-data-breach", "--lang", "hi"]);
    let printed = String::from_utf8(output.stdout).unwrap();
    let written = &posts.iter().find(|(file, ..)| file == "hi/2021/06/cowin-data-breach/share.json").unwrap().1;
    assert_eq!(printed.trim_end(), written);
}

#[test]
fn a_long_finding_is_cut_after_a_sentence_or_at_a_word() {
    // Whole sentences fit: the cut ends after the last, with no "…".
    let sentences = "कोविन प्लेटफॉर्म पर रखा गया डेटा सुरक्षित है। ".repeat(20);
    let cut = shorten(&sentences, 100);
    assert!(x_weight(&cut) <= 100 && x_weight(&cut) >= 50, "{cut}");
    assert!(cut.ends_with('।') && sentences.starts_with(&cut), "not cut after a sentence: {cut}");
    // One long sentence: cut at a space, with "…".
    let words = "कोविन प्लेटफॉर्म पर रखा गया डेटा सुरक्षित ".repeat(20);
    let cut = shorten(&words, 100);
    assert!(x_weight(&cut) <= 100, "{cut}");
    assert!(cut.ends_with(ELLIPSIS) && !cut.ends_with(&format!(" {ELLIPSIS}")), "{cut}");
    let kept = cut.strip_suffix(ELLIPSIS).unwrap();
    assert!(words.starts_with(kept) && words[kept.len()..].starts_with(' '), "not cut at a space: {cut}");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(500))]

    /// A shortened text fits, and what it keeps ends at a grapheme-cluster
    /// boundary of the text: no conjunct or matra cut in two.
    #[test]
    fn a_shortened_text_never_ends_inside_a_grapheme_cluster(
        parts in proptest::collection::vec(proptest::sample::select(PIECES.to_vec()), 1..60),
        budget in 0usize..300,
    ) {
        // X counts text in NFC ("क़" is two code points there): so does the cut.
        let text: String = parts.concat().nfc().collect();
        let cut = shorten(&text, budget);
        prop_assert!(x_weight(&cut) <= budget, "{cut:?} weighs more than {budget}");
        let kept = cut.strip_suffix(ELLIPSIS).unwrap_or(&cut);
        prop_assert!(text.starts_with(kept));
        let boundaries: Vec<usize> = text.grapheme_indices(true).map(|(at, _)| at).chain([text.len()]).collect();
        prop_assert!(boundaries.contains(&kept.len()), "{cut:?} ends inside a cluster of {text:?}");
    }
}
