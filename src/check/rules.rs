//! Every rule `tathya check` applies, with its stable code. The README lists
//! the same table; `tests/check/` holds a malformed input for each.

use serde::Serialize;

/// How bad a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Blocks `build`; `check` exits 1.
    Error,
    /// Reported; an error only with `check --strict`.
    Warning,
}

/// One rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rule {
    /// The stable code, e.g. `T002`.
    pub code: &'static str,
    /// Its severity unless `--strict`.
    pub severity: Severity,
    /// What it checks, in a few words.
    pub summary: &'static str,
}

macro_rules! rules {
    ($($(#[$doc:meta])* $name:ident = $code:literal $severity:ident $summary:literal;)*) => {
        $($(#[$doc])* pub const $name: Rule = Rule { code: $code, severity: Severity::$severity, summary: $summary };)*
        /// Every rule, in code order.
        pub const ALL: &[Rule] = &[$($name),*];
    };
}

rules! {
    /// Not YAML, or a value YAML cannot read.
    YAML_SYNTAX = "T001" Error "the file is not valid YAML";
    /// A field the format does not have (often a typo).
    UNKNOWN_FIELD = "T002" Error "unknown field";
    /// A key given twice in one mapping.
    DUPLICATE_KEY = "T003" Error "duplicate key";
    /// A list where text is expected, and the like.
    WRONG_TYPE = "T004" Error "wrong type";
    /// A required field is missing.
    MISSING_FIELD = "T005" Error "missing field";
    /// A date that is not YYYY-MM-DD, or a moment without a time zone.
    BAD_DATE = "T006" Error "bad date or moment";
    /// A URL that is not absolute http(s).
    BAD_URL = "T007" Error "bad URL";
    /// An id, key or language code with characters it may not have.
    BAD_NAME = "T008" Error "bad id, key or language code";
    /// A value that is not one of the allowed words (kind, status, verdict).
    BAD_VALUE = "T009" Error "value not allowed";
    /// A record file that cannot give an id.
    BAD_FILE_NAME = "T010" Error "bad record file name";
    /// A figure too large to print exactly, or another bad number.
    BAD_NUMBER = "T011" Error "bad number";
    /// A site setting that cannot work.
    BAD_SETTING = "T012" Error "bad site setting";
    /// A file that is not UTF-8 text.
    NOT_UTF8 = "T013" Error "not UTF-8";
    /// A file or a list beyond tathya's limits.
    TOO_LARGE = "T014" Error "too large";
    /// A link in the site root that leads outside it.
    OUTSIDE_ROOT = "T015" Error "link outside the site root";

    /// `issuer` names no issuer of `tathya.yaml`.
    UNKNOWN_ISSUER = "T020" Error "unknown issuer";
    /// A quote is `by` no person of `tathya.yaml`.
    UNKNOWN_PERSON = "T021" Error "unknown person";
    /// `contact` names no contact of `tathya.yaml`.
    UNKNOWN_CONTACT = "T022" Error "unknown contact";
    /// A tag not in `tathya.yaml`.
    UNKNOWN_TAG = "T023" Error "unknown tag";
    /// `related` names no statement.
    UNKNOWN_RELATED = "T024" Error "unknown related statement";
    /// A statement related to itself.
    SELF_RELATED = "T025" Error "statement related to itself";

    /// A text lacks a language of the site.
    MISSING_LANGUAGE = "T030" Error "missing language";
    /// A text has a language the site does not.
    EXTRA_LANGUAGE = "T031" Error "language not of the site";
    /// An empty text.
    EMPTY_TEXT = "T032" Error "empty text";

    /// A rebuttal without claim, verdict, topic or facts; a myth-buster without myths.
    INCOMPLETE_KIND = "T040" Error "kind lacks a required part";
    /// `status: withdrawn` without `withdrawn:`, or the other way round.
    WITHDRAWAL_MISMATCH = "T041" Error "withdrawal and status disagree";
    /// A statement whose headline can be made neither from `headline` nor `topic`.
    NO_HEADLINE = "T042" Error "no headline and no topic";

    /// A figure used in one language's text but not in another's.
    FIGURE_PARITY = "T050" Error "figure used in one language only";
    /// Links that differ between the languages of one text.
    LINK_PARITY = "T051" Error "links differ between languages";
    /// Text that uses a figure the record does not define, or bad Fluent in text.
    BAD_TEXT_PATTERN = "T052" Error "text uses an unknown figure or bad placeable";
    /// A figure defined but never used.
    UNUSED_FIGURE = "T053" Warning "figure never used";

    /// An `.ftl` file that does not parse.
    FTL_SYNTAX = "T060" Error "Fluent syntax error";
    /// A message in one locale but not in another.
    MESSAGE_MISSING = "T061" Error "message missing in a locale";
    /// An attribute in one locale but not in another.
    ATTRIBUTE_MISSING = "T062" Error "attribute missing in a locale";
    /// A message that uses other variables in another locale.
    VARIABLE_MISMATCH = "T063" Error "message variables differ between locales";
    /// A template asks for a message no locale has.
    UNKNOWN_MESSAGE = "T064" Error "template asks for an unknown message";
    /// A message defined twice.
    DUPLICATE_MESSAGE = "T065" Error "message defined twice";
    /// A language of the site without a locale folder.
    MISSING_LOCALE = "T066" Error "locale folder missing";
    /// A message that tathya itself needs is missing.
    REQUIRED_MESSAGE = "T067" Error "required message missing";

    /// A template that does not parse.
    TEMPLATE_SYNTAX = "T070" Error "template syntax error";
    /// A template that uses a variable its page does not have.
    UNKNOWN_VARIABLE = "T071" Error "template uses an unknown variable";
    /// A template tathya needs is missing.
    MISSING_TEMPLATE = "T072" Error "template missing";
    /// A template that fails while rendering.
    RENDER_FAILED = "T073" Error "template failed to render";

    /// Text not in Unicode NFC.
    NOT_NFC = "T080" Warning "text not in NFC";
    /// An ASCII full stop ending a Devanagari sentence instead of ।.
    ASCII_FULL_STOP = "T081" Warning "ASCII full stop after Devanagari";
    /// A space before ।.
    SPACE_BEFORE_DANDA = "T082" Warning "space before danda";
    /// `|` used as a danda.
    PIPE_AS_DANDA = "T083" Warning "pipe used as danda";
    /// One number with Latin and Devanagari digits.
    MIXED_DIGITS = "T084" Warning "number mixes digit scripts";
    /// Bidi isolates, ZWJ, ZWNJ, zero-width space, BOM or soft hyphen.
    INVISIBLE_CHARACTER = "T085" Warning "invisible formatting character";
    /// UTF-8 read as Windows-1252 (à¤…).
    MOJIBAKE = "T086" Warning "mojibake";
    /// Two spaces in a row.
    DOUBLE_SPACE = "T087" Warning "double space";
    /// ।। instead of ॥.
    DOUBLE_DANDA = "T088" Warning "double danda";
    /// A placeholder left by `tathya new`.
    PLACEHOLDER = "T089" Error "placeholder not filled in";

    /// `first_seen` after the statement's date.
    SEEN_AFTER_DATE = "T090" Error "claim first seen after the statement";
    /// A correction dated before the statement.
    UPDATE_BEFORE_DATE = "T091" Error "correction dated before the statement";
    /// Corrections out of date order.
    UPDATES_OUT_OF_ORDER = "T092" Error "corrections out of order";
    /// A withdrawal dated before the statement.
    WITHDRAWN_BEFORE_DATE = "T093" Error "withdrawal dated before the statement";
}
