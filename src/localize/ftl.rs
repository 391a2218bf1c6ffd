//! The `.ftl` files of every language, read once, and everything that can
//! be known wrong in them before a page is rendered: syntax, a message or
//! term defined twice, a reference to a message, term or function that the
//! language does not have, a message that refers to itself, and the
//! coverage of the languages (every language has the messages, attributes
//! and printed variables of the first, and those tathya asks for).
//!
//! Positions come from the parser's own slices of the source: every name in
//! Fluent's syntax tree is a slice of the file it was read from.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use fluent::FluentResource;
use fluent_syntax::ast::{Entry, Pattern};

use super::Msg;
use super::fluent::FUNCTIONS;
use super::pattern::{Reference, Scanner, offset_in, parse_resource, references, variant_keys as variant_keys_of};
use crate::diag::{Diagnostic, Diagnostics, Error, Location, Result, Rule, line_column};
use crate::load::Lang;
use crate::load::theme::{self, ThemeFile};
use crate::site::LOCALES_DIR;

/// One `.ftl` file, parsed.
pub struct Ftl {
    /// Its path relative to the site root, or under the built-in folder.
    pub file: PathBuf,
    /// Whether tathya brings it: its messages are there for those a site's
    /// files do not define.
    pub built_in: bool,
    /// Its entries, shared with the language's bundle.
    pub resource: Arc<FluentResource>,
}

impl Ftl {
    /// Where each message of this file is defined.
    pub fn definitions(&self) -> Vec<(String, Location)> {
        let messages = self.resource.entries().filter_map(|entry| match entry {
            Entry::Message(m) => Some(m.id.name),
            _ => None,
        });
        messages.map(|id| (id.to_owned(), self.location(id))).collect()
    }

    /// Where the slice `part` of this file is.
    fn location(&self, part: &str) -> Location {
        let (line, column) = line_column(self.resource.source(), offset_in(self.resource.source(), part));
        Location::at(&self.file, line, column)
    }
}

/// Reads and parses the `.ftl` files of `lang`, the site's first, then the
/// built-in ones: a message the site defines replaces the built-in one.
/// Syntax errors go to `findings`. `None` when the language has neither a
/// locale folder nor built-in messages, or a file that cannot be read.
/// `named` is where tathya.yaml names the language.
pub fn read(root: &Path, lang: &Lang, named: Location, findings: &mut Diagnostics) -> Result<Option<Vec<Ftl>>> {
    let mut out = Vec::new();
    let Some(files) = findings.take(ftl_files(root, lang, named))? else { return Ok(None) };
    for file in files {
        // A language with a file that cannot be read is not compared with
        // the others: every message of that file would look missing.
        let Some(text) = findings.take(file.text(root))? else { return Ok(None) };
        let (built_in, file) = (file.is_built_in(), file.path);
        if let Some(offset) = nested_too_deep(&text) {
            let (line, column) = line_column(&text, offset);
            let message = format!("placeables and calls nest more than {MAX_FTL_DEPTH} levels deep here");
            findings.push(Diagnostic::new(Rule::TooLarge, Location::at(&file, line, column), message));
            return Ok(None);
        }
        let resource = match parse_resource(text) {
            Ok(resource) => resource,
            Err((resource, errors)) => {
                for error in errors {
                    let (line, column) = line_column(resource.source(), error.pos.start);
                    let message = format!("Fluent syntax error: {}", error.kind);
                    findings.push(Diagnostic::new(Rule::FtlSyntax, Location::at(&file, line, column), message));
                }
                resource
            }
        };
        out.push(Ftl { file, built_in, resource: Arc::new(resource) });
    }
    behind(&out, findings);
    Ok(Some(out))
}

/// Warns of each message a built-in file has that the site's file of the
/// same name, which replaces it, lacks (and no other file of the site
/// defines): the built-in message is used, untranslated by the site.
fn behind(files: &[Ftl], findings: &mut Diagnostics) {
    let (built_in, own): (Vec<&Ftl>, Vec<&Ftl>) = files.iter().partition(|ftl| ftl.built_in);
    let defined: BTreeSet<String> = own.iter().flat_map(|ftl| ftl.definitions()).map(|(id, _)| id).collect();
    for ftl in &own {
        let Some(replaced) = built_in.iter().find(|b| b.file.ends_with(&ftl.file)) else { continue };
        let lacking: Vec<String> =
            replaced.definitions().into_iter().map(|(id, _)| id).filter(|id| !defined.contains(id)).collect();
        if let Some(message) = lacking_message(&lacking, &ftl.file) {
            findings.push(Diagnostic::new(Rule::OverrideBehind, Location::file(&ftl.file), message));
        }
    }
}

