//! Fluent patterns as Fluent's own parser reads them: what a pattern refers
//! to ([`references`]), and record text read as a pattern ([`TextPattern`]).
//!
//! Record text is a Fluent pattern when it has a `{`: `{ $users }` prints a
//! figure, `{ $n -> … }` selects on one. It is parsed once, by the parser
//! the bundles use, as the value of a message; every error is reported at
//! the byte of the text where it is. Record text may use figures, literals,
//! selectors and the number functions, never a message or a term of the
//! locales (which would make a record's words depend on a translator's).
//! What it prints is what it says: a literal holds no character a value may
//! not hold and a number only as exact as a figure, and a number function
//! gets one number and no option it would ignore.

use fluent::FluentResource;
use fluent_syntax::ast::{CallArguments, Entry, Expression, InlineExpression, Pattern, PatternElement, VariantKey};
use fluent_syntax::parser::{ErrorKind, ParserError};

use super::fluent::FUNCTIONS;
use crate::diag::Rule;
use crate::load::record::Figure;
use crate::load::yaml::typed::{hostile_message, is_hostile};

/// Something a pattern refers to, by the name as it is written in the source.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reference<'s> {
    /// `$name`.
    Variable {
        /// The name, without `$`.
        name: &'s str,
        /// Printed, not only used to select a variant.
        printed: bool,
    },
    /// `message` or `message.attribute`.
    Message {
        /// The message's id.
        name: &'s str,
        /// The attribute, if one is named.
        attribute: Option<&'s str>,
    },
    /// `-term` or `-term.attribute`.
    Term {
        /// The term's id without its `-`.
        name: &'s str,
        /// The attribute, if one is named.
        attribute: Option<&'s str>,
    },
    /// `FUNCTION(…)`.
    Function {
        /// The function's name.
        name: &'s str,
    },
}

impl<'s> Reference<'s> {
    /// The name as it stands in the source, to find its place.
    pub fn name(&self) -> &'s str {
        match *self {
            Reference::Variable { name, .. }
            | Reference::Message { name, .. }
            | Reference::Term { name, .. }
            | Reference::Function { name } => name,
        }
    }
}

/// Everything `pattern` refers to, in the order written.
pub fn references<'s>(pattern: &Pattern<&'s str>) -> Vec<Reference<'s>> {
    parts(pattern)
        .into_iter()
        .filter_map(|part| match part {
            Part::Inline(InlineExpression::VariableReference { id }, printed) => {
                Some(Reference::Variable { name: id.name, printed })
            }
            Part::Inline(InlineExpression::MessageReference { id, attribute }, _) => {
                Some(Reference::Message { name: id.name, attribute: attribute.as_ref().map(|a| a.name) })
            }
            Part::Inline(InlineExpression::TermReference { id, attribute, .. }, _) => {
                Some(Reference::Term { name: id.name, attribute: attribute.as_ref().map(|a| a.name) })
            }
            Part::Inline(InlineExpression::FunctionReference { id, .. }, _) => {
                Some(Reference::Function { name: id.name })
            }
            _ => None,
        })
        .collect()
}

/// A part of a pattern's placeables: an inline expression, with whether it
/// is printed (not only selected on), or a variant's key.
#[derive(Debug, Clone, Copy)]
enum Part<'p, 's> {
    Inline(&'p InlineExpression<&'s str>, bool),
    Key(&'p VariantKey<&'s str>),
}

/// Every part of `pattern`'s placeables, in the order written: an
/// expression before those it holds (a call's arguments, a selector's
/// variants).
fn parts<'p, 's>(pattern: &'p Pattern<&'s str>) -> Vec<Part<'p, 's>> {
    let mut out = Vec::new();
    walk_pattern(pattern, &mut out);
    out
}

fn walk_pattern<'p, 's>(pattern: &'p Pattern<&'s str>, out: &mut Vec<Part<'p, 's>>) {
    for element in &pattern.elements {
        if let PatternElement::Placeable { expression } = element {
            walk_expression(expression, out);
        }
    }
}

fn walk_expression<'p, 's>(expression: &'p Expression<&'s str>, out: &mut Vec<Part<'p, 's>>) {
    match expression {
        Expression::Inline(inline) => walk_inline(inline, true, out),
        Expression::Select { selector, variants } => {
            walk_inline(selector, false, out);
            for variant in variants {
                out.push(Part::Key(&variant.key));
                walk_pattern(&variant.value, out);
            }
        }
    }
}

