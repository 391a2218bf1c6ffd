//! The one module that knows YAML.
//!
//! Everything else sees typed values and [`Diagnostic`]s. serde_yaml gives a
//! position only to errors raised while a value is being visited, so every
//! check that must point at a place in the file runs inside a visitor: keys of
//! maps are checked for duplicates as they are read ([`UniqueMap`]), and a
//! check that runs after parsing finds its place again with [`locate`]. Which
//! rule a parse breaks is known from the code path that failed ([`typed`]),
//! never from the words of serde_yaml's message.

pub mod typed;

use std::fmt;
use std::marker::PhantomData;
use std::path::Path;
use std::str::FromStr;

use litemap::LiteMap;
use serde::de::{self, DeserializeOwned, DeserializeSeed, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Deserializer};

use crate::diag::Rule;
use crate::diag::{Diagnostic, Error, Location, Result};

/// One step of a path into a YAML document: a key of a mapping or an index
/// of a sequence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Seg {
    /// A mapping key.
    Key(String),
    /// A sequence index, from 0.
    Index(usize),
}

impl From<&String> for Seg {
    fn from(key: &String) -> Self {
        Seg::Key(key.clone())
    }
}

impl From<&str> for Seg {
    fn from(key: &str) -> Self {
        Seg::Key(key.to_owned())
    }
}

impl From<usize> for Seg {
    fn from(index: usize) -> Self {
        Seg::Index(index)
    }
}

/// A path into a document, written as `claim.text.hi` or `facts[2]`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct YamlPath(pub Vec<Seg>);

impl YamlPath {
    /// This path with one more step.
    pub fn join(&self, seg: impl Into<Seg>) -> YamlPath {
        let mut segs = self.0.clone();
        segs.push(seg.into());
        YamlPath(segs)
    }
}

impl fmt::Display for YamlPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, seg) in self.0.iter().enumerate() {
            match seg {
                Seg::Key(key) if i == 0 => write!(f, "{key}")?,
                Seg::Key(key) => write!(f, ".{key}")?,
                Seg::Index(index) => write!(f, "[{index}]")?,
            }
        }
        Ok(())
    }
}

/// The deepest nesting of `[` and `{` a file may have. The YAML parser
/// takes time quadratic in this depth, and serde_yaml stops at 128 anyway.
const MAX_FLOW_DEPTH: usize = 128;

/// Where `source` first nests flow collections deeper than
/// [`MAX_FLOW_DEPTH`], counting brackets outside quotes.
fn too_deep(source: &str) -> Option<usize> {
    let (mut depth, mut quote) = (0usize, None);
    for (offset, c) in source.char_indices() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'') => quote = Some(c),
            (None, '[' | '{') => {
                depth += 1;
                if depth > MAX_FLOW_DEPTH {
                    return Some(offset);
                }
            }
            (None, ']' | '}') => depth = depth.saturating_sub(1),
            (None, '\n') => quote = None,
            _ => {}
        }
    }
    None
}

/// Parses `source` as a `T`. Errors name `file` with a line and column.
pub fn parse<T: DeserializeOwned>(file: &Path, source: &str) -> Result<T> {
    if let Some(offset) = too_deep(source) {
        let (line, column) = crate::diag::line_column(source, offset);
        let message = format!("lists and mappings nest more than {MAX_FLOW_DEPTH} levels deep here");
        return Err(Error::content(Rule::TooLarge, Location::at(file, line, column), message));
    }
    if let Some((offset, c)) = source.char_indices().find(|(_, c)| !is_yaml_character(*c)) {
        let (line, column) = crate::diag::line_column(source, offset);
        let message = format!("the control character U+{:04X} is not allowed in YAML; remove it", c as u32);
        return Err(Error::content(Rule::YamlSyntax, Location::at(file, line, column), message));
    }
    typed::from_str(source).map_err(|err| {
        let (line, column) = position(&err.error).unwrap_or((0, 0));
        Error::content(rule_of(err.failure), Location::at(file, line, column), message_without_position(&err.error))
    })
}

/// The characters libyaml reads (YAML 1.1 "printable"): any other, such as
/// a control character from a `"\x01"` escape written raw, stops it with
/// a byte offset in its message but no line; found here, it is given one.
fn is_yaml_character(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | ' '..='~' | '\u{85}' | '\u{a0}'..='\u{d7ff}' | '\u{e000}'..='\u{fffd}')
        || c >= '\u{10000}'
}

