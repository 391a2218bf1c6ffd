//! The built sample site as a whole: structured data that fact-check
//! aggregators read, and links that lead somewhere.

#![allow(clippy::unwrap_used, clippy::panic, reason = "a test fails by panicking")]

mod common;

use std::collections::BTreeSet;
use std::fs;
use std::path::Path;
use std::str::FromStr as _;

use common::{files, sample_site, tathya};
use serde_json::Value;

const BASE: &str = "https://factcheck.example.gov.in";

/// The values of every `name="…"` attribute in `html`.
fn attributes<'a>(html: &'a str, name: &str) -> Vec<&'a str> {
    let marker = format!(" {name}=\"");
    html.match_indices(&marker)
        .filter_map(|(at, _)| {
            let rest = &html[at + marker.len()..];
            rest.find('"').map(|end| &rest[..end])
        })
        .collect()
}

/// The text between `<script type="application/ld+json">` and `</script>`.
fn json_ld_blocks(html: &str) -> Vec<&str> {
    let open = "<script type=\"application/ld+json\">";
    html.match_indices(open)
        .filter_map(|(at, _)| {
            let rest = &html[at + open.len()..];
            rest.find("</script>").map(|end| &rest[..end])
        })
        .collect()
}

fn built_site() -> tempfile::TempDir {
    let site = sample_site(true);
    let output = tathya(site.path(), &["build"]);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    site
}

fn html_pages(public: &Path) -> Vec<(String, String)> {
    files(public)
        .into_iter()
        .filter(|f| f.extension().is_some_and(|e| e == "html"))
        .map(|f| (f.display().to_string(), fs::read_to_string(public.join(&f)).unwrap()))
        .collect()
}

fn text<'a>(value: &'a Value, field: &str, page: &str) -> &'a str {
    let text = value[field].as_str().unwrap_or_else(|| panic!("{page}: `{field}` is not text in {value}"));
    assert!(!text.trim().is_empty(), "{page}: `{field}` is empty");
    text
}

/// One ClaimReview against the rules of the issue: what a fact-check
/// aggregator needs, in the page's own language.
fn check_claim_review(review: &Value, page: &str, html: &str) {
    assert_eq!(review["@context"], "https://schema.org", "{page}");
    assert_eq!(review["@type"], "ClaimReview", "{page}");
    let lang = page.split('/').next().unwrap();
    assert_eq!(review["inLanguage"], lang, "{page}");
    assert!(html.contains(&format!("<html lang=\"{lang}\">")), "{page}");
    let canonical = format!("{BASE}/{}", page.trim_end_matches("index.html"));
    assert!(text(review, "url", page).starts_with(&canonical), "{page}: url is not the page's");
    let date = text(review, "datePublished", page);
    assert!(jiff::civil::Date::strptime("%Y-%m-%d", date).is_ok(), "{page}: datePublished {date}");
    let claim = text(review, "claimReviewed", page);
    assert!(!claim.contains('<') && !claim.contains('*'), "{page}: claimReviewed carries markup: {claim}");

    let author = &review["author"];
    assert_eq!(author["@type"], "GovernmentOrganization", "{page}");
    let name = text(author, "name", page);
    // The issuer's own site (tathya.yaml's issuers.<key>.url), and the site's logo.
    let issuer_site = if name.contains("NITI") || name.contains("नीति") {
        "https://www.niti.gov.in/"
    } else {
        "https://mohfw.gov.in/"
    };
    assert_eq!(author["url"], issuer_site, "{page}");
    assert_eq!(author["logo"], format!("{BASE}/logo.svg"), "{page}");

    let rating = &review["reviewRating"];
    assert_eq!(rating["@type"], "Rating", "{page}");
    let label = text(rating, "alternateName", page);
    assert!(html.contains(&format!(">{label}<")), "{page}: the verdict label {label:?} is not shown on the page");
    let value = rating["ratingValue"].as_u64().unwrap();
    let (worst, best) = (rating["worstRating"].as_u64().unwrap(), rating["bestRating"].as_u64().unwrap());
    assert!(worst <= value && value <= best, "{page}: rating {value} outside {worst}..{best}");

    let item = &review["itemReviewed"];
    assert_eq!(item["@type"], "Claim", "{page}");
    if let Some(claimant) = item.get("author") {
        text(claimant, "name", page);
        assert!(["Person", "Organization"].contains(&claimant["@type"].as_str().unwrap()), "{page}");
    }
    for appearance in item["appearance"].as_array().into_iter().flatten() {
        assert!(text(appearance, "url", page).starts_with("http"), "{page}");
        assert!(
            html.contains(&format!("href=\"{}\"", appearance["url"].as_str().unwrap())),
            "{page}: appearance not on the page"
        );
    }
    if let Some(seen) = item.get("datePublished") {
        assert!(
            html.contains(&format!("<time datetime=\"{}\">", seen.as_str().unwrap())),
            "{page}: datePublished not on the page"
        );
    }
}