fn walk_inline<'p, 's>(inline: &'p InlineExpression<&'s str>, printed: bool, out: &mut Vec<Part<'p, 's>>) {
    out.push(Part::Inline(inline, printed));
    let arguments = match inline {
        InlineExpression::FunctionReference { arguments, .. } => Some(arguments),
        InlineExpression::TermReference { arguments, .. } => arguments.as_ref(),
        InlineExpression::Placeable { expression } => return walk_expression(expression, out),
        _ => None,
    };
    for argument in arguments.iter().flat_map(|a| a.positional.iter().chain(a.named.iter().map(|n| &n.value))) {
        walk_inline(argument, printed, out);
    }
}

/// The keys of the variants that `pattern` selects on `$variable` with:
/// the values that variable is told apart by (`masculine`, `feminine`).
pub fn variant_keys<'s>(pattern: &Pattern<&'s str>, variable: &str) -> Vec<&'s str> {
    let mut out = Vec::new();
    keys_in_pattern(pattern, variable, &mut out);
    out
}

fn keys_in_pattern<'s>(pattern: &Pattern<&'s str>, variable: &str, out: &mut Vec<&'s str>) {
    for element in &pattern.elements {
        if let PatternElement::Placeable { expression } = element {
            keys_in_expression(expression, variable, out);
        }
    }
}

fn keys_in_expression<'s>(expression: &Expression<&'s str>, variable: &str, out: &mut Vec<&'s str>) {
    match expression {
        Expression::Inline(InlineExpression::Placeable { expression }) => keys_in_expression(expression, variable, out),
        Expression::Inline(_) => {}
        Expression::Select { selector, variants } => {
            if matches!(selector, InlineExpression::VariableReference { id } if id.name == variable) {
                out.extend(variants.iter().map(|variant| match &variant.key {
                    VariantKey::Identifier { name } => *name,
                    VariantKey::NumberLiteral { value } => *value,
                }));
            }
            for variant in variants {
                keys_in_pattern(&variant.value, variable, out);
            }
        }
    }
}

/// Where `part`, a slice of `source` as the parser hands them out, starts in it.
pub fn offset_in(source: &str, part: &str) -> usize {
    let start = source.as_ptr() as usize;
    (part.as_ptr() as usize).checked_sub(start).filter(|offset| *offset <= source.len()).unwrap_or(0)
}

/// Reads Fluent source a character at a time and tells placeables from
/// text as Fluent's parser does: inside a placeable a string literal
/// (`"…"`, with `\` escapes) may hold braces, and the variants of a select
/// expression are text again, where `"` is only a character.
#[derive(Debug, Default)]
pub struct Scanner {
    /// The placeables and variants open, innermost last.
    frames: Vec<Frame>,
    /// Inside a string literal; `escaped` after its `\`.
    literal: bool,
    escaped: bool,
    /// Nothing but blanks since the last line break.
    line_start: bool,
    previous: char,
}

#[derive(Debug, Clone, Copy)]
enum Frame {
    /// Inside `{ … }`: an expression with `calls` parentheses open, a
    /// select expression once `->` is read, inside a variant's `[key]`.
    Expression { calls: usize, select: bool, key: bool },
    /// The text of a variant.
    Variant,
}

const EXPRESSION: Frame = Frame::Expression { calls: 0, select: false, key: false };

impl Scanner {
    /// Reads `c`; whether it belongs to a placeable, its braces included.
    pub fn step(&mut self, c: char) -> bool {
        let line_start = self.line_start;
        self.line_start = c == '\n' || (line_start && c == ' ');
        let previous = std::mem::replace(&mut self.previous, c);
        if self.literal {
            // A literal ends at its line's end, where Fluent refuses it.
            match (self.escaped, c) {
                (_, '\n') => (self.literal, self.escaped) = (false, false),
                (true, _) => self.escaped = false,
                (false, '\\') => self.escaped = true,
                (false, '"') => self.literal = false,
                (false, _) => {}
            }
            return true;
        }
        match self.frames.last() {
            None if c == '{' => self.frames.push(EXPRESSION),
            None => return false,
            // A variant's text ends where the next variant or the closing brace starts.
            Some(Frame::Variant) if c == '}' || (line_start && matches!(c, '[' | '*')) => {
                self.frames.pop();
                self.expression(c, previous);
            }
            Some(Frame::Variant) if c == '{' => self.frames.push(EXPRESSION),
            Some(Frame::Variant) => {}
            Some(Frame::Expression { .. }) => self.expression(c, previous),
        }
        true
    }