/// The rule a failed parse breaks.
fn rule_of(failure: typed::Failure) -> Rule {
    match failure {
        typed::Failure::Syntax => Rule::YamlSyntax,
        typed::Failure::UnknownField => Rule::UnknownField,
        typed::Failure::MissingField => Rule::MissingField,
        typed::Failure::DuplicateField => Rule::DuplicateKey,
        typed::Failure::WrongType => Rule::WrongType,
        typed::Failure::UnknownVariant | typed::Failure::BadValue => Rule::BadValue,
        typed::Failure::Tagged(rule) => rule,
    }
}

/// The line and column (1-based) of the value at `path`, if the document has
/// one there. Used to point at a value that parsed but was found wrong later.
pub fn locate(source: &str, path: &YamlPath) -> Option<(usize, usize)> {
    let deserializer = serde_yaml::Deserializer::from_str(source);
    match (Locate { path: &path.0 }).deserialize(deserializer) {
        Err(err) if err.to_string().contains(HERE) => position(&err),
        _ => None,
    }
}

/// The line and column of the byte `offset` of `value`, the text of the
/// scalar at `path`: found by looking for the line of `value` that holds it
/// in the document from where the scalar starts. A line that an escape or
/// folding made different from the source falls back to the scalar's start.
pub fn locate_in_value(source: &str, path: &YamlPath, value: &str, offset: usize) -> Option<(usize, usize)> {
    let (line, column) = locate(source, path)?;
    let start = crate::diag::offset_of(source, line, column)?;
    let offset = value.floor_char_boundary(offset.min(value.len()));
    let line_start = value[..offset].rfind('\n').map_or(0, |i| i + 1);
    let line_end = value[offset..].find('\n').map_or(value.len(), |i| offset + i);
    let needle = &value[line_start..line_end];
    let found = if needle.is_empty() { None } else { source[start..].find(needle) };
    Some(match found {
        Some(at) => crate::diag::line_column(source, start + at + (offset - line_start)),
        None => (line, column),
    })
}

/// A diagnostic for the value at `path` in `file`; falls back to the file
/// alone when the path is not in the document.
pub fn diagnostic_at(rule: Rule, file: &Path, source: &str, path: &YamlPath, message: impl Into<String>) -> Diagnostic {
    let (line, column) = locate(source, path).unwrap_or((0, 0));
    Diagnostic::new(rule, Location::at(file, line, column), message)
}

fn position(err: &serde_yaml::Error) -> Option<(usize, usize)> {
    err.location().map(|l| (l.line(), l.column()))
}

/// serde_yaml's message without its " at line N column M", which the
/// diagnostic shows in its own place.
fn message_without_position(err: &serde_yaml::Error) -> String {
    let text = err.to_string();
    let Some(at) = text.find(" at line ") else { return text };
    let rest = &text[at + " at line ".len()..];
    let rest = rest.trim_start_matches(|c: char| c.is_ascii_digit());
    let rest = rest.strip_prefix(" column ").unwrap_or(rest).trim_start_matches(|c: char| c.is_ascii_digit());
    format!("{}{rest}", &text[..at])
}

const HERE: &str = "tathya-locate-marker";

struct Locate<'p> {
    path: &'p [Seg],
}

impl<'de> DeserializeSeed<'de> for Locate<'_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        match self.path.split_first() {
            None => deserializer.deserialize_any(Here),
            Some((seg, rest)) => deserializer.deserialize_any(Walk { seg, rest }),
        }
    }
}

/// Fails at whatever value it is given, so that the error carries the
/// value's position.
struct Here;

impl<'de> Visitor<'de> for Here {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any value")
    }

    fn visit_bool<E: de::Error>(self, _: bool) -> Result<(), E> {
        Err(E::custom(HERE))
    }
    fn visit_i64<E: de::Error>(self, _: i64) -> Result<(), E> {
        Err(E::custom(HERE))
    }
    fn visit_u64<E: de::Error>(self, _: u64) -> Result<(), E> {
        Err(E::custom(HERE))
    }
    fn visit_f64<E: de::Error>(self, _: f64) -> Result<(), E> {
        Err(E::custom(HERE))
    }
    fn visit_str<E: de::Error>(self, _: &str) -> Result<(), E> {
        Err(E::custom(HERE))
    }
    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        Err(E::custom(HERE))
    }
    fn visit_none<E: de::Error>(self) -> Result<(), E> {
        Err(E::custom(HERE))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, _: A) -> Result<(), A::Error> {
        Err(de::Error::custom(HERE))
    }
    fn visit_map<A: MapAccess<'de>>(self, _: A) -> Result<(), A::Error> {
        Err(de::Error::custom(HERE))
    }
}

