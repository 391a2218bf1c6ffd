//! The site's search: for each language, a static index the search page's
//! script (`templates/search.js`) reads a few files of, so that a query
//! fetches a small part of it however large the site grows.
//!
//! A language's index lives under its search page, `/<lang>/search/`:
//!
//! - `manifest.json`: the index's version (a hash of its other files, which
//!   the script asks for with it), how many statements, how many per file
//!   of statements, and the prefixes of the files of words;
//! - `terms/<hex>.json`: the words that begin with a prefix (its UTF-8 in
//!   hexadecimal names the file), each with the statements that have it;
//! - `docs/<n>.json`: the statements numbered from `n × chunk`, each as
//!   the lists show it (headline, address, date, verdict, mark).
//!
//! Statements are numbered oldest first, so that a new statement adds to
//! the index rather than renumbering it. A word's statements are written as
//! the differences between their numbers, doubled, plus one when the word
//! is in the headline. The words of a prefix whose file would be larger
//! than [`SHARD_BYTES`] go to files of longer prefixes.
//!
//! [`words`] is the one rule of what a word is, for the index; the script
//! applies the same steps to a query, and `tests/search.rs` runs both on
//! the same texts to hold them to it.

use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt::Write as _;

use rustc_hash::FxBuildHasher;
use serde::{Deserialize, Serialize};

use crate::diag::{Error, Result};
use crate::load::Lang;
use crate::load::config::{NumberSettings, System};
use crate::localize::view::{Listed, StatementPage, Summary, Text};

/// Sets and maps of words, hashed fast: their order is never used.
type Set<T> = HashSet<T, FxBuildHasher>;
type Map<K, V> = HashMap<K, V, FxBuildHasher>;

/// A file of words is split by longer prefixes above this size.
pub const SHARD_BYTES: usize = 16 * 1024;

/// How many statements a file of statements holds.
pub const CHUNK: usize = 20;

/// How many results the search page shows, the most relevant.
pub const SHOWN: usize = 20;

/// Words start as files of prefixes of this many characters.
const PREFIX: usize = 2;

/// The words of a text as the index keeps them, each folded (`fold`). A word is
/// a run of letters, marks and digits (and the invisible joiners inside a
/// Devanagari word); words joined by one hyphen, dot, apostrophe or comma
/// ("को-विन", "pib.gov.in", "doesn't", "12,34,567") are kept as their parts
/// and as one word ("कोविन", "pibgovin", "doesnt", "1234567"), so that they
/// are found however a reader writes them. The rule is written here rather
/// than taken from a word segmenter (UAX #29), because the browsers' differ
/// from each other and from Rust's: Chromium splits "pib.gov.in" at its dots.
pub fn words(text: &str) -> Vec<String> {
    unfolded(text).iter().map(|word| fold(word)).filter(|word| !word.is_empty()).collect()
}

/// The words of `text` as [`words`] has them, before they are folded: a
/// page repeats its words, and each is folded once ([`Words::of`]).
fn unfolded(text: &str) -> Vec<Cow<'_, str>> {
    let mut out = Vec::new();
    runs(text, |run| match run {
        [word] => out.push(Cow::Borrowed(*word)),
        parts => {
            out.extend(parts.iter().map(|part| Cow::Borrowed(*part)));
            out.push(Cow::Owned(parts.concat()));
        }
    });
    out
}

/// The words of a query, each as a group: the joined word first, then its
/// parts if it has more than one. A text matches a group when it has the
/// joined word or every part ("COVID-19" finds "non-COVID-19", whose parts
/// the index keeps). A word ending in a virama is being typed: it is
/// matched without its last consonant ("हिन्" finds "हिंदी").
pub fn query_words(text: &str) -> Vec<Vec<String>> {
    let typed = |word: &str| {
        let mut word = fold(word);
        if word.ends_with(VIRAMA) && word.chars().count() > 2 {
            word.pop();
            word.pop();
        }
        word
    };
    let mut out = Vec::new();
    runs(text, |run| {
        let mut group = vec![typed(&run.concat())];
        if run.len() > 1 {
            group.extend(run.iter().map(|part| typed(part)).filter(|part| !part.is_empty()));
        }
        if !group[0].is_empty() {
            out.push(group);
        }
    });
    out
}

/// The characters that join two words into one: hyphens, a dot, apostrophes, a comma.
const JOINERS: [char; 6] = ['-', '\u{2010}', '.', '\'', '\u{2019}', ','];

