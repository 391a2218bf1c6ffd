//! The mutation operators. Each changes one file of the sample site the way
//! an editor might by mistake (a deleted line, a typo in a key, a stray
//! brace) or on purpose (markup, control characters). They work on text,
//! not on parsed values, so that they also make files that do not parse.

use std::path::Path;

use crate::common;
use crate::rng::Rng;

/// What a file is: it decides which operators apply.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A statement record under `statements/`.
    Record,
    /// `tathya.yaml`.
    Settings,
    /// A Fluent file under `locales/`.
    Locale,
    /// A Tera template (`.html`, `.md`, `.xml`) under `templates/`.
    Template,
}

/// A file of the sample site that mutants change.
pub struct Target {
    /// Relative to the site root, with `/`.
    pub path: String,
    /// What it is.
    pub kind: Kind,
    /// Its text in the sample site.
    pub text: String,
}

/// One mutant: the file it changes, what was done to it, and its new text.
pub struct Mutant {
    /// The file, relative to the site root.
    pub file: String,
    /// The operator of each step, for grouping disagreements.
    pub ops: Vec<&'static str>,
    /// Each step, precisely enough to redo it by hand.
    pub steps: Vec<String>,
    /// The mutated text.
    pub text: String,
}

/// Every file of the sample site that mutants may change, in a fixed order
/// so that a seed names the same files everywhere. Stylesheet and icon are
/// left out: tathya copies them without reading them.
pub fn targets(repo: &Path) -> Vec<Target> {
    let read = |path: &str| std::fs::read_to_string(repo.join(path)).unwrap();
    let mut out = vec![Target { path: "tathya.yaml".into(), kind: Kind::Settings, text: read("tathya.yaml") }];
    for (folder, kind, extensions) in [
        ("statements", Kind::Record, &["yaml"][..]),
        ("locales", Kind::Locale, &["ftl"][..]),
        ("templates", Kind::Template, &["html", "md", "xml"][..]),
    ] {
        for file in common::files(&repo.join(folder)) {
            if file.extension().is_some_and(|e| extensions.iter().any(|x| e == *x)) {
                let path = format!("{folder}/{}", file.display());
                out.push(Target { text: read(&path), path, kind });
            }
        }
    }
    out
}

/// The mutant `rng` names: a kind of file by weight (records and templates hold
/// most of what can go wrong), one file of that kind, and one step, or two
/// one time in five, since some faults only show in combination.
pub fn generate(rng: &mut Rng, targets: &[Target]) -> Mutant {
    let kind = *rng.weighted(&[(35, Kind::Record), (10, Kind::Settings), (25, Kind::Locale), (30, Kind::Template)]);
    let files: Vec<&Target> = targets.iter().filter(|t| t.kind == kind).collect();
    let target = *rng.pick(&files);
    let mut mutant = Mutant { file: target.path.clone(), ops: vec![], steps: vec![], text: target.text.clone() };
    let rounds = if rng.chance(20) { 2 } else { 1 };
    for _ in 0..rounds {
        let ctx = Ctx { kind, path: &target.path, text: &mutant.text };
        let (op, step) = mutate_once(rng, &ctx);
        mutant.ops.push(op);
        mutant.steps.push(format!("{op}: {}", step.detail));
        mutant.text = step.text;
    }
    mutant
}

/// What an operator sees.
struct Ctx<'a> {
    kind: Kind,
    path: &'a str,
    text: &'a str,
}

/// What an operator did, and the text it made.
struct Step {
    detail: String,
    text: String,
}

/// An operator: `None` when the file has nothing it applies to.
type Op = fn(&mut Rng, &Ctx) -> Option<Step>;

// Weights: `insert` has two dozen snippets to spread over, so it weighs as
// much as the other operators for every file together; in a kind's own
// table, operators with more variants weigh more.
const GENERIC: &[(u32, (&str, Op))] = &[
    (2, ("delete-line", delete_line)),
    (2, ("duplicate-line", duplicate_line)),
    (2, ("swap-lines", swap_lines)),
    (8, ("insert", insert_snippet)),
];

const YAML: &[(u32, (&str, Op))] = &[
    (2, ("retype", retype_value)),
    (2, ("rename-key", rename_key)),
    (2, ("language-key", change_language)),
    (2, ("reference", break_reference)),
    (2, ("status", change_status)),
    (2, ("embargo", set_embargo)),
    (2, ("date", break_date)),
    (2, ("verdict", change_verdict)),
    (2, ("figure", change_figure)),
    (2, ("block-continuation", block_continuation)),
    (2, ("control-escape", control_escape)),
];

const FTL: &[(u32, (&str, Op))] = &[
    (3, ("rename-message", rename_message)),
    (3, ("delete-message", delete_message)),
    (4, ("bad-message", bad_message)),
    (2, ("attribute", add_attribute)),
    (3, ("broken-selector", broken_selector)),
    (3, ("drop-variable", drop_variable)),
    (2, ("unknown-variable", unknown_variable)),
];

const TERA: &[(u32, (&str, Op))] =
    &[(5, ("t-call", bad_t_call)), (9, ("expression", insert_expression)), (4, ("delete-end-tag", delete_end_tag))];

