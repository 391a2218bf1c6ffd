//! Properties that must hold for any input, checked on many generated ones.

#![allow(clippy::unwrap_used, clippy::panic, reason = "a test fails by panicking")]

use fluent::FluentArgs;
use proptest::prelude::*;
use pulldown_cmark::{Event, LinkType, Options, Parser, Tag};
use std::sync::{Arc, OnceLock};
use tathya::load::config::{NumberSettings, System};
use tathya::load::record::Figure;
use tathya::localize::fluent::Messages;
use tathya::localize::markdown::{escape, is_allowed_link, link, to_html, to_markdown};
use tathya::localize::numbers::NumberFormat;
use tathya::localize::text::truncate;
use unicode_segmentation::UnicodeSegmentation;

/// Text made of pieces that matter: Devanagari with conjuncts and marks,
/// Markdown and HTML syntax, URL schemes, quotes and ordinary words.
fn hostile_text() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "क्षि",
        "स्वास्थ्य",
        "मंत्रालय",
        "ज़",
        "ऩ",
        "।",
        " ",
        "\n",
        "\n\n",
        "word",
        "*",
        "**",
        "_",
        "`",
        "```",
        "#",
        "> ",
        "- ",
        "1. ",
        "[",
        "]",
        "(",
        ")",
        "<",
        ">",
        "</",
        "/>",
        "script",
        "img",
        "onerror=",
        "=",
        "\"",
        "'",
        "&",
        "&#106;",
        "javascript:",
        "data:",
        "vbscript:",
        "https://x.in/",
        "mailto:a@b.in",
        "![",
        "]:",
        "<a href=",
        "{",
        "}",
        "\\",
        "|",
        "\u{200d}",
        "\u{2068}",
        "---",
    ]);
    prop::collection::vec(pieces, 0..40).prop_map(|pieces| pieces.concat())
}

/// Every `<tag` in HTML, by name.
fn tags(html: &str) -> Vec<String> {
    html.match_indices('<')
        .map(|(at, _)| {
            let rest = &html[at + 1..];
            rest.trim_start_matches('/').chars().take_while(|c| c.is_ascii_alphanumeric()).collect()
        })
        .collect()
}

/// How another site might parse a Markdown page: as CommonMark, and with
/// GitHub's extensions.
fn renderers() -> [Options; 2] {
    let gfm = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_GFM;
    [Options::empty(), gfm]
}

/// What in `md` did not come from Markdown's own inline syntax: raw HTML,
/// a link that is not http, https or mailto, an image.
fn markup_from_text(md: &str) -> Vec<String> {
    let mut found = Vec::new();
    for options in renderers() {
        for event in Parser::new_ext(md, options) {
            match event {
                Event::Html(raw) | Event::InlineHtml(raw) => found.push(format!("raw HTML {raw:?}")),
                // An e-mail autolink (`<a@b.in>`) is a mailto link.
                Event::Start(Tag::Link { link_type, dest_url, .. })
                    if link_type != LinkType::Email && !is_allowed_link(&dest_url) =>
                {
                    found.push(format!("a link to {dest_url:?}"));
                }
                Event::Start(Tag::Image { .. }) => found.push("an image".into()),
                _ => {}
            }
        }
    }
    found
}

/// The words pulldown-cmark reads in `md`, and every element other than
/// `allowed`.
fn read_back(md: &str, allowed: fn(&Tag) -> bool) -> (String, Vec<String>) {
    let mut text = String::new();
    let mut others = Vec::new();
    for options in renderers() {
        text.clear();
        for event in Parser::new_ext(md, options) {
            match event {
                Event::Text(t) => text.push_str(&t),
                Event::Start(tag) if !allowed(&tag) => others.push(format!("{tag:?}")),
                Event::Start(_) | Event::End(_) => {}
                other => others.push(format!("{other:?}")),
            }
        }
    }
    (text, others)
}