/// A letter, mark or digit of any script, or a joiner or soft hyphen
/// inside a word: what words are made of.
fn is_word_char(c: char) -> bool {
    use icu::properties::CodePointMapData;
    use icu::properties::props::{GeneralCategory, GeneralCategoryGroup};
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    let category = CodePointMapData::<GeneralCategory>::new().get(c);
    matches!(c, '\u{200C}' | '\u{200D}' | '\u{00AD}')
        || [GeneralCategoryGroup::Letter, GeneralCategoryGroup::Mark, GeneralCategoryGroup::Number]
            .iter()
            .any(|group| group.contains(category))
}

/// Calls `each` with the words of `text`, each with the words one joiner
/// apart from it, in one buffer (a `Vec` for each run: 1.7 % of a cold build).
fn runs<'t>(text: &'t str, mut each: impl FnMut(&[&'t str])) {
    let mut run: Vec<&str> = Vec::new();
    let mut start: Option<usize> = None;
    // The last word ended at a joiner: the next, if it follows at once, is of its run.
    let mut joined = false;
    for (i, c) in text.char_indices() {
        if is_word_char(c) {
            if start.is_none() {
                if !joined && !run.is_empty() {
                    each(&run);
                    run.clear();
                }
                start = Some(i);
            }
            joined = false;
        } else if let Some(from) = start.take() {
            run.push(&text[from..i]);
            joined = JOINERS.contains(&c);
        } else {
            joined = false;
        }
    }
    if let Some(from) = start {
        run.push(&text[from..]);
    }
    if !run.is_empty() {
        each(&run);
    }
}

/// One word as the index keeps it: in NFC and lower case, with the
/// spellings Hindi allows either way made one.
///
/// 1. NFC, then lower case.
/// 2. Dropped: the nukta (ख़बर is खबर), except in ड़ and ढ़, which are
///    letters of their own (पेड़ is not पेड); the visarga, which is often
///    typed as a colon (पुनः, पुन:; दुःख, दुख); joiners and soft hyphens.
/// 3. A nasal consonant with virama before a consonant of its own class is
///    an anusvara: हिन्दी is हिंदी, सम्बन्ध is संबंध (but सिन्हा is not सिंहा).
/// 4. Chandrabindu is anusvara: पाँच is पांच.
/// 5. A word ending in ये, यी or यीं after a letter ends in ए, ई or ईं: लिये is
///    लिए, गयी is गई (the plural -यें is left alone: गायें is not गाएं).
/// 6. Devanagari digits are ASCII: १५ is 15.
fn fold(word: &str) -> String {
    if word.is_ascii() {
        return word.to_ascii_lowercase();
    }
    let nfc: std::borrow::Cow<str> = if crate::load::types::is_nfc(word) {
        word.into()
    } else {
        use unicode_normalization::UnicodeNormalization;
        word.nfc().collect::<String>().into()
    };
    // Devanagari has no case, nor has ASCII other than capitals: most of
    // a Hindi page's words need no lower case taken.
    let caseless = |c: char| ('\u{0900}'..='\u{097F}').contains(&c) || (c.is_ascii() && !c.is_ascii_uppercase());
    let lower: Vec<char> =
        if nfc.chars().all(caseless) { nfc.chars().collect() } else { nfc.to_lowercase().chars().collect() };
    let mut chars: Vec<char> = Vec::with_capacity(lower.len());
    for (i, c) in lower.iter().enumerate() {
        let kept_nukta = i > 0 && matches!(lower[i - 1], 'ड' | 'ढ');
        let dropped = match c {
            '\u{093C}' => !kept_nukta,
            '\u{0903}' | '\u{200C}' | '\u{200D}' | '\u{00AD}' => true,
            _ => false,
        };
        if !dropped {
            chars.push(*c);
        }
    }
    let mut out: Vec<char> = Vec::with_capacity(chars.len());
    let mut i = 0;
    while let Some(&c) = chars.get(i) {
        if chars.get(i + 1) == Some(&VIRAMA) && chars.get(i + 2).is_some_and(|next| same_class(c, *next)) {
            out.push(ANUSVARA);
            i += 2;
            continue;
        }
        out.push(if c == '\u{0901}' { ANUSVARA } else { c });
        i += 1;
    }
    let n = out.len();
    let ending = match out.as_slice() {
        [.., before, 'य', 'े'] if *before != VIRAMA => Some((2, "ए")),
        [.., before, 'य', 'ी'] if *before != VIRAMA => Some((2, "ई")),
        [.., before, 'य', 'ी', ANUSVARA] if *before != VIRAMA => Some((3, "ईं")),
        _ => None,
    };
    if let Some((length, vowel)) = ending {
        out.truncate(n - length);
        out.extend(vowel.chars());
    }
    out.into_iter()
        .map(|c| match c {
            '०'..='९' => char::from_u32(c as u32 - 0x0966 + u32::from(b'0')).unwrap_or(c),
            _ => c,
        })
        .collect()
}

const VIRAMA: char = '\u{094D}';
const ANUSVARA: char = '\u{0902}';

/// Whether `nasal` is the nasal consonant of the class of `consonant` (the
/// velars ङ, palatals ञ, retroflexes ण, dentals न, labials म).
fn same_class(nasal: char, consonant: char) -> bool {
    let class = match nasal {
        'ङ' => 'क'..='घ',
        'ञ' => 'च'..='झ',
        'ण' => 'ट'..='ढ',
        'न' => 'त'..='ध',
        'म' => 'प'..='भ',
        _ => return false,
    };
    class.contains(&consonant)
}

/// The BCP 47 locale a browser formats a count in as the site's numbers
/// read in `lang`: Indian grouping (1,00,000) by region, the digits by
/// numbering system.
pub fn number_locale(lang: &Lang, numbers: &NumberSettings) -> String {
    let region = if numbers.system == System::Indian { "-IN" } else { "" };
    format!("{lang}{region}-u-nu-{}", numbers.digits.as_str())
}

/// A statement's words in one language, each once, sorted and separated
/// by spaces (one string each, which the build cache keeps cheaply): those
/// of its headline, and the others of its text.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Words {
    /// The headline's words.
    pub headline: String,
    /// The other words of the lead, claim, facts, actions, quotations, myths and tags.
    pub text: String,
}