/// One step of an operator that applies; operators are drawn again when the
/// file has nothing for the one drawn (a myth-buster has no figures).
fn mutate_once(rng: &mut Rng, ctx: &Ctx) -> (&'static str, Step) {
    let specific = match ctx.kind {
        Kind::Record | Kind::Settings => YAML,
        Kind::Locale => FTL,
        Kind::Template => TERA,
    };
    let ops: Vec<(u32, (&'static str, Op))> = GENERIC.iter().chain(specific).copied().collect();
    for _ in 0..64 {
        let (name, op) = *rng.weighted(&ops);
        if let Some(step) = op(rng, ctx) {
            return (name, step);
        }
    }
    ("delete-line", delete_line(rng, ctx).unwrap())
}

// ---------------------------------------------------------------- helpers

const LANGS: [&str; 2] = ["en", "hi"];

fn split(text: &str) -> Vec<String> {
    text.lines().map(str::to_owned).collect()
}

fn join(lines: &[String]) -> String {
    let mut out = lines.join("\n");
    out.push('\n');
    out
}

/// A line or value short enough to read in a report, with control
/// characters and line breaks escaped so that they stay visible.
fn clip(s: &str) -> String {
    let mut out: String = s.chars().take(60).collect::<String>().escape_debug().to_string();
    if s.chars().count() > 60 {
        out.push('…');
    }
    out
}

/// The 1-based column (in characters) of byte `at` of `line`, as tathya
/// counts them.
fn column(line: &str, at: usize) -> usize {
    line[..at].chars().count() + 1
}

fn indent(line: &str) -> usize {
    line.len() - line.trim_start_matches(' ').len()
}

/// A random byte offset of `line` at a character boundary, from `from`
/// to the end inclusive.
fn boundary(rng: &mut Rng, line: &str, from: usize, to: usize) -> usize {
    let offsets: Vec<usize> = line[from..to].char_indices().map(|(i, _)| from + i).chain(std::iter::once(to)).collect();
    *rng.pick(&offsets)
}

/// `key: value` in a YAML line, possibly a list item (`- key: value`).
struct KeyLine<'a> {
    /// Byte offset of the key.
    at: usize,
    key: &'a str,
    /// Byte offset of the value; the line's length when the value is on
    /// the lines below.
    value: usize,
}

fn key_line(line: &str) -> Option<KeyLine<'_>> {
    let mut at = indent(line);
    if line[at..].starts_with("- ") {
        at += 2;
    }
    let rest = &line[at..];
    let len = rest.find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '-')).unwrap_or(rest.len());
    if len == 0 || rest.starts_with('-') {
        return None;
    }
    let after = &rest[len..];
    let value = if after == ":" {
        line.len()
    } else if let Some(value) = after.strip_prefix(": ") {
        line.len() - value.trim_start().len()
    } else {
        return None;
    };
    Some(KeyLine { at, key: &rest[..len], value })
}

/// Whether a YAML value is plain text, not a collection, block, anchor,
/// alias or tag.
fn is_plain(value: &str) -> bool {
    !value.is_empty() && !value.starts_with(['|', '>', '[', '{', '&', '*', '!', '"', '\'', '#'])
}

/// Lines of a YAML file that hold text in one language, with where the
/// text starts: `en:`/`hi:` values and the lines of folded blocks.
fn text_lines(lines: &[String]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        match key_line(line) {
            Some(kl) => {
                let value = &line[kl.value..];
                if LANGS.contains(&kl.key) && (is_plain(value) || value.starts_with('"')) {
                    out.push((i, kl.value));
                }
            }
            None => {
                let trimmed = line.trim_start();
                if line.starts_with(' ') && !trimmed.is_empty() && !trimmed.starts_with(['#', '-']) {
                    out.push((i, indent(line)));
                }
            }
        }
    }
    out
}

/// The line after the block of lines nested under the key of line `i`
/// (those indented deeper than the key), trailing blank lines left out.
fn block_end(lines: &[String], i: usize, key_at: usize) -> usize {
    let mut end = i + 1;
    let mut last = i + 1;
    while end < lines.len() && (lines[end].trim().is_empty() || indent(&lines[end]) > key_at) {
        end += 1;
        if !lines[end - 1].trim().is_empty() {
            last = end;
        }
    }
    last
}

/// Replaces the value of a key line, and the block under it if the value
/// was a block; describes the change.
fn replace_value(lines: &mut Vec<String>, i: usize, new: &str) -> String {
    let line = lines[i].clone();
    let kl = key_line(&line).unwrap();
    let old = &line[kl.value..];
    let mut detail = format!("line {}: `{}: {}` → `{}: {new}`", i + 1, kl.key, clip(old), kl.key);
    if old.is_empty() || old.starts_with(['|', '>']) {
        let end = block_end(lines, i, kl.at);
        if end > i + 1 {
            detail.push_str(&format!(" (the {} lines under it removed)", end - i - 1));
            lines.drain(i + 1..end);
        }
    }
    let head = line[..kl.value].trim_end();
    lines[i] = format!("{head} {new}");
    detail
}

/// Key lines whose key is one of `keys`, at the top level when `top`.
fn key_lines_named(lines: &[String], keys: &[&str], top: bool) -> Vec<usize> {
    (0..lines.len())
        .filter(|&i| key_line(&lines[i]).is_some_and(|kl| keys.contains(&kl.key) && (!top || kl.at == 0)))
        .collect()
}

/// A key a tired hand might type instead of `key`: a known typo, or a
/// letter doubled, dropped or swapped.
fn near_miss(rng: &mut Rng, key: &str) -> String {
    const TYPOS: &[(&str, &str)] = &[
        ("topic", "topik"),
        ("title", "tittle"),
        ("issuer", "isuer"),
        ("verdict", "verdikt"),
        ("facts", "fact"),
        ("first_seen", "first-seen"),
        ("publish_at", "publish-at"),
        ("languages", "language"),
        ("status", "state"),
        ("related", "relatd"),
        ("kind", "type"),
        ("base_url", "baseurl"),
        ("dateline", "date-line"),
        ("issued-by", "issued_by"),
    ];
    if let Some((_, typo)) = TYPOS.iter().find(|(k, _)| *k == key)
        && rng.chance(60)
    {
        return (*typo).to_owned();
    }
    let mut chars: Vec<char> = key.chars().collect();
    let i = rng.below(chars.len());
    match rng.below(3) {
        0 => chars.insert(i, chars[i]),
        1 if chars.len() > 1 => {
            chars.remove(i);
        }
        _ if i + 1 < chars.len() && chars[i] != chars[i + 1] => chars.swap(i, i + 1),
        _ => chars.push('s'),
    }
    chars.into_iter().collect()
}

