//! `tathya init` and the built-in theme, run as a ministry's web team would:
//! a new site from nothing builds and checks clean with no templates or
//! messages of its own; a site replaces one template and one message and
//! keeps the rest built in; a third language needs only its own folder.

#![allow(clippy::unwrap_used, clippy::panic, reason = "a test fails by panicking")]

mod common;

use std::fs;
use std::path::Path;

use common::tathya;

/// A name with every character that could break the YAML or the HTML it
/// is written into.
const HOSTILE_EN: &str = r#"Ministry of "Example" \ Affairs & <script>alert(1)</script> #1: Co"#;

fn init(dir: &Path, extra: &[&str]) -> std::process::Output {
    let mut args = vec!["init", "site", "--issuer-en", HOSTILE_EN, "--issuer-hi", "उदाहरण कार्य मंत्रालय"];
    args.extend(extra);
    tathya(dir, &args)
}

fn text(output: &std::process::Output) -> String {
    format!("{}{}", String::from_utf8_lossy(&output.stdout), String::from_utf8_lossy(&output.stderr))
}

#[test]
fn a_new_site_builds_and_checks_clean_with_the_built_in_theme() {
    let dir = tempfile::tempdir().unwrap();
    let made = init(dir.path(), &["--base-url", "https://factcheck.example.gov.in/fact-check/"]);
    assert!(made.status.success(), "{}", text(&made));
    let site = dir.path().join("site");
    for file in ["tathya.yaml", ".gitignore", "README.md", ".github/workflows/tathya.yml", "pages/privacy.yaml"] {
        assert!(site.join(file).is_file(), "init wrote no {file}");
    }
    assert!(!site.join("templates").exists() && !site.join("locales").exists(), "the theme is built in");
    let checked = tathya(&site, &["check", "--strict"]);
    assert!(checked.status.success() && text(&checked).contains("0 errors, 0 warnings"), "{}", text(&checked));
    let built = tathya(&site, &["build"]);
    assert!(built.status.success(), "{}", text(&built));
    // The name went through YAML and into the page as text, escaped.
    let index = fs::read_to_string(site.join("public/en/index.html")).unwrap();
    assert!(index.contains("Ministry of &quot;Example&quot; \\ Affairs &amp; &lt;script&gt;"), "{index}");
    assert!(!index.contains("<script>alert"), "the name's markup reached the page");
    // Links from the Markdown pages keep the site's folder once.
    let markdown = fs::read_to_string(site.join("public/en/2026/01/sample-myths/index.md")).unwrap();
    assert!(
        markdown.contains("(https://factcheck.example.gov.in/fact-check/en/2026/01/sample-rebuttal/)"),
        "{markdown}"
    );
    assert!(!markdown.contains("fact-check/fact-check"), "{markdown}");
    // The built-in assets and both samples are published, in both languages.
    for file in ["style.css", "logo.svg", "en/2026/01/sample-rebuttal/index.html", "hi/2026/01/sample-myths/index.md"] {
        assert!(site.join("public").join(file).is_file(), "no public/{file}");
    }
    // The output and the build's own files are ignored by git.
    let ignored = fs::read_to_string(site.join(".gitignore")).unwrap();
    for line in ["/public/", "/public-preview/", "/.public.tathya/"] {
        assert!(ignored.lines().any(|l| l.trim() == line), ".gitignore lacks {line}:\n{ignored}");
    }
}

#[test]
fn init_never_replaces_a_file_and_asks_for_force_in_a_folder_that_is_not_empty() {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("site");
    fs::create_dir_all(&site).unwrap();
    fs::write(site.join("README.md"), "our own notes\n").unwrap();
    let refused = init(dir.path(), &[]);
    assert_eq!(refused.status.code(), Some(2), "{}", text(&refused));
    assert!(text(&refused).contains("not empty") && !site.join("tathya.yaml").exists(), "{}", text(&refused));
    let forced = init(dir.path(), &["--force"]);
    assert!(forced.status.success(), "{}", text(&forced));
    assert_eq!(fs::read_to_string(site.join("README.md")).unwrap(), "our own notes\n");
    assert!(text(&forced).contains("kept README.md") && site.join("tathya.yaml").is_file(), "{}", text(&forced));

    // A site with records of its own gets no sample among them.
    let other = dir.path().join("other");
    fs::create_dir_all(other.join("statements/2025")).unwrap();
    let mut args = vec!["init", "other", "--force", "--issuer-en", "X", "--issuer-hi", "क"];
    assert!(tathya(dir.path(), &args).status.success());
    assert!(!other.join("statements/2026").exists(), "samples were added to a site's own records");
    // A fresh clone of an empty repository is an empty folder.
    fs::create_dir_all(dir.path().join("clone/.git")).unwrap();
    args[1] = "clone";
    args.remove(2);
    let cloned = tathya(dir.path(), &args);
    assert!(cloned.status.success(), "{}", text(&cloned));
}