struct Walk<'p> {
    seg: &'p Seg,
    rest: &'p [Seg],
}

impl<'de> Visitor<'de> for Walk<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a mapping or a sequence")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        while let Some(key) = map.next_key::<ScalarKey>()? {
            if matches!(self.seg, Seg::Key(wanted) if *wanted == key.0) {
                return map.next_value_seed(Locate { path: self.rest });
            }
            map.next_value::<IgnoredAny>()?;
        }
        Ok(())
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let mut index = 0;
        loop {
            if matches!(self.seg, Seg::Index(wanted) if *wanted == index) {
                seq.next_element_seed(Locate { path: self.rest })?;
                return Ok(());
            }
            if seq.next_element::<IgnoredAny>()?.is_none() {
                return Ok(());
            }
            index += 1;
        }
    }
}

/// Any scalar key, as text.
struct ScalarKey(String);

impl<'de> Deserialize<'de> for ScalarKey {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = ScalarKey;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a scalar key")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<ScalarKey, E> {
                Ok(ScalarKey(v.to_owned()))
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> Result<ScalarKey, E> {
                Ok(ScalarKey(v.to_string()))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<ScalarKey, E> {
                Ok(ScalarKey(v.to_string()))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<ScalarKey, E> {
                Ok(ScalarKey(v.to_string()))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<ScalarKey, E> {
                Ok(ScalarKey(v.to_string()))
            }
        }
        deserializer.deserialize_any(V)
    }
}

/// Reads a key of `map`, failing at the key itself when `map` has it already
/// or it is not a valid `K`.
struct NewKey<'m, K, V> {
    map: &'m LiteMap<K, V>,
}

impl<'de, K, V> DeserializeSeed<'de> for NewKey<'_, K, V>
where
    K: Word + Ord,
{
    type Value = K;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<K, D::Error> {
        deserializer.deserialize_str(self)
    }
}

impl<K, V> Visitor<'_> for NewKey<'_, K, V>
where
    K: Word + Ord,
{
    type Value = K;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a key")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<K, E> {
        let key: K = v.parse().map_err(|message| typed::fail(K::RULE, message))?;
        if self.map.contains_key(&key) {
            return Err(typed::fail(Rule::DuplicateKey, format!("duplicate key `{v}`")));
        }
        Ok(key)
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<K, E> {
        self.visit_str(&v.to_string())
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<K, E> {
        self.visit_str(&v.to_string())
    }

    fn visit_bool<E: de::Error>(self, v: bool) -> Result<K, E> {
        self.visit_str(&v.to_string())
    }
}

/// A mapping whose keys are parsed with `FromStr` and may not repeat.
/// Iterates in key order, so output built from it is deterministic. Kept as
/// a vector sorted by key ([`LiteMap`]): a record's texts are maps of one
/// value per language, and as `BTreeMap`s, whose smallest node has room for
/// eleven entries, they took more memory than the text itself.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UniqueMap<K, V>(pub LiteMap<K, V>);

impl<K, V> Default for UniqueMap<K, V> {
    fn default() -> Self {
        UniqueMap(LiteMap::new())
    }
}

impl<'de, K, V> Deserialize<'de> for UniqueMap<K, V>
where
    K: Word + Ord,
    V: Deserialize<'de>,
{
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct MapVisitor<K, V>(PhantomData<(K, V)>);

        impl<'de, K, V> Visitor<'de> for MapVisitor<K, V>
        where
            K: Word + Ord,
            V: Deserialize<'de>,
        {
            type Value = UniqueMap<K, V>;

            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a mapping")
            }

            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                let mut entries = LiteMap::new();
                while let Some(key) = map.next_key_seed(NewKey { map: &entries })? {
                    let value = map.next_value()?;
                    entries.insert(key, value);
                }
                Ok(UniqueMap(entries))
            }
        }

        deserializer.deserialize_map(MapVisitor(PhantomData))
    }
}