/// The id of the record at `path` (`statements/2021/06/x.yaml` → `2021/06/x`).
fn record_id(path: &str) -> String {
    path.trim_start_matches("statements/").trim_end_matches(".yaml").to_owned()
}

// ------------------------------------------------------ every kind of file

/// Deletes one line: a key, an item, a message line, a tag.
fn delete_line(rng: &mut Rng, ctx: &Ctx) -> Option<Step> {
    let mut lines = split(ctx.text);
    if lines.is_empty() {
        return None;
    }
    let i = rng.below(lines.len());
    let old = lines.remove(i);
    Some(Step { detail: format!("line {}: deleted `{}`", i + 1, clip(&old)), text: join(&lines) })
}

/// Duplicates one line: a key given twice, a message defined twice, a
/// block opened twice.
fn duplicate_line(rng: &mut Rng, ctx: &Ctx) -> Option<Step> {
    let mut lines = split(ctx.text);
    if lines.is_empty() {
        return None;
    }
    let i = rng.below(lines.len());
    lines.insert(i + 1, lines[i].clone());
    Some(Step { detail: format!("line {}: duplicated `{}`", i + 1, clip(&lines[i])), text: join(&lines) })
}

/// Swaps two adjacent lines: nesting changes, an end tag before its start.
fn swap_lines(rng: &mut Rng, ctx: &Ctx) -> Option<Step> {
    let mut lines = split(ctx.text);
    if lines.len() < 2 {
        return None;
    }
    let i = rng.below(lines.len() - 1);
    lines.swap(i, i + 1);
    Some(Step { detail: format!("lines {} and {} swapped", i + 1, i + 2), text: join(&lines) })
}

