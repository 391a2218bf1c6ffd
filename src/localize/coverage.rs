//! Fluent coverage: every locale has the same messages and attributes as
//! the reference locale (the site's first language), printing the same
//! variables; every message tathya or a template asks for exists; every
//! `.ftl` file parses.
//!
//! Variables used only to *select* a variant may differ: Hindi selects on
//! the issuer's grammatical gender where English has nothing to select.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use fluent_syntax::ast::{Entry, Expression, InlineExpression, Pattern, PatternElement};
use fluent_syntax::parser;

use crate::diag::Rule;
use crate::diag::{Diagnostic, Diagnostics, Location, Result};
use crate::load::{Config, Lang};
use crate::localize::Msg;
use crate::localize::fluent::{LOCALES_DIR, ftl_files, line_column};

/// A message as one locale defines it.
#[derive(Debug)]
struct Defined {
    location: Location,
    attributes: BTreeSet<String>,
    printed: BTreeSet<String>,
}

/// Checks the locales of the site at `root`.
pub fn check(root: &Path, config: &Config, findings: &mut Diagnostics) -> Result<()> {
    let mut locales: Vec<(&Lang, BTreeMap<String, Defined>)> = Vec::new();
    for lang in &config.languages {
        let files = match ftl_files(root, lang) {
            Ok(files) => files,
            Err(err) => {
                findings.take(Err::<(), _>(err))?;
                continue;
            }
        };
        let mut messages = BTreeMap::new();
        for file in files {
            let text = crate::load::read_source(root, &file)?;
            read_messages(&file, &text, &mut messages, findings);
        }
        locales.push((lang, messages));
    }
    let Some(((reference_lang, reference), others)) = locales.split_first() else { return Ok(()) };
    for (lang, messages) in others {
        compare(reference_lang, reference, lang, messages, findings);
    }
    for (lang, messages) in &locales {
        let folder = Path::new(LOCALES_DIR).join(lang.as_str());
        for id in Msg::all().into_iter().map(Msg::id).filter(|id| !messages.contains_key(id)) {
            let message = format!("tathya needs the message `{id}`, which locale `{lang}` lacks");
            findings.push(Diagnostic::new(Rule::RequiredMessage, Location::file(&folder), message));
        }
    }
    for (file, line, column, key) in crate::render::templates::message_keys(root)? {
        let (id, attribute) = key.split_once('.').map_or((key.as_str(), None), |(m, a)| (m, Some(a)));
        for (lang, messages) in &locales {
            let found = messages.get(id).is_some_and(|m| attribute.is_none_or(|a| m.attributes.contains(a)));
            if !found {
                let message = format!("the template asks for the message `{key}`, which locale `{lang}` lacks");
                findings.push(Diagnostic::new(Rule::UnknownMessage, Location::at(&file, line, column), message));
            }
        }
    }
    Ok(())
}

fn read_messages(file: &PathBuf, text: &str, messages: &mut BTreeMap<String, Defined>, findings: &mut Diagnostics) {
    let resource = match parser::parse(text) {
        Ok(resource) => resource,
        Err((resource, errors)) => {
            for error in errors {
                let (line, column) = line_column(text, error.pos.start);
                let message = format!("Fluent syntax error: {}", error.kind);
                findings.push(Diagnostic::new(Rule::FtlSyntax, Location::at(file, line, column), message));
            }
            resource
        }
    };
    let mut searched_from = 0;
    for entry in resource.body {
        let Entry::Message(message) = entry else { continue };
        let id = message.id.name;
        let offset = definition_offset(text, id, searched_from);
        searched_from = offset;
        let (line, column) = line_column(text, offset);
        let location = Location::at(file, line, column);
        let mut printed = BTreeSet::new();
        if let Some(value) = &message.value {
            printed_variables(value, &mut printed);
        }
        for attribute in &message.attributes {
            printed_variables(&attribute.value, &mut printed);
        }
        let attributes = message.attributes.iter().map(|a| a.id.name.to_owned()).collect();
        if let Some(first) = messages.get(id) {
            let text = format!("message `{id}` is defined twice (first at {})", first.location);
            findings.push(Diagnostic::new(Rule::DuplicateMessage, location, text));
            continue;
        }
        messages.insert(id.to_owned(), Defined { location, attributes, printed });
    }
}

/// Where `id = …` starts, at or after `from`.
fn definition_offset(text: &str, id: &str, from: usize) -> usize {
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let defines = line.strip_prefix(id).is_some_and(|rest| rest.trim_start().starts_with('='));
        if defines && offset >= from {
            return offset;
        }
        offset += line.len();
    }
    from
}

/// Variables printed by a pattern: placed in text or passed to a function,
/// in any variant, but not those only used to select a variant.
fn printed_variables(pattern: &Pattern<&str>, out: &mut BTreeSet<String>) {
    for element in &pattern.elements {
        if let PatternElement::Placeable { expression } = element {
            expression_variables(expression, out);
        }
    }
}

fn expression_variables(expression: &Expression<&str>, out: &mut BTreeSet<String>) {
    match expression {
        Expression::Inline(inline) => inline_variables(inline, out),
        Expression::Select { variants, .. } => {
            for variant in variants {
                printed_variables(&variant.value, out);
            }
        }
    }
}

fn inline_variables(inline: &InlineExpression<&str>, out: &mut BTreeSet<String>) {
    match inline {
        InlineExpression::VariableReference { id } => {
            out.insert(id.name.to_owned());
        }
        InlineExpression::FunctionReference { arguments, .. } => {
            for argument in &arguments.positional {
                inline_variables(argument, out);
            }
        }
        InlineExpression::Placeable { expression } => expression_variables(expression, out),
        _ => {}
    }
}

fn compare(
    reference_lang: &Lang,
    reference: &BTreeMap<String, Defined>,
    lang: &Lang,
    messages: &BTreeMap<String, Defined>,
    findings: &mut Diagnostics,
) {
    let folder = Path::new(LOCALES_DIR).join(lang.as_str());
    for (id, defined) in reference {
        let Some(other) = messages.get(id) else {
            let message = format!("message `{id}` (defined at {}) is missing in locale `{lang}`", defined.location);
            findings.push(Diagnostic::new(Rule::MessageMissing, Location::file(&folder), message));
            continue;
        };
        for attribute in defined.attributes.symmetric_difference(&other.attributes) {
            let message =
                format!("message `{id}` has the attribute `.{attribute}` in one of `{reference_lang}`, `{lang}` only");
            findings.push(Diagnostic::new(Rule::AttributeMissing, other.location.clone(), message));
        }
        if defined.printed != other.printed {
            let list = |set: &BTreeSet<String>| set.iter().map(|v| format!("${v}")).collect::<Vec<_>>().join(", ");
            let message = format!(
                "message `{id}` prints {{{}}} in `{reference_lang}` but {{{}}} in `{lang}`",
                list(&defined.printed),
                list(&other.printed)
            );
            findings.push(Diagnostic::new(Rule::VariableMismatch, other.location.clone(), message));
        }
    }
    for (id, other) in messages.iter().filter(|(id, _)| !reference.contains_key(*id)) {
        let message = format!("message `{id}` is not in the reference locale `{reference_lang}`");
        findings.push(Diagnostic::new(Rule::MessageMissing, other.location.clone(), message));
    }
}
