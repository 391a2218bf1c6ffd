//! Reads YAML with serde_yaml and says, from typed information, what kind of failure stopped a document.
//!
//! serde's derive reports an unknown, missing or repeated field, a wrong type or an unknown variant by calling
//! the matching constructor of `de::Error` (`unknown_field`, `invalid_type`, …), but serde_yaml's `Error`
//! builds every one of them as a plain message, so the kind is lost and could only be guessed from the text.
//! Here serde_yaml's deserializer is wrapped in one whose error type is this module's `Error`, so that each
//! of those calls reaches an impl that records the kind in the error value itself.
//!
//! # How a kind travels
//!
//! serde_yaml gives an error its line and column only when the error comes back out of one of the callbacks it
//! made into a visitor (it "fixes the mark" of a position-less message there). So at every point where serde_yaml
//! calls into this wrapper (a `Visitor` method or a `DeserializeSeed`), the wrapper hands serde_yaml back its own
//! error value unchanged (`cross`): serde_yaml attaches exactly the position it would attach without the
//! wrapper. The kind cannot ride inside serde_yaml's error, so for that stretch, and only for it, it waits in the
//! thread-local `CROSSING`; the wrapper's call into serde_yaml that returns the error takes it back out (`call`).
//! Between those two points only serde_yaml's code runs, and serde_yaml propagates every error a callback returns
//! (it never swallows one), so the slot cannot hold a kind of some other error. Everywhere else the kind is a field
//! of the error value, so an error that a `Deserialize` impl builds and then drops (an untagged enum trying its
//! variants, a fallback after [`fail`]) takes its kind with it.
//!
//! # Syntax or wrong type
//!
//! serde_yaml's own errors (a parse error, or a sequence where a string was asked for) never pass through this
//! module's `de::Error` impl, so they arrive without a kind. When the typed parse fails, the same text is walked
//! again untyped, accepting any value (`Walk`). If that walk fails too, the text is not one well-formed YAML
//! document, and the failure is [`Failure::Syntax`] with the walk's error, which is the parse error itself; this
//! holds whatever else the typed parse stopped at first, so a file that is not YAML is always called so. If the
//! walk succeeds, the text is YAML, and the typed parse failed either with a recorded kind or, with none, on a
//! mismatch that serde_yaml raised itself: [`Failure::WrongType`].
//!
//! # Repeated struct fields
//!
//! serde_yaml does not look for repeated keys while it feeds a struct; serde's derive notices the second one and
//! raises `duplicate_field` from its `visit_map`, where serde_yaml can only point at the start of the mapping. The
//! wrapper, knowing a struct's field names from `deserialize_struct`, raises the same `duplicate_field` itself
//! while the repeated key is being read, so that the error points at that key. It reads the field list as the
//! derive writes it: every name in it, aliases included, may appear once. A field given once by its name and once
//! by an alias is still caught by the derive, at the start of the mapping; a hand-written `Deserialize` that calls
//! `deserialize_struct` and wants a listed key twice would have to call `deserialize_map` instead.

use std::cell::Cell;
use std::fmt::{self, Display};

use serde::de::{self, DeserializeOwned, DeserializeSeed, EnumAccess, MapAccess, SeqAccess, VariantAccess, Visitor};
use serde::{Deserialize, Deserializer};

/// What kind of failure stopped a document, known from the code path that raised it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Failure {
    /// Not YAML at all (serde_yaml's own parse error: bad indentation, unclosed bracket, a control character,
    /// tabs…), or more than one document, an unknown anchor, nesting beyond serde_yaml's limit, or a scalar whose
    /// explicit core tag does not fit its text (`!!int abc`): whatever serde_yaml rejects before any type is asked.
    Syntax,
    /// A key that the struct does not have (`#[serde(deny_unknown_fields)]`).
    UnknownField,
    /// A field that the struct needs is not in the mapping.
    MissingField,
    /// A field of a struct is given twice.
    DuplicateField,
    /// A value of the wrong shape: `invalid_type` or `invalid_length` from a `Deserialize` impl, or serde_yaml's own
    /// mismatches (a sequence where a string was asked for, `-1` for a `usize`).
    WrongType,
    /// A word that is not one of an enum's variants.
    UnknownVariant,
    /// A value of the right shape that its `Deserialize` impl refused: `invalid_value`, or `custom` raised
    /// without a tag (serde's own impls use it for values such as an IP address that does not parse).
    BadValue,
    /// Raised by the project's own `Deserialize` impls through [`fail`].
    Tagged(Tag),
}

/// The project's own failure kinds: the rule a value breaks.
pub type Tag = crate::diag::Rule;

/// A document that could not be read into a `T`: the kind, and serde_yaml's error (message and position).
#[derive(Debug)]
pub struct TypedError {
    /// What kind of failure it is.
    pub failure: Failure,
    /// serde_yaml's error, with the message and position plain serde_yaml would give.
    pub error: serde_yaml::Error,
}

impl Display for TypedError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        Display::fmt(&self.error, f)
    }
}

impl std::error::Error for TypedError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&self.error)
    }
}

/// Parses `source` as a `T` through the wrapper.
///
/// # Errors
///
/// When `source` is not one YAML document or does not fit `T`; see the module documentation for how the
/// [`Failure`] is decided.
pub fn from_str<T: DeserializeOwned>(source: &str) -> Result<T, TypedError> {
    // Nothing from an earlier parse (say, one that panicked halfway) may be read as this one's.
    CROSSING.set(None);
    TAG.set(None);
    READ.set(Read::default());
    let result = T::deserialize(De { de: serde_yaml::Deserializer::from_str(source), key: None });
    CROSSING.set(None);
    let Error { error, failure } = match result {
        Ok(value) => return Ok(value),
        Err(error) => error,
    };
    if failure == Some(Failure::Tagged(Tag::TooLarge)) {
        // Only the count of what was read raises it: a walk would expand the same aliases again.
        return Err(TypedError { failure: Failure::Tagged(Tag::TooLarge), error });
    }
    READ.set(Read::default());
    if let Err(error) = Walk::deserialize(serde_yaml::Deserializer::from_str(source)) {
        // The walk expands aliases too, and stops where the typed parse would have.
        let failure = if READ.get().exceeded() { Failure::Tagged(Tag::TooLarge) } else { Failure::Syntax };
        return Err(TypedError { failure, error });
    }
    Err(TypedError { failure: failure.unwrap_or(Failure::WrongType), error })
}