/// Something inserted into text: Fluent placeables good and bad, markup,
/// control characters, Markdown that changes the structure of a page.
#[derive(Clone, Copy)]
enum Snippet {
    /// Inserted as it is.
    Inline(&'static str),
    /// A selector over several lines, indented to fit the file.
    Selector,
    /// A control character, raw, or in YAML also as a double-quoted escape.
    Control { raw: &'static str, escaped: &'static str },
    /// Text that must begin a line to mean anything (a list item, a heading).
    LineStart(&'static str),
}

const SNIPPETS: &[Snippet] = &[
    Snippet::Inline("{"),
    Snippet::Inline("}"),
    Snippet::Inline("{ $x }"),
    Snippet::Inline("{ $users }"),
    Snippet::Inline("{ }"),
    Snippet::Inline("{ $ }"),
    Snippet::Inline("{ WORD($n) }"),
    Snippet::Inline("{ NUMBER($users) }"),
    Snippet::Inline("{ -brand }"),
    Snippet::Inline("{ msg.attr }"),
    Snippet::Inline("{\"{\"}"),
    Snippet::Inline("{ \"$5\" }"),
    Snippet::Inline("{ $n -> [one] a *[other] b }"),
    Snippet::Selector,
    Snippet::Inline("$5"),
    Snippet::Control { raw: "\u{1}", escaped: "\\x01" },
    Snippet::Control { raw: "\u{1b}[2J", escaped: "\\e[2J" },
    Snippet::Control { raw: "\0", escaped: "\\0" },
    Snippet::Inline("<script>alert(1)</script>"),
    Snippet::Inline("[link](javascript:alert(1))"),
    Snippet::Inline("**"),
    Snippet::Inline("`"),
    Snippet::LineStart("* "),
    Snippet::LineStart("# x "),
];

/// Inserts a snippet where it means most: into a text value of YAML, a
/// message body of Fluent, a tag or the text of a template; one time in
/// five anywhere at all.
fn insert_snippet(rng: &mut Rng, ctx: &Ctx) -> Option<Step> {
    let mut lines = split(ctx.text);
    if lines.is_empty() {
        return None;
    }
    let yaml = matches!(ctx.kind, Kind::Record | Kind::Settings);
    let snippet = *rng.pick(SNIPPETS);
    let (i, at) = insertion_point(rng, ctx, &lines);
    let line = lines[i].clone();
    let text = match snippet {
        Snippet::LineStart(start) => return line_start(rng, ctx, &mut lines, start),
        Snippet::Control { escaped, .. } if yaml && rng.chance(60) => return escape_into(rng, &mut lines, escaped),
        Snippet::Inline(s) => s.to_owned(),
        Snippet::Selector => {
            let pad = match ctx.kind {
                Kind::Record | Kind::Settings => " ".repeat(indent(&line) + 4),
                Kind::Locale => " ".repeat(8),
                Kind::Template => String::new(),
            };
            format!("{{ $n ->\n{pad}[one] a\n{pad}*[other] b\n{pad}}}")
        }
        Snippet::Control { raw, .. } => raw.to_owned(),
    };
    lines[i] = format!("{}{text}{}", &line[..at], &line[at..]);
    Some(Step {
        detail: format!("line {} column {}: inserted `{}`", i + 1, column(&line, at), clip(&text)),
        text: join(&lines),
    })
}

/// Where `insert_snippet` puts inline text: (line, byte offset).
fn insertion_point(rng: &mut Rng, ctx: &Ctx, lines: &[String]) -> (usize, usize) {
    let preferred: Vec<(usize, usize, usize)> = match ctx.kind {
        Kind::Record | Kind::Settings => {
            text_lines(lines).into_iter().map(|(i, from)| (i, from, lines[i].len())).collect()
        }
        Kind::Locale => body_positions(lines).into_iter().map(|(i, from)| (i, from, lines[i].len())).collect(),
        Kind::Template if rng.chance(50) => (0..lines.len())
            .flat_map(|i| tags(&lines[i]).into_iter().map(move |(start, end)| (i, start + 2, end - 2)))
            .collect(),
        Kind::Template => vec![],
    };
    if !preferred.is_empty() && rng.chance(80) {
        let (i, from, to) = *rng.pick(&preferred);
        return (i, boundary(rng, &lines[i], from, to));
    }
    let i = rng.below(lines.len());
    (i, boundary(rng, &lines[i], 0, lines[i].len()))
}

/// Puts `start` at the beginning of a line of text: at the start of a YAML
/// value (where `*` makes an alias and `#` a comment), on a continuation
/// line of a Fluent message, on a line of its own in a template.
fn line_start(rng: &mut Rng, ctx: &Ctx, lines: &mut Vec<String>, start: &str) -> Option<Step> {
    let detail = match ctx.kind {
        Kind::Record | Kind::Settings => {
            let found = text_lines(lines).or_empty()?;
            let (i, at) = *rng.pick(&found);
            let line = lines[i].clone();
            lines[i] = format!("{}{start}{}", &line[..at], &line[at..]);
            format!("line {} column {}: inserted `{}` before the text", i + 1, column(&line, at), clip(start))
        }
        Kind::Locale => {
            let messages = message_lines(lines).or_empty()?;
            let i = *rng.pick(&messages);
            let end = message_end(lines, i);
            let new = format!("    {start}x");
            lines.insert(end, new.clone());
            format!("line {}: inserted the continuation line `{}`", end + 1, clip(&new))
        }
        Kind::Template => {
            let i = rng.below(lines.len() + 1);
            let new = format!("{start}x");
            lines.insert(i, new.clone());
            format!("line {}: inserted the line `{}`", i + 1, clip(&new))
        }
    };
    Some(Step { detail, text: join(lines) })
}

/// `Some` unless empty, so that an operator can give up with `?`.
trait OrEmpty: Sized {
    fn or_empty(self) -> Option<Self>;
}

impl<T> OrEmpty for Vec<T> {
    fn or_empty(self) -> Option<Self> {
        (!self.is_empty()).then_some(self)
    }
}

// ------------------------------------------------------------------ YAML

/// Gives a value another type: a list, a mapping, a number, null, a
/// boolean, an empty string; a value spread over lines goes with them.
fn retype_value(rng: &mut Rng, ctx: &Ctx) -> Option<Step> {
    let mut lines = split(ctx.text);
    let keys: Vec<usize> =
        (0..lines.len()).filter(|&i| key_line(&lines[i]).is_some()).collect::<Vec<_>>().or_empty()?;
    let i = *rng.pick(&keys);
    let new = *rng.pick(&["[a, b]", "{a: 1}", "42", "~", "true", "\"\""]);
    let detail = replace_value(&mut lines, i, new);
    Some(Step { detail, text: join(&lines) })
}

/// Renames a key to a near miss (`topik`, `tittle`).
fn rename_key(rng: &mut Rng, ctx: &Ctx) -> Option<Step> {
    let mut lines = split(ctx.text);
    let keys: Vec<usize> =
        (0..lines.len()).filter(|&i| key_line(&lines[i]).is_some()).collect::<Vec<_>>().or_empty()?;
    let i = *rng.pick(&keys);
    let line = lines[i].clone();
    let kl = key_line(&line).unwrap();
    let new = near_miss(rng, kl.key);
    lines[i] = format!("{}{new}{}", &line[..kl.at], &line[kl.at + kl.key.len()..]);
    Some(Step { detail: format!("line {}: key `{}` → `{new}`", i + 1, kl.key), text: join(&lines) })
}

/// Changes a language code where it is a key or an item of `languages`:
/// `hi` → `mr` (a language the site lacks), `a1` (not a code), `HI`.
fn change_language(rng: &mut Rng, ctx: &Ctx) -> Option<Step> {
    let mut lines = split(ctx.text);
    let mut found = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let bytes = line.as_bytes();
        for lang in LANGS {
            for (at, _) in line.match_indices(lang) {
                let before = if at == 0 { b' ' } else { bytes[at - 1] };
                let after = bytes.get(at + 2).copied().unwrap_or(b'\n');
                let key = after == b':' && bytes.get(at + 3).is_none_or(|c| *c == b' ');
                let item = after == b',' || after == b']';
                if b" {[,".contains(&before) && (key || item) {
                    found.push((i, at, lang));
                }
            }
        }
    }
    let (i, at, lang) = *rng.pick(&found.or_empty()?);
    let upper = lang.to_uppercase();
    let new = *rng.pick(&["mr", "a1", upper.as_str()]);
    let line = lines[i].clone();
    lines[i] = format!("{}{new}{}", &line[..at], &line[at + 2..]);
    Some(Step {
        detail: format!("line {} column {}: language `{lang}` → `{new}`", i + 1, at + 1), text: join(&lines)
    })
}

/// Makes a reference name nothing: an issuer, person or contact nobody
/// defined, a related statement that does not exist or is the record
/// itself, an unknown tag; in the settings, renames a key that records use.
fn break_reference(rng: &mut Rng, ctx: &Ctx) -> Option<Step> {
    let mut lines = split(ctx.text);
    if ctx.kind == Kind::Settings {
        let mut section = "";
        let mut keys = Vec::new();
        for (i, line) in lines.iter().enumerate() {
            if let Some(kl) = key_line(line) {
                if kl.at == 0 {
                    section = kl.key;
                } else if kl.at == 2 && ["issuers", "people", "contacts", "tags"].contains(&section) {
                    keys.push(i);
                }
            }
        }
        let i = *rng.pick(&keys.or_empty()?);
        let line = lines[i].clone();
        let kl = key_line(&line).unwrap();
        let new = format!("{}-old", kl.key);
        lines[i] = format!("{}{new}{}", &line[..kl.at], &line[kl.at + kl.key.len()..]);
        return Some(Step { detail: format!("line {}: key `{}` → `{new}`", i + 1, kl.key), text: join(&lines) });
    }
    let refs = key_lines_named(&lines, &["issuer", "contact", "by", "related", "tags"], false).or_empty()?;
    let i = *rng.pick(&refs);
    let line = lines[i].clone();
    let kl = key_line(&line).unwrap();
    let old = line[kl.value..].trim_end_matches(']').trim_start_matches('[').to_owned();
    let new = match kl.key {
        "related" => match rng.below(3) {
            0 => "[2021/01/nosuch]".to_owned(),
            1 => format!("[{}]", record_id(ctx.path)),
            _ => format!("[{old}, 2019/01/nosuch]"),
        },
        "tags" => format!("[{old}, nosuch]"),
        _ => "nobody".to_owned(),
    };
    let detail = replace_value(&mut lines, i, &new);
    Some(Step { detail, text: join(&lines) })
}

/// Changes `status:` to another or an unknown value; a withdrawal comes
/// with its `withdrawn:` note half the time, so that both paths are taken.
fn change_status(rng: &mut Rng, ctx: &Ctx) -> Option<Step> {
    let mut lines = split(ctx.text);
    let i = *rng.pick(&key_lines_named(&lines, &["status"], true).or_empty()?);
    let old = lines[i][key_line(&lines[i]).unwrap().value..].to_owned();
    let others: Vec<&str> = ["draft", "withdrawn", "published", "archived"].into_iter().filter(|s| *s != old).collect();
    let new = *rng.pick(&others);
    let mut detail = replace_value(&mut lines, i, new);
    if new == "withdrawn" && rng.chance(50) {
        lines.extend(
            ["withdrawn:", "  date: 2021-07-01", "  note:", "    en: Issued in error.", "    hi: भूल से जारी।"]
                .map(str::to_owned),
        );
        detail.push_str(", and a `withdrawn:` note of 2021-07-01 appended");
    }
    Some(Step { detail, text: join(&lines) })
}

/// Sets `publish_at`: an embargo that has not ended at the fixed clock, one
/// that has, a moment without a zone, a bare date.
fn set_embargo(rng: &mut Rng, ctx: &Ctx) -> Option<Step> {
    let mut lines = split(ctx.text);
    let new =
        *rng.pick(&["2099-01-01T00:00:00+05:30", "2020-01-01T00:00:00+05:30", "2099-01-01T00:00:00", "2021-06-10"]);
    if let Some(&i) = key_lines_named(&lines, &["publish_at"], true).first() {
        let detail = replace_value(&mut lines, i, new);
        return Some(Step { detail, text: join(&lines) });
    }
    let i = *key_lines_named(&lines, &["date"], true).first()?;
    lines.insert(i + 1, format!("publish_at: {new}"));
    Some(Step { detail: format!("line {}: inserted `publish_at: {new}`", i + 2), text: join(&lines) })
}

/// Changes a date to one that does not exist, one not zero-padded, one
/// that breaks an order rule (after the statement, before it), prose.
fn break_date(rng: &mut Rng, ctx: &Ctx) -> Option<Step> {
    let mut lines = split(ctx.text);
    let dates: Vec<usize> = (0..lines.len())
        .filter(|&i| {
            key_line(&lines[i]).is_some_and(|kl| {
                let value = &lines[i].as_bytes()[kl.value..];
                value.len() >= 10 && value[..4].iter().all(u8::is_ascii_digit) && value[4] == b'-'
            })
        })
        .collect::<Vec<_>>()
        .or_empty()?;
    let i = *rng.pick(&dates);
    let new = *rng.pick(&["2021-02-30", "2021-6-1", "2031-01-01", "2020-01-01", "10 June 2021"]);
    let detail = replace_value(&mut lines, i, new);
    Some(Step { detail, text: join(&lines) })
}

/// Changes `verdict:` to another verdict or one that does not exist (a
/// boolean, a capital, a string); gives a myth-buster a verdict.
fn change_verdict(rng: &mut Rng, ctx: &Ctx) -> Option<Step> {
    let mut lines = split(ctx.text);
    let new = *rng.pick(&[
        "fake",
        "false",
        "misleading",
        "baseless",
        "out-of-context",
        "maybe",
        "False",
        "true",
        "\"false\"",
        "~",
    ]);
    if let Some(&i) = key_lines_named(&lines, &["verdict"], true).first() {
        let detail = replace_value(&mut lines, i, new);
        return Some(Step { detail, text: join(&lines) });
    }
    let i = *key_lines_named(&lines, &["issuer"], true).first()?;
    lines.insert(i + 1, format!("verdict: {new}"));
    Some(Step { detail: format!("line {}: inserted `verdict: {new}`", i + 2), text: join(&lines) })
}

const FIGURES: &[&str] = &["9007199254740993", "-5", "1.5", "\"many\"", "0", "1e400", "0x10"];

/// Changes a figure to one too large to print exactly, a negative, a
/// fraction, a string; gives a record without figures one.
fn change_figure(rng: &mut Rng, ctx: &Ctx) -> Option<Step> {
    if ctx.kind != Kind::Record {
        return None;
    }
    let mut lines = split(ctx.text);
    let new = *rng.pick(FIGURES);
    let figures: Vec<usize> = match key_lines_named(&lines, &["figures"], true).first() {
        Some(&start) => (start + 1..block_end(&lines, start, 0)).filter(|&i| key_line(&lines[i]).is_some()).collect(),
        None => {
            lines.extend(["figures:".to_owned(), format!("  users: {new}")]);
            return Some(Step { detail: format!("appended `figures: {{users: {new}}}`"), text: join(&lines) });
        }
    };
    let i = *rng.pick(&figures.or_empty()?);
    let detail = replace_value(&mut lines, i, new);
    Some(Step { detail, text: join(&lines) })
}

/// Turns a text into a `|` block and adds, after its line (with a
/// placeable, if there is one), a line that Fluent reads as syntax rather
/// than text: an attribute (`.note = …`), a variant (`[one]`, `*[other]`).
/// A folded block becomes a literal one for the same end.
fn block_continuation(rng: &mut Rng, ctx: &Ctx) -> Option<Step> {
    let mut lines = split(ctx.text);
    let cont =
        *rng.pick(&[".note = see the annex", "[one] a", "*[other] b", "* a list item", "[link]: https://example.com/"]);
    let candidates: Vec<usize> = (0..lines.len())
        .filter(|&i| {
            key_line(&lines[i]).is_some_and(|kl| {
                let value = &lines[i][kl.value..];
                LANGS.contains(&kl.key) && (is_plain(value) || value.starts_with('>'))
            })
        })
        .collect::<Vec<_>>()
        .or_empty()?;
    let with_placeable: Vec<usize> = candidates.iter().copied().filter(|&i| lines[i].contains("{ $")).collect();
    let i =
        if !with_placeable.is_empty() && rng.chance(70) { *rng.pick(&with_placeable) } else { *rng.pick(&candidates) };
    let line = lines[i].clone();
    let kl = key_line(&line).unwrap();
    let pad = " ".repeat(kl.at + 2);
    let value = &line[kl.value..];
    if value.starts_with('>') {
        lines[i] = format!("{}|", &line[..kl.value]);
        lines.insert(i + 2, format!("{pad}{cont}"));
        return Some(Step {
            detail: format!(
                "line {}: `{}: {value}` made `|`, and `{cont}` inserted after its first line",
                i + 1,
                kl.key
            ),
            text: join(&lines),
        });
    }
    lines[i] = format!("{}|", &line[..kl.value]);
    lines.insert(i + 1, format!("{pad}{value}"));
    lines.insert(i + 2, format!("{pad}{cont}"));
    Some(Step {
        detail: format!("line {}: `{}` made a `|` block with the line `{cont}` added", i + 1, kl.key),
        text: join(&lines),
    })
}

/// Writes a control character into a text as a double-quoted YAML escape
/// (`"\0"`), which YAML accepts where it would refuse the raw character.
fn control_escape(rng: &mut Rng, ctx: &Ctx) -> Option<Step> {
    let mut lines = split(ctx.text);
    let escaped = *rng.pick(&["\\0", "\\x01", "\\e[2J"]);
    escape_into(rng, &mut lines, escaped)
}

fn escape_into(rng: &mut Rng, lines: &mut [String], escaped: &str) -> Option<Step> {
    let candidates: Vec<usize> = text_lines(lines)
        .into_iter()
        .filter(|&(i, at)| key_line(&lines[i]).is_some_and(|kl| kl.value == at))
        .map(|(i, _)| i)
        .collect::<Vec<_>>()
        .or_empty()?;
    let i = *rng.pick(&candidates);
    let line = lines[i].clone();
    let kl = key_line(&line).unwrap();
    let value = &line[kl.value..];
    let quoted = if value.len() >= 2 && value.starts_with('"') && value.ends_with('"') {
        let inner = &value[1..value.len() - 1];
        let at = boundary(rng, inner, 0, inner.len());
        format!("\"{}{escaped}{}\"", &inner[..at], &inner[at..])
    } else {
        let at = boundary(rng, value, 0, value.len());
        let quote = |s: &str| s.replace('\\', "\\\\").replace('"', "\\\"");
        format!("\"{}{escaped}{}\"", quote(&value[..at]), quote(&value[at..]))
    };
    lines[i] = format!("{}{quoted}", &line[..kl.value]);
    Some(Step { detail: format!("line {}: `{}` written as `{}`", i + 1, kl.key, clip(&quoted)), text: join(lines) })
}

// ---------------------------------------------------------------- Fluent

/// The id of a message (or `-term`) that line `line` starts.
fn message_id(line: &str) -> Option<&str> {
    let (id, _) = line.split_once('=')?;
    let id = id.trim_end();
    let name = id.strip_prefix('-').unwrap_or(id);
    let valid = name.starts_with(|c: char| c.is_ascii_alphabetic())
        && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    valid.then_some(id)
}

fn message_lines(lines: &[String]) -> Vec<usize> {
    (0..lines.len()).filter(|&i| message_id(&lines[i]).is_some()).collect()
}

/// The line after the message that starts at line `i`.
fn message_end(lines: &[String], i: usize) -> usize {
    let mut end = i + 1;
    while end < lines.len() && lines[end].starts_with(' ') {
        end += 1;
    }
    end
}

/// Where text may go in a message: after `= ` and after the indentation
/// of continuation lines.
fn body_positions(lines: &[String]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    for i in message_lines(lines) {
        let body = &lines[i][lines[i].find('=').unwrap() + 1..];
        out.push((i, lines[i].len() - body.trim_start().len()));
        let end = message_end(lines, i);
        out.extend(
            lines[i + 1..end]
                .iter()
                .enumerate()
                .filter(|(_, line)| !line.trim().is_empty())
                .map(|(k, line)| (i + 1 + k, indent(line))),
        );
    }
    out
}

/// Renames a message, so that the templates, tathya, or the other locale
/// ask for one that is not there.
fn rename_message(rng: &mut Rng, ctx: &Ctx) -> Option<Step> {
    let mut lines = split(ctx.text);
    let i = *rng.pick(&message_lines(&lines).or_empty()?);
    let id = message_id(&lines[i]).unwrap().to_owned();
    let new = if rng.chance(50) { near_miss(rng, &id) } else { format!("{id}-old") };
    lines[i] = format!("{new}{}", &lines[i][id.len()..]);
    Some(Step { detail: format!("line {}: message `{id}` renamed `{new}`", i + 1), text: join(&lines) })
}

/// Deletes a message with its continuation lines.
fn delete_message(rng: &mut Rng, ctx: &Ctx) -> Option<Step> {
    let mut lines = split(ctx.text);
    let i = *rng.pick(&message_lines(&lines).or_empty()?);
    let id = message_id(&lines[i]).unwrap().to_owned();
    let end = message_end(&lines, i);
    lines.drain(i..end);
    Some(Step { detail: format!("lines {}-{}: message `{id}` deleted", i + 1, end), text: join(&lines) })
}

/// A message that cannot be formatted: it references an unknown message,
/// an unknown term, an unknown function, itself, or an unknown variable;
/// or terms defined twice or in one language only (and used there). Half
/// the time it is a new message, half the time the new body of an existing
/// one (so that the message is still in both locales and only its body is
/// wrong).
fn bad_message(rng: &mut Rng, ctx: &Ctx) -> Option<Step> {
    let mut lines = split(ctx.text);
    let messages = message_lines(&lines).or_empty()?;
    let i = *rng.pick(&messages);
    if rng.chance(50) {
        let id = message_id(&lines[i]).unwrap().to_owned();
        // `TERM` uses a term defined in this locale only, just above.
        let body =
            *rng.pick(&["{ nosuch }", "{ -nosuch }", "{ FOO() }", "{ SELF }", "{ -brand }", "TERM", "{ $nosuch }"]);
        let end = message_end(&lines, i);
        let new = match body {
            "TERM" => vec!["-brand = Tathya".to_owned(), format!("{id} = {{ -brand }}")],
            _ => vec![format!("{id} = {}", body.replace("SELF", &id))],
        };
        let detail = format!("line {}: message `{id}` made `{}`", i + 1, clip(&new.join("\n")));
        lines.splice(i..end, new);
        return Some(Step { detail, text: join(&lines) });
    }
    let new = *rng.pick(&[
        "mutant-a = { nosuch }",
        "mutant-a = { -nosuch }",
        "mutant-a = { FOO() }",
        "mutant-a = { mutant-a }",
        "mutant-a = { $nosuch }",
        "-brand = Tathya\n-brand = Tathya again",
        "-brand = Tathya\nmutant-a = { -brand }",
    ]);
    let at = if rng.chance(50) { i } else { lines.len() };
    lines.insert(at, new.to_owned());
    Some(Step { detail: format!("line {}: inserted `{}`", at + 1, clip(new)), text: join(&lines) })
}

/// Adds an attribute to a message, which the other locale lacks.
fn add_attribute(rng: &mut Rng, ctx: &Ctx) -> Option<Step> {
    let mut lines = split(ctx.text);
    let i = *rng.pick(&message_lines(&lines).or_empty()?);
    let end = message_end(&lines, i);
    let attribute = *rng.pick(&["    .title = x", "    .label = { $count }"]);
    lines.insert(end, attribute.to_owned());
    let id = message_id(&lines[i]).unwrap();
    Some(Step {
        detail: format!("line {}: attribute `{}` added to `{id}`", end + 1, clip(attribute)),
        text: join(&lines),
    })
}

/// Replaces a message with a broken selector: no default variant, two
/// defaults, no variants, no closing brace.
fn broken_selector(rng: &mut Rng, ctx: &Ctx) -> Option<Step> {
    let mut lines = split(ctx.text);
    let i = *rng.pick(&message_lines(&lines).or_empty()?);
    let id = message_id(&lines[i]).unwrap().to_owned();
    let body = *rng.pick(&[
        "\n    { $n ->\n        [one] a\n    }",
        " { $n -> }",
        "\n    { $n ->\n       *[one] a\n       *[other] b\n    }",
        "\n    { $n ->\n        [one] a\n       *[other] b",
    ]);
    let end = message_end(&lines, i);
    lines.splice(i..end, [format!("{id} ={body}")]);
    Some(Step {
        detail: format!("lines {}-{}: message `{id}` made `{id} ={}`", i + 1, end, clip(body)),
        text: join(&lines),
    })
}

/// Byte ranges of `{ $name }` placeables in `line`, and the names.
fn variables(line: &str) -> Vec<(usize, usize, &str)> {
    let mut out = Vec::new();
    for (start, _) in line.match_indices("{ $") {
        let rest = &line[start + 3..];
        let len = rest.find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '-')).unwrap_or(rest.len());
        if len > 0 && rest[len..].starts_with(" }") {
            out.push((start, start + 3 + len + 2, &rest[..len]));
        }
    }
    out
}

