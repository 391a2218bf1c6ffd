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

macro_rules! rules {
    ($($(#[$doc:meta])* $name:ident = $code:literal $severity:ident $summary:literal;)*) => {
        /// One rule, with its stable code. Every failure tathya reports is one
        /// of these, chosen where the failure is raised.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Rule {
            $($(#[$doc])* $name,)*
        }

        impl Rule {
            /// Every rule, in code order.
            pub const ALL: &[Rule] = &[$(Rule::$name),*];

            /// The stable code, e.g. `T002`.
            pub fn code(self) -> &'static str {
                match self {
                    $(Rule::$name => $code,)*
                }
            }

            /// Its severity unless `--strict`.
            pub fn severity(self) -> Severity {
                match self {
                    $(Rule::$name => Severity::$severity,)*
                }
            }

            /// What it checks, in a few words.
            pub fn summary(self) -> &'static str {
                match self {
                    $(Rule::$name => $summary,)*
                }
            }
        }
    };
}

rules! {
    /// Not YAML, or a value YAML cannot read.
    YamlSyntax = "T001" Error "the file is not valid YAML";
    /// A field the format does not have (often a typo).
    UnknownField = "T002" Error "unknown field";
    /// A key given twice in one mapping.
    DuplicateKey = "T003" Error "duplicate key";
    /// A list where text is expected, and the like.
    WrongType = "T004" Error "wrong type";
    /// A required field is missing.
    MissingField = "T005" Error "missing field";
    /// A date that is not YYYY-MM-DD, or a moment without a time zone.
    BadDate = "T006" Error "bad date or moment";
    /// A URL that is not absolute http(s); a `base_url` with a query, a
    /// fragment or a user.
    BadUrl = "T007" Error "bad URL";
    /// An id, key or language code with characters it may not have.
    BadName = "T008" Error "bad id, key or language code";
    /// A value that is not one of the allowed words (kind, status, verdict).
    BadValue = "T009" Error "value not allowed";
    /// A record file that cannot give an id.
    BadFileName = "T010" Error "bad record file name";
    /// A figure, or a number literal in text, that would not print exactly
    /// as written: too many digits or decimals, an exponent, negative, or not
    /// digits at all.
    BadNumber = "T011" Error "figure or number not printed exactly as written";
    /// A site setting that cannot work.
    BadSetting = "T012" Error "bad site setting";
    /// A file that is not UTF-8 text.
    NotUtf8 = "T013" Error "not UTF-8";
    /// A file or a list beyond tathya's limits.
    TooLarge = "T014" Error "too large";
    /// A link in the site root that leads outside it, to a folder, or to
    /// no file (gone, or a loop).
    OutsideRoot = "T015" Error "link outside the site root, to a folder, or to no file";
    /// A contact's e-mail address or telephone number that is not one.
    BadContact = "T016" Error "bad e-mail address or phone number";
    /// A control character, or a bidi embedding, override or isolate, in a value.
    HostileCharacter = "T017" Error "control or bidi character in a value";
    /// A pipe, socket or device where a site's file should be.
    NotAFile = "T018" Error "not a regular file";
    /// An image (a logo, a claim's screenshot) that is badly named, missing,
    /// or not a picture tathya can read.
    BadImage = "T019" Error "bad image";

    /// `issuer` names no issuer of `tathya.yaml`.
    UnknownIssuer = "T020" Error "unknown issuer";
    /// A quote is `by` no person of `tathya.yaml`.
    UnknownPerson = "T021" Error "unknown person";
    /// `contact` names no contact of `tathya.yaml`.
    UnknownContact = "T022" Error "unknown contact";
    /// A tag not in `tathya.yaml`.
    UnknownTag = "T023" Error "unknown tag";
    /// `related` names no statement.
    UnknownRelated = "T024" Error "unknown related statement";
    /// A statement related to itself.
    SelfRelated = "T025" Error "statement related to itself";

    /// A text lacks a language of the site.
    MissingLanguage = "T030" Error "missing language";
    /// A text has a language the site does not.
    ExtraLanguage = "T031" Error "language not of the site";
    /// An empty text.
    EmptyText = "T032" Error "empty text";
    /// An issuer without the gender or article that a message of a language uses.
    IssuerGrammar = "T033" Error "issuer lacks a grammatical setting a message needs";

    /// A rebuttal without claim, verdict, topic or facts; a myth-buster without myths.
    IncompleteKind = "T040" Error "kind lacks a required part";
    /// `status: withdrawn` without `withdrawn:`, or the other way round.
    WithdrawalMismatch = "T041" Error "withdrawal and status disagree";
    /// A statement whose headline can be made neither from `headline` nor `topic`.
    NoHeadline = "T042" Error "no headline and no topic";
    /// A field the statement's kind does not have, such as a myth-buster's own verdict.
    KindField = "T043" Error "field this kind does not have";

    /// A figure used in one language's text but not in another's.
    FigureParity = "T050" Error "figure used in one language only";
    /// Links that differ between the languages of one text.
    LinkParity = "T051" Error "links differ between languages";
    /// Text that uses a figure the record does not define, or bad Fluent in text.
    BadTextPattern = "T052" Error "text uses an unknown figure or bad placeable";
    /// A figure defined but never used.
    UnusedFigure = "T053" Warning "figure never used";

    /// An `.ftl` file that does not parse.
    FtlSyntax = "T060" Error "Fluent syntax error";
    /// A message in one locale but not in another.
    MessageMissing = "T061" Error "message missing in a locale";
    /// An attribute in one locale but not in another.
    AttributeMissing = "T062" Error "attribute missing in a locale";
    /// A message that uses other variables in another locale.
    VariableMismatch = "T063" Error "message variables differ between locales";
    /// A template asks for a message no locale has.
    UnknownMessage = "T064" Error "template asks for an unknown message";
    /// A message defined twice.
    DuplicateMessage = "T065" Error "message defined twice";
    /// A language of the site without a locale folder.
    MissingLocale = "T066" Error "locale folder missing";
    /// A message that tathya itself needs is missing.
    RequiredMessage = "T067" Error "required message missing";
    /// A message refers to a message, term or function its language does not have.
    UnknownReference = "T068" Error "reference to an unknown message, term or function";
    /// A message refers to itself, directly or through others.
    SelfReference = "T069" Error "message refers to itself";

    /// A template that does not parse.
    TemplateSyntax = "T070" Error "template syntax error";
    /// A template that uses a variable its page does not have.
    UnknownVariable = "T071" Error "template uses an unknown variable";
    /// A template tathya needs is missing.
    MissingTemplate = "T072" Error "template missing";
    /// A template that fails while rendering.
    RenderFailed = "T073" Error "template failed to render";
    /// A message is not given a variable it uses (by a template, or by tathya).
    MessageArgument = "T074" Error "message not given a variable it uses";
    /// A site's locale file, in place of a built-in one of its name, lacks
    /// a message the built-in file has (added in a newer tathya).
    OverrideBehind = "T075" Warning "site's locale file lacks a built-in message";

    /// A rebuttal topic that names the reports or the claim, which the headline adds.
    RepeatedForm = "T077" Warning "topic repeats what the headline adds";
    /// A Hindi rebuttal topic in the direct case where the headline needs the oblique.
    DirectCase = "T078" Warning "Hindi topic in the direct case";
    /// An optional nukta (ज़, फ़) where the house style omits it.
    NuktaStyle = "T079" Warning "nukta against the house style";
    /// Text not in Unicode NFC.
    NotNfc = "T080" Warning "text not in NFC";
    /// An ASCII full stop ending a Devanagari sentence instead of ।.
    AsciiFullStop = "T081" Warning "ASCII full stop after Devanagari";
    /// A space before ।.
    SpaceBeforeDanda = "T082" Warning "space before danda";
    /// `|` used as a danda.
    PipeAsDanda = "T083" Warning "pipe used as danda";
    /// One number with Latin and Devanagari digits.
    MixedDigits = "T084" Warning "number mixes digit scripts";
    /// ZWJ, ZWNJ, LRM, RLM, zero-width space, BOM or soft hyphen.
    InvisibleCharacter = "T085" Warning "invisible formatting character";
    /// UTF-8 read as Windows-1252 (à¤…).
    Mojibake = "T086" Warning "mojibake";
    /// Two spaces in a row.
    DoubleSpace = "T087" Warning "double space";
    /// ।। where one । ends a sentence.
    DoubleDanda = "T088" Warning "two dandas for one";
    /// A placeholder left by `tathya new`.
    Placeholder = "T089" Error "placeholder not filled in";

    /// `first_seen` after the statement's date.
    SeenAfterDate = "T090" Error "claim first seen after the statement";
    /// A correction dated before the statement.
    UpdateBeforeDate = "T091" Error "correction dated before the statement";
    /// Corrections out of date order.
    UpdatesOutOfOrder = "T092" Error "corrections out of order";
    /// A withdrawal dated before the statement.
    WithdrawnBeforeDate = "T093" Error "withdrawal dated before the statement";

    /// Text the share card's font cannot show: a letter it has no glyph
    /// for, or a vowel sign or virama with no letter to sit on.
    CardText = "T095" Error "text the share card cannot show";
}