#[test]
fn init_refuses_names_the_new_site_could_not_show_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let output = tathya(dir.path(), &["init", "site", "--issuer-en", "Ministry ✅", "--issuer-hi", "मंत्रालय"]);
    assert_eq!(output.status.code(), Some(2), "{}", text(&output));
    assert!(text(&output).contains("T095") && text(&output).contains("tathya.yaml:"), "{}", text(&output));
    assert!(!dir.path().join("site").exists(), "init wrote a site that fails its check");
}

#[test]
fn init_asks_for_the_names_it_lacks_or_says_which_flag_to_give() {
    let dir = tempfile::tempdir().unwrap();
    // Not a terminal: there is no one to ask.
    let output = tathya(dir.path(), &["init", "site", "--issuer-hi", "उदाहरण कार्य मंत्रालय"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(text(&output).contains("--issuer-en"), "{}", text(&output));
    for bad in [&["--issuer-en", "Two\nlines"][..], &["--issuer-en", "X", "--base-url", "ftp://example.gov.in"]] {
        let mut args = vec!["init", "other", "--issuer-hi", "क"];
        args.extend(bad);
        let output = tathya(dir.path(), &args);
        assert_eq!(output.status.code(), Some(2), "{bad:?}: {}", text(&output));
        assert!(!dir.path().join("other/tathya.yaml").exists(), "{bad:?} wrote a site");
    }
    // A base URL is judged by the rule tathya.yaml's is read by, and said of the flag.
    let output = tathya(
        dir.path(),
        &["init", "other", "--issuer-en", "X", "--issuer-hi", "क", "--base-url", "https://example.gov.in//x/"],
    );
    assert_eq!(output.status.code(), Some(2), "{}", text(&output));
    assert!(
        text(&output).contains("--base-url: `https://example.gov.in//x/` has an empty folder name"),
        "{}",
        text(&output)
    );
}

#[test]
fn a_site_replaces_one_template_and_one_message_and_keeps_the_rest_built_in() {
    let dir = tempfile::tempdir().unwrap();
    assert!(init(dir.path(), &[]).status.success());
    let site = dir.path().join("site");
    fs::create_dir_all(site.join("templates")).unwrap();
    fs::write(site.join("templates/404.html"), "<!doctype html><title>x</title><p>OUR OWN 404</p>\n").unwrap();
    // What editors and systems leave beside a template is not published.
    for leftover in [".env", ".404.html.swp", "style.css~", "#404.html#"] {
        fs::write(site.join("templates").join(leftover), "TOKEN=secret\n").unwrap();
    }
    fs::create_dir_all(site.join("locales/hi")).unwrap();
    fs::write(site.join("locales/hi/site.ftl"), "site-menu = हमारा मेनू\n").unwrap();
    let checked = tathya(&site, &["check", "--format", "json"]);
    let out = text(&checked);
    // A warning, not an error: the built-in messages fill in the rest.
    assert!(checked.status.success(), "{out}");
    assert!(out.contains("\"T075\"") && out.contains("locales/hi/site.ftl"), "{out}");
    assert_eq!(tathya(&site, &["check", "--strict"]).status.code(), Some(1));
    assert!(tathya(&site, &["build"]).status.success());
    assert!(fs::read_to_string(site.join("public/en/404.html")).unwrap().contains("OUR OWN 404"));
    for leftover in [".env", ".404.html.swp", "style.css~", "#404.html#"] {
        assert!(!site.join("public").join(leftover).exists(), "{leftover} was published");
    }
    let page = fs::read_to_string(site.join("public/hi/2026/01/sample-rebuttal/index.html")).unwrap();
    assert!(page.contains("हमारा मेनू"), "the site's message is not used");
    // Messages it did not replace are the built-in ones, in both files.
    let built_in = fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("locales/hi/site.ftl")).unwrap();
    let skip = built_in.lines().find_map(|l| l.strip_prefix("skip-to-content = ")).unwrap();
    assert!(page.contains(skip), "the built-in `skip-to-content` is missing");
    assert!(page.contains("lang=\"hi\""));
}

#[test]
fn a_third_language_needs_only_its_locale_folder() {
    let dir = tempfile::tempdir().unwrap();
    assert!(init(dir.path(), &[]).status.success());
    let site = dir.path().join("site");
    // Every text of the site in Marathi too (English words stand in for a
    // translation), and the settings list it.
    for file in common::files(&site).into_iter().filter(|f| f.extension().is_some_and(|e| e == "yaml")) {
        let path = site.join(&file);
        let mut value: serde_yaml::Value = serde_yaml::from_str(&fs::read_to_string(&path).unwrap()).unwrap();
        add_marathi(&mut value);
        fs::write(&path, serde_yaml::to_string(&value).unwrap()).unwrap();
    }
    let config = site.join("tathya.yaml");
    let settings = fs::read_to_string(&config).unwrap();
    fs::write(&config, settings.replacen("- hi\n", "- hi\n- mr\n", 1)).unwrap();
    let built_in = Path::new(env!("CARGO_MANIFEST_DIR")).join("locales/en");
    fs::create_dir_all(site.join("locales/mr")).unwrap();
    for file in fs::read_dir(&built_in).unwrap() {
        let file = file.unwrap().path();
        fs::copy(&file, site.join("locales/mr").join(file.file_name().unwrap())).unwrap();
    }
    let built = tathya(&site, &["build"]);
    assert!(built.status.success(), "{}", text(&built));
    let page = fs::read_to_string(site.join("public/mr/2026/01/sample-rebuttal/index.html")).unwrap();
    assert!(page.contains("lang=\"mr\""), "{page}");
}

/// Adds `mr`, the English text, to every mapping of `en` and `hi`, and an
/// article (none) to each issuer.
fn add_marathi(value: &mut serde_yaml::Value) {
    match value {
        serde_yaml::Value::Mapping(map) => {
            if map.contains_key("en") && map.contains_key("hi") {
                let english = map["en"].clone();
                map.insert("mr".into(), english);
            }
            if let Some(serde_yaml::Value::Mapping(article)) = map.get_mut("article") {
                article.insert("mr".into(), "none".into());
            }
            map.values_mut().for_each(add_marathi);
        }
        serde_yaml::Value::Sequence(items) => items.iter_mut().for_each(add_marathi),
        _ => {}
    }
}

/// The words of a shell command line: split at spaces, "…" kept whole, a
/// `#` comment left out.
fn words(line: &str) -> Vec<String> {
    let (mut out, mut word, mut quoted, mut any) = (Vec::new(), String::new(), false, false);
    for c in line.chars() {
        match c {
            '"' => (quoted, any) = (!quoted, true),
            '#' if !quoted && word.is_empty() => break,
            ' ' if !quoted => {
                if any {
                    out.push(std::mem::take(&mut word));
                }
                any = false;
            }
            c => (word, any) = (word + &c.to_string(), true),
        }
    }
    if any {
        out.push(word);
    }
    out
}

#[test]
fn the_readmes_quick_start_for_a_new_site_works_as_written() {
    let readme = fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
    let section = readme.split("### A ministry's own site").nth(1).unwrap();
    let block = section.split("```sh\n").nth(1).unwrap().split("```").next().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let mut cwd = dir.path().to_path_buf();
    let mut ran = Vec::new();
    for line in block.lines() {
        let words = words(line);
        let Some((program, args)) = words.split_first() else { continue };
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        match (program.as_str(), args.first().copied()) {
            // tathya itself: the binary under test.
            ("cargo", Some("install")) => continue,
            ("cd", Some(to)) => cwd = cwd.join(to),
            ("tathya", Some("serve")) => {
                let mut serve = std::process::Command::new(env!("CARGO_BIN_EXE_tathya"))
                    .args(&args)
                    .args(["--port", "0"])
                    .current_dir(&cwd)
                    .stderr(std::process::Stdio::piped())
                    .spawn()
                    .unwrap();
                let mut said = String::new();
                let mut stderr = std::io::BufReader::new(serve.stderr.take().unwrap());
                std::io::BufRead::read_line(&mut stderr, &mut said).unwrap();
                let _ = serve.kill();
                let _ = serve.wait();
                assert!(said.starts_with("serving ") && said.contains("http://127.0.0.1:"), "{said}");
            }
            ("tathya", _) => {
                let output = tathya(&cwd, &args);
                assert!(output.status.success(), "{line}\n{}", text(&output));
                if args == ["check"] {
                    assert!(text(&output).contains("0 errors, 0 warnings"), "{}", text(&output));
                }
            }
            _ => panic!("the quick start runs `{line}`, which this test does not know"),
        }
        ran.push(args.first().copied().unwrap_or_default().to_owned());
    }
    assert_eq!(ran, ["init", "my-site", "check", "serve", "build"], "the quick start changed: update this test");
    assert!(cwd.join("public/hi/2026/01/sample-rebuttal/index.html").is_file());
}