/// Writes a variable as plain text (`{ $issuer }` → `issuer`), so that the
/// locales differ in the variables a message takes.
fn drop_variable(rng: &mut Rng, ctx: &Ctx) -> Option<Step> {
    let mut lines = split(ctx.text);
    let found: Vec<(usize, usize, usize, String)> = (0..lines.len())
        .flat_map(|i| {
            variables(&lines[i]).into_iter().map(move |(s, e, n)| (i, s, e, n.to_owned())).collect::<Vec<_>>()
        })
        .collect::<Vec<_>>()
        .or_empty()?;
    let (i, start, end, name) = rng.pick(&found).clone();
    let line = lines[i].clone();
    lines[i] = format!("{}{name}{}", &line[..start], &line[end..]);
    Some(Step { detail: format!("line {}: `{{ ${name} }}` → `{name}`", i + 1), text: join(&lines) })
}

/// Adds `{ $nosuch }` to the end of a message line.
fn unknown_variable(rng: &mut Rng, ctx: &Ctx) -> Option<Step> {
    let mut lines = split(ctx.text);
    let (i, _) = *rng.pick(&body_positions(&lines).or_empty()?);
    lines[i].push_str(" { $nosuch }");
    Some(Step { detail: format!("line {}: ` {{ $nosuch }}` appended", i + 1), text: join(&lines) })
}