/// Text as [`escape`] promises to keep it: on one line, without white
/// space at its ends.
fn one_line(text: &str) -> String {
    let mut out = String::new();
    for (i, line) in text.split(['\n', '\r']).enumerate() {
        let line = if i == 0 { line } else { line.trim_start_matches([' ', '\t']) };
        if i > 0 && !line.is_empty() {
            out.truncate(out.trim_end_matches([' ', '\t']).len());
            if !out.ends_with(' ') && !out.is_empty() {
                out.push(' ');
            }
        }
        out.push_str(line);
    }
    out.trim_matches(char::is_whitespace).to_owned()
}

/// Words and every ASCII mark, in any order: some of it plain, most not.
fn markdownish_text() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "word",
        "शब्द",
        "15",
        "1",
        " ",
        "  ",
        ".",
        ")",
        "(",
        "-",
        "+",
        "#",
        "=",
        "\"",
        "'",
        "!",
        ":",
        "/",
        "%",
        "₹",
        "|",
        "{",
        "}",
        "$",
        "^",
        "?",
        ",",
        ";",
        "@",
        "*",
        "_",
        "[",
        "]",
        "<",
        ">",
        "&",
        "~",
        "`",
        "\\",
        "\t",
        "\n",
        "https://x.in",
        "&amp;",
        "\u{a0}",
        "\u{2014}",
        "।",
    ]);
    prop::collection::vec(pieces, 0..12).prop_map(|pieces| pieces.concat())
}

/// Text made of what Hindi and English records hold, with the characters
/// that make NFC hard: nukta, virama, stress marks, precomposed nukta
/// letters, Latin combining marks and the odd character from elsewhere.
fn nfc_text() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "a", "e\u{301}", "é", " ", ".", "न", "र", "ळ", "ड", "क", "\u{93c}", "\u{94d}", "\u{951}", "\u{952}", "ि", "ा",
        "ं", "\u{929}", "\u{95c}", "\u{958}", "।", "\u{2014}", "\u{2019}", "\u{20b9}", "\u{300}", "\u{2000}",
        "\u{f900}", "\u{ac00}", "\u{1100}", "\u{1161}", "\u{200d}",
    ]);
    prop::collection::vec(pieces, 0..24).prop_map(|pieces| pieces.concat())
}

/// Multi-line record text made of words, spaces, the marks that start a
/// line of Fluent or Markdown syntax (list items, headings, quotes, fences,
/// rules, link definitions), a figure and a literal brace.
fn multiline_text() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "alpha",
        "beta",
        "gamma",
        "delta",
        ".",
        "[",
        "]:",
        "*",
        "-",
        "#",
        ">",
        "1.",
        "```",
        "---",
        "https://a.in",
        "{ $n }",
        "{\"{\"}",
        " ",
        "  ",
        "\n",
        "\n\n",
    ]);
    prop::collection::vec(pieces, 0..30).prop_map(|pieces| pieces.concat())
}

/// The sample site's messages, as the build loads them.
fn messages() -> &'static Messages {
    static MESSAGES: OnceLock<Messages> = OnceLock::new();
    MESSAGES.get_or_init(|| {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let settings = tathya::load::load_config(root).unwrap().0.unwrap();
        let formats = settings
            .value
            .languages
            .iter()
            .map(|lang| {
                let format = NumberFormat::new(lang.as_str(), &settings.value.numbers(lang)).unwrap();
                (lang.clone(), Arc::new(format))
            })
            .collect();
        Messages::load(root, &settings, &formats, &mut Default::default()).unwrap()
    })
}

#[test]
fn the_fast_nfc_check_agrees_on_every_latin_and_devanagari_character() {
    let chars = ('\0'..='\u{2ff}').chain('\u{900}'..='\u{97f}').chain('\u{2010}'..='\u{2027}');
    for c in chars {
        for text in [c.to_string(), format!("न{c}"), format!("{c}\u{93c}"), format!("{c}\u{94d}\u{93c}")] {
            assert_eq!(tathya::load::types::is_nfc(&text), unicode_normalization::is_nfc(&text), "{text:?}");
        }
    }
}