    /// How deep the placeables and the calls in them are nested after the
    /// last character read: Fluent's parser recurses once for each.
    pub fn depth(&self) -> usize {
        let level = |frame: &Frame| match frame {
            Frame::Expression { calls, .. } => 1 + calls,
            Frame::Variant => 0,
        };
        self.frames.iter().map(level).sum()
    }

    /// Reads `c` inside an expression.
    fn expression(&mut self, c: char, previous: char) {
        let Some(Frame::Expression { calls, select, key }) = self.frames.last_mut() else { return };
        match c {
            '"' => self.literal = true,
            '(' => *calls += 1,
            ')' => *calls = calls.saturating_sub(1),
            '>' if previous == '-' => *select = true,
            '[' if *select => *key = true,
            ']' if *key => {
                *key = false;
                self.frames.push(Frame::Variant);
            }
            '{' => self.frames.push(EXPRESSION),
            '}' => {
                self.frames.pop();
            }
            _ => {}
        }
    }
}

/// A problem in record text: what, the byte of the text where it is, and
/// the rule it breaks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextError {
    /// The byte offset in the text.
    pub offset: usize,
    /// What is wrong, in one sentence.
    pub message: String,
    /// T052 for bad Fluent in text, T014 for text beyond tathya's limits.
    pub rule: Rule,
}

impl TextError {
    /// Bad Fluent in text (T052) at `offset`.
    pub fn new(offset: usize, message: impl Into<String>) -> Self {
        TextError { offset, message: message.into(), rule: Rule::BadTextPattern }
    }
}

/// The deepest record text may nest placeables and calls (`{ { … } }`,
/// `NUMBER(…)`): a figure in a selector in a placeable is three. Fluent's
/// parser recurses once a level and runs out of stack at about 2,500, so
/// the depth is counted before it parses.
pub const MAX_TEXT_DEPTH: usize = 16;

/// The byte of `text` where its placeables and calls first nest deeper than
/// `max`, as [`Scanner`] reads them.
pub fn nested_deeper(text: &str, max: usize) -> Option<usize> {
    // Only a `{` opens a level and only a `(` adds one: a text with no more
    // of them than `max` cannot nest deeper, and most texts have one or two.
    if text.bytes().filter(|byte| matches!(byte, b'{' | b'(')).count() <= max {
        return None;
    }
    let mut scanner = Scanner::default();
    text.char_indices().find(|(_, c)| scanner.step(*c) && scanner.depth() > max).map(|(offset, _)| offset)
}

/// The characters a string literal stands for, each with the byte of the
/// literal where it is written and the text that writes it: itself, or an
/// escape. `None` for an escape that names no character (`\uD800`,
/// `\UFFFFFF`), which Fluent prints as U+FFFD. Fluent's parser refuses
/// other escapes than `\\`, `\"`, `\u` and four hex digits, `\U` and six.
fn literal_chars(literal: &str) -> impl Iterator<Item = (usize, &str, Option<char>)> {
    let mut chars = literal.char_indices().peekable();
    std::iter::from_fn(move || {
        let (at, c) = chars.next()?;
        if c == '\\' {
            let (_, kind) = chars.next()?;
            let digits = match kind {
                'u' => 4,
                'U' => 6,
                _ => 0,
            };
            let hex: String = chars.by_ref().take(digits).map(|(_, c)| c).collect();
            let end = chars.peek().map_or(literal.len(), |(end, _)| *end);
            let named =
                if digits == 0 { Some(kind) } else { u32::from_str_radix(&hex, 16).ok().and_then(char::from_u32) };
            return Some((at, &literal[at..end], named));
        }
        Some((at, &literal[at..at + c.len_utf8()], Some(c)))
    })
}