#[test]
fn every_statement_page_carries_valid_claim_reviews() {
    let site = built_site();
    let public = site.path().join("public");
    let mut reviewed = 0;
    for (page, html) in html_pages(&public) {
        let blocks = json_ld_blocks(&html);
        let is_statement = page.matches('/').count() >= 4 && !page.contains("/tags/") && !page.contains("/page/");
        assert_eq!(!blocks.is_empty(), is_statement, "{page}: JSON-LD on statement pages, and only there");
        for block in blocks {
            assert!(!block.contains("</"), "{page}: JSON-LD could close its script element");
            let reviews: Value = serde_json::from_str(block).unwrap();
            for review in reviews.as_array().unwrap() {
                check_claim_review(review, &page, &html);
                reviewed += 1;
            }
        }
    }
    // One for each of the two rebuttals, one for each myth of the two
    // myth-busters (two and one), in two languages.
    assert_eq!(reviewed, 2 * (2 + 2 + 1));
}

/// The claim's author in the structured data is a claimant the record names
/// (`claim.author`), never the description of where a claim was seen
/// (`claim.claimant`: "posts on social media"), which the samples have.
#[test]
fn a_claim_has_an_author_only_when_the_record_names_one() {
    let site = sample_site(true);
    let record = site.path().join("statements/2021/06/cowin-data-breach.yaml");
    let sample = fs::read_to_string(&record).unwrap();
    let page = |site: &Path, lang: &str| {
        let html =
            fs::read_to_string(site.join(format!("public/{lang}/2021/06/cowin-data-breach/index.html"))).unwrap();
        let block = json_ld_blocks(&html)[0].to_owned();
        let reviews: Value = serde_json::from_str(&block).unwrap();
        reviews[0]["itemReviewed"].clone()
    };
    assert!(tathya(site.path(), &["build"]).status.success());
    for lang in ["en", "hi"] {
        assert!(page(site.path(), lang).get("author").is_none(), "{lang}: \"posts on social media\" as an author");
    }
    let named = sample.replace(
        "  first_seen: 2021-06-10\n",
        "  first_seen: 2021-06-10\n  author:\n    name: { en: The Daily Example, hi: द डेली एग्जांपल }\n    type: organization\n    url: https://daily.example.com/\n",
    );
    assert_ne!(named, sample, "the sample rebuttal has no first_seen line to add an author after");
    fs::write(&record, named).unwrap();
    let output = tathya(site.path(), &["build"]);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    for (lang, name) in [("en", "The Daily Example"), ("hi", "द डेली एग्जांपल")] {
        let author = &page(site.path(), lang)["author"];
        assert_eq!(author["@type"], "Organization", "{lang}");
        assert_eq!(author["name"], name, "{lang}");
        assert_eq!(author["url"], "https://daily.example.com/", "{lang}");
    }
}

#[test]
fn every_internal_link_leads_to_a_page_that_exists() {
    let site = built_site();
    let public = site.path().join("public");
    let pages = html_pages(&public);
    let ids_of = |file: &Path| -> BTreeSet<String> {
        let html = fs::read_to_string(file).unwrap_or_default();
        attributes(&html, "id").into_iter().map(str::to_owned).collect()
    };
    let mut checked = 0;
    for (page, html) in &pages {
        for link in attributes(html, "href") {
            let link = link.replace("&amp;", "&");
            let local = match link.strip_prefix(BASE) {
                Some(rest) => rest.to_owned(),
                None if link.starts_with('/') => link.clone(),
                None if link.starts_with('#') => format!("/{}{link}", page.trim_end_matches("index.html")),
                None => continue,
            };
            let (path, fragment) = local.split_once('#').unwrap_or((&local, ""));
            let mut file = public.join(path.trim_start_matches('/'));
            if path.ends_with('/') {
                file = file.join("index.html");
            }
            assert!(file.is_file(), "{page} links to {link}, which is not in public/");
            if !fragment.is_empty() {
                assert!(ids_of(&file).contains(fragment), "{page} links to {link}: no id {fragment}");
            }
            checked += 1;
        }
    }
    assert!(checked > 50, "only {checked} links checked");
}

