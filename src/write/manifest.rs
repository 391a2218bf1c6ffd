//! A copy's manifest: each file's path (relative, `/` between folders on
//! Unix) and the hash of its bytes, and which copy it describes.
//!
//! Saved, the paths are sorted and front-coded: each keeps only the letters
//! after those it shares with the path before it, and every sixteenth is
//! whole, so that a path is found by a binary search over the whole ones and
//! a short walk from there. At 100,000 records the 650,000 paths take some
//! 7 MB this way, against 24 MB written whole; a build holds up to three
//! manifests at once.

use std::cmp::Ordering;
use std::collections::BTreeMap;

use serde::ser::{Serialize, SerializeTuple, Serializer};

use crate::diag::{Error, Result};

/// The version of the saved manifest's format, written first. A manifest
/// of an earlier tathya is not read as one, and the first two builds after
/// an update (one a copy) compare the files of their copy instead. Counted
/// down from the largest `u32` (the paths written out whole were the
/// largest; front-coded, one less; with the copy named, two less), so
/// that a tathya before those reads this one as a list of more pairs than
/// the file holds and fails, rather than as a short list of wrong ones.
const FORMAT: u32 = u32::MAX - 2;

/// Every how many paths one is saved whole.
const BLOCK: usize = 16;

/// The most letters (bytes) a path takes from the one before it: its count
/// is saved in one byte.
const MOST_SHARED: usize = u8::MAX as usize;

/// The files a build writes, and their hashes: sorted, as a manifest is saved.
pub type Manifest = BTreeMap<String, u64>;

/// A manifest as saved and read back: the paths, sorted and front-coded in
/// one string, and the hash of each file. It reads in a few allocations
/// rather than one a file (some 650,000 at 100,000 records), and finds a
/// path by binary search. Read only through `is_whole`.
#[derive(Debug, Default)]
pub struct Saved {
    /// The copy it describes (`a` or `b`): a manifest moved or copied
    /// onto the other copy's place is not taken for that copy's.
    copy: String,
    /// Each path's own letters, after those it shares with the one before.
    own: String,
    /// Where each path's own letters end in `own`.
    ends: Vec<u32>,
    /// How many letters each path shares with the one before it: none for
    /// each [`BLOCK`]th, the first of its block.
    shared: Vec<u8>,
    hashes: Vec<u64>,
}

/// A walk through a manifest's paths in order, each made from the one
/// before it: how every path but a block's first is read.
#[derive(Debug)]
pub struct Walk<'a> {
    saved: &'a Saved,
    place: usize,
    name: String,
}

impl Walk<'_> {
    /// The place of the path the walk is at.
    pub fn place(&self) -> usize {
        self.place
    }

    /// The path the walk is at; none past the last.
    pub fn name(&self) -> Option<&str> {
        (self.place < self.saved.count()).then_some(self.name.as_str())
    }

    /// Moves on to the next path.
    pub fn step(&mut self) {
        self.place += 1;
        if self.place < self.saved.count() {
            self.name.truncate(usize::from(self.saved.shared[self.place]));
            self.name.push_str(self.saved.own(self.place));
        }
    }

    /// Moves to the path `name`, if the manifest has it: the next path
    /// first, then the whole manifest. Without it, the walk is left one
    /// past where it was.
    pub fn step_to(&mut self, name: &str) -> bool {
        self.step();
        if self.name() == Some(name) {
            return true;
        }
        match self.saved.seek(name) {
            Some(found) => {
                *self = found;
                true
            }
            None => false,
        }
    }

    /// Moves to the path at `place`: on from here within its block, or
    /// from the first of its block.
    pub fn go_to(&mut self, place: usize) {
        if place < self.place || place / BLOCK != self.place / BLOCK {
            self.place = place - place % BLOCK;
            self.name.clear();
            if self.place < self.saved.count() {
                self.name.push_str(self.saved.own(self.place));
            }
        }
        while self.place < place {
            self.step();
        }
    }
}

/// A sequence saved as its count and each item: of items made as it is saved.
struct Each<F>(F);