impl Words {
    /// The words of a statement's page.
    pub fn of(page: &StatementPage) -> Self {
        let statement = &page.statement;
        let headline = unfolded(&statement.headline.plain);
        let about = headline.len();
        let headline: Set<String> = folded(headline, about);
        let texts = statement
            .lead
            .iter()
            .chain(statement.claim.iter().flat_map(|claim| std::iter::once(&claim.text).chain(&claim.claimant)))
            .chain(&statement.facts)
            .chain(&statement.actions)
            .chain(statement.quotes.iter().map(|quote| &quote.text))
            .chain(statement.myths.iter().flat_map(|pair| [&pair.myth, &pair.fact]))
            .map(|text: &Text| text.plain.as_str());
        let tags = statement.tags.iter().map(|tag| tag.label);
        let mut text: Set<String> = folded(texts.chain(tags).flat_map(unfolded), WORDS_A_PAGE);
        text.retain(|word| !headline.contains(word));
        Words { headline: joined(headline), text: joined(text) }
    }

    /// Each word, with whether it is in the headline.
    fn each(&self) -> impl Iterator<Item = (&str, u32)> {
        let headline = self.headline.split(' ').map(|word| (word, 1));
        headline.chain(self.text.split(' ').map(|word| (word, 0))).filter(|(word, _)| !word.is_empty())
    }
}

/// The distinct words of `unfolded`, each folded once; `about` is about
/// how many distinct words there are, to size the sets for.
fn folded<'a>(words: impl IntoIterator<Item = Cow<'a, str>>, about: usize) -> Set<String> {
    // Sized for about as many words as there are: a set grown from empty
    // is rehashed as it grows (a tenth of the words' cost, profiled).
    let mut distinct: Set<Cow<str>> = Set::with_capacity_and_hasher(about, FxBuildHasher);
    distinct.extend(words);
    let mut folded: Set<String> = Set::with_capacity_and_hasher(distinct.len(), FxBuildHasher);
    folded.extend(distinct.iter().map(|word| fold(word)).filter(|word| !word.is_empty()));
    folded
}

/// About how many distinct words a statement's page has in one language.
const WORDS_A_PAGE: usize = 512;

fn joined(words: Set<String>) -> String {
    let mut words: Vec<String> = words.into_iter().collect();
    words.sort_unstable();
    words.join(" ")
}

/// A statement as a result shows it, as a list does (`parts/summary.html`):
/// headline, address, date (ISO and in words), kind, verdict (key and
/// label), mark and whether it is withdrawn, in the order the script reads them.
#[derive(Debug, Serialize)]
struct Doc<'a>(&'a str, &'a str, &'a str, &'a str, &'a str, &'a str, &'a str, &'a str, u8);