/// The most bytes of text the scalars of one document may hold, aliases expanded. Without aliases a document
/// holds no more text than its file (an escape is never shorter than what it writes), and a file has at most
/// [`MAX_FILE_BYTES`](crate::load::MAX_FILE_BYTES); four times that lets aliases repeat text as often as anyone
/// would, while one anchored text repeated by a thousand aliases (gigabytes) is refused at the alias that passes
/// the limit, before it is copied.
pub const MAX_TEXT_BYTES: usize = 4 * crate::load::MAX_FILE_BYTES as usize;

/// The most values (scalars, sequences and mappings) one document may hand out, aliases expanded: bytes alone
/// do not bound the work of aliases to many empty values. A record at every list limit (eight lists of 1,000
/// items, a few values each) has some 60,000.
pub const MAX_VALUES: usize = 200_000;

/// What one parse has read so far.
#[derive(Debug, Clone, Copy, Default)]
struct Read {
    bytes: usize,
    values: usize,
}

impl Read {
    fn exceeded(self) -> bool {
        self.bytes > MAX_TEXT_BYTES || self.values > MAX_VALUES
    }
}

/// Counts one value holding `bytes` bytes of text; past a limit, says so.
fn count(bytes: usize) -> Result<(), String> {
    let mut read = READ.get();
    read.bytes = read.bytes.saturating_add(bytes);
    read.values = read.values.saturating_add(1);
    READ.set(read);
    if read.bytes > MAX_TEXT_BYTES {
        return Err(format!(
            "the document holds more than {MAX_TEXT_BYTES} bytes of text once its aliases are expanded; repeat less"
        ));
    }
    if read.values > MAX_VALUES {
        return Err(format!(
            "the document holds more than {MAX_VALUES} values once its aliases are expanded; repeat less"
        ));
    }
    Ok(())
}

/// [`count`], as the error the wrapper hands back to serde_yaml (which gives it the value's position).
fn counted<E: de::Error>(bytes: usize) -> Result<(), E> {
    count(bytes).map_err(|message| cross(Error::new(E::custom(message), Failure::Tagged(Tag::TooLarge))))
}

/// For the project's own `Deserialize` impls (e.g. a key parsed with FromStr, a date, a URL):
/// an error of kind `Failure::Tagged(tag)` with `message`, for any deserializer error type `E`.
///
/// The tag is kept when `E` is the error type of the deserializer [`from_str`] hands out, as it is for every
/// `Deserialize` impl reached from there; for any other `E` this is `E::custom(message)`.
pub fn fail<E: de::Error>(tag: Tag, message: impl Display) -> E {
    let message = message.to_string();
    TAG.set(Some(Failure::Tagged(tag)));
    let error = E::custom(message);
    // `Error::custom` has taken the tag if `E` is ours; if not, it must not reach an unrelated error later.
    TAG.set(None);
    error
}

thread_local! {
    /// The kind of the error on its way through serde_yaml, from [`cross`] to [`call`].
    static CROSSING: Cell<Option<Failure>> = const { Cell::new(None) };
    /// The tag of the error [`fail`] is building, from `fail` to `Error::custom`.
    static TAG: Cell<Option<Failure>> = const { Cell::new(None) };
    /// What the parse under way has read, aliases expanded: reset by [`from_str`], counted by every visit.
    static READ: Cell<Read> = const { Cell::new(Read { bytes: 0, values: 0 }) };
}

/// The error of every wrapper: the underlying deserializer's error `E` and its kind, if known.
///
/// `failure` is `None` for an error that serde_yaml raised itself.
#[derive(Debug)]
struct Error<E> {
    error: E,
    failure: Option<Failure>,
}

impl<E> Error<E> {
    fn new(error: E, failure: Failure) -> Self {
        Error { error, failure: Some(failure) }
    }
}

impl<E: Display> Display for Error<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.error.fmt(f)
    }
}

impl<E: std::error::Error> std::error::Error for Error<E> {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.error.source()
    }
}

/// Each constructor builds `E`'s own error, so messages stay those of serde_yaml, and notes the kind.
impl<E: de::Error> de::Error for Error<E> {
    fn custom<T: Display>(message: T) -> Self {
        Error::new(E::custom(message), TAG.take().unwrap_or(Failure::BadValue))
    }

    fn invalid_type(unexpected: de::Unexpected<'_>, expected: &dyn de::Expected) -> Self {
        Error::new(E::invalid_type(unexpected, expected), Failure::WrongType)
    }

    fn invalid_value(unexpected: de::Unexpected<'_>, expected: &dyn de::Expected) -> Self {
        Error::new(E::invalid_value(unexpected, expected), Failure::BadValue)
    }

    fn invalid_length(len: usize, expected: &dyn de::Expected) -> Self {
        Error::new(E::invalid_length(len, expected), Failure::WrongType)
    }

    fn unknown_variant(variant: &str, expected: &'static [&'static str]) -> Self {
        // serde says "unknown variant", which is the programmer's word.
        let allowed: Vec<String> = expected.iter().map(|word| format!("`{word}`")).collect();
        let message = format!("`{variant}` is not one of the allowed values: {}", allowed.join(", "));
        Error::new(E::custom(message), Failure::UnknownVariant)
    }

    fn unknown_field(field: &str, expected: &'static [&'static str]) -> Self {
        Error::new(E::unknown_field(field, expected), Failure::UnknownField)
    }

    fn missing_field(field: &'static str) -> Self {
        Error::new(E::missing_field(field), Failure::MissingField)
    }

    fn duplicate_field(field: &'static str) -> Self {
        Error::new(E::duplicate_field(field), Failure::DuplicateField)
    }
}

/// Calls into serde_yaml; an error coming back takes its kind out of `CROSSING` (none if serde_yaml raised it).
fn call<T, E>(f: impl FnOnce() -> Result<T, E>) -> Result<T, Error<E>> {
    CROSSING.set(None);
    f().map_err(|error| Error { error, failure: CROSSING.take() })
}

/// Hands an error back to serde_yaml, which called into the wrapper: the error itself, so that serde_yaml fixes
/// its position as usual, and its kind in `CROSSING` until [`call`] takes it.
fn cross<E>(error: Error<E>) -> E {
    CROSSING.set(error.failure);
    error.error
}

/// The keys of one struct's mapping: its field names, and those read so far.
struct Keys<'k> {
    fields: &'static [&'static str],
    seen: &'k mut Vec<&'static str>,
}