#[test]
fn every_page_has_its_language_title_description_and_canonical_url() {
    let site = built_site();
    for (page, html) in html_pages(&site.path().join("public")) {
        let lang = if page.contains('/') { page.split('/').next().unwrap() } else { "en" };
        assert!(html.contains(&format!("<html lang=\"{lang}\">")), "{page}");
        for needle in [
            "<title>",
            "<meta name=\"description\" content=\"",
            "<link rel=\"canonical\" href=\"https://",
            "hreflang=\"x-default\"",
            "og:title",
        ] {
            assert!(html.contains(needle), "{page} lacks {needle}");
        }
    }
}

/// A withdrawn statement keeps its page and its place in lists and feeds,
/// says it was withdrawn where it is shared and searched, and no longer
/// asserts its verdict in structured data.
#[test]
fn a_withdrawn_statement_says_so_and_asserts_no_verdict() {
    let site = sample_site(true);
    let record = site.path().join("statements/2021/06/cowin-data-breach.yaml");
    let text = fs::read_to_string(&record).unwrap().replace("status: published", "status: withdrawn")
        + "withdrawn:\n  date: 2021-06-20\n  note: { en: It named the wrong platform., hi: इसमें गलत प्लेटफॉर्म का नाम था। }\n";
    fs::write(&record, text).unwrap();
    let output = tathya(site.path(), &["build"]);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let public = site.path().join("public");
    for (lang, word) in [("en", "Withdrawn"), ("hi", "वापस लिया गया")] {
        let page = fs::read_to_string(public.join(lang).join("2021/06/cowin-data-breach/index.html")).unwrap();
        assert!(json_ld_blocks(&page).is_empty(), "{lang}: a withdrawn page still carries a ClaimReview");
        assert!(!page.contains("reviewRating"), "{lang}");
        assert!(page.contains(&format!("<title>[{word}] ")), "{lang}: the title does not say it was withdrawn");
        assert!(page.contains(&format!(r#"<meta property="og:title" content="[{word}] "#)), "{lang}: og:title");
        let notice = if lang == "en" {
            "This statement was withdrawn on 20 June 2021."
        } else {
            "20 जून 2021 को वापस"
        };
        for name in [r#"name="description""#, r#"property="og:description""#] {
            let start = format!("<meta {name} content=\"");
            let at = page.find(&start).unwrap() + start.len();
            assert!(page[at..].split('"').next().unwrap().contains(notice), "{lang}: {name} does not say it");
        }
        let index = fs::read_to_string(public.join(lang).join("index.html")).unwrap();
        assert!(index.contains(&format!(r#"<strong class="status-mark">{word}</strong>"#)), "{lang}: not listed");
        let feed = fs::read_to_string(public.join(lang).join("atom.xml")).unwrap();
        assert!(feed.contains(&format!("<title>[{word}] ")), "{lang}: the feed does not say it was withdrawn");
        assert!(feed.contains("<updated>2021-06-20"), "{lang}: the withdrawal is not the entry's update");
    }
}

/// Crawlers are told where the sitemap is, and when each statement last
/// changed.
#[test]
fn robots_txt_names_the_sitemap_which_dates_each_statement() {
    let site = built_site();
    let public = site.path().join("public");
    let robots = fs::read_to_string(public.join("robots.txt")).unwrap();
    assert!(robots.contains(&format!("Sitemap: {BASE}/sitemap.xml\n")), "{robots}");
    let sitemap = fs::read_to_string(public.join("sitemap.xml")).unwrap();
    let statement =
        format!("<loc>{BASE}/hi/2021/05/cowin-myths/</loc>\n    <lastmod>2021-05-27T00:00:00+05:30</lastmod>");
    assert!(sitemap.contains(&statement), "{sitemap}");
    // A preview is not for crawlers.
    assert!(tathya(site.path(), &["build", "--drafts"]).status.success());
    let robots = fs::read_to_string(site.path().join("public-preview/robots.txt")).unwrap();
    assert_eq!(robots, "User-agent: *\nDisallow: /\n");
}

/// Every page says whose site it is (the government, the ministry, the
/// logo, in the page's language) and where to report a claim, from the
/// `identity` and `report` of tathya.yaml.
#[test]
fn every_page_says_whose_site_it_is_and_where_to_report_a_claim() {
    let site = built_site();
    let public = site.path().join("public");
    let identity = [
        ("en", "Government of India", "Health Ministry Fact Check logo", "Report a suspicious claim"),
        ("hi", "भारत सरकार", "स्वास्थ्य मंत्रालय तथ्य जांच का लोगो", "तथ्य जांच अनुरोध भेजें"),
    ];
    let mut checked = 0;
    for (page, html) in html_pages(&public).into_iter().filter(|(page, _)| page.contains('/')) {
        let lang = page.split('/').next().unwrap();
        let (_, government, alt, report) = identity.iter().find(|(l, ..)| *l == lang).unwrap();
        for needle in [
            format!("<p class=\"government\">{government}</p>"),
            "<p class=\"parent\"><a href=\"https://mohfw.gov.in/\">".to_owned(),
            format!("<img class=\"logo\" src=\"/logo.svg\" alt=\"{alt}\""),
            format!("<h2 id=\"report-{lang}\">{report}</h2>"),
            "<a href=\"https://wa.me/911123061111\">".to_owned(),
            "<a href=\"mailto:factcheck@example.gov.in\">".to_owned(),
            "<a href=\"https://forms.example.gov.in/factcheck/\">".to_owned(),
        ] {
            assert!(html.contains(&needle), "{page} lacks {needle}");
        }
        checked += 1;
    }
    assert!(checked >= 10, "only {checked} pages checked");
    assert!(public.join("logo.svg").is_file(), "the logo is not copied to the site");
}

/// Finding things: the root page lists each language's latest statements;
/// each language has an index of topics, alphabetical in its own script,
/// with how many statements each has; a page not found exists per language
/// and at the root (which offers both), and no search engine indexes it.
#[test]
fn the_root_topics_and_pages_not_found_lead_to_the_statements() {
    let site = built_site();
    let public = site.path().join("public");
    let read = |file: &str| fs::read_to_string(public.join(file)).unwrap_or_else(|_| panic!("no {file}"));

    let root = read("index.html");
    for (lang, latest, first) in [
        ("en", "Latest statements", "/en/2023/06/cowin-telegram-bot/"),
        ("hi", "नवीनतम वक्तव्य", "/hi/2023/06/cowin-telegram-bot/"),
    ] {
        let section = root.split(&format!("<section class=\"latest\" lang=\"{lang}\"")).nth(1).unwrap();
        assert!(section.contains(latest), "root: no {latest:?}");
        let links: Vec<&str> = attributes(section.split("</section>").next().unwrap(), "href");
        assert_eq!(links.first(), Some(&first), "root: the newest {lang} statement is not first");
        assert_eq!(links.len(), 4 + 2, "root: four statements and two links in {lang}: {links:?}");
    }

    for (lang, order) in [("en", ["CoWIN", "Data security", "Vaccination"]), ("hi", ["कोविन", "टीकाकरण", "डेटा सुरक्षा"])]
    {
        let topics = read(&format!("{lang}/tags/index.html"));
        let at: Vec<usize> = order.iter().map(|label| topics.find(&format!(">{label}</a>")).unwrap()).collect();
        assert!(at.windows(2).all(|w| w[0] < w[1]), "{lang}/tags/: not in alphabetical order {order:?}");
        let count = if lang == "en" { "(3 statements)" } else { "(3 वक्तव्य)" };
        assert!(topics.contains(count), "{lang}/tags/: no count {count}");
        let statement = read(&format!("{lang}/2021/06/cowin-data-breach/index.html"));
        assert!(
            statement.contains(&format!("<a class=\"all-topics\" href=\"/{lang}/tags/\">")),
            "{lang}: no link to the topics"
        );
        // The way back: the index and the statement's year, and its issuer's list.
        let crumbs = statement.split("<nav class=\"breadcrumbs\"").nth(1).unwrap().split("</nav>").next().unwrap();
        assert_eq!(attributes(crumbs, "href"), [format!("/{lang}/"), format!("/{lang}/years/2021/")], "{lang}");
        assert!(statement.contains(&format!("<a class=\"issuer-more\" href=\"/{lang}/issuers/mohfw/\">")), "{lang}");
        let year = read(&format!("{lang}/years/2021/index.html"));
        assert_eq!(year.matches("<li>\n    <a href=").count(), 3, "{lang}: the statements of 2021");
        let issuer = read(&format!("{lang}/issuers/niti-aayog/index.html"));
        assert!(
            issuer.contains(&format!("href=\"/{lang}/2021/05/vaccination-myths/\"")),
            "{lang}: NITI Aayog's statement"
        );
    }

    for (file, titles) in [
        ("404.html", vec!["Page not found", "पृष्ठ नहीं मिला"]),
        ("en/404.html", vec!["Page not found"]),
        ("hi/404.html", vec!["पृष्ठ नहीं मिला"]),
    ] {
        let page = read(file);
        assert!(page.contains("<meta name=\"robots\" content=\"noindex\">"), "{file} may be indexed");
        for title in &titles {
            assert!(page.contains(&format!(">{title}</h")), "{file}: no heading {title:?}");
        }
        if file == "404.html" {
            // The site's page not found is the root's frame, in both languages.
            for words in [
                "तथ्य जांच अनुरोध भेजें",
                "Report a suspicious claim",
                "स्वास्थ्य एवं परिवार कल्याण मंत्रालय</a>",
                "/hi/about/privacy/",
            ] {
                assert!(page.contains(words), "404.html lacks {words:?}");
            }
        }
        let homes = attributes(&page, "href").into_iter().filter(|href| *href == "/en/" || *href == "/hi/").count();
        assert!(homes >= titles.len(), "{file} does not lead to each language's statements");
    }
    let sitemap = read("sitemap.xml");
    assert!(
        sitemap.contains("<loc>https://factcheck.example.gov.in/hi/tags/</loc>"),
        "the topics are not in the sitemap"
    );
    assert!(!sitemap.contains("404"), "a page not found is in the sitemap");
}

/// Pages stay light: a statement page with its stylesheet and script is at
/// most 30 KB before images, and no page runs a script (JSON-LD is data)
/// but the search pages, which run the search, and the statement pages,
/// whose "Copy link" button is made by a script; each from its file.
#[test]
fn a_statement_page_with_its_stylesheet_is_at_most_30_kb_and_runs_only_its_own_script() {
    let site = built_site();
    let public = site.path().join("public");
    let css = fs::metadata(public.join("style.css")).unwrap().len();
    let copy = fs::metadata(public.join("copy.js")).unwrap().len();
    let mut statements = 0;
    for (page, html) in html_pages(&public) {
        let scripts = html.matches("<script").count();
        let data = html.matches("<script type=\"application/ld+json\">").count();
        let search = html.matches("<script src=\"/search.js\" defer></script>").count();
        let copying = html.matches("<script src=\"/copy.js\" defer></script>").count();
        assert_eq!(search, usize::from(page.ends_with("search/index.html")), "{page}: the search script");
        assert_eq!(copying, usize::from(html.contains("id=\"copy-link\"")), "{page}: the copy script");
        assert_eq!(scripts, data + search + copying, "{page} runs a script");
        if !json_ld_blocks(&html).is_empty() {
            assert_eq!(copying, 1, "{page}: a statement page has its link to copy");
            let weight = html.len() as u64 + css + copy;
            assert!(weight <= 30_000, "{page}: {weight} bytes of HTML and CSS");
            statements += 1;
        }
    }
    assert_eq!(statements, 8, "every statement page weighed");
}

/// The site's own pages (`pages/`): each in both languages at its address,
/// section for section and paragraph for paragraph, and every page of the
/// site lists them all in its footer, in its own language.
#[test]
fn the_site_s_own_pages_are_bilingual_and_in_every_footer() {
    let site = built_site();
    let public = site.path().join("public");
    let slugs =
        ["accessibility", "privacy", "copyright", "terms", "help", "contact", "verdicts", "methodology", "corrections"];
    for slug in slugs {
        let [en, hi] = ["en", "hi"].map(|lang| {
            fs::read_to_string(public.join(format!("{lang}/about/{slug}/index.html")))
                .unwrap_or_else(|_| panic!("no {lang}/about/{slug}/"))
        });
        for tag in ["<section>", "<h2>", "<p>", "<li>", "<a href="] {
            let article =
                |html: &str| html.split("<article").nth(1).unwrap().split("</article>").next().unwrap().to_owned();
            assert_eq!(article(&en).matches(tag).count(), article(&hi).matches(tag).count(), "{slug}: {tag} differs");
        }
        let updated = hi.split("अंतिम अद्यतन: ").nth(1).and_then(|rest| rest.split('<').next()).unwrap_or_default();
        assert!(updated.ends_with(" दिसंबर 2026"), "{slug}: no date of the last change, in Hindi: {updated:?}");
    }
    let mut pages = 0;
    for (page, html) in html_pages(&public).into_iter().filter(|(page, _)| page.contains('/')) {
        let lang = page.split('/').next().unwrap();
        let footer = html.split("<footer class=\"site-footer\">").nth(1).unwrap_or_else(|| panic!("{page}: no footer"));
        let links: Vec<String> = slugs.iter().map(|slug| format!("/{lang}/about/{slug}/")).collect();
        let found: Vec<&str> = attributes(footer, "href").into_iter().filter(|href| href.contains("/about/")).collect();
        assert_eq!(found, links, "{page}: the footer does not list the site's pages in order");
        pages += 1;
    }
    assert!(pages > 40, "only {pages} pages");
}

/// The `content` of the `<meta>` whose `attribute` is `name`, if the page has one.
fn meta_content<'a>(html: &'a str, attribute: &str, name: &str) -> Option<&'a str> {
    let open = format!("<meta {attribute}=\"{name}\" content=\"");
    let at = html.find(&open)? + open.len();
    html[at..].find('"').map(|end| &html[at..at + end])
}

/// A shared statement's preview: its headline alone as the title; where
/// it is shared, its finding first (a rebuttal's verdict and first fact, a
/// myth-buster's first myth and fact); its locale and the other language's;
/// when it was issued and last changed; a card for X.
#[test]
fn a_shared_statement_previews_its_finding() {
    let site = built_site();
    let public = site.path().join("public");
    let mut checked = 0;
    for (page, html) in html_pages(&public) {
        if json_ld_blocks(&html).is_empty() {
            continue;
        }
        checked += 1;
        let hi = page.starts_with("hi/");
        let og = |name: &str| meta_content(&html, "property", name).unwrap_or_else(|| panic!("{page}: no {name}"));
        let h1 = html.split("<h1>").nth(1).and_then(|rest| rest.split("</h1>").next()).unwrap();
        let unescape = |text: &str| text.replace("&#39;", "'").replace("&quot;", "\"").replace("&amp;", "&");
        assert_eq!(unescape(og("og:title")), unescape(h1), "{page}: og:title is not the headline alone");
        let shared = og("og:description");
        if page.contains("myths") {
            let (myth, fact) = if hi { ("मिथक: ", " तथ्य: ") } else { ("Myth: ", " Fact: ") };
            assert!(shared.starts_with(myth) && shared.contains(fact), "{page}: {shared}");
        } else {
            let verdict = html.split("class=\"verdict-badge").nth(1).and_then(|rest| rest.split('>').nth(1));
            let verdict = verdict.and_then(|label| label.split('<').next()).unwrap();
            let expected = if hi {
                format!("निष्कर्ष: {verdict}। तथ्य: ")
            } else {
                format!("Verdict: {verdict}. Fact: ")
            };
            assert!(shared.starts_with(&expected), "{page}: {shared} does not begin with {expected}");
        }
        assert_eq!(og("og:locale"), if hi { "hi_IN" } else { "en_IN" }, "{page}");
        assert_eq!(og("og:locale:alternate"), if hi { "en_IN" } else { "hi_IN" }, "{page}");
        let published = og("article:published_time");
        assert!(jiff::Timestamp::from_str(published).is_ok(), "{page}: {published}");
        if page.contains("cowin-data-breach") {
            // Corrected on 12 June 2021.
            assert_eq!(og("article:modified_time"), "2021-06-12T00:00:00+05:30", "{page}");
        }
        // The share card: an absolute address of a PNG of the size it names.
        let image = og("og:image");
        let file = image.strip_prefix("https://factcheck.example.gov.in/").unwrap_or_else(|| panic!("{page}: {image}"));
        assert_eq!(Path::new(file).parent(), Path::new(&page).parent(), "{page}: the card is beside the page");
        let png = fs::read(public.join(file)).unwrap_or_else(|_| panic!("{page}: no card {file}"));
        let card = image::load_from_memory(&png).unwrap();
        assert_eq!((og("og:image:width"), og("og:image:height")), ("1200", "630"), "{page}");
        assert_eq!((card.width(), card.height()), (1200, 630), "{page}");
        assert_eq!(og("og:image:type"), "image/png");
        let alt = unescape(og("og:image:alt"));
        let label =
            if hi { " — तथ्य जांच कार्ड, “" } else { " — fact check card stamped “" };
        assert!(alt.starts_with(&format!("{}{label}", unescape(h1))), "{page}: {alt}");
        assert_eq!(meta_content(&html, "name", "twitter:card"), Some("summary_large_image"), "{page}");
        assert_eq!(meta_content(&html, "name", "twitter:image:alt").map(unescape), Some(alt), "{page}");
    }
    assert_eq!(checked, 8, "every statement page previewed");
}