impl<F, I> Serialize for Each<F>
where
    F: Fn() -> I,
    I: ExactSizeIterator,
    I::Item: Serialize,
{
    fn serialize<S: Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
        serializer.collect_seq((self.0)())
    }
}

/// Saved as: the format; the copy; the paths' own letters; the length of each
/// path's own letters; how many letters each shares with the one before
/// (a byte each); the hashes (eight bytes each, least significant first).
impl Serialize for Saved {
    fn serialize<S: Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
        let start = |place: usize| place.checked_sub(1).map_or(0, |before| self.ends[before]);
        let lengths = || (0..self.count()).map(|place| self.ends[place] - start(place));
        let mut saved = serializer.serialize_tuple(6)?;
        saved.serialize_element(&FORMAT)?;
        saved.serialize_element(self.copy.as_str())?;
        saved.serialize_element(self.own.as_str())?;
        saved.serialize_element(&Each(lengths))?;
        saved.serialize_element(self.shared.as_slice())?;
        saved.serialize_element(&Each(|| self.hashes.iter().map(|hash| hash.to_le_bytes())))?;
        saved.end()
    }
}

/// The lengths at the start of `bytes` (as [`Saved`] saves them) added up
/// into where each ends, and what follows them. Read into a vector of
/// their count, not one grown by doubling as it is read.
fn take_ends(bytes: &[u8]) -> Option<(Vec<u32>, &[u8])> {
    let (count, mut rest) = postcard::take_from_bytes::<usize>(bytes).ok()?;
    // Each takes a byte at least: a count past that is no manifest's.
    if count > rest.len() {
        return None;
    }
    let mut ends = Vec::with_capacity(count);
    let mut end = 0u32;
    for _ in 0..count {
        let (length, after) = postcard::take_from_bytes::<u32>(rest).ok()?;
        end = end.checked_add(length)?;
        ends.push(end);
        rest = after;
    }
    Some((ends, rest))
}

/// How many letters `name` takes from `previous`: the bytes they share,
/// at most [`MOST_SHARED`], cut back to where a letter of `name` begins.
fn shared_with(previous: &str, name: &str) -> usize {
    let same = previous.bytes().zip(name.bytes()).take(MOST_SHARED).take_while(|(a, b)| a == b).count();
    name.floor_char_boundary(same)
}

impl Saved {
    /// The manifest of a copy with only the files of `made`.
    #[cfg(test)]
    pub fn of(made: &Manifest) -> Self {
        Saved::merged("a", None, &[], made).expect("a small manifest")
    }

    /// The manifest of the copy `copy` that has the files of `kept` (their places in
    /// `published`, sorted, each once; none without `published`) as
    /// `published` has them, and the files of `made`; a file in both is as
    /// `made` has it (no build keeps and writes one file). The two are sorted, and
    /// walked once side by side: the files kept (some 650,000 at 100,000
    /// records) are never copied into a map.
    pub fn merged(copy: &str, published: Option<&Saved>, kept: &[usize], made: &Manifest) -> Result<Self> {
        debug_assert!(kept.windows(2).all(|pair| pair[0] < pair[1]) && (published.is_some() || kept.is_empty()));
        let capacity = kept.len() + made.len();
        let mut saved = Saved {
            copy: copy.to_owned(),
            // Most often enough: the kept paths in the blocks they had,
            // and the made ones whole. Blocks that begin elsewhere may take more.
            own: String::with_capacity(
                published.map_or(0, |p| p.own.len()) + made.keys().map(String::len).sum::<usize>(),
            ),
            ends: Vec::with_capacity(capacity),
            shared: Vec::with_capacity(capacity),
            hashes: Vec::with_capacity(capacity),
        };
        let mut last = String::new();
        let mut push = |name: &str, hash: u64| -> Result<()> {
            let shared = if saved.hashes.len().is_multiple_of(BLOCK) { 0 } else { shared_with(&last, name) };
            saved.own.push_str(&name[shared..]);
            let end = u32::try_from(saved.own.len()).map_err(|_| {
                Error::Usage("the site's file names take more than the 4 GiB a manifest can hold".into())
            })?;
            saved.ends.push(end);
            saved.shared.push(shared as u8);
            saved.hashes.push(hash);
            last.truncate(shared);
            last.push_str(&name[shared..]);
            Ok(())
        };
        let mut made = made.iter().peekable();
        if let Some(published) = published {
            let mut walk = published.walk();
            for &place in kept {
                walk.go_to(place);
                let Some(name) = walk.name() else { break };
                while let Some((new, hash)) = made.next_if(|(new, _)| new.as_str() < name) {
                    push(new, *hash)?;
                }
                // Made again: pushed with the made ones.
                if made.peek().is_none_or(|(new, _)| new.as_str() != name) {
                    push(name, published.hashes[place])?;
                }
            }
        }
        for (name, hash) in made {
            push(name, *hash)?;
        }
        Ok(saved)
    }