/// Parses `source` as [`FluentResource::try_new`] does, without its panic.
///
/// Fluent's parser (fluent-syntax 0.12) panics on an escape in a string
/// literal cut short by a character of more than one byte, as `"\uी"`:
/// to quote the escape in its error it slices one byte past where it
/// stopped. So every such place is first masked with as many `x` as the
/// character has bytes, which the parser reads the same way (as text or as
/// part of a literal, never as syntax) and with the same offsets. The
/// places it then refuses are the escapes in literals; the rest are text,
/// which the parser never slices there. The source is parsed again with
/// only the refused places masked: they lie in entries it keeps as junk,
/// and each error quotes the character the source has.
pub fn parse_resource(source: String) -> Result<FluentResource, (FluentResource, Vec<ParserError>)> {
    let cut_short = escapes_cut_short(&source);
    if cut_short.is_empty() {
        return FluentResource::try_new(source);
    }
    let Err((_, errors)) = FluentResource::try_new(masked(&source, &cut_short)) else {
        return FluentResource::try_new(source);
    };
    let refused: Vec<usize> = cut_short.into_iter().filter(|at| errors.iter().any(|e| e.pos.start == *at)).collect();
    let quoted = |mut error: ParserError| {
        if let ErrorKind::InvalidUnicodeEscapeSequence(seq) = &error.kind
            && refused.contains(&error.pos.start)
        {
            let start = error.pos.start + 1 - seq.len();
            let end = error.pos.start + source[error.pos.start..].chars().next().map_or(0, char::len_utf8);
            error.kind = ErrorKind::InvalidUnicodeEscapeSequence(source[start..end].to_owned());
        }
        error
    };
    let errors: Vec<ParserError> = errors.into_iter().map(quoted).collect();
    match FluentResource::try_new(masked(&source, &refused)) {
        Ok(resource) | Err((resource, _)) => Err((resource, errors)),
    }
}

/// The bytes of `source` where a `\u` or `\U` and fewer hex digits than
/// the escape needs are followed by a character of more than one byte.
fn escapes_cut_short(source: &str) -> Vec<usize> {
    let bytes = source.as_bytes();
    let mut out = Vec::new();
    for (at, _) in source.match_indices('\\') {
        let digits = match bytes.get(at + 1) {
            Some(b'u') => 4,
            Some(b'U') => 6,
            _ => continue,
        };
        let hex = bytes[at + 2..].iter().take(digits).take_while(|b| b.is_ascii_hexdigit()).count();
        let next = at + 2 + hex;
        if hex < digits && bytes.get(next).is_some_and(|b| !b.is_ascii()) {
            out.push(next);
        }
    }
    out
}

/// `source` with the character at each of `places` written as `x`s, one a byte.
fn masked(source: &str, places: &[usize]) -> String {
    let mut out = source.to_owned();
    for &at in places {
        let width = source[at..].chars().next().map_or(0, char::len_utf8);
        out.replace_range(at..at + width, &"x".repeat(width));
    }
    out
}

/// How a literal `{` is written in record text.
pub const LITERAL_BRACE: &str = "{\"{\"}";

/// Record text read as a Fluent pattern: the value of a message made of it.
pub struct TextPattern {
    resource: FluentResource,
    /// Where each line of the text starts: in the message source, in the text.
    lines: Vec<(usize, usize)>,
}

impl std::fmt::Debug for TextPattern {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TextPattern").field("source", &self.resource.source()).finish()
    }
}

/// What a message made of record text starts with.
const PREFIX: &str = "text = ";
/// What a continuation line of it starts with.
const INDENT: &str = "\n    ";

impl TextPattern {
    /// `text` as a pattern; `None` when it has no `{` and so is printed as
    /// it is, whatever Fluent would make of it.
    pub fn parse(text: &str) -> Result<Option<TextPattern>, TextError> {
        if !text.contains('{') {
            return Ok(None);
        }
        if let Some(offset) = nested_deeper(text, MAX_TEXT_DEPTH) {
            let message = format!(
                "placeables nest more than {MAX_TEXT_DEPTH} levels deep here; write a literal brace as {LITERAL_BRACE}"
            );
            return Err(TextError { offset, message, rule: Rule::TooLarge });
        }
        let mut source = String::from(PREFIX);
        let mut lines = Vec::new();
        let mut in_text = 0;
        for (i, line) in text.split('\n').enumerate() {
            if i > 0 {
                source.push_str(INDENT);
            }
            lines.push((source.len(), in_text));
            source.push_str(line);
            in_text += line.len() + 1;
        }
        source.push('\n');
        let pattern = match parse_resource(source) {
            Ok(resource) => TextPattern { resource, lines },
            Err((resource, errors)) => {
                let pattern = TextPattern { resource, lines };
                let first = errors.first().map(|e| (e.pos.start, e.kind.to_string())).unwrap_or_default();
                let message = format!(
                    "the text is not a valid Fluent pattern ({}); write a literal brace as {LITERAL_BRACE}",
                    first.1
                );
                return Err(TextError::new(pattern.text_offset(first.0), message));
            }
        };
        pattern.validate(text)?;
        Ok(Some(pattern))
    }