/// The deepest a locale file may nest placeables and calls: twice what
/// record text may, and far more than a message needs (a selector inside a
/// placeable inside a variant is a few levels). Fluent's parser recurses
/// once a level and runs out of stack at about 2,500; the depth is counted
/// before it parses.
pub const MAX_FTL_DEPTH: usize = 32;

/// The byte of `source` where its placeables and calls first nest deeper
/// than [`MAX_FTL_DEPTH`]. The count starts again at a comment or at the
/// definition of a message or term at the start of a line: Fluent's parser
/// never carries an entry past one (it ends the entry, or fails in it and
/// starts again after it), so no depth it reaches is missed.
fn nested_too_deep(source: &str) -> Option<usize> {
    let mut scanner = Scanner::default();
    let mut start = 0;
    for line in source.split_inclusive('\n') {
        let line_start = start;
        start += line.len();
        if line.starts_with('#') {
            scanner = Scanner::default();
            continue;
        }
        if starts_entry(line) {
            scanner = Scanner::default();
        }
        for (offset, c) in line.char_indices() {
            if scanner.step(c) && scanner.depth() > MAX_FTL_DEPTH {
                return Some(line_start + offset);
            }
        }
    }
    None
}

/// Whether `line` defines a message or term: `name =` or `-name =`.
fn starts_entry(line: &str) -> bool {
    let name = line.strip_prefix('-').unwrap_or(line);
    let length = name.bytes().take_while(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-')).count();
    name.starts_with(|c: char| c.is_ascii_alphabetic()) && name[length..].trim_start_matches(' ').starts_with('=')
}

/// What [`behind`] says of the `lacking` messages of `file`, naming the
/// first few.
fn lacking_message(lacking: &[String], file: &Path) -> Option<String> {
    const NAMED: usize = 5;
    let (first, rest) = lacking.split_at(lacking.len().min(NAMED));
    let mut names = first.iter().map(|id| format!("`{id}`")).collect::<Vec<_>>().join(", ");
    if !rest.is_empty() {
        names.push_str(&format!(" and {} more", rest.len()));
    }
    let count = match lacking.len() {
        0 => return None,
        1 => "a message".to_owned(),
        n => format!("{n} messages"),
    };
    Some(format!(
        "this file replaces tathya's built-in {} but lacks {count} of it, shown from the built-in file until you add yours: {names}",
        file.display()
    ))
}

/// The `.ftl` files of `lang`: the site's, sorted, then the built-in ones;
/// a language with neither is reported where tathya.yaml names it
/// (`named`).
pub fn ftl_files(root: &Path, lang: &Lang, named: Location) -> Result<Vec<ThemeFile>> {
    let relative = Path::new(LOCALES_DIR).join(lang.as_str());
    let built_in = theme::built_in(&relative);
    if !root.join(&relative).is_dir() && built_in.is_empty() {
        return Err(Error::content(
            Rule::MissingLocale,
            named,
            format!("language `{lang}` is listed here but has no folder {} of messages", relative.display()),
        ));
    }
    let own = theme::files(root, &relative)?.into_iter().filter(|file| !file.is_built_in());
    let is_ftl = |file: &ThemeFile| file.name.extension().is_some_and(|e| e == "ftl");
    Ok(own.chain(built_in).filter(is_ftl).collect())
}

/// A message or term as a language defines it first.
struct Defined<'a> {
    ftl: &'a Ftl,
    id: &'a str,
    value: Option<&'a Pattern<&'a str>>,
    attributes: BTreeMap<&'a str, &'a Pattern<&'a str>>,
}

impl Defined<'_> {
    fn location(&self) -> Location {
        self.ftl.location(self.id)
    }

    fn patterns(&self) -> impl Iterator<Item = &Pattern<&str>> {
        self.value.into_iter().chain(self.attributes.values().copied())
    }

    /// The variables it prints, not those it only selects on: Hindi selects
    /// on the issuer's gender where English has nothing to select.
    fn printed(&self) -> BTreeSet<&str> {
        let mut out = BTreeSet::new();
        for pattern in self.patterns() {
            for reference in references(pattern) {
                if let Reference::Variable { name, printed: true } = reference {
                    out.insert(name);
                }
            }
        }
        out
    }
}