    /// Whether it reads as one that [`Saved::merged`] makes: every path
    /// whole and in order, each block's first sharing nothing (a path may
    /// share fewer letters than it could). A file that reads but is not is
    /// taken as no manifest; every walk of one that is stays within its
    /// letters.
    pub fn is_whole(&self) -> bool {
        let count = self.count();
        if self.shared.len() != count
            || self.hashes.len() != count
            || self.ends.last().map_or(0, |end| *end as usize) != self.own.len()
        {
            return false;
        }
        let mut name = String::new();
        let mut start = 0;
        for place in 0..count {
            let end = self.ends[place] as usize;
            let shared = usize::from(self.shared[place]);
            // Within the letters, each path's own whole ones; a block's first shares none.
            let Some(own) = self.own.get(start..end) else { return false };
            if (place.is_multiple_of(BLOCK) && shared != 0) || !name.is_char_boundary(shared) {
                return false;
            }
            // After the one before: past their shared letters, its own come after the rest of that one's.
            if place > 0 && own <= &name[shared..] {
                return false;
            }
            name.truncate(shared);
            name.push_str(own);
            start = end;
        }
        true
    }

    /// The manifest of the copy `copy` saved as `bytes` (by
    /// [`crate::write::save`]), if it is of this format, that copy's and
    /// whole ([`Saved::is_whole`]). Its letters are copied out of `bytes`
    /// (some 7 MB at 100,000 records, beside the file's 13 MB until the
    /// caller drops it).
    pub fn read(bytes: &[u8], copy: &str) -> Option<Self> {
        let (format, rest) = postcard::take_from_bytes::<u32>(bytes).ok()?;
        if format != FORMAT {
            return None;
        }
        let (saved_for, rest) = postcard::take_from_bytes::<&str>(rest).ok()?;
        if saved_for != copy {
            return None;
        }
        let (own, rest) = postcard::take_from_bytes::<&str>(rest).ok()?;
        let (ends, rest) = take_ends(rest)?;
        let (shared, rest) = postcard::take_from_bytes::<&[u8]>(rest).ok()?;
        let (count, rest) = postcard::take_from_bytes::<usize>(rest).ok()?;
        if Some(rest.len()) != count.checked_mul(8) {
            return None;
        }
        let hashes = rest
            .chunks_exact(8)
            .map(|bytes| {
                let mut hash = [0; 8];
                hash.copy_from_slice(bytes);
                u64::from_le_bytes(hash)
            })
            .collect();
        let saved = Saved { copy: copy.to_owned(), own: own.to_owned(), ends, shared: shared.to_vec(), hashes };
        Some(saved).filter(Saved::is_whole)
    }

    /// The own letters of the path at `place`: the whole path for the
    /// first of a block.
    fn own(&self, place: usize) -> &str {
        let start = if place == 0 { 0 } else { self.ends[place - 1] as usize };
        &self.own[start..self.ends[place] as usize]
    }