    /// The pattern, as the bundles format it.
    pub fn pattern(&self) -> Option<&Pattern<&str>> {
        match self.resource.get_entry(0) {
            Some(Entry::Message(message)) => message.value.as_ref(),
            _ => None,
        }
    }

    /// The figures the text uses, each with the byte offset of its name in
    /// the text.
    pub fn variables(&self) -> Vec<(&str, usize)> {
        let Some(pattern) = self.pattern() else { return Vec::new() };
        references(pattern)
            .into_iter()
            .filter_map(|reference| match reference {
                Reference::Variable { name, .. } => Some((name, self.offset_of(name))),
                _ => None,
            })
            .collect()
    }

    /// What the text may not hold even though Fluent reads it: text that
    /// Fluent would not print as written ([`TextPattern::lost_text`]),
    /// messages and terms of the locales, functions tathya does not have,
    /// and placeables that would not print as written ([`TextPattern::refused`]).
    fn validate(&self, text: &str) -> Result<(), TextError> {
        let entries: Vec<&Entry<&str>> = self.resource.entries().collect();
        let Some(Entry::Message(message)) = entries.first() else {
            return Err(TextError::new(0, "the text is empty as a Fluent pattern"));
        };
        if let Some(offset) = self.lost_text(text) {
            let message = match text[offset..].chars().next() {
                Some(c) => format!(
                    "Fluent would not print the text from here as it is written (a line that starts with `.`, `[` or `*` is Fluent's own syntax); write `{c}` as {{\"{c}\"}}"
                ),
                None => "Fluent would print text that is not in the text".to_owned(),
            };
            return Err(TextError::new(offset, message));
        }
        if message.value.is_none() || !message.attributes.is_empty() || entries.len() > 1 {
            return Err(TextError::new(0, "the text is not one Fluent pattern"));
        }
        let parts = self.pattern().map(parts).unwrap_or_default();
        match parts.into_iter().find_map(|part| self.refused(part)) {
            Some(error) => Err(error),
            None => Ok(()),
        }
    }

    /// Why record text may not hold `part`, if it may not: a message or a
    /// term of the locales, a call that tathya would not print as written,
    /// or a literal that would print otherwise than it is written.
    fn refused(&self, part: Part<'_, '_>) -> Option<TextError> {
        let inline = match part {
            Part::Key(VariantKey::NumberLiteral { value }) => return self.inexact(value),
            Part::Key(VariantKey::Identifier { .. }) => return None,
            Part::Inline(inline, _) => inline,
        };
        match inline {
            InlineExpression::NumberLiteral { value } => self.inexact(value),
            InlineExpression::StringLiteral { value } => self.unprintable(value),
            InlineExpression::FunctionReference { id, arguments } => self.bad_call(id.name, arguments),
            InlineExpression::MessageReference { id, .. } => Some(TextError::new(
                self.offset_of(id.name),
                format!(
                    "`{}` would be a message of the locales; record text may use only its figures (`$name`)",
                    id.name
                ),
            )),
            InlineExpression::TermReference { id, .. } => Some(TextError::new(
                self.start_of(inline),
                format!(
                    "`-{}` would be a term of the locales; record text may use only its figures (`$name`)",
                    id.name
                ),
            )),
            InlineExpression::VariableReference { .. } | InlineExpression::Placeable { .. } => None,
        }
    }

    /// A number literal that would not print as written: Fluent holds it as
    /// a double, as it holds a figure, so it is read by the figures' rule
    /// (T011).
    fn inexact(&self, value: &str) -> Option<TextError> {
        let why = value.parse::<Figure>().err()?;
        let message = format!("a number in text is printed exactly as written, as a figure is, or refused: {why}");
        Some(TextError { offset: self.offset_of(value), message, rule: Rule::BadNumber })
    }

    /// A string literal that stands for a character no value may hold
    /// (T017), written as an escape that the YAML check cannot see, or for
    /// no character at all (an escape that Fluent prints as U+FFFD).
    fn unprintable(&self, value: &str) -> Option<TextError> {
        let (at, written, c) = literal_chars(value).find(|(_, _, c)| c.is_none_or(is_hostile))?;
        let offset = self.offset_of(value) + at;
        Some(match c {
            Some(c) => TextError {
                offset,
                message: format!("`{written}` in a string literal: {}", hostile_message(c)),
                rule: Rule::HostileCharacter,
            },
            None => TextError::new(
                offset,
                format!(
                    "`{written}` names no character, and Fluent would print U+FFFD (�) for it: write a code point below U+110000 and outside U+D800-U+DFFF"
                ),
            ),
        })
    }