/// A language's messages and terms (terms by their name with the `-`).
struct Catalogue<'a> {
    lang: &'a Lang,
    entries: BTreeMap<String, Defined<'a>>,
}

impl<'a> Catalogue<'a> {
    /// The catalogue of `files`: the first definition of each name, which is
    /// the one the bundle keeps. A second one is a duplicate: the bundle
    /// says so when its resource is added, and [`duplicates`] reports it.
    fn of(lang: &'a Lang, files: &'a [Ftl]) -> Self {
        let mut entries = BTreeMap::new();
        for ftl in files {
            for entry in ftl.resource.entries() {
                let (name, defined) = match entry {
                    Entry::Message(m) => {
                        (m.id.name.to_owned(), defined(ftl, m.id.name, m.value.as_ref(), &m.attributes))
                    }
                    Entry::Term(t) => {
                        (format!("-{}", t.id.name), defined(ftl, t.id.name, Some(&t.value), &t.attributes))
                    }
                    _ => continue,
                };
                entries.entry(name).or_insert(defined);
            }
        }
        Catalogue { lang, entries }
    }

    fn messages(&self) -> impl Iterator<Item = (&String, &Defined<'a>)> {
        self.entries.iter().filter(|(name, _)| !name.starts_with('-'))
    }
}

fn defined<'a>(
    ftl: &'a Ftl,
    id: &'a str,
    value: Option<&'a Pattern<&'a str>>,
    attributes: &'a [fluent_syntax::ast::Attribute<&'a str>],
) -> Defined<'a> {
    let attributes = attributes.iter().map(|a| (a.id.name, &a.value)).collect();
    Defined { ftl, id, value, attributes }
}

/// Reports the duplicates the bundle refused while `ftl` was added to it,
/// each at the definition it refused: in `ftl`, the first definition of the
/// name there unless that one is the name's first in the language. (A
/// bundle keeps messages and terms under one name: `brand` and `-brand`
/// clash.)
pub fn duplicates(ftl: &Ftl, refused: &[fluent::FluentError], earlier: &[Ftl], findings: &mut Diagnostics) {
    for error in refused {
        let fluent::FluentError::Overriding { id, .. } = error else { continue };
        let named = |entry: &&Entry<&str>| entry_id(entry).is_some_and(|(name, _)| name == id);
        let first_before = earlier.iter().find_map(|e| e.resource.entries().find(named).and_then(entry_id));
        let mut here = ftl.resource.entries().filter(named).filter_map(entry_id);
        let (kept, refused) = match first_before {
            Some(kept) => (Some(kept), here.next()),
            None => (here.next(), here.next()),
        };
        let (Some((_, kept_is_term)), Some((name, is_term))) = (kept, refused) else { continue };
        let kind = |term: bool| if term { "term" } else { "message" };
        let shown = if is_term { format!("-{name}") } else { name.to_owned() };
        let message = if kept_is_term == is_term {
            format!("{} `{shown}` is defined twice in this language", kind(is_term))
        } else {
            format!(
                "{} `{shown}` has the name of a {} of this language; Fluent keeps both under one name",
                kind(is_term),
                kind(kept_is_term)
            )
        };
        findings.push(Diagnostic::new(Rule::DuplicateMessage, ftl.location(name), message));
    }
}

/// The name of a message or term, and whether it is a term.
fn entry_id<'s>(entry: &Entry<&'s str>) -> Option<(&'s str, bool)> {
    match entry {
        Entry::Message(m) => Some((m.id.name, false)),
        Entry::Term(t) => Some((t.id.name, true)),
        _ => None,
    }
}

/// The first message or term of `files` that uses the variable `name`, with
/// where it does.
pub fn first_use(files: &[Ftl], name: &str) -> Option<(String, Location)> {
    for ftl in files {
        for entry in ftl.resource.entries() {
            let (id, value, attributes) = match entry {
                Entry::Message(m) => (m.id.name, m.value.as_ref(), &m.attributes),
                Entry::Term(t) => (t.id.name, Some(&t.value), &t.attributes),
                _ => continue,
            };
            let patterns = value.into_iter().chain(attributes.iter().map(|a| &a.value));
            for reference in patterns.flat_map(references) {
                if let Reference::Variable { name: used, .. } = reference
                    && used == name
                {
                    return Some((id.to_owned(), ftl.location(used)));
                }
            }
        }
    }
    None
}