impl<'a> Doc<'a> {
    fn of(summary: &'a Summary, kind: &'a str) -> Self {
        let verdict = summary.verdict.as_ref();
        Doc(
            &summary.headline.plain,
            &summary.url,
            &summary.date.iso,
            &summary.date.long,
            kind,
            verdict.map_or("", |verdict| verdict.key.as_str()),
            verdict.map_or("", |verdict| verdict.label.as_str()),
            summary.mark.as_deref().unwrap_or_default(),
            u8::from(summary.withdrawn),
        )
    }
}

/// A statement to index: its words (`None` for a statement not rendered
/// again, whose words the build cache keeps), and its id.
pub type Entry<'a> = (Option<&'a Words>, &'a str);

/// What a file of statements shows of the statement numbered `n`: its
/// summary as the lists show it, and its kind's name. Asked only for the
/// files made again: the summaries of the others need not be decoded.
pub type Shown<'a> = dyn Fn(usize) -> Result<(Listed<'a>, &'a str)> + 'a;

/// What the script reads first.
#[derive(Debug, Serialize, Deserialize)]
pub struct Manifest {
    version: String,
    docs: usize,
    chunk: usize,
    shards: Vec<String>,
}

/// A file of a language's index, as [`index`] makes it.
#[derive(Debug)]
pub enum IndexFile {
    /// New bytes.
    Made(Vec<u8>),
    /// The last build's file, unchanged: the hash of its bytes.
    Kept(u64),
}

impl IndexFile {
    /// The hash of its bytes, which the index's version knows it by.
    pub fn key(&self) -> u64 {
        match self {
            IndexFile::Made(bytes) => crate::load::hash_bytes(bytes),
            IndexFile::Kept(key) => *key,
        }
    }
}

/// The last build's index of a language, which [`index`] patches rather
/// than builds again when the statements it numbered keep their numbers:
/// a statement edited, or new ones issued after the others.
pub struct Last<'a> {
    /// Its manifest, as published.
    pub manifest: Manifest,
    /// The digest of the ids of the statements it numbered, in order ([`order`]).
    pub order: u64,
    /// The hash of each file of its folder, by name (`terms/<hex>.json`),
    /// as the published copy's manifest has it.
    pub keys: &'a dyn Fn(&str) -> Option<u64>,
    /// The bytes of its file `name`, as published.
    pub read: &'a dyn Fn(&str) -> Option<Vec<u8>>,
    /// The words it had of a statement rendered again since, by the
    /// statement's number: a statement with none did not change its words.
    pub words: &'a dyn Fn(usize) -> Option<Words>,
}

/// The digest of the ids of `docs`, in order: two indexes of one language
/// with the same digest number the same statements the same.
pub fn order(docs: &[Entry]) -> u64 {
    let mut hasher = xxhash_rust::xxh3::Xxh3::new();
    for (_, id) in docs {
        hasher.update(id.as_bytes());
        hasher.update(&[0]);
    }
    hasher.digest()
}

/// A language's index, from its statements oldest first, each with its
/// words and its id, what the lists show of each asked of `shown` for the
/// files of statements made again: each file's path in the
/// index's folder, and its bytes, or the hash of the last build's bytes
/// where `last` has the same file. Patched from `last` when it numbered the
/// first of `docs` as they are now (its files of statements not rendered
/// again kept), else made from every statement's words, those `docs` lacks
/// asked of `kept` by number: the same files either way.
pub fn index(
    docs: &[Entry],
    shown: &Shown,
    last: Option<&Last>,
    kept: &dyn Fn(&[usize]) -> Result<Vec<Words>>,
) -> Result<Vec<(String, IndexFile)>> {
    let (last, shards) = match last.and_then(|last| patched(docs, last).map(|shards| (last, shards))) {
        Some((last, shards)) => (Some(last), shards),
        None => (None, made_from_all(docs, kept)?),
    };
    let mut files: Vec<(String, IndexFile)> = Vec::with_capacity(shards.len() + docs.len() / CHUNK + 2);
    let prefixes = shards.iter().map(|(prefix, _)| prefix.clone()).collect();
    files.extend(shards.into_iter().map(|(prefix, file)| (shard_name(&prefix), file)));
    for (n, chunk) in docs.chunks(CHUNK).enumerate() {
        let name = format!("docs/{n}.json");
        // A file of statements the last index numbered the same, full then,
        // none of them rendered again since: its bytes are the last index's.
        let kept = last
            .filter(|last| (n + 1) * CHUNK <= last.manifest.docs && chunk.iter().all(|(words, _)| words.is_none()))
            .and_then(|last| (last.keys)(&name));
        let file = match kept {
            Some(key) => IndexFile::Kept(key),
            None => {
                let first = n * CHUNK;
                let rows: Vec<(Listed, &str)> = (first..first + chunk.len()).map(shown).collect::<Result<_>>()?;
                let chunk: Vec<Doc> = rows.iter().map(|(summary, kind)| Doc::of(summary, kind)).collect();
                IndexFile::Made(serde_json::to_vec(&chunk).unwrap_or_default())
            }
        };
        files.push((name, file));
    }
    // The index's version: the script asks for its files with it, so that
    // no cache mixes them with another build's.
    let mut hasher = xxhash_rust::xxh3::Xxh3::new();
    for (name, file) in &files {
        hasher.update(name.as_bytes());
        hasher.update(&[0]);
        hasher.update(&file.key().to_le_bytes());
    }
    let manifest =
        Manifest { version: format!("{:016x}", hasher.digest()), docs: docs.len(), chunk: CHUNK, shards: prefixes };
    files.push(("manifest.json".to_owned(), IndexFile::Made(serde_json::to_vec(&manifest).unwrap_or_default())));
    Ok(files)
}

