//! Share cards, as a build makes them: every letter of every card shows
//! (conjuncts formed, no `.notdef`, no dotted circle), a card of known text
//! looks like its reference picture, cards are kept across builds by what
//! they are made of, and a site can turn them off.

#![allow(clippy::unwrap_used, clippy::panic, reason = "a test fails by panicking")]

mod common;

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use common::{files, sample_site, tathya};

const BREACH: &str = "statements/2021/06/cowin-data-breach.yaml";

fn build(root: &Path, args: &[&str]) -> String {
    let output = tathya(root, &[&["build"], args].concat());
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    String::from_utf8(output.stderr).unwrap()
}

/// Every card under `public`, by path.
fn cards(public: &Path) -> BTreeMap<String, Vec<u8>> {
    files(public)
        .into_iter()
        .filter(|file| file.ends_with("card.png"))
        .map(|file| (file.to_string_lossy().into_owned(), fs::read(public.join(&file)).unwrap()))
        .collect()
}

/// The cards kept in the store, with their times.
fn kept(root: &Path) -> BTreeMap<PathBuf, SystemTime> {
    let dir = root.join(".public.tathya/cards");
    fs::read_dir(dir)
        .map(|entries| {
            entries
                .map(|e| e.unwrap().path())
                .map(|p| (p.clone(), fs::metadata(&p).unwrap().modified().unwrap()))
                .collect()
        })
        .unwrap_or_default()
}

/// Replaces the first `from` in the file at `path` with `to`.
fn replace_in(path: &Path, from: &str, to: &str) {
    let text = fs::read_to_string(path).unwrap();
    assert!(text.contains(from), "{from:?} is not in {}", path.display());
    fs::write(path, text.replacen(from, to, 1)).unwrap();
}

fn decode(png: &[u8]) -> image::RgbImage {
    image::load_from_memory_with_format(png, image::ImageFormat::Png).unwrap().to_rgb8()
}

/// Hindi and English pieces a headline is made of: conjuncts, matras,
/// nukta letters, the rupee sign, typographic punctuation, both digit sets.
const PIECES: [&str; 24] = [
    "क्षि",
    "स्त्री",
    "द्ध",
    "र्य",
    "ज्ञान",
    "श्रम",
    "त्रि",
    "पढ़",
    "ऋण",
    "हृदय",
    "कृपया",
    "ट्रेन",
    "प्रधानमंत्री",
    "₹15 करोड़",
    "१२३",
    "“दावा”",
    "‘नहीं’",
    "—",
    "…",
    "CoWIN",
    "Aadhaar",
    "15,00,00,000",
    "(ईजीवीएसी)",
    "ग्राम्य",
];

#[test]
fn every_letter_of_a_generated_corpus_shows_on_its_card() {
    let site = sample_site(true);
    let root = site.path();
    let texts = common::generated_texts(&PIECES, 60, 10, 0x5DEE_CE66_D1CE_4E5B);
    for (i, text) in texts.iter().enumerate() {
        let topic = text.trim().replace('"', "'");
        let record = format!(
            "kind: rebuttal\nstatus: published\ndate: 2024-01-{:02}\nissuer: mohfw\nverdict: fake\n\
             topic: {{ en: \"reports number {i}\", hi: \"{topic}\" }}\n\
             claim: {{ text: {{ en: \"A claim.\", hi: \"एक दावा।\" }} }}\n\
             facts:\n  - {{ en: \"A fact.\", hi: \"एक तथ्य।\" }}\n",
            1 + i % 28
        );
        fs::create_dir_all(root.join("statements/2024/01")).unwrap();
        fs::write(root.join(format!("statements/2024/01/generated-{i}.yaml")), record).unwrap();
    }
    // The build proves every card's text before it draws it: it fails on
    // a `.notdef` glyph or a dotted circle.
    build(root, &[]);
    let made = cards(&root.join("public"));
    assert_eq!(made.len(), (60 + 4) * 2, "a card per statement and language");
    for (file, png) in &made {
        let picture = decode(png);
        assert_eq!(picture.dimensions(), (1200, 630), "{file}");
    }
}

#[test]
fn a_letter_the_card_cannot_form_is_refused_by_check_and_build_alike() {
    let site = sample_site(true);
    let root = site.path();
    let record = root.join(BREACH);
    // A vowel sign after a space has no letter to sit on: a dotted circle,
    // found at the sign.
    replace_in(&record, "hi: कोविन", "hi: ि कोविन");
    let (line, column) = fs::read_to_string(&record)
        .unwrap()
        .lines()
        .enumerate()
        .find_map(|(i, l)| l.find(" ि ").map(|at| (i + 1, l[..at].chars().count() + 2)))
        .unwrap();
    let place = format!("{BREACH}:{line}:{column}");
    let check = tathya(root, &["check"]);
    let build = tathya(root, &["build"]);
    for (command, output) in [("check", &check), ("build", &build)] {
        let stderr = format!("{}{}", String::from_utf8_lossy(&output.stdout), String::from_utf8_lossy(&output.stderr));
        assert!(!output.status.success(), "{command} passed a dotted circle");
        assert!(stderr.contains("error[T095]") && stderr.contains(&place), "{command}: {stderr}");
    }
    assert!(!root.join("public").exists(), "a refused build published nothing");
}