#[test]
fn plain_text_needs_no_markdown_parser_whatever_its_space() {
    // Every character up to the ideographic space, the last that is white space, between two letters.
    for c in '\0'..='\u{3000}' {
        for text in [format!("a{c}b"), format!("क{c}ख"), format!("क a{c}b")] {
            if tathya::localize::markdown::is_plain(&text) {
                assert_eq!(to_html(&text), text, "{text:?}");
                assert_eq!(to_markdown(&text), text, "{text:?}");
                assert_eq!(tathya::localize::markdown::to_plain(&text), text, "{text:?}");
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn plain_text_needs_no_markdown_parser(text in markdownish_text()) {
        if tathya::localize::markdown::is_plain(&text) {
            prop_assert_eq!(to_html(&text), text.clone());
            prop_assert_eq!(to_markdown(&text), text.clone());
            prop_assert_eq!(tathya::localize::markdown::to_plain(&text), text);
        }
    }

    #[test]
    fn the_fast_nfc_check_agrees_with_the_full_one(text in nfc_text()) {
        prop_assert_eq!(tathya::load::types::is_nfc(&text), unicode_normalization::is_nfc(&text));
    }

    #[test]
    fn rendered_html_has_only_the_tags_markdown_gives(text in hostile_text()) {
        let html = to_html(&text);
        for tag in tags(&html) {
            prop_assert!(["a", "em", "strong", "del", "code", "br"].contains(&tag.as_str()), "<{}> in {:?} from {:?}", tag, html, text);
        }
        for (at, _) in html.match_indices("<a href=\"") {
            let href = &html[at + 9..];
            prop_assert!(href.starts_with("http://") || href.starts_with("https://") || href.starts_with("mailto:"), "{:?}", html);
        }

    }

    #[test]
    fn markdown_output_is_one_line_that_starts_no_block(text in hostile_text()) {
        let md = to_markdown(&text);
        prop_assert!(!md.contains('\n'));
        // Parsed on its own, it is at most one paragraph: no heading, list,
        // quote, code block, rule or HTML block.
        let blocks: Vec<_> = pulldown_cmark::Parser::new(&md)
            .filter_map(|e| match e { pulldown_cmark::Event::Start(tag) => Some(tag), _ => None })
            .filter(|tag| !matches!(tag, pulldown_cmark::Tag::Paragraph | pulldown_cmark::Tag::Emphasis | pulldown_cmark::Tag::Strong | pulldown_cmark::Tag::Link { .. } | pulldown_cmark::Tag::Image { .. }))
            .collect();
        prop_assert!(blocks.is_empty(), "{:?} from {:?} gives {:?}", md, text, blocks);
    }

    #[test]
    fn markdown_output_renders_no_html_and_no_other_link(text in prop_oneof![hostile_text(), markdownish_text()]) {
        let md = to_markdown(&text);
        let found = markup_from_text(&md);
        prop_assert!(found.is_empty(), "{:?} from {:?} gives {:?}", md, text, found);
    }

    #[test]
    fn escaped_text_reads_as_written_wherever_it_stands(text in prop_oneof![hostile_text(), markdownish_text()]) {
        let md = escape(&text);
        prop_assert!(!md.contains('\n'));
        let expected = one_line(&text);
        let paragraph: fn(&Tag) -> bool = |tag| matches!(tag, Tag::Paragraph);
        let item: fn(&Tag) -> bool = |tag| matches!(tag, Tag::Paragraph | Tag::List(None) | Tag::Item);
        let quote: fn(&Tag) -> bool = |tag| matches!(tag, Tag::Paragraph | Tag::BlockQuote(_));
        let heading: fn(&Tag) -> bool = |tag| matches!(tag, Tag::Heading { .. });
        let strong: fn(&Tag) -> bool = |tag| matches!(tag, Tag::Paragraph | Tag::Strong);
        // Each place with the words around the text that it adds.
        let places = [
            ("{}", paragraph, ""),
            ("- {}", item, ""),
            ("> {}", quote, ""),
            ("# {}", heading, ""),
            ("**{}**", strong, ""),
            ("words {} words", paragraph, "words "),
        ];
        for (place, allowed, around) in places {
            if expected.is_empty() {
                continue;
            }
            let page = place.replace("{}", &md);
            let (words, others) = read_back(&page, allowed);
            let expected_words = if around.is_empty() { expected.clone() } else { format!("{around}{expected} {}", around.trim()) };
            prop_assert_eq!(words, expected_words, "{:?} in {:?}", md, place);
            prop_assert!(others.is_empty(), "{:?} gives {:?}", page, others);
        }
    }

    #[test]
    fn template_links_are_http_https_or_mailto(url in hostile_text(), text in markdownish_text(), with_text in any::<bool>()) {
        let md = link(&url, with_text.then_some(text.as_str()));
        prop_assert!(!md.contains('\n'));
        let found = markup_from_text(&md);
        prop_assert!(found.is_empty(), "{:?} from {:?} gives {:?}", md, url, found);
    }

    #[test]
    fn truncation_never_splits_a_grapheme_cluster(text in hostile_text(), max in 1usize..30) {
        let cut = truncate(&text, max);
        prop_assert!(cut.graphemes(true).count() <= max.max(1));
        let kept = cut.strip_suffix('…').unwrap_or(&cut);
        prop_assert!(text.starts_with(kept));
        let boundaries: Vec<usize> = text.grapheme_indices(true).map(|(i, _)| i).chain([text.len()]).collect();
        prop_assert!(boundaries.contains(&kept.len()), "cut inside a cluster: {:?} of {:?}", kept, text);
    }

    /// Any figure a record may hold prints its digits as written (issue 13):
    /// up to 15 significant digits, two decimals, 18 digits before the point.
    #[test]
    fn every_figure_taken_prints_as_written(
        written in prop_oneof!["(0|[1-9][0-9]{0,12})(\\.[0-9]{1,2})?", "[1-9][0-9]{0,14}0{0,3}", "[1-9][0-9]{0,12}\\.[0-9]{0,1}[1-9]"],
        deva in any::<bool>(),
    ) {
        let figure: Figure = written.parse().unwrap();
        let settings = NumberSettings { digits: (if deva { "devanagari" } else { "latin" }).parse().unwrap(), system: System::Indian };
        let text = NumberFormat::new("hi", &settings).unwrap().digits(figure.value());
        let latin: String = text
            .chars()
            .filter(|c| *c != ',')
            .map(|c| match c { '०'..='९' => char::from(b'0' + (c as u32 - '०' as u32) as u8), c => c })
            .collect();
        let expected = if written.contains('.') { written.trim_end_matches('0').trim_end_matches('.') } else { &written };
        prop_assert_eq!(&latin, expected, "{} printed as {}", written, text);
        prop_assert_eq!(figure.decimal().to_string(), expected);
    }

    #[test]
    fn formatted_numbers_read_back(n in 0u64..=9_000_000_000_000_000, deva in any::<bool>(), international in any::<bool>()) {
        let settings = NumberSettings {
            digits: (if deva { "devanagari" } else { "latin" }).parse().unwrap(),
            system: if international { System::International } else { System::Indian },
        };
        let format = NumberFormat::new("hi", &settings).unwrap();
        let text = format.digits(n as f64);
        let latin: String = text
            .chars()
            .filter(|c| *c != ',')
            .map(|c| match c { '०'..='९' => char::from(b'0' + (c as u32 - '०' as u32) as u8), c => c })
            .collect();
        prop_assert_eq!(latin.parse::<u64>().unwrap(), n, "{}", text);
    }

    /// A text reaches the page whole, or is refused: never a word lost.
    #[test]
    fn every_word_of_a_text_is_printed_or_the_text_refused(text in multiline_text(), lang in 0usize..2) {
        let lang: tathya::load::Lang = ["en", "hi"][lang].parse().unwrap();
        let mut args = FluentArgs::new();
        args.set("n", 5);
        let Ok(formatted) = messages().format_text(&lang, &text, &args) else { return Ok(()) };
        for rendered in [to_html(&formatted), to_markdown(&formatted)] {
            for word in ["alpha", "beta", "gamma", "delta"] {
                prop_assert_eq!(rendered.matches(word).count(), text.matches(word).count(), "{:?} from {:?}", rendered, text);
            }
        }
    }
}