/// Every file of words, made from every statement's words, those `docs`
/// lacks asked of `kept` by number.
fn made_from_all(docs: &[Entry], kept: &dyn Fn(&[usize]) -> Result<Vec<Words>>) -> Result<Vec<(String, IndexFile)>> {
    let lacking: Vec<usize> = (0..docs.len()).filter(|n| docs[*n].0.is_none()).collect();
    let found = if lacking.is_empty() { Vec::new() } else { kept(&lacking)? };
    if found.len() != lacking.len() {
        return Err(Error::Usage(format!("the words of {} statements are not known", lacking.len())));
    }
    let mut found = found.iter();
    let words: Vec<&Words> = docs.iter().filter_map(|(words, _)| words.or_else(|| found.next())).collect();
    Ok(made(&words))
}

/// The file of words of `prefix`, in the index's folder.
fn shard_name(prefix: &str) -> String {
    format!("terms/{}.json", hex(prefix))
}

/// Every file of words, made from every statement's words: each word's
/// statements gathered in one pass.
fn made(docs: &[&Words]) -> Vec<(String, IndexFile)> {
    // Each word's statements so far, as the JSON numbers its file has
    // (written as they come: no list of numbers to hold and encode), and
    // the number of the last of them.
    let mut postings: Map<&str, (usize, String)> = Map::default();
    let mut number = itoa::Buffer::new();
    for (n, words) in docs.iter().enumerate() {
        for (word, in_headline) in words.each() {
            let (last, list) = postings.entry(word).or_default();
            if !list.is_empty() {
                list.push(',');
            }
            list.push_str(number.format(code(n - *last, in_headline)));
            *last = n;
        }
    }
    let mut entries: Vec<Posting> = postings
        .into_iter()
        .map(|(word, (_, list))| Posting { word, key: serde_json::to_string(word).unwrap_or_default(), list })
        .collect();
    entries.sort_unstable_by(|a, b| a.word.cmp(b.word));
    shard_files(&entries)
}

/// A statement's place in a word's list: the step from the statement
/// before it (from 0 for the first), doubled, plus one when the word is in
/// its headline.
fn code(step: usize, in_headline: u32) -> u32 {
    u32::try_from(step).unwrap_or(u32::MAX).saturating_mul(2) + in_headline
}

/// The statements of a word's list of [`code`]s, each with whether the
/// word is in its headline.
fn decode(codes: &[u32]) -> Vec<(usize, u32)> {
    let mut n = 0;
    codes
        .iter()
        .map(|code| {
            n += (code / 2) as usize;
            (n, code % 2)
        })
        .collect()
}

/// A word's statements, each with whether the word is in its headline, as
/// the JSON numbers of its list ([`code`]s separated by commas).
fn encode(list: &[(usize, u32)]) -> String {
    let mut number = itoa::Buffer::new();
    let mut before = 0;
    let mut codes = Vec::with_capacity(list.len());
    for (n, in_headline) in list {
        codes.push(number.format(code(n - before, *in_headline)).to_owned());
        before = *n;
    }
    codes.join(",")
}