    /// A walk from the first path.
    pub fn walk(&self) -> Walk<'_> {
        let mut walk = Walk { saved: self, place: 0, name: String::new() };
        if self.count() > 0 {
            walk.name.push_str(self.own(0));
        }
        walk
    }

    /// A walk at the path `name`, if the copy has it: a binary search
    /// over the first of each block, then a walk through one block.
    pub fn seek(&self, name: &str) -> Option<Walk<'_>> {
        let (mut low, mut high) = (0, self.count().div_ceil(BLOCK));
        while low < high {
            let middle = low + (high - low) / 2;
            match self.own(middle * BLOCK).cmp(name) {
                Ordering::Greater => high = middle,
                _ => low = middle + 1,
            }
        }
        // `low` blocks begin at most at `name`: the last of them has it, if any has.
        let block = low.checked_sub(1)?;
        let mut walk = self.walk();
        walk.go_to(block * BLOCK);
        let end = self.count().min((block + 1) * BLOCK);
        while walk.place < end {
            match walk.name.as_str().cmp(name) {
                Ordering::Less => walk.step(),
                Ordering::Equal => return Some(walk),
                Ordering::Greater => return None,
            }
        }
        None
    }

    /// The place of the file `name` among the copy's files, if it has it.
    pub fn find(&self, name: &str) -> Option<usize> {
        self.seek(name).map(|walk| walk.place)
    }

    /// The hash of the file `name`, if the copy has it.
    pub fn get(&self, name: &str) -> Option<u64> {
        self.find(name).map(|place| self.hashes[place])
    }

    /// The hash of the file at `place` (from [`Saved::find`]).
    pub fn hash(&self, place: usize) -> u64 {
        self.hashes[place]
    }

    /// How many files the copy has.
    pub fn count(&self) -> usize {
        self.ends.len()
    }

    /// The path of the file at `place`.
    #[cfg(test)]
    pub fn name(&self, place: usize) -> String {
        let mut walk = self.walk();
        walk.go_to(place);
        walk.name.clone()
    }

    /// Every path, in order.
    #[cfg(test)]
    pub fn names(&self) -> Vec<String> {
        let mut walk = self.walk();
        std::iter::from_fn(|| {
            let name = walk.name()?.to_owned();
            walk.step();
            Some(name)
        })
        .collect()
    }

    /// The files this manifest names that `other` does not.
    pub fn missing_from(&self, other: &Saved) -> Vec<String> {
        let mut missing = Vec::new();
        self.beside(other, |_, name, theirs| {
            if theirs.is_none() {
                missing.push(name.to_owned());
            }
        });
        missing
    }

    /// The places of the files of this manifest that `other` does not have
    /// as this one has them (a different hash, or none): of the files a
    /// build keeps from the published copy, the only ones to copy into the
    /// copy `other` describes.
    pub fn unlike(&self, other: &Saved) -> Vec<usize> {
        let mut unlike = Vec::new();
        self.beside(other, |place, _, theirs| {
            if theirs.is_none_or(|at| other.hashes[at] != self.hashes[place]) {
                unlike.push(place);
            }
        });
        unlike
    }

    /// Calls `each` with each place and path of this manifest, and the
    /// place of the same path in `other` if it has it: both sorted, walked
    /// once side by side rather than looked up one by one (some 650,000
    /// files at 100,000 records).
    fn beside(&self, other: &Saved, mut each: impl FnMut(usize, &str, Option<usize>)) {
        let mut theirs = other.walk();
        let mut mine = self.walk();
        while let Some(name) = mine.name() {
            while theirs.name().is_some_and(|other| other < name) {
                theirs.step();
            }
            let found = (theirs.name() == Some(name)).then_some(theirs.place);
            each(mine.place, name, found);
            mine.step();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{BLOCK, Manifest, Saved};
    use proptest::prelude::*;

    #[test]
    fn a_saved_manifest_finds_each_path_and_no_other() {
        let made: Manifest = ["a/index.html", "a/index.md", "hi/ख़बर/index.html", "z"]
            .iter()
            .enumerate()
            .map(|(i, name)| ((*name).to_owned(), i as u64 + 10))
            .collect();
        let bytes = postcard::to_stdvec(&Saved::of(&made)).unwrap();
        let saved = Saved::read(&bytes, "a").unwrap();
        assert!(saved.is_whole());
        assert_eq!(postcard::to_stdvec(&saved).unwrap(), bytes, "not read as saved");
        // Cut short, or with more after it, it is no manifest.
        for cut in [0, 1, 2, bytes.len() / 2, bytes.len() - 1] {
            assert!(Saved::read(&bytes[..cut], "a").is_none(), "cut at {cut}");
        }
        assert!(Saved::read(&[&bytes[..], &[0]].concat(), "a").is_none());
        // Nor as the other copy's.
        assert!(Saved::read(&bytes, "b").is_none());
        // Nor with a byte of its paths that is no UTF-8 (the first path's first letter).
        let mut garbled = bytes.clone();
        let at = garbled.iter().position(|&byte| byte == b'a').unwrap();
        garbled[at] = 0xff;
        assert!(Saved::read(&garbled, "a").is_none());
        for (name, hash) in &made {
            assert_eq!(saved.get(name), Some(*hash), "{name}");
        }
        for other in ["", "a", "a/index.htm", "hi", "zz"] {
            assert_eq!(saved.get(other), None, "{other}");
        }
        assert_eq!(saved.names(), made.keys().cloned().collect::<Vec<_>>());
        assert!(Saved::default().get("a").is_none() && Saved::default().names().is_empty());
        // Nor is one of the formats before: the paths written whole; a list of pairs; nor this one as such a list.
        let whole = (u32::MAX, "a/index.htmla/index.md", [11u64, 21], [10u64, 11]);
        assert!(Saved::read(&postcard::to_stdvec(&whole).unwrap(), "a").is_none());
        let pairs: Vec<(String, u64)> = made.into_iter().collect();
        for few in 0..=pairs.len() {
            assert!(Saved::read(&postcard::to_stdvec(&pairs[..few]).unwrap(), "a").is_none(), "{few} pairs");
        }
        assert!(postcard::from_bytes::<Vec<(String, u64)>>(&postcard::to_stdvec(&saved).unwrap()).is_err());
    }

    #[test]
    fn a_merged_manifest_has_the_files_kept_and_made_in_order_the_made_first() {
        let manifest =
            |pairs: &[(&str, u64)]| -> Manifest { pairs.iter().map(|(n, h)| ((*n).to_owned(), *h)).collect() };
        let published = Saved::of(&manifest(&[("a", 1), ("b", 2), ("c", 3), ("d", 4), ("e", 5)]));
        let kept: Vec<usize> = ["a", "c", "d", "e"].iter().map(|name| published.find(name).unwrap()).collect();
        let made = manifest(&[("0", 10), ("c", 30), ("cc", 33), ("f", 60)]);
        let merged = Saved::merged("a", Some(&published), &kept, &made).unwrap();
        assert!(merged.is_whole());
        let names = merged.names();
        let got: Vec<(&str, u64)> = names.iter().map(String::as_str).zip(merged.hashes.iter().copied()).collect();
        assert_eq!(got, [("0", 10), ("a", 1), ("c", 30), ("cc", 33), ("d", 4), ("e", 5), ("f", 60)]);
        assert_eq!(Saved::of(&made).names(), ["0", "c", "cc", "f"]);
        assert_eq!(Saved::merged("a", Some(&published), &kept, &Manifest::new()).unwrap().names().concat(), "acde");
        // Every choice of files kept and made saves what the one map of them both would.
        let names = ["0", "a", "b", "c", "cc", "e", "f"];
        for (kept_bits, made_bits) in (0..1u32 << 5).flat_map(|k| (0..1u32 << names.len()).map(move |m| (k, m))) {
            let kept: Vec<usize> = (0..5).filter(|i| kept_bits & (1 << i) != 0).collect();
            let made: Manifest = (0..names.len())
                .filter(|i| made_bits & (1 << i) != 0)
                .map(|i| (names[i].to_owned(), 100 + i as u64))
                .collect();
            let mut both: Manifest = kept.iter().map(|i| (published.name(*i), published.hash(*i))).collect();
            both.extend(made.clone());
            let merged = Saved::merged("a", Some(&published), &kept, &made).unwrap();
            assert_eq!(postcard::to_stdvec(&merged).unwrap(), postcard::to_stdvec(&Saved::of(&both)).unwrap());
        }
    }

    #[test]
    fn two_manifests_walked_side_by_side_give_what_looking_up_each_file_gives() {
        let names = ["0", "a", "a/b", "b", "bb", "c"];
        // Every choice of files on each side, each file's hash one of two.
        for (mine, theirs) in (0..1u32 << 12).flat_map(|m| (0..1u32 << 12).step_by(41).map(move |t| (m, t))) {
            let side = |bits: u32| -> Saved {
                let present = (0..names.len()).filter(|i| bits & (1 << i) != 0);
                Saved::of(&present.map(|i| (names[i].to_owned(), u64::from(bits >> (6 + i) & 1))).collect())
            };
            let (mine, theirs) = (side(mine), side(theirs));
            let missing: Vec<String> = mine.names().into_iter().filter(|name| theirs.get(name).is_none()).collect();
            assert_eq!(mine.missing_from(&theirs), missing);
            let unlike: Vec<usize> =
                (0..mine.count()).filter(|&at| theirs.get(&mine.name(at)) != Some(mine.hash(at))).collect();
            assert_eq!(mine.unlike(&theirs), unlike);
        }
    }

    #[test]
    fn a_manifest_not_as_saved_is_not_whole() {
        let saved = |own: &str, ends: &[u32], shared: &[u8]| Saved {
            copy: "a".into(),
            own: own.to_owned(),
            ends: ends.to_vec(),
            shared: shared.to_vec(),
            hashes: vec![0; ends.len()],
        };
        assert!(saved("ab", &[1, 2], &[0, 0]).is_whole());
        assert!(saved("abc", &[2, 3], &[0, 1]).is_whole(), "ab, ac");
        // Out of order, a path twice, past the end, short of it, inside a letter;
        // sharing more than the path before has, or part of a letter; after the same path.
        for (own, ends, shared) in [
            ("ba", &[1, 2][..], &[0, 0][..]),
            ("aa", &[1, 2], &[0, 0]),
            ("ab", &[1, 3], &[0, 0]),
            ("abc", &[1, 2], &[0, 0]),
            ("खa", &[1, 4], &[0, 0]),
            ("abc", &[2, 3], &[0, 3]),
            ("खक", &[3, 6], &[0, 1]),
            ("abb", &[2, 3], &[0, 1]),
            ("ab", &[2, 2], &[0, 2]),
        ] {
            assert!(!saved(own, ends, shared).is_whole(), "{own} {ends:?} {shared:?}");
        }
        let mut fewer_hashes = saved("ab", &[1, 2], &[0, 0]);
        fewer_hashes.hashes.pop();
        assert!(!fewer_hashes.is_whole());
        let mut fewer_shared = saved("ab", &[1, 2], &[0, 0]);
        fewer_shared.shared.pop();
        assert!(!fewer_shared.is_whole());
        // The first of a block shares nothing.
        let made: Manifest = (0..=BLOCK).map(|i| (format!("a{i:02}"), 0)).collect();
        let mut sharing = Saved::of(&made);
        assert!(sharing.is_whole() && sharing.shared[BLOCK] == 0 && sharing.shared[BLOCK - 1] == 2);
        sharing.shared[BLOCK] = 1;
        assert!(!sharing.is_whole());
    }

    /// Paths of a few folders deep, from names that share long beginnings,
    /// letters of more than one byte, and more than a manifest's one byte
    /// of shared letters can count.
    fn paths() -> impl Strategy<Value = Manifest> {
        let long = "क".repeat(90);
        let part =
            prop::sample::select(vec!["a".to_owned(), "ab".into(), "ख़बर".into(), "खबर".into(), long, "z".into()]);
        let path = prop::collection::vec(part, 1..5).prop_map(|parts| parts.join("/"));
        prop::collection::btree_map(path, 0..4u64, 0..80)
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]

        #[test]
        fn a_damaged_manifest_is_none_or_walks_whole(
            published in paths(),
            cut in any::<prop::sample::Index>(),
            flips in prop::collection::vec((any::<prop::sample::Index>(), 1..=255u8), 1..4),
        ) {
            let mut bytes = postcard::to_stdvec(&Saved::of(&published)).unwrap();
            for &(at, flip) in &flips {
                let at = at.index(bytes.len());
                bytes[at] ^= flip;
            }
            bytes.truncate(bytes.len() - cut.index(bytes.len() / 4 + 1));
            // Or damaged where the letters are counted.
            let mut counts = Saved::of(&published);
            if !counts.shared.is_empty() {
                let at = cut.index(counts.shared.len());
                counts.shared[at] = counts.shared[at].wrapping_add(flips[0].1);
                counts.ends[at] = counts.ends[at].saturating_sub(u32::from(flips[0].1 % 4));
            }
            // Read or not, never a panic: each path found where the walk has it.
            for saved in [Saved::read(&bytes, "a"), Some(counts).filter(Saved::is_whole)].into_iter().flatten() {
                for (place, name) in saved.names().iter().enumerate() {
                    prop_assert_eq!(saved.find(name), Some(place));
                }
                let kept: Vec<usize> = (0..saved.count()).step_by(3).collect();
                prop_assert!(Saved::merged("a", Some(&saved), &kept, &published).unwrap().is_whole());
            }
        }

        #[test]
        fn any_manifest_reads_back_and_walks_as_a_map_of_its_files(
            published in paths(),
            held in paths(),
            made in paths(),
            keep in prop::collection::vec(any::<bool>(), 80),
        ) {
            let saved = Saved::of(&published);
            let bytes = postcard::to_stdvec(&saved).unwrap();
            let read = Saved::read(&bytes, "a").unwrap();
            prop_assert_eq!(postcard::to_stdvec(&read).unwrap(), bytes);
            prop_assert_eq!(read.names(), published.keys().cloned().collect::<Vec<_>>());
            for (place, (name, hash)) in published.iter().enumerate() {
                prop_assert_eq!(read.find(name), Some(place));
                prop_assert_eq!(read.get(name), Some(*hash));
                prop_assert_eq!(read.name(place), name.clone());
                let mut shorter = name.clone();
                shorter.pop();
                for other in [format!("{name}/a"), format!("{name}a"), shorter] {
                    prop_assert_eq!(read.get(&other), published.get(&other).copied(), "{}", other);
                }
            }
            // Walked from path to path, skipping some.
            let mut walk = read.walk();
            for (place, name) in published.keys().enumerate().skip(1).filter(|(place, _)| keep[*place]) {
                prop_assert!(walk.step_to(name));
                prop_assert_eq!(walk.place(), place);
            }
            prop_assert!(!walk.step_to("0") && !read.walk().step_to("a/"));
            // And back, from the last path to each.
            for (place, name) in published.keys().enumerate().rev() {
                let mut back = read.walk();
                back.go_to(published.len() - 1);
                back.go_to(place);
                prop_assert_eq!(back.name(), Some(name.as_str()));
            }
            // Merged with files made, as one map of both would be.
            let kept: Vec<usize> = (0..published.len()).filter(|&i| keep[i]).collect();
            let merged = Saved::merged("a", Some(&read), &kept, &made).unwrap();
            let mut both: Manifest = published.iter().enumerate().filter(|(i, _)| keep[*i]).map(|(_, (n, h))| (n.clone(), *h)).collect();
            both.extend(made.clone());
            prop_assert!(merged.is_whole());
            prop_assert_eq!(postcard::to_stdvec(&merged).unwrap(), postcard::to_stdvec(&Saved::of(&both)).unwrap());
            // Beside another.
            let held = Saved::of(&held);
            let missing: Vec<String> = read.names().into_iter().filter(|name| held.get(name).is_none()).collect();
            prop_assert_eq!(read.missing_from(&held), missing);
            let unlike: Vec<usize> = (0..read.count()).filter(|&at| held.get(&read.name(at)) != Some(read.hash(at))).collect();
            prop_assert_eq!(read.unlike(&held), unlike);
        }
    }
}