impl Keys<'_> {
    /// Notes `key`; a field name read for the second time is a duplicate, raised here to point at the key.
    fn see<E: de::Error>(self, key: &str) -> Result<(), E> {
        let Some(&field) = self.fields.iter().find(|field| **field == key) else { return Ok(()) };
        if self.seen.contains(&field) {
            return Err(cross(<Error<E> as de::Error>::duplicate_field(field)));
        }
        self.seen.push(field);
        Ok(())
    }
}

/// The wrapper around one of serde_yaml's deserializers; `key` is set while it reads a key of a struct.
struct De<'k, D> {
    de: D,
    key: Option<Keys<'k>>,
}

/// Forwards `deserialize_*` methods to the same method of the wrapped deserializer.
macro_rules! forward_deserialize {
    ($($method:ident($($arg:ident: $ty:ty),*);)*) => {$(
        fn $method<V: Visitor<'de>>(self, $($arg: $ty,)* visitor: V) -> Result<V::Value, Self::Error> {
            let role = self.key.map_or(Role::Value, Role::Key);
            call(|| self.de.$method($($arg,)* Visit { visitor, role }))
        }
    )*};
}

impl<'de, D: Deserializer<'de>> Deserializer<'de> for De<'_, D> {
    type Error = Error<D::Error>;

    forward_deserialize! {
        deserialize_any();
        deserialize_bool();
        deserialize_i8();
        deserialize_i16();
        deserialize_i32();
        deserialize_i64();
        deserialize_i128();
        deserialize_u8();
        deserialize_u16();
        deserialize_u32();
        deserialize_u64();
        deserialize_u128();
        deserialize_f32();
        deserialize_f64();
        deserialize_char();
        deserialize_str();
        deserialize_string();
        deserialize_bytes();
        deserialize_byte_buf();
        deserialize_option();
        deserialize_unit();
        deserialize_unit_struct(name: &'static str);
        deserialize_newtype_struct(name: &'static str);
        deserialize_seq();
        deserialize_tuple(len: usize);
        deserialize_tuple_struct(name: &'static str, len: usize);
        deserialize_map();
        deserialize_enum(name: &'static str, variants: &'static [&'static str]);
        deserialize_identifier();
        deserialize_ignored_any();
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Self::Error> {
        call(|| self.de.deserialize_struct(name, fields, Visit { visitor, role: Role::Struct(fields) }))
    }

    fn is_human_readable(&self) -> bool {
        self.de.is_human_readable()
    }
}

/// What the value a [`Visit`] is handed stands for.
enum Role<'k> {
    /// Any value.
    Value,
    /// A struct with these fields: its mapping's keys are checked for repeats.
    Struct(&'static [&'static str]),
    /// A key of a struct's mapping.
    Key(Keys<'k>),
}

/// The wrapper around a visitor handed to serde_yaml.
struct Visit<'k, V> {
    visitor: V,
    role: Role<'k>,
}

impl<V> Visit<'_, V> {
    /// The inner visitor, once a key of a struct has been checked.
    fn key<E: de::Error>(self, key: &str) -> Result<V, E> {
        if let Role::Key(keys) = self.role {
            keys.see(key)?;
        }
        Ok(self.visitor)
    }
}

/// Forwards `visit_*` methods of one scalar argument to the same method of the wrapped visitor.
macro_rules! forward_visit {
    ($($method:ident($ty:ty);)*) => {$(
        fn $method<E: de::Error>(self, v: $ty) -> Result<V::Value, E> {
            counted(0)?;
            self.visitor.$method(v).map_err(cross)
        }
    )*};
}

impl<'de, V: Visitor<'de>> Visitor<'de> for Visit<'_, V> {
    type Value = V::Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.visitor.expecting(f)
    }

    forward_visit! {
        visit_bool(bool);
        visit_i8(i8);
        visit_i16(i16);
        visit_i32(i32);
        visit_i64(i64);
        visit_i128(i128);
        visit_u8(u8);
        visit_u16(u16);
        visit_u32(u32);
        visit_u64(u64);
        visit_u128(u128);
        visit_f32(f32);
        visit_f64(f64);
        visit_char(char);
        visit_bytes(&[u8]);
        visit_borrowed_bytes(&'de [u8]);
        visit_byte_buf(Vec<u8>);
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<V::Value, E> {
        counted(v.len())?;
        scalar(v)?;
        self.key(v)?.visit_str(v).map_err(cross)
    }

    fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<V::Value, E> {
        counted(v.len())?;
        scalar(v)?;
        self.key(v)?.visit_borrowed_str(v).map_err(cross)
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<V::Value, E> {
        counted(v.len())?;
        scalar(&v)?;
        self.key(&v)?.visit_string(v).map_err(cross)
    }

    fn visit_none<E: de::Error>(self) -> Result<V::Value, E> {
        counted(0)?;
        self.visitor.visit_none().map_err(cross)
    }

    fn visit_unit<E: de::Error>(self) -> Result<V::Value, E> {
        counted(0)?;
        self.visitor.visit_unit().map_err(cross)
    }

    fn visit_some<D: Deserializer<'de>>(self, de: D) -> Result<V::Value, D::Error> {
        self.visitor.visit_some(De { de, key: None }).map_err(cross)
    }

    fn visit_newtype_struct<D: Deserializer<'de>>(self, de: D) -> Result<V::Value, D::Error> {
        self.visitor.visit_newtype_struct(De { de, key: None }).map_err(cross)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<V::Value, A::Error> {
        counted(0)?;
        self.visitor.visit_seq(Seq(seq)).map_err(cross)
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<V::Value, A::Error> {
        counted(0)?;
        let fields = if let Role::Struct(fields) = self.role { Some(fields) } else { None };
        self.visitor.visit_map(Map { map, fields, seen: Vec::new() }).map_err(cross)
    }

    fn visit_enum<A: EnumAccess<'de>>(self, data: A) -> Result<V::Value, A::Error> {
        self.visitor.visit_enum(Enum(data)).map_err(cross)
    }
}

/// Every text serde_yaml hands out, key or value, passes here, however it was written: raw, or as a YAML escape
/// (`"\x01"`, `"\e"`, `"\u202e"`), which the file's own check of its characters cannot see. Refused, at the
/// scalar, are the control characters but the line break (C0, DEL and C1: a terminal or a feed reader acts on
/// them) and the bidi embeddings, overrides and isolates (U+202A-U+202E, U+2066-U+2069), which make text read
/// otherwise than it is stored.
fn scalar<E: de::Error>(v: &str) -> Result<(), E> {
    let Some(c) = v.chars().find(|c| is_hostile(*c)) else { return Ok(()) };
    Err(cross(Error::new(E::custom(hostile_message(c)), Failure::Tagged(Tag::HostileCharacter))))
}

/// Why `c`, a character that [`is_hostile`] refuses, is refused, in a sentence.
pub fn hostile_message(c: char) -> String {
    if c.is_control() {
        format!("the control character U+{:04X} is not allowed in a value; remove it", c as u32)
    } else {
        format!(
            "the bidi formatting character U+{:04X}, which can make text read otherwise than it is written, is not allowed in a value; remove it",
            c as u32
        )
    }
}

/// A character no value may hold: a control character but the line break,
/// or a bidi embedding, override or isolate (T017).
pub fn is_hostile(c: char) -> bool {
    matches!(c, '\0'..='\u{9}' | '\u{b}'..='\u{1f}' | '\u{7f}'..='\u{9f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// The wrapper around a seed handed to serde_yaml; `key` is set for a key of a struct.
struct Seed<'k, S> {
    seed: S,
    key: Option<Keys<'k>>,
}

impl<'de, S: DeserializeSeed<'de>> DeserializeSeed<'de> for Seed<'_, S> {
    type Value = S::Value;

    fn deserialize<D: Deserializer<'de>>(self, de: D) -> Result<S::Value, D::Error> {
        self.seed.deserialize(De { de, key: self.key }).map_err(cross)
    }
}

/// The wrapper around serde_yaml's sequence access.
struct Seq<A>(A);

impl<'de, A: SeqAccess<'de>> SeqAccess<'de> for Seq<A> {
    type Error = Error<A::Error>;

    fn next_element_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<Option<T::Value>, Self::Error> {
        call(|| self.0.next_element_seed(Seed { seed, key: None }))
    }

    fn size_hint(&self) -> Option<usize> {
        self.0.size_hint()
    }
}

/// The wrapper around serde_yaml's mapping access; `fields` is set when the mapping is read as a struct.
struct Map<A> {
    map: A,
    fields: Option<&'static [&'static str]>,
    seen: Vec<&'static str>,
}

impl<'de, A: MapAccess<'de>> MapAccess<'de> for Map<A> {
    type Error = Error<A::Error>;

    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>, Self::Error> {
        let key = self.fields.map(|fields| Keys { fields, seen: &mut self.seen });
        call(|| self.map.next_key_seed(Seed { seed, key }))
    }

    fn next_value_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<T::Value, Self::Error> {
        call(|| self.map.next_value_seed(Seed { seed, key: None }))
    }

    fn size_hint(&self) -> Option<usize> {
        self.map.size_hint()
    }
}

/// The wrapper around serde_yaml's enum access.
struct Enum<A>(A);

impl<'de, A: EnumAccess<'de>> EnumAccess<'de> for Enum<A> {
    type Error = Error<A::Error>;
    type Variant = Variant<A::Variant>;