/// A value written as one word and read with `FromStr`: an id, a key, a
/// language, a date, an address. A word that does not parse breaks `RULE`.
pub trait Word: FromStr<Err: fmt::Display> {
    /// The rule a word that does not parse breaks.
    const RULE: Rule;
}

/// Deserializes a [`Word`] through `T::from_str`, inside the visitor so that
/// a rejected value is reported at its own position, with its rule.
pub fn from_str<'de, D, T>(deserializer: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: Word,
{
    struct StrVisitor<T>(PhantomData<T>);

    impl<T: Word> Visitor<'_> for StrVisitor<T> {
        type Value = T;

        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("a string")
        }

        fn visit_str<E: de::Error>(self, v: &str) -> Result<T, E> {
            v.parse().map_err(|message| typed::fail(T::RULE, message))
        }
    }

    deserializer.deserialize_str(StrVisitor(PhantomData))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code, reason = "fields are only parsed")]
    struct Doc {
        a: u32,
        #[serde(default)]
        m: UniqueMap<crate::load::types::Key, String>,
    }

    fn failure(source: &str) -> Diagnostic {
        match parse::<Doc>(Path::new("f.yaml"), source) {
            Err(Error::Content(d)) => d[0].clone(),
            other => panic!("expected a content error, got {other:?}"),
        }
    }

    fn error_at(source: &str) -> (String, usize, usize) {
        let d = failure(source);
        (d.message, d.location.line, d.location.column)
    }

    #[test]
    fn each_failure_has_its_rule() {
        let cases = [
            ("a: 1\nb: 2\n", Rule::UnknownField),
            ("m: {}\n", Rule::MissingField),
            ("a: 1\na: 2\n", Rule::DuplicateKey),
            ("a: 1\nm: {en: x, en: y}\n", Rule::DuplicateKey),
            ("a: [1]\n", Rule::WrongType),
            ("a: -1\n", Rule::WrongType),
            ("a: 1\nm: {Bad Key: x}\n", Rule::BadName),
            ("a: [1\n", Rule::YamlSyntax),
            ("a: 1\n\tb: 2\n", Rule::YamlSyntax),
        ];
        for (source, rule) in cases {
            assert_eq!(failure(source).rule, rule, "{source:?}");
        }
    }

    #[test]
    fn a_control_character_is_refused_where_it_is() {
        let d = failure("a: 1\nm: {en: \"x\u{1}\"}\n");
        assert_eq!((d.rule, d.location.line, d.location.column), (Rule::YamlSyntax, 2, 11));
    }

    #[test]
    fn duplicate_map_key_points_at_the_second_key() {
        assert_eq!(error_at("a: 1\nm:\n  en: x\n  en: y\n"), ("m: duplicate key `en`".into(), 4, 3));
    }

    #[test]
    fn duplicate_field_points_at_the_second_field() {
        assert_eq!(error_at("a: 1\nm: {}\na: 2\n").1, 3);
    }

    #[test]
    fn unknown_field_names_its_line() {
        let (message, line, column) = error_at("a: 1\nb: 2\n");
        assert!(message.starts_with("unknown field `b`"), "{message}");
        assert_eq!((line, column), (2, 1));
    }

    #[test]
    fn places_inside_a_value_are_found_in_the_source() {
        let source = "a: 1\nm:\n  en: |\n    first line\n    second { $x line\n";
        let path = YamlPath(vec!["m".into(), "en".into()]);
        let value = "first line\nsecond { $x line\n";
        let at = value.find("{ $x").unwrap();
        assert_eq!(locate_in_value(source, &path, value, at), Some((5, 12)));
        let plain = "a: 1\nm: {en: \"say { WORD($n) }\"}\n";
        let path = YamlPath(vec!["m".into(), "en".into()]);
        assert_eq!(locate_in_value(plain, &path, "say { WORD($n) }", 6), Some((2, 16)));
    }

    #[test]
    fn locate_finds_nested_values() {
        let source = "a: 1\nlist:\n  - x: 1\n  - x: 2\n    y: [3, 4]\n";
        let path = YamlPath(vec!["list".into(), 1.into(), "y".into(), 1.into()]);
        assert_eq!(locate(source, &path), Some((5, 12)));
        assert_eq!(locate(source, &YamlPath(vec!["nope".into()])), None);
    }
}