/// The files of words of `entries` (each word's, sorted by word), split by prefixes.
fn shard_files(entries: &[Posting]) -> Vec<(String, IndexFile)> {
    let mut shards = Vec::new();
    split(entries, PREFIX, &mut shards);
    shards
        .into_iter()
        .map(|(prefix, entries)| {
            // `{"word":[1,2],...}`, written once into a buffer of its size.
            let size = entries.iter().map(Posting::bytes).sum::<usize>() + 1;
            let mut body = Vec::with_capacity(size);
            body.push(b'{');
            for (i, entry) in entries.iter().enumerate() {
                if i > 0 {
                    body.push(b',');
                }
                body.extend_from_slice(entry.key.as_bytes());
                body.extend_from_slice(b":[");
                body.extend_from_slice(entry.list.as_bytes());
                body.push(b']');
            }
            body.push(b'}');
            debug_assert_eq!(body.len(), size, "Posting::bytes does not count an entry as it is written");
            (prefix.to_owned(), IndexFile::Made(body))
        })
        .collect()
}

/// The files of words of `last` with the words of the statements that
/// changed since it moved: only the files of the prefixes (of [`PREFIX`]
/// characters) of the words that came or went are read and made again,
/// by the rule of [`split`], which splits each such group apart from the
/// others; the rest are kept. `None` when `last` numbered other
/// statements, or its files do not hold what it says.
fn patched(docs: &[Entry], last: &Last) -> Option<Vec<(String, IndexFile)>> {
    let count = last.manifest.docs;
    if last.manifest.chunk != CHUNK || count > docs.len() || order(&docs[..count]) != last.order {
        return None;
    }
    // The words that left a statement, and those that came, by the group
    // of files they are in.
    let mut moves: BTreeMap<&str, Vec<(&str, usize, u32, bool)>> = BTreeMap::new();
    let no_words = Words::default();
    // The words the statements rendered again had before.
    let earlier: Map<usize, Words> = (0..count).filter_map(|n| Some((n, (last.words)(n)?))).collect();
    for (n, (words, _)) in docs.iter().enumerate() {
        let before = if n < count {
            match earlier.get(&n) {
                Some(before) => before,
                None => continue,
            }
        } else {
            &no_words
        };
        // A statement whose words changed was rendered again, and has them.
        let words = (*words)?;
        if before == words {
            continue;
        }
        let old: Set<(&str, u32)> = before.each().collect();
        let new: Set<(&str, u32)> = words.each().collect();
        for (word, in_headline) in old.difference(&new) {
            moves.entry(prefix(word, PREFIX)).or_default().push((word, n, *in_headline, false));
        }
        for (word, in_headline) in new.difference(&old) {
            moves.entry(prefix(word, PREFIX)).or_default().push((word, n, *in_headline, true));
        }
    }
    // Every file of words is published, or its words are not known.
    let mut shards: Vec<(String, IndexFile)> = Vec::new();
    for prefix_of_shard in &last.manifest.shards {
        let key = (last.keys)(&shard_name(prefix_of_shard))?;
        if !moves.contains_key(prefix(prefix_of_shard, PREFIX)) {
            shards.push((prefix_of_shard.clone(), IndexFile::Kept(key)));
        }
    }
    for (group, moves) in &moves {
        // The group's words, each with its statements, from its files as published.
        let mut lists: BTreeMap<String, Vec<(usize, u32)>> = BTreeMap::new();
        for shard in last.manifest.shards.iter().filter(|shard| prefix(shard, PREFIX) == *group) {
            let file: BTreeMap<String, Vec<u32>> = serde_json::from_slice(&(last.read)(&shard_name(shard))?).ok()?;
            lists.extend(file.into_iter().map(|(word, codes)| (word, decode(&codes))));
        }
        for (word, n, in_headline, came) in moves {
            let list = lists.entry((*word).to_owned()).or_default();
            match (list.binary_search_by_key(n, |(m, _)| *m), came) {
                (Ok(at), false) if list[at].1 == *in_headline => {
                    list.remove(at);
                }
                (Err(at), true) => list.insert(at, (*n, *in_headline)),
                // The files do not hold what the cache says the statement had.
                _ => return None,
            }
        }
        lists.retain(|_, list| !list.is_empty());
        let entries: Vec<Posting> = lists
            .iter()
            .map(|(word, list)| Posting {
                word,
                key: serde_json::to_string(word).unwrap_or_default(),
                list: encode(list),
            })
            .collect();
        shards.extend(shard_files(&entries));
    }
    // Files of words are in the order of their words, which is that of their prefixes.
    shards.sort_by(|a, b| a.0.cmp(&b.0));
    Some(shards)
}

/// A word's entry in its file of words: the word, as a JSON string, and
/// its statements as JSON numbers separated by commas.
struct Posting<'a> {
    word: &'a str,
    key: String,
    list: String,
}