    fn variant_seed<T: DeserializeSeed<'de>>(self, seed: T) -> Result<(T::Value, Self::Variant), Self::Error> {
        call(|| self.0.variant_seed(Seed { seed, key: None })).map(|(value, variant)| (value, Variant(variant)))
    }
}

/// The wrapper around serde_yaml's variant access.
struct Variant<A>(A);

impl<'de, A: VariantAccess<'de>> VariantAccess<'de> for Variant<A> {
    type Error = Error<A::Error>;

    fn unit_variant(self) -> Result<(), Self::Error> {
        call(|| self.0.unit_variant())
    }

    fn newtype_variant_seed<T: DeserializeSeed<'de>>(self, seed: T) -> Result<T::Value, Self::Error> {
        call(|| self.0.newtype_variant_seed(Seed { seed, key: None }))
    }

    fn tuple_variant<V: Visitor<'de>>(self, len: usize, visitor: V) -> Result<V::Value, Self::Error> {
        call(|| self.0.tuple_variant(len, Visit { visitor, role: Role::Value }))
    }

    fn struct_variant<V: Visitor<'de>>(
        self,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Self::Error> {
        call(|| self.0.struct_variant(fields, Visit { visitor, role: Role::Struct(fields) }))
    }
}

/// Any YAML value, read and dropped: fails only where serde_yaml itself refuses the text.
///
/// Every level is read with `deserialize_any`, as serde_yaml reads an untyped value, so that its nesting limit
/// and its checks of tagged scalars apply throughout (`IgnoredAny` would skip nested values unchecked).
struct Walk;

impl<'de> Deserialize<'de> for Walk {
    fn deserialize<D: Deserializer<'de>>(de: D) -> Result<Walk, D::Error> {
        de.deserialize_any(Walk)
    }
}

/// Accepts one scalar visit of each given method, counted as the wrapper counts it.
macro_rules! accept {
    ($($method:ident($ty:ty);)*) => {$(
        fn $method<E: de::Error>(self, _: $ty) -> Result<Walk, E> {
            count(0).map_err(E::custom)?;
            Ok(Walk)
        }
    )*};
}

impl<'de> Visitor<'de> for Walk {
    type Value = Walk;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any YAML value")
    }

    accept! {
        visit_bool(bool);
        visit_i64(i64);
        visit_i128(i128);
        visit_u64(u64);
        visit_u128(u128);
        visit_f64(f64);
        visit_bytes(&[u8]);
    }

    fn visit_none<E: de::Error>(self) -> Result<Walk, E> {
        count(0).map_err(E::custom)?;
        Ok(Walk)
    }

    fn visit_unit<E: de::Error>(self) -> Result<Walk, E> {
        count(0).map_err(E::custom)?;
        Ok(Walk)
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Walk, E> {
        count(v.len()).map_err(E::custom)?;
        Ok(Walk)
    }

    fn visit_some<D: Deserializer<'de>>(self, de: D) -> Result<Walk, D::Error> {
        Walk::deserialize(de)
    }

    fn visit_newtype_struct<D: Deserializer<'de>>(self, de: D) -> Result<Walk, D::Error> {
        Walk::deserialize(de)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Walk, A::Error> {
        count(0).map_err(de::Error::custom)?;
        while seq.next_element::<Walk>()?.is_some() {}
        Ok(Walk)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Walk, A::Error> {
        count(0).map_err(de::Error::custom)?;
        while map.next_entry::<Walk, Walk>()?.is_some() {}
        Ok(Walk)
    }

    fn visit_enum<A: EnumAccess<'de>>(self, data: A) -> Result<Walk, A::Error> {
        let (Walk, variant) = data.variant::<Walk>()?;
        variant.newtype_variant::<Walk>()
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, reason = "a test should fail loudly")]
mod tests {
    use std::collections::BTreeMap;
    use std::fmt::Debug;
    use std::str::FromStr;