#[test]
fn a_card_of_known_text_matches_its_reference_picture() {
    let site = sample_site(true);
    build(site.path(), &[]);
    let reference = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cards/cowin-data-breach-hi.png");
    let made = fs::read(site.path().join("public/hi/2021/06/cowin-data-breach/card.png")).unwrap();
    if std::env::var_os("TATHYA_UPDATE_CARDS").is_some() {
        fs::write(&reference, &made).unwrap();
    }
    let (made, reference) = (decode(&made), decode(&fs::read(&reference).unwrap()));
    assert_eq!(made.dimensions(), reference.dimensions());
    // Tolerance: at most 0.2% of the pixels differ by more than 24 in a
    // channel (edge shading may vary with the rasterizer's version; a
    // letter formed otherwise, a line moved or a colour changed does not
    // fit in it).
    let differing = made
        .pixels()
        .zip(reference.pixels())
        .filter(|(a, b)| a.0.iter().zip(b.0).any(|(x, y)| x.abs_diff(y) > 24))
        .count();
    let allowed = (1200 * 630) / 500;
    assert!(
        differing <= allowed,
        "{differing} pixels differ from the reference (at most {allowed}); TATHYA_UPDATE_CARDS=1 to renew it after looking at it"
    );
}

#[test]
fn cards_are_drawn_once_for_what_they_are_made_of() {
    let site = sample_site(true);
    let root = site.path();
    build(root, &[]);
    let first = kept(root);
    let published = cards(&root.join("public"));
    assert_eq!(first.len(), 8, "{first:?}");
    // A full build draws nothing again: every card is kept by its key.
    build(root, &["--full"]);
    assert_eq!(kept(root), first, "a --full build drew cards again");
    assert_eq!(cards(&root.join("public")), published);

    // A changed headline makes new cards for its statement alone.
    replace_in(&root.join(BREACH), "a leak of CoWIN data", "a leak of CoWIN records");
    build(root, &[]);
    let second = kept(root);
    let new: Vec<_> = second.keys().filter(|k| !first.contains_key(*k)).collect();
    assert_eq!(new.len(), 1, "only the English card changed: {new:?}");
    let now = cards(&root.join("public"));
    let changed: Vec<_> = now.iter().filter(|(file, png)| published.get(*file) != Some(png)).map(|(f, _)| f).collect();
    assert_eq!(changed, ["en/2021/06/cowin-data-breach/card.png"]);
    // A build of every statement lets go of cards no page uses.
    build(root, &["--full"]);
    assert_eq!(kept(root).len(), 8);
}

#[test]
fn a_site_can_turn_its_cards_off() {
    let site = sample_site(true);
    let root = site.path();
    replace_in(&root.join("tathya.yaml"), "\nshare:", "\nshare_cards: false\nshare:");
    build(root, &[]);
    assert!(cards(&root.join("public")).is_empty());
    let page = fs::read_to_string(root.join("public/hi/2021/06/cowin-data-breach/index.html")).unwrap();
    assert!(!page.contains("og:image"), "a preview names a card that is not there");
    assert!(page.contains(r#"<meta name="twitter:card" content="summary">"#));
}

#[test]
fn record_text_cannot_add_to_a_card() {
    let site = sample_site(true);
    let root = site.path();
    let hostile = r#"a leak </text><image href="/etc/passwd" width="1200" height="630"/><text> & data"#;
    replace_in(&root.join(BREACH), "a leak of CoWIN data", hostile);
    build(root, &[]);
    let png = fs::read(root.join("public/en/2021/06/cowin-data-breach/card.png")).unwrap();
    assert_eq!(decode(&png).dimensions(), (1200, 630));
    let page = fs::read_to_string(root.join("public/en/2021/06/cowin-data-breach/index.html")).unwrap();
    assert!(page.contains("&lt;&#x2F;text&gt;") || page.contains("&lt;/text&gt;"), "the headline is text");
}

#[test]
fn a_site_font_changed_draws_the_cards_again() {
    let site = sample_site(true);
    let root = site.path();
    let fonts = Path::new(env!("CARGO_MANIFEST_DIR")).join("fonts");
    fs::create_dir_all(root.join("fonts")).unwrap();
    let font = root.join("fonts/Card.ttf");
    fs::copy(fonts.join("NotoSansDevanagari-Regular.ttf"), &font).unwrap();
    replace_in(&root.join("tathya.yaml"), "\nshare:", "\nshare_cards: { fonts: [fonts/Card.ttf] }\nshare:");
    build(root, &[]);
    let before = cards(&root.join("public"));
    // The same name, other letters: every card is drawn again.
    fs::copy(fonts.join("NotoSansDevanagari-Bold.ttf"), &font).unwrap();
    assert!(!build(root, &[]).contains("up to date"), "a changed font left the cards as they were");
    let after = cards(&root.join("public"));
    assert!(before.iter().all(|(file, png)| after.get(file) != Some(png)), "a card kept the old font");
    // A font outside fonts/ is refused where it is named.
    replace_in(&root.join("tathya.yaml"), "fonts/Card.ttf", "Card.ttf");
    let output = tathya(root, &["check"]);
    let said = format!("{}{}", String::from_utf8_lossy(&output.stdout), String::from_utf8_lossy(&output.stderr));
    assert!(!output.status.success() && said.contains("error[T012]") && said.contains("fonts/"), "{said}");
}