// ------------------------------------------------------------- templates

/// Byte ranges of `{{ }}`, `{% %}` and `{# #}` tags in `line`, delimiters
/// included. The sample's tags never span lines.
fn tags(line: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut at = 0;
    while let Some(start) = line[at..].find('{').map(|i| at + i) {
        let close = match line.as_bytes().get(start + 1) {
            Some(b'{') => "}}",
            Some(b'%') => "%}",
            Some(b'#') => "#}",
            _ => {
                at = start + 1;
                continue;
            }
        };
        match line[start + 2..].find(close) {
            Some(j) => {
                let end = start + 2 + j + 2;
                out.push((start, end));
                at = end;
            }
            None => break,
        }
    }
    out
}

/// A random place in the text of a template, outside any tag.
fn text_position(rng: &mut Rng, lines: &[String]) -> (usize, usize) {
    let i = rng.below(lines.len());
    let line = &lines[i];
    let inside = tags(line);
    let offsets: Vec<usize> = line
        .char_indices()
        .map(|(at, _)| at)
        .chain(std::iter::once(line.len()))
        .filter(|&at| !inside.iter().any(|&(s, e)| s < at && at < e))
        .collect();
    (i, *rng.pick(&offsets))
}

/// Breaks a call of `t()`: a key in single quotes, spaces around `=`, no
/// arguments, an unknown key, the right key without its variables. In a
/// template without calls, adds one.
fn bad_t_call(rng: &mut Rng, ctx: &Ctx) -> Option<Step> {
    let mut lines = split(ctx.text);
    let mut calls = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        for (start, _) in line.match_indices("t(") {
            if start > 0 && line.as_bytes()[start - 1].is_ascii_alphanumeric() {
                continue;
            }
            let mut depth = 0;
            let mut quote = None;
            for (j, c) in line[start + 1..].char_indices() {
                match (quote, c) {
                    (Some(q), c) if c == q => quote = None,
                    (Some(_), _) => {}
                    (None, '"' | '\'') => quote = Some(c),
                    (None, '(') => depth += 1,
                    (None, ')') => {
                        depth -= 1;
                        if depth == 0 {
                            calls.push((i, start, start + 1 + j + 1));
                            break;
                        }
                    }
                    _ => {}
                }
            }
        }
    }
    if calls.is_empty() {
        let (i, at) = text_position(rng, &lines);
        let new = *rng.pick(&["{{ t(key='x') }}", "{{ t( key = \"nosuch\" ) }}", "{{ t() }}"]);
        let line = lines[i].clone();
        lines[i] = format!("{}{new}{}", &line[..at], &line[at..]);
        return Some(Step {
            detail: format!("line {} column {}: inserted `{new}`", i + 1, column(&line, at)),
            text: join(&lines),
        });
    }
    let (i, start, end) = *rng.pick(&calls);
    let line = lines[i].clone();
    let old = &line[start..end];
    let same_key = old.split(',').next().unwrap_or(old).trim_end_matches(')').to_owned() + ")";
    // Without arguments to drop, the last variant would change nothing.
    let variants: Vec<&str> = ["t(key='x')", "t( key = \"nosuch\" )", "t()", "t(key=\"nosuch\")", &same_key]
        .into_iter()
        .filter(|v| *v != old)
        .collect();
    let new = rng.pick(&variants).to_string();
    lines[i] = format!("{}{new}{}", &line[..start], &line[end..]);
    Some(Step {
        detail: format!("line {} column {}: `{old}` → `{new}`", i + 1, column(&line, start)),
        text: join(&lines),
    })
}