    use serde::de::Unexpected;

    use super::*;
    use crate::diag::Rule;

    // Types shaped like the project's records.

    #[derive(Debug, PartialEq, Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Record {
        kind: Kind,
        date: Date,
        title: Option<String>,
        #[serde(default)]
        facts: Vec<Localized>,
        figures: Option<Map>,
        per_page: Option<usize>,
        verdict: Option<Verdict>,
    }

    #[derive(Debug, PartialEq, Deserialize)]
    #[serde(rename_all = "kebab-case")]
    enum Kind {
        Rebuttal,
        MythBuster,
    }

    /// A date read with `deserialize_str` and `FromStr`, failing with the project's own tag.
    #[derive(Debug, PartialEq)]
    struct Date(u16, u8, u8);

    impl FromStr for Date {
        type Err = String;

        fn from_str(s: &str) -> Result<Date, String> {
            let bad = || format!("`{s}` is not a date (YYYY-MM-DD)");
            let parts: Vec<&str> = s.split('-').collect();
            let [year, month, day] = parts.as_slice() else { return Err(bad()) };
            let (Ok(year), Ok(month), Ok(day)) = (year.parse(), month.parse(), day.parse()) else { return Err(bad()) };
            if !(1..=12).contains(&month) || !(1..=31).contains(&day) {
                return Err(bad());
            }
            Ok(Date(year, month, day))
        }
    }

    impl<'de> Deserialize<'de> for Date {
        fn deserialize<D: Deserializer<'de>>(de: D) -> Result<Date, D::Error> {
            struct V;
            impl Visitor<'_> for V {
                type Value = Date;
                fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                    f.write_str("a date")
                }
                fn visit_str<E: de::Error>(self, v: &str) -> Result<Date, E> {
                    v.parse().map_err(|message| fail(Rule::BadDate, message))
                }
            }
            de.deserialize_str(V)
        }
    }

    /// A mapping whose keys may not repeat, like the project's `UniqueMap`.
    #[derive(Debug, PartialEq)]
    struct Localized(Vec<(String, String)>);

    impl<'de> Deserialize<'de> for Localized {
        fn deserialize<D: Deserializer<'de>>(de: D) -> Result<Localized, D::Error> {
            struct V;
            impl<'de> Visitor<'de> for V {
                type Value = Localized;
                fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                    f.write_str("a mapping")
                }
                fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Localized, A::Error> {
                    let mut entries = Vec::new();
                    while let Some(key) = map.next_key_seed(NewKey(&entries))? {
                        entries.push((key, map.next_value()?));
                    }
                    Ok(Localized(entries))
                }
            }
            de.deserialize_map(V)
        }
    }

    /// Reads a key, failing at the key itself when the mapping has it already.
    struct NewKey<'m>(&'m [(String, String)]);

    impl<'de> DeserializeSeed<'de> for NewKey<'_> {
        type Value = String;
        fn deserialize<D: Deserializer<'de>>(self, de: D) -> Result<String, D::Error> {
            de.deserialize_str(self)
        }
    }

    impl Visitor<'_> for NewKey<'_> {
        type Value = String;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a key")
        }
        fn visit_str<E: de::Error>(self, v: &str) -> Result<String, E> {
            if self.0.iter().any(|(key, _)| key == v) {
                return Err(fail(Rule::DuplicateKey, format!("duplicate key `{v}`")));
            }
            Ok(v.to_owned())
        }
    }

    type Map = BTreeMap<String, Figure>;

    /// A number, or words: builds a tagged error for words and drops it.
    #[derive(Debug, PartialEq)]
    enum Figure {
        Count(u64),
        Words(String),
    }

    impl<'de> Deserialize<'de> for Figure {
        fn deserialize<D: Deserializer<'de>>(de: D) -> Result<Figure, D::Error> {
            struct V;
            impl Visitor<'_> for V {
                type Value = Figure;
                fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                    f.write_str("a number or words")
                }
                fn visit_u64<E: de::Error>(self, v: u64) -> Result<Figure, E> {
                    Ok(Figure::Count(v))
                }
                fn visit_str<E: de::Error>(self, v: &str) -> Result<Figure, E> {
                    match v.parse() {
                        Ok(count) => Ok(Figure::Count(count)),
                        Err(message) => {
                            let _dropped: E = fail(Rule::BadValue, message);
                            Ok(Figure::Words(v.to_owned()))
                        }
                    }
                }
            }
            de.deserialize_any(V)
        }
    }

    /// `false`, or one of the rating words.
    #[derive(Debug, PartialEq)]
    enum Verdict {
        Withheld,
        Rating(String),
    }

    impl<'de> Deserialize<'de> for Verdict {
        fn deserialize<D: Deserializer<'de>>(de: D) -> Result<Verdict, D::Error> {
            struct V;
            impl Visitor<'_> for V {
                type Value = Verdict;
                fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                    f.write_str("false or a rating")
                }
                fn visit_bool<E: de::Error>(self, v: bool) -> Result<Verdict, E> {
                    if v { Err(E::invalid_value(Unexpected::Bool(v), &self)) } else { Ok(Verdict::Withheld) }
                }
                fn visit_str<E: de::Error>(self, v: &str) -> Result<Verdict, E> {
                    match v {
                        "true" | "false" | "misleading" | "partly-true" => Ok(Verdict::Rating(v.to_owned())),
                        _ => Err(E::invalid_value(Unexpected::Str(v), &self)),
                    }
                }
            }
            de.deserialize_any(V)
        }
    }

    // Helpers.

    fn location(error: &serde_yaml::Error) -> Option<(usize, usize)> {
        error.location().map(|at| (at.line(), at.column()))
    }

    /// Parses `source` as a `T` through the wrapper and plainly; the wrapper must fail with `failure` at `at`,
    /// plain serde_yaml at `plain`. Where the two positions agree, the messages must too.
    #[track_caller]
    fn fails<T: DeserializeOwned + Debug>(
        source: &str,
        failure: Failure,
        at: (usize, usize),
        plain: (usize, usize),
    ) -> TypedError {
        let typed = from_str::<T>(source).unwrap_err();
        let plain_error = serde_yaml::from_str::<T>(source).unwrap_err();
        assert_eq!(typed.failure, failure, "{typed}");
        assert_eq!(location(&typed.error), Some(at), "{typed}");
        assert_eq!(location(&plain_error), Some(plain), "{plain_error}");
        // The same message as serde_yaml's, but for an unknown variant,
        // which is said in the author's words.
        if at == plain && failure != Failure::UnknownVariant {
            assert_eq!(typed.error.to_string(), plain_error.to_string());
        }
        typed
    }

    /// Both parses succeed with the same value, which is returned.
    #[track_caller]
    fn reads<T: DeserializeOwned + Debug + PartialEq>(source: &str) -> T {
        let typed = from_str::<T>(source).unwrap();
        assert_eq!(typed, serde_yaml::from_str::<T>(source).unwrap());
        typed
    }

    /// The two lines every record needs.
    const HEAD: &str = "kind: rebuttal\ndate: 2021-01-01\n";

    fn record(rest: &str) -> String {
        format!("{HEAD}{rest}")
    }

    // Valid documents.

    #[test]
    fn a_valid_document_round_trips() {
        let source = "kind: myth-buster\ndate: 2021-03-04\ntitle: Hello\nfacts:\n  - en: one\n    hi: एक\n\
                      figures:\n  cases: 12\n  source: many\nper_page: 20\nverdict: false\n";
        let expected = Record {
            kind: Kind::MythBuster,
            date: Date(2021, 3, 4),
            title: Some("Hello".to_owned()),
            facts: vec![Localized(vec![("en".to_owned(), "one".to_owned()), ("hi".to_owned(), "एक".to_owned())])],
            figures: Some(BTreeMap::from([
                ("cases".to_owned(), Figure::Count(12)),
                ("source".to_owned(), Figure::Words("many".to_owned())),
            ])),
            per_page: Some(20),
            verdict: Some(Verdict::Withheld),
        };
        assert_eq!(reads::<Record>(source), expected);
        assert_eq!(
            reads::<Record>(&record("verdict: misleading\n")).verdict,
            Some(Verdict::Rating("misleading".into()))
        );
    }

    #[test]
    fn scalars_stay_strings_and_null_is_none() {
        assert_eq!(reads::<Record>(&record("title: ~\n")).title, None);
        assert_eq!(reads::<Record>(&record("title: null\n")).title, None);
        assert_eq!(reads::<Record>(&record("title:\n")).title, None);
        assert_eq!(reads::<Record>(&record("title: 2021\n")).title.as_deref(), Some("2021"));
        assert_eq!(reads::<Record>(&record("title: 1.0\n")).title.as_deref(), Some("1.0"));
        assert_eq!(reads::<Record>(&record("title: true\n")).title.as_deref(), Some("true"));
        assert_eq!(reads::<Record>(&record("title: '~'\n")).title.as_deref(), Some("~"));
    }

    // Failures raised through serde's derive and the project's impls.

    #[test]
    fn unknown_field_points_at_the_key() {
        let error = fails::<Record>(&record("topik: x\n"), Failure::UnknownField, (3, 1), (3, 1));
        assert!(error.to_string().starts_with("unknown field `topik`"), "{error}");
    }

    #[test]
    fn missing_field_points_at_the_mapping() {
        fails::<Record>("date: 2021-01-01\ntitle: x\n", Failure::MissingField, (1, 1), (1, 1));
        fails::<Record>("facts:\n  - en: a\ndate: 2021-01-01\n", Failure::MissingField, (1, 1), (1, 1));
    }

    /// serde_yaml does not check a struct's keys for repeats: plain serde_yaml reports serde derive's
    /// `duplicate field` at the start of the mapping. The wrapper raises the same error at the second key.
    #[test]
    fn duplicate_field_points_at_the_second_key() {
        let error = fails::<Record>(&record("title: a\nkind: myth-buster\n"), Failure::DuplicateField, (4, 1), (1, 1));
        assert!(error.to_string().starts_with("duplicate field `kind`"), "{error}");
        fails::<Record>(&record("title: a\ntitle: b\n"), Failure::DuplicateField, (4, 1), (1, 1));
        // In a nested struct, the mapping starts at its first key.
        let nested = "items:\n  - date: 2021-01-01\n    date: 2021-01-02\n";
        fails::<Outer>(nested, Failure::DuplicateField, (3, 5), (2, 5));
        // A key repeated in a mapping that is not read as a struct is not the wrapper's business.
        assert_eq!(reads::<BTreeMap<String, u8>>("a: 1\na: 2\n"), BTreeMap::from([("a".to_owned(), 2)]));
    }

    #[test]
    fn duplicate_key_in_a_custom_map_is_tagged_at_the_key() {
        fails::<Record>(&record("facts:\n  - en: a\n    en: b\n"), Failure::Tagged(Rule::DuplicateKey), (5, 5), (5, 5));
    }

    #[test]
    fn nested_error_in_a_list_item_points_at_the_inner_key() {
        let error = fails::<Record>(
            &record("facts: [{en: a, en: b}]\n"),
            Failure::Tagged(Rule::DuplicateKey),
            (3, 17),
            (3, 17),
        );
        assert!(error.to_string().starts_with("facts[0]: duplicate key `en`"), "{error}");
    }

    #[test]
    fn wrong_types_point_at_the_value() {
        fails::<Record>(&record("title: [a, b]\n"), Failure::WrongType, (3, 8), (3, 8));
        fails::<Record>(&record("title: {a: b}\n"), Failure::WrongType, (3, 8), (3, 8));
        fails::<Record>(&record("per_page: abc\n"), Failure::WrongType, (3, 11), (3, 11));
        fails::<Record>(&record("per_page: -1\n"), Failure::WrongType, (3, 11), (3, 11));
        fails::<Record>(&record("per_page: 1.5\n"), Failure::WrongType, (3, 11), (3, 11));
        // Raised by serde's impl for `Vec` rather than by serde_yaml: a kind was recorded.
        fails::<Record>(&record("facts: [[a]]\n"), Failure::WrongType, (3, 9), (3, 9));
    }

    #[test]
    fn a_document_that_is_not_a_mapping_is_a_wrong_type() {
        fails::<Record>("[]", Failure::WrongType, (1, 1), (1, 1));
        fails::<Record>("- a\n- b\n", Failure::WrongType, (1, 1), (1, 1));
        fails::<Record>("2021", Failure::WrongType, (1, 1), (1, 1));
        fails::<Record>("hello\n", Failure::WrongType, (1, 1), (1, 1));
    }

    /// serde_yaml reads an empty document as an empty mapping.
    #[test]
    fn an_empty_document_misses_its_fields() {
        fails::<Record>("", Failure::MissingField, (1, 1), (1, 1));
        // With nothing but a comment, the (empty) mapping is where the stream ends.
        fails::<Record>("# only a comment\n", Failure::MissingField, (2, 1), (2, 1));
        assert_eq!(reads::<Option<Record>>(""), None);
    }

    #[test]
    fn unknown_variant_points_at_the_word() {
        let error = fails::<Record>("kind: rebutal\ndate: 2021-01-01\n", Failure::UnknownVariant, (1, 7), (1, 7));
        assert!(error.to_string().contains("`rebutal` is not one of the allowed values: `rebuttal`, `myth-buster`"));
    }

    #[test]
    fn refused_value_is_a_bad_value() {
        fails::<Record>(&record("verdict: true\n"), Failure::BadValue, (3, 10), (3, 10));
        fails::<Record>(&record("verdict: maybe\n"), Failure::BadValue, (3, 10), (3, 10));
    }

    #[test]
    fn bad_date_is_tagged() {
        let error =
            fails::<Record>("kind: rebuttal\ndate: 2021-13-01\n", Failure::Tagged(Rule::BadDate), (2, 7), (2, 7));
        assert_eq!(error.to_string(), "date: `2021-13-01` is not a date (YYYY-MM-DD) at line 2 column 7");
    }

    // Text that is not YAML.

    /// Plain serde_yaml stops at the sequence's start, where a word was wanted, before it reaches the broken
    /// bracket; the wrapper reports the parse error itself.
    #[test]
    fn an_unclosed_bracket_is_syntax() {
        let error = fails::<Record>("kind: [a\ndate: 2021-01-01\n", Failure::Syntax, (2, 5), (1, 7));
        assert!(error.to_string().contains("flow sequence"), "{error}");
        fails::<Record>(&record("title: [a, b\n"), Failure::Syntax, (4, 1), (3, 8));
    }

    #[test]
    fn a_tab_in_the_indentation_is_syntax() {
        fails::<Record>(&record("\ttitle: x\n"), Failure::Syntax, (3, 1), (3, 1));
        fails::<Record>("facts:\n\t- en: a\n", Failure::Syntax, (2, 1), (2, 1));
    }

    /// libyaml's reader reports a control character with a byte offset ("at position N") and no mark, and
    /// serde_yaml then gives line 1, column 1 (index 0) as its location. The wrapper passes that on unchanged.
    #[test]
    fn a_control_character_is_syntax() {
        let source = record("title: a\u{1}b\n");
        let error = fails::<Record>(&source, Failure::Syntax, (1, 1), (1, 1));
        assert_eq!(error.error.location().map(|at| at.index()), Some(0));
        assert_eq!(error.to_string(), format!("control characters are not allowed at position {}", HEAD.len() + 8));
        fails::<Record>("kind: \"rebu\u{1}ttal\"\n", Failure::Syntax, (1, 1), (1, 1));
    }

    /// Written raw or as a YAML escape, in a value or a key, a control or bidi character is refused at its scalar.
    #[test]
    fn control_and_bidi_characters_are_refused_at_their_scalar() {
        let values = [
            "\"\\0\"",
            "\"a\\x01\"",
            "\"\\e[2J\"",
            "\"\\t\"",
            "\"\\x7f\"",
            "\"\\x85\"",
            "\"\\u202e\"",
            "a\u{2066}b",
            "|\n  a\u{202a}",
        ];
        for value in values {
            let error = from_str::<Record>(&record(&format!("title: {value}\n"))).unwrap_err();
            assert_eq!(error.failure, Failure::Tagged(Rule::HostileCharacter), "{value}: {error}");
            assert_eq!(location(&error.error), Some((3, 8)), "{value}");
        }
        let error = from_str::<Record>(&record("facts:\n  - \"e\\x1bn\": a\n")).unwrap_err();
        assert_eq!((error.failure, location(&error.error)), (Failure::Tagged(Rule::HostileCharacter), Some((4, 5))));
        assert_eq!(
            reads::<Record>(&record("title: \"a\\nb\u{200d}\u{200f}\"\n")).title.as_deref(),
            Some("a\nb\u{200d}\u{200f}")
        );
    }

    /// One anchored text repeated by aliases is counted at every alias, and refused at the one that passes the
    /// limit (serde_yaml places it at the anchored text, the message names the alias's path), before it is copied.
    #[test]
    fn aliases_are_counted_as_they_are_expanded() {
        let big = "x".repeat(MAX_TEXT_BYTES / 8);
        let items = "  - {en: *a}\n".repeat(9);
        let error = from_str::<Record>(&record(&format!("title: &a {big}\nfacts:\n{items}"))).unwrap_err();
        assert_eq!(error.failure, Failure::Tagged(Rule::TooLarge), "{error}");
        assert_eq!(location(&error.error), Some((3, 8)));
        assert!(error.to_string().starts_with("facts[6].en: the document holds more than 8388608 bytes"), "{error}");
        // Seven copies are within it.
        let items = "  - {en: *a}\n".repeat(6);
        reads::<Record>(&record(&format!("title: &a {big}\nfacts:\n{items}")));
        // Empty values are counted too: a thousand aliases of a list of a thousand.
        let list = format!("[{}]", vec!["[]"; 1000].join(", "));
        let source = format!("a: &a {list}\n{}", (0..1000).map(|i| format!("b{i}: *a\n")).collect::<String>());
        let error = from_str::<BTreeMap<String, Vec<Vec<u8>>>>(&source).unwrap_err();
        assert_eq!(error.failure, Failure::Tagged(Rule::TooLarge), "{error}");
        // A parse that failed for another reason does not walk the aliases without limit either.
        let error = from_str::<Record>(&format!("kind: rebuttal\ndate: [1]\nx: {}", &source[3..])).unwrap_err();
        assert_eq!(error.failure, Failure::Tagged(Rule::TooLarge), "{error}");
    }

    #[test]
    fn more_than_one_document_is_syntax() {
        let error = from_str::<Record>(&format!("{HEAD}---\n{HEAD}")).unwrap_err();
        assert_eq!(error.failure, Failure::Syntax);
        assert_eq!(location(&error.error), None);
    }

    /// A file that is not YAML is called so even where the typed parse stopped earlier at an error with a kind.
    #[test]
    fn syntax_wins_over_an_earlier_failure() {
        fails::<Record>("topik: x\nkind: [a\n", Failure::Syntax, (3, 1), (1, 1));
        fails::<Record>(&record("facts: [{en: a, en: b}]\ntitle: [a\n"), Failure::Syntax, (5, 1), (3, 17));
    }

    // Nesting, and kinds that must not outlive their error.

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code, reason = "only read to fail")]
    struct Outer {
        items: Vec<Option<Inner>>,
    }

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code, reason = "only read to fail")]
    struct Inner {
        date: Date,
        #[serde(default)]
        names: Option<Localized>,
    }

    #[test]
    fn an_inner_error_keeps_its_kind_through_the_outer_layers() {
        let source = "items:\n  - date: 2021-01-01\n  - ~\n  - date: 2021-01-32\n";
        fails::<Outer>(source, Failure::Tagged(Rule::BadDate), (4, 11), (4, 11));
        let source = "items:\n  - date: 2021-01-01\n    names: {en: a, hi: b, en: c}\n";
        fails::<Outer>(source, Failure::Tagged(Rule::DuplicateKey), (3, 27), (3, 27));
        let source = "items:\n  - date: 2021-01-01\n    topik: x\n";
        fails::<Outer>(source, Failure::UnknownField, (3, 5), (3, 5));
        fails::<Outer>("items:\n  - {}\n", Failure::MissingField, (2, 5), (2, 5));
        fails::<Outer>("items:\n  - date: [2021]\n", Failure::WrongType, (2, 11), (2, 11));
    }

    /// Tries a date first, then takes any text: the date's tagged error is built and dropped.
    #[derive(Debug, Deserialize)]
    #[serde(untagged)]
    #[allow(dead_code, reason = "only read to fail")]
    enum Source {
        Dated(Date),
        Named(String),
    }

    #[derive(Debug, Deserialize)]
    #[allow(dead_code, reason = "only read to fail")]
    struct Sourced {
        sources: Vec<Source>,
        per_page: usize,
    }

    /// Errors that were raised with a kind and then dropped (by `Figure`'s fallback after `fail`, by an untagged
    /// enum trying its variants) must not lend their kind to a later error that has none.
    #[test]
    fn a_dropped_error_leaves_no_kind_behind() {
        let source = record("figures: {a: many}\ntitle: [x]\n");
        fails::<Record>(&source, Failure::WrongType, (4, 8), (4, 8));
        let source = record("figures: {a: many}\ntitle: [a\n");
        fails::<Record>(&source, Failure::Syntax, (5, 1), (4, 8));
        fails::<Sourced>("sources: [not-a-date]\nper_page: abc\n", Failure::WrongType, (2, 11), (2, 11));
        // `fail` for an error type other than the wrapper's leaves no tag for a later untagged `custom`.
        fails::<Mixed>("foreign: x\nplain: y\n", Failure::BadValue, (2, 8), (2, 8));
    }

    #[derive(Debug, Deserialize)]
    #[allow(dead_code, reason = "only read to fail")]
    struct Mixed {
        foreign: Foreign,
        plain: Plain,
    }

    /// Builds a tagged error of a type other than the deserializer's, and drops it.
    #[derive(Debug)]
    struct Foreign;

    impl<'de> Deserialize<'de> for Foreign {
        fn deserialize<D: Deserializer<'de>>(de: D) -> Result<Foreign, D::Error> {
            String::deserialize(de)?;
            let _dropped: serde_yaml::Error = fail(Rule::NoHeadline, "not through the wrapper");
            Ok(Foreign)
        }
    }

    /// Refuses any text with an untagged `custom` error.
    #[derive(Debug)]
    struct Plain;

    impl<'de> Deserialize<'de> for Plain {
        fn deserialize<D: Deserializer<'de>>(de: D) -> Result<Plain, D::Error> {
            struct V;
            impl Visitor<'_> for V {
                type Value = Plain;
                fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                    f.write_str("nothing")
                }
                fn visit_str<E: de::Error>(self, _: &str) -> Result<Plain, E> {
                    Err(E::custom("refused"))
                }
            }
            de.deserialize_str(V)
        }
    }

    /// The wrapper adds stack frames at every level; serde_yaml's limit of 128 comes well before the stack's end.
    #[test]
    fn deep_nesting_stops_at_serde_yamls_limit() {
        let deep = |depth: usize| format!("{}{}", "[".repeat(depth), "]".repeat(depth));
        assert!(from_str::<serde_yaml::Value>(&deep(128)).is_ok());
        let error = fails::<serde_yaml::Value>(&deep(129), Failure::Syntax, (1, 129), (1, 129));
        assert_eq!(error.to_string(), "recursion limit exceeded at line 1 column 129");
        let mapping = |depth: usize| format!("{}1{}", "{a: ".repeat(depth), "}".repeat(depth));
        assert!(from_str::<serde_yaml::Value>(&mapping(128)).is_ok());
    }

    // Enums written with YAML tags go through the wrapped enum and variant access.

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code, reason = "only read to fail")]
    enum Shape {
        Square(u32),
        Rect { w: u32, h: u32 },
    }

    #[test]
    fn tagged_enums_are_wrapped_too() {
        assert!(matches!(from_str::<Shape>("!Square 3").unwrap(), Shape::Square(3)));
        // serde_yaml hands back an error from a tag's variant without fixing its position, wrapper or not.
        let error = from_str::<Shape>("!Circle 3").unwrap_err();
        assert_eq!(error.failure, Failure::UnknownVariant);
        assert_eq!(location(&error.error), None);
        assert_eq!(location(&serde_yaml::from_str::<Shape>("!Circle 3").unwrap_err()), None);
        fails::<Shape>("!Rect {w: 1, h: 2, d: 3}", Failure::UnknownField, (1, 20), (1, 20));
        fails::<Shape>("!Rect {w: 1, h: 2, w: 3}", Failure::DuplicateField, (1, 20), (1, 1));
        fails::<Shape>("!Square x", Failure::WrongType, (1, 1), (1, 1));
    }
}