impl Posting<'_> {
    /// Its bytes in the file, with the comma (or brace) before it.
    fn bytes(&self) -> usize {
        self.key.len() + self.list.len() + 4
    }
}

/// Groups `entries` (each word's, sorted by word) into `shards` by their first `length`
/// characters; a group too large, by one character more.
fn split<'e>(entries: &'e [Posting<'e>], length: usize, shards: &mut Vec<(&'e str, &'e [Posting<'e>])>) {
    let mut rest = entries;
    while let Some(Posting { word: first, .. }) = rest.first() {
        let prefix = prefix(first, length);
        // A word shorter than the prefixes is a shard of its own (the words
        // it begins have theirs); words that share a prefix sort together.
        let end = if first.chars().count() < length {
            1
        } else {
            rest.iter().take_while(|entry| entry.word.starts_with(prefix)).count()
        };
        let (group, after) = rest.split_at(end);
        let bytes: usize = group.iter().map(Posting::bytes).sum();
        if bytes > SHARD_BYTES && group.len() > 1 {
            // The prefix itself, if it is a word, sorts first and stays.
            let own = usize::from(group[0].word == prefix);
            if own == 1 {
                shards.push((prefix, &group[..1]));
            }
            split(&group[own..], length + 1, shards);
        } else {
            shards.push((prefix, group));
        }
        rest = after;
    }
}

/// The first `length` characters of `word`, or all of it.
fn prefix(word: &str, length: usize) -> &str {
    word.char_indices().nth(length).map_or(word, |(at, _)| &word[..at])
}