/// Every value the messages and terms of `files` tell the variable `name`
/// apart by, in their select expressions (`[masculine]`, `*[feminine]`).
pub fn variant_keys(files: &[Ftl], name: &str) -> BTreeSet<String> {
    let mut keys = BTreeSet::new();
    for ftl in files {
        for entry in ftl.resource.entries() {
            let (value, attributes) = match entry {
                Entry::Message(m) => (m.value.as_ref(), &m.attributes),
                Entry::Term(t) => (Some(&t.value), &t.attributes),
                _ => continue,
            };
            for pattern in value.into_iter().chain(attributes.iter().map(|a| &a.value)) {
                keys.extend(variant_keys_of(pattern, name).into_iter().map(str::to_owned));
            }
        }
    }
    keys
}

/// The checks of every language's files that need no page: references,
/// cycles and coverage.
pub fn check(locales: &[(&Lang, Vec<Ftl>)], findings: &mut Diagnostics) {
    let catalogues: Vec<Catalogue> = locales.iter().map(|(lang, files)| Catalogue::of(lang, files)).collect();
    for catalogue in &catalogues {
        check_references(catalogue, findings);
        check_cycles(catalogue, findings);
        check_required(catalogue, findings);
    }
    if let Some((reference, others)) = catalogues.split_first() {
        for other in others {
            compare(reference, other, findings);
        }
    }
}

/// Every message, term and function a definition refers to exists.
fn check_references(catalogue: &Catalogue, findings: &mut Diagnostics) {
    let lang = catalogue.lang;
    for defined in catalogue.entries.values() {
        for reference in defined.patterns().flat_map(references) {
            let missing = match reference {
                Reference::Variable { .. } => None,
                Reference::Function { name } => (!FUNCTIONS.contains(&name)).then(|| {
                    format!("the function `{name}`, which tathya does not have (it has {})", FUNCTIONS.join(", "))
                }),
                Reference::Message { name, attribute } => missing(catalogue, name.to_owned(), attribute, "message"),
                Reference::Term { name, attribute } => missing(catalogue, format!("-{name}"), attribute, "term"),
            };
            if let Some(message) = missing {
                let message = format!("`{}` in locale `{lang}` refers to {message}", defined.id);
                findings.push(Diagnostic::new(Rule::UnknownReference, defined.ftl.location(reference.name()), message));
            }
        }
    }
}

fn missing(catalogue: &Catalogue, name: String, attribute: Option<&str>, what: &str) -> Option<String> {
    let Some(target) = catalogue.entries.get(&name) else {
        return Some(format!("the {what} `{name}`, which it does not define"));
    };
    let attribute = attribute.filter(|a| !target.attributes.contains_key(a))?;
    Some(format!("the attribute `{name}.{attribute}`, which it does not define"))
}

/// No message or term refers to itself, directly or through others.
fn check_cycles(catalogue: &Catalogue, findings: &mut Diagnostics) {
    // For each name, the names it refers to, with the slice that does.
    let edges: BTreeMap<&str, Vec<(String, &str)>> = catalogue
        .entries
        .iter()
        .map(|(name, defined)| {
            let targets = defined
                .patterns()
                .flat_map(references)
                .filter_map(|reference| match reference {
                    Reference::Message { name, .. } => Some((name.to_owned(), name)),
                    Reference::Term { name, .. } => Some((format!("-{name}"), name)),
                    _ => None,
                })
                .collect();
            (name.as_str(), targets)
        })
        .collect();
    let mut reported = BTreeSet::new();
    for (start, defined) in &catalogue.entries {
        let Some(cycle) = find_cycle(&edges, start) else { continue };
        // A cycle is reported once, from its first name.
        if !reported.insert(cycle.iter().copied().collect::<BTreeSet<&str>>()) {
            continue;
        }
        let next = cycle.get(1).copied().unwrap_or_default();
        let via = edges.get(start.as_str()).and_then(|targets| targets.iter().find(|(target, _)| target == next));
        let location = via.map_or_else(|| defined.location(), |(_, slice)| defined.ftl.location(slice));
        let message = format!("`{start}` refers to itself: {}", cycle.join(" → "));
        findings.push(Diagnostic::new(Rule::SelfReference, location, message));
    }
}

