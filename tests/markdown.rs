//! The Markdown copies (`index.md`) are safe to render anywhere: the site
//! that `tests/tools/xss_site.py` writes, with an injection payload in every
//! text field and in the names of `tathya.yaml`, is built, and every
//! `index.md` is rendered by pulldown-cmark as CommonMark and with GitHub's
//! extensions, as another site's renderer would. `tests/tools/check_markdown.py`
//! does the same with Python-Markdown in CI.

#![allow(clippy::unwrap_used, clippy::panic, reason = "a test fails by panicking")]

mod common;

use std::fs;
use std::process::Command;

use common::{files, repo, tathya};
use pulldown_cmark::{Event, LinkType, Options, Parser, Tag, html};

/// The elements Markdown itself makes of the templates' structure and of
/// inline Markdown; anything else came from the text.
const ELEMENTS: [&str; 12] = ["p", "h1", "h2", "ul", "li", "blockquote", "hr", "em", "strong", "del", "code", "a"];

fn allowed_link(url: &str) -> bool {
    let lower = url.to_ascii_lowercase();
    ["http://", "https://", "mailto:"].iter().any(|scheme| lower.starts_with(scheme))
}

/// The hostile site, built, in `site/` of a temporary folder.
fn hostile_site() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("site");
    let script = repo().join("tests/tools/xss_site.py");
    let made = Command::new("python3").arg(&script).arg(repo()).arg(&root).output();
    let made = made.unwrap_or_else(|err| panic!("python3 {} could not run: {err}", script.display()));
    assert!(made.status.success(), "{}", String::from_utf8_lossy(&made.stderr));
    let output = tathya(&root, &["build"]);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    dir
}

/// What is wrong with `md` rendered with `options`, one line per finding.
fn problems(md: &str, options: Options) -> Vec<String> {
    let mut found = Vec::new();
    let mut events = Vec::new();
    for event in Parser::new_ext(md, options) {
        match &event {
            Event::Html(raw) | Event::InlineHtml(raw) => found.push(format!("raw HTML {raw:?}")),
            // An e-mail autolink (`<a@b.in>`) is rendered as `mailto:`.
            Event::Start(Tag::Link { link_type, dest_url, .. })
                if *link_type != LinkType::Email && !allowed_link(dest_url) =>
            {
                found.push(format!("a link to {dest_url:?}"));
            }
            Event::Start(Tag::Image { dest_url, .. }) => found.push(format!("an image of {dest_url:?}")),
            _ => {}
        }
        events.push(event);
    }
    let mut out = String::new();
    html::push_html(&mut out, events.into_iter());
    found.extend(html_problems(&out));
    found
}

/// What is wrong with rendered HTML: an element Markdown did not make, an
/// event handler, a script, a link that is not http, https or mailto; and
/// a heading, rule or code block that the template did not write.
fn html_problems(html: &str) -> Vec<String> {
    let mut found = Vec::new();
    let lower = html.to_ascii_lowercase();
    if lower.contains("<script") {
        found.push("<script".into());
    }
    for (at, _) in html.match_indices('<') {
        let tag = &html[at + 1..html[at..].find('>').map_or(html.len(), |end| at + end)];
        let name: String = tag.trim_start_matches('/').chars().take_while(char::is_ascii_alphanumeric).collect();
        if !ELEMENTS.contains(&name.as_str()) {
            found.push(format!("element <{tag}>"));
        }
        let attributes = tag.trim_start_matches('/')[name.len()..].trim_end_matches('/').trim();
        let href = attributes.strip_prefix("href=\"").and_then(|rest| rest.strip_suffix('"'));
        match href {
            Some(href) if !href.contains('"') && allowed_link(href) => {}
            _ if attributes.is_empty() => {}
            _ => found.push(format!("attributes of <{tag}>")),
        }
    }
    for (element, most) in [("<h1>", 1), ("<hr />", 1), ("<pre>", 0)] {
        let count = html.matches(element).count();
        if count > most {
            found.push(format!("{count} {element}"));
        }
    }
    found
}

#[test]
fn every_markdown_copy_of_the_hostile_site_renders_without_markup_from_its_text() {
    let site = hostile_site();
    let public = site.path().join("site/public");
    let pages: Vec<_> = files(&public).into_iter().filter(|f| f.ends_with("index.md")).collect();
    assert!(pages.len() > 300, "only {} Markdown pages", pages.len());
    let gfm = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_GFM;
    let mut report = Vec::new();
    for page in &pages {
        let md = fs::read_to_string(public.join(page)).unwrap();
        for (renderer, options) in [("CommonMark", Options::empty()), ("GFM", gfm)] {
            for problem in problems(&md, options) {
                report.push(format!("{} ({renderer}): {problem}", page.display()));
            }
        }
    }
    let shown: Vec<&String> = report.iter().take(40).collect();
    assert!(report.is_empty(), "{} problems, the first:\n{shown:#?}", report.len());
}

#[test]
fn the_checks_find_what_they_look_for() {
    let bad = [
        "<script>x</script>",
        "a <img src=x onerror=y> b",
        "[x](javascript:y)",
        "![x](https://a/b.png)",
        "<javascript:x>",
        "# one\n\n# two",
        "    code",
    ];
    for md in bad {
        assert!(!problems(md, Options::empty()).is_empty(), "{md:?} passed");
    }
    let good = "# Title\n\n- *a* [b](https://x.in/) &lt;script> \\[c](javascript:d)\n\n> `<b>`\n\n---\n";
    assert_eq!(problems(good, Options::empty()), Vec::<String>::new());
}