    /// A call that tathya would not print as written. Its functions each
    /// print one number, given as a figure or a number literal (Fluent
    /// would print `WORDS("abc")` as `WORDS()`), and they honour no option:
    /// tathya's number formatting prints every number in the site's way,
    /// whatever `style:` or `currency:` ask.
    fn bad_call(&self, name: &str, arguments: &CallArguments<&str>) -> Option<TextError> {
        if !FUNCTIONS.contains(&name) {
            let message = format!("`{name}` is not a function tathya has (it has {})", FUNCTIONS.join(", "));
            return Some(TextError::new(self.offset_of(name), message));
        }
        if let Some(option) = arguments.named.first() {
            let message = format!(
                "`{name}` takes no option: tathya prints every number in the site's own way and would print it without `{}`",
                option.name.name
            );
            return Some(TextError::new(self.offset_of(option.name.name), message));
        }
        let message =
            |what: &str| format!("`{name}` prints the one number it is given, {what}: write `{name}($figure)`");
        match arguments.positional.as_slice() {
            [InlineExpression::VariableReference { .. } | InlineExpression::NumberLiteral { .. }] => None,
            [] => Some(TextError::new(self.offset_of(name), message("and is given none"))),
            [_, second, ..] => Some(TextError::new(self.start_of(second), message("and is given more"))),
            [other] => Some(TextError::new(
                self.start_of(other),
                message(&format!(
                    "a figure (`$name`) or a number in digits; for anything else Fluent prints `{name}()`"
                )),
            )),
        }
    }

    /// The byte of the text where `inline` starts; inside its braces for a
    /// placeable, whose braces the syntax tree does not place.
    fn start_of(&self, inline: &InlineExpression<&str>) -> usize {
        match inline {
            InlineExpression::StringLiteral { value } => self.offset_of(value).saturating_sub(1),
            InlineExpression::NumberLiteral { value } => self.offset_of(value),
            InlineExpression::FunctionReference { id, .. } | InlineExpression::MessageReference { id, .. } => {
                self.offset_of(id.name)
            }
            InlineExpression::TermReference { id, .. } | InlineExpression::VariableReference { id } => {
                self.offset_of(id.name).saturating_sub(1)
            }
            InlineExpression::Placeable { expression } => match &**expression {
                Expression::Inline(inline) | Expression::Select { selector: inline, .. } => self.start_of(inline),
            },
        }
    }

    /// Where the text outside its placeables first differs from the text
    /// Fluent read, white space aside: every other character must reach the
    /// page. One comparison rather than a list of what Fluent treats as its
    /// own syntax (a line starting with `.` is an attribute, with `[` or `*`
    /// a variant, …), so that nothing Fluent drops or changes goes unseen.
    fn lost_text(&self, text: &str) -> Option<usize> {
        let mut scanner = Scanner::default();
        let written = text.char_indices().filter(|(_, c)| !scanner.step(*c) && !c.is_whitespace());
        let mut read = self
            .pattern()
            .into_iter()
            .flat_map(|pattern| &pattern.elements)
            .filter_map(|element| match element {
                PatternElement::TextElement { value } => Some(*value),
                PatternElement::Placeable { .. } => None,
            })
            .flat_map(str::chars)
            .filter(|c| !c.is_whitespace());
        for (offset, c) in written {
            if read.next() != Some(c) {
                return Some(offset);
            }
        }
        read.next().map(|_| text.len())
    }

    fn offset_of(&self, part: &str) -> usize {
        self.text_offset(offset_in(self.resource.source(), part))
    }