/// A path of references from `start` back to it, if there is one.
fn find_cycle<'e>(edges: &'e BTreeMap<&str, Vec<(String, &str)>>, start: &'e str) -> Option<Vec<&'e str>> {
    let mut seen = BTreeSet::new();
    // Each stack entry: a name on the path and the index of its next target.
    let mut path: Vec<(&str, usize)> = vec![(start, 0)];
    while let Some((name, next)) = path.last_mut() {
        let Some((target, _)) = edges.get(*name).and_then(|targets| targets.get(*next)) else {
            path.pop();
            continue;
        };
        *next += 1;
        if target == start {
            let mut cycle: Vec<&str> = path.iter().map(|(name, _)| *name).collect();
            cycle.push(start);
            return Some(cycle);
        }
        if let Some((known, _)) = edges.get_key_value(target.as_str())
            && seen.insert(*known)
        {
            path.push((known, 0));
        }
    }
    None
}

/// The messages tathya asks for by name are there.
fn check_required(catalogue: &Catalogue, findings: &mut Diagnostics) {
    let folder = Path::new(LOCALES_DIR).join(catalogue.lang.as_str());
    for id in Msg::all().into_iter().map(Msg::id) {
        if catalogue.entries.get(&id).is_none_or(|m| m.value.is_none()) {
            let message =
                format!("tathya needs the message `{id}`, with a value, which locale `{}` lacks", catalogue.lang);
            findings.push(Diagnostic::new(Rule::RequiredMessage, Location::file(&folder), message));
        }
    }
}

/// `other` has the messages of `reference`, with the same attributes and
/// printing the same variables, and no others.
fn compare(reference: &Catalogue, other: &Catalogue, findings: &mut Diagnostics) {
    let (first, lang) = (reference.lang, other.lang);
    for (id, defined) in reference.messages() {
        let Some(theirs) = other.entries.get(id) else {
            let message = format!("message `{id}` of locale `{first}` is missing in locale `{lang}`");
            findings.push(Diagnostic::new(Rule::MessageMissing, defined.location(), message));
            continue;
        };
        let ours: BTreeSet<&str> = defined.attributes.keys().copied().collect();
        let their: BTreeSet<&str> = theirs.attributes.keys().copied().collect();
        for attribute in ours.symmetric_difference(&their) {
            let message = format!("message `{id}` has the attribute `.{attribute}` in one of `{first}`, `{lang}` only");
            findings.push(Diagnostic::new(Rule::AttributeMissing, theirs.location(), message));
        }
        let (printed, their_printed) = (defined.printed(), theirs.printed());
        if printed != their_printed {
            let list = |set: &BTreeSet<&str>| set.iter().map(|v| format!("${v}")).collect::<Vec<_>>().join(", ");
            let message = format!(
                "message `{id}` prints {{{}}} in `{first}` but {{{}}} in `{lang}`",
                list(&printed),
                list(&their_printed)
            );
            findings.push(Diagnostic::new(Rule::VariableMismatch, theirs.location(), message));
        }
    }
    for (id, theirs) in other.messages().filter(|(id, _)| !reference.entries.contains_key(*id)) {
        let message = format!("message `{id}` is not in the reference locale `{first}`");
        findings.push(Diagnostic::new(Rule::MessageMissing, theirs.location(), message));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn deep(depth: usize) -> String {
        format!("{}$n{}", "{ ".repeat(depth), " }".repeat(depth))
    }

    #[test]
    fn nesting_is_counted_within_an_entry() {
        assert_eq!(nested_too_deep(&format!("a = {}\n", deep(MAX_FTL_DEPTH))), None);
        let source = format!("a = x\nb = {}\n", deep(MAX_FTL_DEPTH + 1));
        assert_eq!(nested_too_deep(&source), Some("a = x\nb = ".len() + 2 * MAX_FTL_DEPTH));
        // Over several lines, even those that start with a name.
        let lines = format!("a = {{\n{}", "F({\n".repeat(20));
        assert!(nested_too_deep(&lines).is_some());
        let variants = format!("a = {{ $n ->\n    *[other] \" {}\n}}\n", "{ ".repeat(40));
        assert!(nested_too_deep(&variants).is_some());
    }

    #[test]
    fn comments_and_new_entries_start_the_count_again() {
        let comment = format!("# {}\na = b\n", "{ ".repeat(100));
        assert_eq!(nested_too_deep(&comment), None);
        let broken = "a = {\n".repeat(100);
        assert_eq!(nested_too_deep(&broken), None);
        assert_eq!(nested_too_deep(&"-term = { -t(\n".repeat(100)), None);
        assert!(starts_entry("a-b_1 = x") && starts_entry("-t= x") && !starts_entry("F(") && !starts_entry(" a = x"));
    }
}