/// Inserts an expression that fails only with some data, or always: an
/// unknown field, an optional field without a guard (a claim in a
/// myth-buster), a filter given the wrong type, an unclosed `if`, an
/// unknown variable, a missing include, broken `t()` calls.
fn insert_expression(rng: &mut Rng, ctx: &Ctx) -> Option<Step> {
    let mut lines = split(ctx.text);
    if lines.is_empty() {
        return None;
    }
    const CLAIM: &str = "{{ statement.claim.text.md }}";
    let new = if ctx.path.contains("myth-buster") && rng.chance(40) {
        CLAIM
    } else {
        *rng.pick(&[
            "{{ statement.nosuch }}",
            CLAIM,
            "{{ statement.facts | upper }}",
            "{% if statement.claim %}",
            "{{ nosuch }}",
            "{% include \"nosuch.html\" %}",
            "{{ t(key='x') }}",
            "{{ t( key = \"nosuch\" ) }}",
            "{{ t() }}",
        ])
    };
    let (i, at) = text_position(rng, &lines);
    let line = lines[i].clone();
    lines[i] = format!("{}{new}{}", &line[..at], &line[at..]);
    Some(Step { detail: format!("line {} column {}: inserted `{new}`", i + 1, column(&line, at)), text: join(&lines) })
}

/// Deletes an `{% endif %}` or `{% endfor %}`.
fn delete_end_tag(rng: &mut Rng, ctx: &Ctx) -> Option<Step> {
    let mut lines = split(ctx.text);
    let ends: Vec<(usize, usize, usize)> = (0..lines.len())
        .flat_map(|i| {
            let line = &lines[i];
            tags(line)
                .into_iter()
                .filter(|&(s, e)| {
                    let inner = line[s + 2..e - 2].trim_matches(|c: char| c == '-' || c.is_whitespace());
                    inner == "endif" || inner == "endfor"
                })
                .map(move |(s, e)| (i, s, e))
                .collect::<Vec<_>>()
        })
        .collect::<Vec<_>>()
        .or_empty()?;
    let (i, start, end) = *rng.pick(&ends);
    let line = lines[i].clone();
    lines[i] = format!("{}{}", &line[..start], &line[end..]);
    Some(Step {
        detail: format!("line {} column {}: deleted `{}`", i + 1, column(&line, start), &line[start..end]),
        text: join(&lines),
    })
}