/// The UTF-8 of `text` in hexadecimal: a file name of any script.
fn hex(text: &str) -> String {
    text.bytes().fold(String::with_capacity(text.len() * 2), |mut out, byte| {
        let _ = write!(out, "{byte:02x}");
        out
    })
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::panic, reason = "a test fails by panicking")]

    use proptest::prelude::*;

    use super::*;

    /// Statements of `words` (each a list of word numbers, with whether in
    /// the headline), as the index takes them: the words are of groups that
    /// grow past a file's size and split, and of Devanagari.
    fn entries(statements: &[Vec<(u16, bool)>]) -> (Vec<Words>, Vec<Summary>) {
        let word = |n: u16| match n % 8 {
            0..=4 => format!("aa{n}"),
            5 => format!("ab{}", n % 7),
            6 => format!("कर{n}"),
            _ => "b".to_owned(),
        };
        let words = statements
            .iter()
            .map(|words| {
                let headline: Set<String> = words.iter().filter(|w| w.1).map(|w| word(w.0)).collect();
                let text: Set<String> =
                    words.iter().map(|w| word(w.0)).filter(|word| !headline.contains(word)).collect();
                Words { headline: joined(headline), text: joined(text) }
            })
            .collect();
        let summaries = (0..statements.len())
            .map(|n| {
                let text = serde_json::json!({ "md": "", "html": "", "plain": format!("headline {n}") });
                let date = serde_json::json!({ "iso": "2021-06-10", "full": "", "long": "" });
                let summary = serde_json::json!({
                    "id": format!("s{n}"), "kind": "rebuttal", "url": format!("/en/s{n}/"),
                    "headline": text, "date": date, "verdict": null, "mark": null,
                });
                serde_json::from_value(summary).unwrap()
            })
            .collect();
        (words, summaries)
    }

    fn docs<'a>(words: &'a [Words], summaries: &'a [Summary]) -> Vec<Entry<'a>> {
        words.iter().zip(summaries).map(|(words, summary)| (Some(words), summary.id.as_str())).collect()
    }

    /// What the files of statements show of `summaries`.
    fn shown<'a>(summaries: &'a [Summary]) -> impl Fn(usize) -> Result<(Listed<'a>, &'a str)> {
        move |n| Ok((Listed::Plain(&summaries[n]), "Rebuttal"))
    }

    /// The index of `docs`, which has the words of every statement, shown as `summaries`.
    fn index_of(docs: &[Entry], summaries: &[Summary], last: Option<&Last>) -> Vec<(String, IndexFile)> {
        index(docs, &shown(summaries), last, &|_| panic!("words asked of the cache")).unwrap()
    }

    /// The files of an index, each file kept taken from `before`.
    fn bytes(files: Vec<(String, IndexFile)>, before: &[(String, IndexFile)]) -> Vec<(String, Vec<u8>)> {
        files
            .into_iter()
            .map(|(name, file)| match file {
                IndexFile::Made(bytes) => (name, bytes),
                IndexFile::Kept(key) => match before.iter().find(|(old, _)| *old == name) {
                    Some((_, IndexFile::Made(bytes))) if crate::load::hash_bytes(bytes) == key => (name, bytes.clone()),
                    _ => panic!("{name} is kept, but the last index had no such file"),
                },
            })
            .collect()
    }

    fn statement() -> impl Strategy<Value = Vec<(u16, bool)>> {
        proptest::collection::vec((0u16..400, proptest::bool::weighted(0.1)), 0..160)
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(48))]

        /// An index patched from the last one, after statements changed
        /// their words and new ones came after, is the index made again,
        /// file for file; and the files of words no change touched are kept.
        #[test]
        fn a_patched_index_is_the_index_made_again(
            before in proptest::collection::vec(statement(), 1..250),
            edits in proptest::collection::vec((any::<proptest::sample::Index>(), statement()), 0..4),
            added in proptest::collection::vec(statement(), 0..3),
        ) {
            let mut after = before.clone();
            for (at, words) in &edits {
                after[at.index(before.len())] = words.clone();
            }
            after.extend(added.iter().cloned());
            let (old_words, old_summaries) = entries(&before);
            let (new_words, new_summaries) = entries(&after);
            let (old_docs, new_docs) = (docs(&old_words, &old_summaries), docs(&new_words, &new_summaries));
            let last_files = index_of(&old_docs, &old_summaries, None);
            let manifest = last_files.iter().find(|(name, _)| name == "manifest.json").unwrap();
            let IndexFile::Made(manifest) = &manifest.1 else { panic!("a manifest kept") };
            let keys = |name: &str| last_files.iter().find(|(old, _)| old == name).map(|(_, file)| file.key());
            let read = |name: &str| match last_files.iter().find(|(old, _)| old == name) {
                Some((_, IndexFile::Made(bytes))) => Some(bytes.clone()),
                _ => None,
            };
            let words = |n: usize| old_words.get(n).cloned();
            let last = Last { manifest: serde_json::from_slice(manifest).unwrap(), order: order(&old_docs), keys: &keys, read: &read, words: &words };
            let shards = patched(&new_docs, &last);
            prop_assert!(shards.is_some(), "not patched");
            let touched: usize = shards.unwrap().iter().filter(|(_, file)| matches!(file, IndexFile::Made(_))).count();
            let patched = bytes(index_of(&new_docs, &new_summaries, Some(&last)), &last_files);
            let made = bytes(index_of(&new_docs, &new_summaries, None), &[]);
            prop_assert!(patched == made, "the patched index differs");
            // Made again with every other statement's words asked of the cache.
            let unrendered: Vec<Entry> = new_docs.iter().enumerate().map(|(n, (words, id))| {
                (words.filter(|_| n % 2 == 0), *id)
            }).collect();
            let kept = |numbers: &[usize]| Ok(numbers.iter().map(|n| new_words[*n].clone()).collect());
            let asked = bytes(index(&unrendered, &shown(&new_summaries), None, &kept).unwrap(), &[]);
            prop_assert!(asked == made, "the index made with the cache's words differs");
            if edits.is_empty() && added.is_empty() {
                prop_assert_eq!(touched, 0);
            }
        }
    }

    /// Statements in another order, or one fewer, are numbered otherwise:
    /// no patch.
    #[test]
    fn an_index_of_statements_numbered_otherwise_is_made_again() {
        let statements: Vec<Vec<(u16, bool)>> = (0..5).map(|n| vec![(n, false), (n + 1, true)]).collect();
        let (words, summaries) = entries(&statements);
        let before = docs(&words, &summaries);
        let files = index_of(&before, &summaries, None);
        let IndexFile::Made(manifest) = &files.last().unwrap().1 else { panic!("a manifest kept") };
        let keys = |name: &str| files.iter().find(|(old, _)| old == name).map(|(_, file)| file.key());
        let read = |_: &str| None;
        let no_words = |_: usize| None;
        let last = Last {
            manifest: serde_json::from_slice(manifest).unwrap(),
            order: order(&before),
            keys: &keys,
            read: &read,
            words: &no_words,
        };
        assert!(patched(&before, &last).is_some(), "the same statements are not patched");
        let mut swapped = before.clone();
        swapped.swap(1, 2);
        assert!(patched(&swapped, &last).is_none(), "statements in another order are patched");
        assert!(patched(&before[1..], &last).is_none(), "one statement fewer is patched");
    }
}