    /// The byte of the text at a byte of the message source.
    fn text_offset(&self, source_offset: usize) -> usize {
        let line = self.lines.partition_point(|(start, _)| *start <= source_offset).saturating_sub(1);
        let (source_start, text_start) = self.lines.get(line).copied().unwrap_or((PREFIX.len(), 0));
        text_start + source_offset.saturating_sub(source_start)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn error(text: &str) -> (usize, String) {
        let err = TextPattern::parse(text).expect_err(text);
        (err.offset, err.message)
    }

    fn variables(text: &str) -> Vec<(String, usize)> {
        let pattern = TextPattern::parse(text).unwrap().unwrap();
        pattern.variables().into_iter().map(|(name, at)| (name.to_owned(), at)).collect()
    }

    #[test]
    fn figures_are_found_where_they_are() {
        assert_eq!(variables("₹{ $amount } to { WORDS($n) }"), [("amount".into(), 6), ("n".into(), 27)]);
        assert_eq!(variables("a\nb { $x }"), [("x".into(), 7)]);
    }

    #[test]
    fn literals_that_look_like_figures_are_not_figures() {
        assert_eq!(variables("{\"{\"} costs $5"), []);
        assert_eq!(variables("{ \"$5\" }"), []);
    }

    #[test]
    fn text_without_a_brace_is_no_pattern() {
        assert!(TextPattern::parse(".note = a\n* b [c]").unwrap().is_none());
    }

    #[test]
    fn errors_are_at_the_byte_of_the_text() {
        assert_eq!(error("₹{ $amount to every woman").0, "₹{ $amount ".len());
        assert_eq!(error("a { WORD($n) }").0, 4);
        assert!(error("a { -brand }").1.contains("term"));
        assert!(error("a { msg.attr }").1.contains("message"));
        assert_eq!(error("x { $n }\n.note = see the annex").0, "x { $n }\n".len());
    }

    /// The bytes of `text` that [`Scanner`] puts in placeables.
    fn placeables(text: &str) -> String {
        let mut scanner = Scanner::default();
        text.chars().map(|c| if scanner.step(c) { c } else { '_' }).collect()
    }

    #[test]
    fn the_scanner_knows_literals_and_variants() {
        assert_eq!(placeables("a {\"{\"} b"), "__{\"{\"}__");
        assert_eq!(placeables("a { \"\\\"}\" } b"), "__{ \"\\\"}\" }__");
        // In a variant's text a quote is a character, and a brace opens a placeable.
        let select = "{ $n ->\n [one] 5\" { $n }\n *[other] b\n} c";
        assert_eq!(placeables(select), format!("{}__", &select[..select.len() - 2]));
    }

    #[test]
    fn nesting_is_counted_before_fluent_parses() {
        let nested = |depth: usize| format!("a {}$n{}", "{ ".repeat(depth), " }".repeat(depth));
        assert!(TextPattern::parse(&nested(MAX_TEXT_DEPTH)).is_ok());
        let error = TextPattern::parse(&nested(MAX_TEXT_DEPTH + 1)).unwrap_err();
        assert_eq!((error.offset, error.rule), (2 + 2 * MAX_TEXT_DEPTH, Rule::TooLarge));
        // Thousands of levels, which overflowed the stack, of each kind Fluent recurses on.
        let calls = format!("{{ {}$n{} }}", "NUMBER(".repeat(3000), ")".repeat(3000));
        let hidden = format!("{{ $n ->\n *[other] \" {}\n}}", "{ ".repeat(3000));
        for text in ["{ ".repeat(3000), "{ \"{ \"".repeat(3000), calls, hidden] {
            assert_eq!(TextPattern::parse(&text).unwrap_err().rule, Rule::TooLarge, "{}", &text[..30]);
        }
        // Literal braces nest nothing.
        assert!(TextPattern::parse(&"{\"{\"}".repeat(3000)).is_ok());
    }

    #[test]
    fn text_that_fluent_would_not_print_is_refused() {
        let (offset, message) = error("x { $n }\n.note = see the annex");
        assert_eq!(offset, "x { $n }\n".len());
        assert!(message.contains("write `.` as {\".\"}"), "{message}");
        // The comparison itself, whatever Fluent's parser drops today.
        let read = TextPattern::parse("a { $n } bc").unwrap().unwrap();
        assert_eq!(read.lost_text("a { $n } bd"), Some("a { $n } b".len()));
        assert_eq!(read.lost_text("a { $n } b"), Some("a { $n } b".len()));
        assert_eq!(read.lost_text("a\n  { $n }   b c"), None);
        for text in
            ["{ $n } a\n  - b\n# c\n\n  d", "{\"{\"} a\n{ $n ->\n [one] 5\" x\n *[other] y\n} z", "a\n\n\n{ $n }"]
        {
            assert!(TextPattern::parse(text).is_ok(), "{text:?}");
        }
    }

    fn refusal(text: &str) -> (usize, Rule) {
        let err = TextPattern::parse(text).expect_err(text);
        (err.offset, err.rule)
    }

    #[test]
    fn a_literal_is_read_as_fluent_unescapes_it() {
        let read: Vec<(usize, &str, Option<char>)> = literal_chars(r#"a\u00e9\"\\\UFFFFFF\uD800"#).collect();
        assert_eq!(
            read,
            [
                (0, "a", Some('a')),
                (1, r"\u00e9", Some('é')),
                (7, r#"\""#, Some('"')),
                (9, r"\\", Some('\\')),
                (11, r"\UFFFFFF", None),
                (19, r"\uD800", None),
            ]
        );
    }

    #[test]
    fn a_literal_holds_no_character_a_value_may_not() {
        assert_eq!(refusal(r#"a { "x\u202E" } b"#), (6, Rule::HostileCharacter));
        for escape in [r"\u0000", r"\u0007", r"\u001b[2J", r"\u0085", r"\U002066"] {
            assert_eq!(refusal(&format!("{{ \"{escape}\" }}")), (3, Rule::HostileCharacter), "{escape}");
        }
        assert_eq!(refusal("{ $n ->\n *[other] { \"\\u0007\" }\n}"), (21, Rule::HostileCharacter));
        // The line break is text like any other; U+FFFD written as such is a character.
        for text in [r#"{ "\u000A" }"#, r#"{ "\u00e9\uFFFD" }"#, r#"{ "\U01F60A" }"#] {
            assert!(TextPattern::parse(text).is_ok(), "{text}");
        }
    }

    #[test]
    fn an_escape_of_no_character_is_refused() {
        assert_eq!(refusal(r#"a { "\UFFFFFF" }"#), (5, Rule::BadTextPattern));
        assert_eq!(refusal(r#"a { "b\uD800" }"#), (6, Rule::BadTextPattern));
        assert_eq!(refusal(r#"{ "\U110000" }"#), (3, Rule::BadTextPattern));
    }

    #[test]
    fn a_number_literal_is_as_exact_as_a_figure() {
        assert_eq!(refusal("a { 9007199254740993 }"), (4, Rule::BadNumber));
        assert_eq!(refusal("{ DIGITS(9007199254740993) }"), (9, Rule::BadNumber));
        assert_eq!(refusal("{ 12.345 }"), (2, Rule::BadNumber));
        assert_eq!(refusal("{ -5 }"), (2, Rule::BadNumber));
        assert_eq!(refusal("{ $n ->\n [100000000000000.001] a\n *[other] b\n}").1, Rule::BadNumber);
        for text in ["{ 5 }", "{ 12.50 }", "{ WORDS(150000000) }", "{ $n ->\n [0] none\n *[other] some\n}"] {
            assert!(TextPattern::parse(text).is_ok(), "{text}");
        }
    }

    #[test]
    fn a_number_function_is_given_one_number() {
        assert_eq!(refusal(r#"{ WORDS("abc") }"#), (8, Rule::BadTextPattern));
        assert_eq!(refusal("{ DIGITS() }"), (2, Rule::BadTextPattern));
        assert_eq!(refusal("{ NUMBER($n, $m) }"), (13, Rule::BadTextPattern));
        assert_eq!(refusal("{ WORDS(NUMBER($n)) }"), (8, Rule::BadTextPattern));
        assert_eq!(refusal("{ WORDS({ $n }) }"), (10, Rule::BadTextPattern));
        assert!(error(r#"{ WORDS("abc") }"#).1.contains("`WORDS()`"));
        for text in ["{ WORDS($n) }", "{ DIGITS(5) }", "{ NUMBER($n) ->\n [one] a\n *[other] b\n}"] {
            assert!(TextPattern::parse(text).is_ok(), "{text}");
        }
    }

    #[test]
    fn a_number_function_takes_no_option() {
        assert_eq!(refusal(r#"{ NUMBER($n, style: "percent") }"#), (13, Rule::BadTextPattern));
        assert_eq!(refusal(r#"{ NUMBER($n, currency: "USD") }"#), (13, Rule::BadTextPattern));
        assert_eq!(refusal("{ WORDS($n, minimumFractionDigits: 2) }"), (12, Rule::BadTextPattern));
        let ordinal = "{ NUMBER($n, type: \"ordinal\") ->\n [one] st\n *[other] th\n}";
        assert_eq!(refusal(ordinal), (13, Rule::BadTextPattern));
    }

    #[test]
    fn every_broken_placeable_is_an_error() {
        for text in ["{ }", "{ $ }", "a } b {", "{ $n -> [one] a *[other] b }", "x { $n }\n[one] y", "x { $n }\n* y"] {
            assert!(TextPattern::parse(text).is_err(), "{text:?}");
        }
    }
}
