//! The one module that knows YAML.
//!
//! Everything else sees typed values and [`Diagnostic`]s. serde_yaml gives a
//! position only to errors raised while a value is being visited, so every
//! check that must point at a place in the file runs inside a visitor: keys of
//! maps are checked for duplicates as they are read ([`UniqueMap`]), and a
//! check that runs after parsing finds its place again with [`locate`].

use std::fmt;
use std::marker::PhantomData;
use std::path::Path;
use std::str::FromStr;

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
    serde_yaml::from_str(source).map_err(|err| {
        let message = message_without_position(&err);
        let (line, column) = if message.contains("duplicate field") {
            // serde's derive reports a repeated field at the start of its
            // mapping; walk the document again to find the key itself.
            find_duplicate_key(source).or_else(|| position(&err)).unwrap_or((0, 0))
        } else {
            byte_position(source, &message).or_else(|| position(&err)).unwrap_or((0, 0))
        };
        Error::content(rule_for(&message), Location::at(file, line, column), message)
    })
}

/// Which rule a serde_yaml message breaks. serde reports only text, so the
/// rule is read from the words that serde and this crate's own visitors use.
fn rule_for(message: &str) -> Rule {
    let has = |words: &str| message.contains(words);
    if has("unknown field") {
        Rule::UnknownField
    } else if has("duplicate") {
        Rule::DuplicateKey
    } else if has("missing field") {
        Rule::MissingField
    } else if has("is not a date") || has("is not a moment") {
        Rule::BadDate
    } else if has("http(s) address") {
        Rule::BadUrl
    } else if has("is not a statement id") || has("is not a valid key") || has("is not a language code") {
        Rule::BadName
    } else if has("too large to be printed") {
        Rule::BadNumber
    } else if has("unknown variant") || has("invalid value") || has("numbering system") {
        Rule::BadValue
    } else if has("invalid type") {
        Rule::WrongType
    } else {
        Rule::YamlSyntax
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

/// A diagnostic for the value at `path` in `file`; falls back to the file
/// alone when the path is not in the document.
pub fn diagnostic_at(rule: Rule, file: &Path, source: &str, path: &YamlPath, message: impl Into<String>) -> Diagnostic {
    let (line, column) = locate(source, path).unwrap_or((0, 0));
    Diagnostic::new(rule, Location::at(file, line, column), message)
}

/// libyaml reports some errors, such as a control character, as "at
/// position N", a byte offset, without a line.
fn byte_position(source: &str, message: &str) -> Option<(usize, usize)> {
    let rest = &message[message.find("at position ")? + "at position ".len()..];
    let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
    Some(crate::diag::line_column(source, digits.parse().ok()?))
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

/// Finds the first key that repeats within its mapping, anywhere in the
/// document, and gives its position.
fn find_duplicate_key(source: &str) -> Option<(usize, usize)> {
    let deserializer = serde_yaml::Deserializer::from_str(source);
    match AnyValue.deserialize(deserializer) {
        Err(err) => position(&err),
        Ok(()) => None,
    }
}

/// Walks any value, checking every mapping for repeated keys.
struct AnyValue;

impl<'de> DeserializeSeed<'de> for AnyValue {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for AnyValue {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any value")
    }

    fn visit_bool<E>(self, _: bool) -> Result<(), E> {
        Ok(())
    }
    fn visit_i64<E>(self, _: i64) -> Result<(), E> {
        Ok(())
    }
    fn visit_u64<E>(self, _: u64) -> Result<(), E> {
        Ok(())
    }
    fn visit_f64<E>(self, _: f64) -> Result<(), E> {
        Ok(())
    }
    fn visit_str<E>(self, _: &str) -> Result<(), E> {
        Ok(())
    }
    fn visit_unit<E>(self) -> Result<(), E> {
        Ok(())
    }
    fn visit_none<E>(self) -> Result<(), E> {
        Ok(())
    }
    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_any(self)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        while seq.next_element_seed(AnyValue)?.is_some() {}
        Ok(())
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let mut seen = SmallMap::default();
        while let Some(key) = map.next_key_seed(NewKey::<String, ()> { map: &seen })? {
            map.next_value_seed(AnyValue)?;
            seen.insert(key, ());
        }
        Ok(())
    }
}

/// Reads a key of `map`, failing at the key itself when `map` has it already
/// or it is not a valid `K`.
struct NewKey<'m, K, V> {
    map: &'m SmallMap<K, V>,
}

impl<'de, K, V> DeserializeSeed<'de> for NewKey<'_, K, V>
where
    K: FromStr<Err: fmt::Display> + Ord,
{
    type Value = K;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<K, D::Error> {
        deserializer.deserialize_str(self)
    }
}

impl<K, V> Visitor<'_> for NewKey<'_, K, V>
where
    K: FromStr<Err: fmt::Display> + Ord,
{
    type Value = K;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a key")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<K, E> {
        let key: K = v.parse().map_err(E::custom)?;
        if self.map.contains_key(&key) {
            return Err(E::custom(format!("duplicate key `{v}`")));
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

/// A map kept as a vector sorted by key. A record's texts are maps of one
/// value per language: as `BTreeMap`s, whose smallest node has room for
/// eleven entries, they took more memory than the text itself.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SmallMap<K, V>(Vec<(K, V)>);

impl<K, V> Default for SmallMap<K, V> {
    fn default() -> Self {
        SmallMap(Vec::new())
    }
}

impl<K: Ord, V> SmallMap<K, V> {
    fn find(&self, key: &K) -> std::result::Result<usize, usize> {
        self.0.binary_search_by(|(k, _)| k.cmp(key))
    }

    /// The value of `key`.
    pub fn get(&self, key: &K) -> Option<&V> {
        self.get_key_value(key).map(|(_, v)| v)
    }

    /// The entry of `key`.
    pub fn get_key_value(&self, key: &K) -> Option<(&K, &V)> {
        self.find(key).ok().map(|i| (&self.0[i].0, &self.0[i].1))
    }

    /// Whether `key` has a value.
    pub fn contains_key(&self, key: &K) -> bool {
        self.find(key).is_ok()
    }

    /// Sets the value of `key`, returning the one it replaces.
    pub fn insert(&mut self, key: K, value: V) -> Option<V> {
        match self.find(&key) {
            Ok(i) => Some(std::mem::replace(&mut self.0[i].1, value)),
            Err(i) => {
                self.0.insert(i, (key, value));
                None
            }
        }
    }
}

impl<K, V> SmallMap<K, V> {
    /// The entries, in key order.
    pub fn iter(&self) -> impl Iterator<Item = (&K, &V)> {
        self.0.iter().map(|(k, v)| (k, v))
    }

    /// The keys, in order.
    pub fn keys(&self) -> impl Iterator<Item = &K> {
        self.0.iter().map(|(k, _)| k)
    }

    /// The values, in key order.
    pub fn values(&self) -> impl Iterator<Item = &V> {
        self.0.iter().map(|(_, v)| v)
    }

    /// How many entries.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl<'a, K, V> IntoIterator for &'a SmallMap<K, V> {
    type Item = (&'a K, &'a V);
    type IntoIter = std::iter::Map<std::slice::Iter<'a, (K, V)>, fn(&'a (K, V)) -> (&'a K, &'a V)>;

    fn into_iter(self) -> Self::IntoIter {
        self.0.iter().map(|(k, v)| (k, v))
    }
}

/// A mapping whose keys are parsed with `FromStr` and may not repeat.
/// Iterates in key order, so output built from it is deterministic.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UniqueMap<K, V>(pub SmallMap<K, V>);

impl<K, V> Default for UniqueMap<K, V> {
    fn default() -> Self {
        UniqueMap(SmallMap::default())
    }
}

impl<'de, K, V> Deserialize<'de> for UniqueMap<K, V>
where
    K: FromStr<Err: fmt::Display> + Ord,
    V: Deserialize<'de>,
{
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct MapVisitor<K, V>(PhantomData<(K, V)>);

        impl<'de, K, V> Visitor<'de> for MapVisitor<K, V>
        where
            K: FromStr<Err: fmt::Display> + Ord,
            V: Deserialize<'de>,
        {
            type Value = UniqueMap<K, V>;

            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a mapping")
            }

            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                let mut entries = SmallMap::default();
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

/// Deserializes a scalar through `T::from_str`, inside the visitor so that a
/// rejected value is reported at its own position.
pub fn from_str<'de, D, T>(deserializer: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: FromStr<Err: fmt::Display>,
{
    struct StrVisitor<T>(PhantomData<T>);

    impl<T: FromStr<Err: fmt::Display>> Visitor<'_> for StrVisitor<T> {
        type Value = T;

        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("a string")
        }

        fn visit_str<E: de::Error>(self, v: &str) -> Result<T, E> {
            v.parse().map_err(E::custom)
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
        m: UniqueMap<String, String>,
    }

    fn error_at(source: &str) -> (String, usize, usize) {
        match parse::<Doc>(Path::new("f.yaml"), source) {
            Err(Error::Content(d)) => (d[0].message.clone(), d[0].location.line, d[0].location.column),
            other => panic!("expected a content error, got {other:?}"),
        }
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
    fn locate_finds_nested_values() {
        let source = "a: 1\nlist:\n  - x: 1\n  - x: 2\n    y: [3, 4]\n";
        let path = YamlPath(vec!["list".into(), 1.into(), "y".into(), 1.into()]);
        assert_eq!(locate(source, &path), Some((5, 12)));
        assert_eq!(locate(source, &YamlPath(vec!["nope".into()])), None);
    }
}
