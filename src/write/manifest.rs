//! A copy's manifest: each file's path (relative, `/` between folders on
//! Unix) and the hash of its bytes.

use std::cmp::Ordering;
use std::collections::BTreeMap;

use serde::Serialize;

/// The version of the saved manifest's format, written first. A manifest
/// of an earlier tathya (a list of pairs, its count first) is not read as
/// one, and the first two builds after an update (one a copy) compare the
/// files of their copy instead. Counted down from the largest `u32`, so
/// that an earlier tathya reads this one as a list of more pairs than the
/// file holds and fails, rather than as a short list of wrong ones.
const FORMAT: u32 = u32::MAX;

/// The numbers (a `Vec<u64>` as postcard saves it) at the start of
/// `bytes`, and what follows them: read into a vector of their count, not
/// one grown by doubling as it is read.
fn take_numbers(bytes: &[u8]) -> Option<(Vec<u64>, &[u8])> {
    let (count, mut rest) = postcard::take_from_bytes::<usize>(bytes).ok()?;
    // Each takes a byte at least: a count past that is no manifest's.
    if count > rest.len() {
        return None;
    }
    let mut numbers = Vec::with_capacity(count);
    for _ in 0..count {
        let (number, after) = postcard::take_from_bytes::<u64>(rest).ok()?;
        numbers.push(number);
        rest = after;
    }
    Some((numbers, rest))
}

/// The files a build writes, and their hashes: sorted, as a manifest is saved.
pub type Manifest = BTreeMap<String, u64>;

/// A manifest as saved and read back: the paths, sorted, in one string,
/// where each ends in it, and the hash of each file. It reads in a few
/// allocations rather than one a file (some 650,000 at 100,000 records),
/// and finds a path by binary search. Read only through `is_whole`.
#[derive(Debug, Default, Serialize)]
pub struct Saved {
    /// [`FORMAT`] (0 in a manifest made empty, never saved).
    format: u32,
    names: String,
    ends: Vec<u64>,
    hashes: Vec<u64>,
}

impl Saved {
    /// The manifest of a copy with only the files of `made`.
    #[cfg(test)]
    pub fn of(made: &Manifest) -> Self {
        Saved::merged(None, &[], made)
    }

    /// The manifest of a copy that has the files of `kept` (their places in
    /// `published`, sorted, each once; none without `published`) as
    /// `published` has them, and the files of `made`; a file in both is as
    /// `made` has it (no build keeps and writes one file). The two are sorted, and
    /// walked once side by side: the files kept (some 650,000 at 100,000
    /// records) are never copied into a map.
    pub fn merged(published: Option<&Saved>, kept: &[usize], made: &Manifest) -> Self {
        debug_assert!(kept.windows(2).all(|pair| pair[0] < pair[1]) && (published.is_some() || kept.is_empty()));
        let capacity = kept.len() + made.len();
        let mut saved = Saved {
            format: FORMAT,
            // At most what the published names and the made ones take.
            names: String::with_capacity(
                published.map_or(0, |p| p.names.len()) + made.keys().map(String::len).sum::<usize>(),
            ),
            ends: Vec::with_capacity(capacity),
            hashes: Vec::with_capacity(capacity),
        };
        let mut push = |name: &str, hash: u64| {
            saved.names.push_str(name);
            saved.ends.push(saved.names.len() as u64);
            saved.hashes.push(hash);
        };
        let mut kept = published
            .into_iter()
            .flat_map(|published| kept.iter().map(move |i| (published.name(*i), published.hashes[*i])))
            .peekable();
        for (name, hash) in made {
            while let Some((old, hash)) = kept.next_if(|(old, _)| *old < name.as_str()) {
                push(old, hash);
            }
            kept.next_if(|(old, _)| *old == name.as_str());
            push(name, *hash);
        }
        kept.for_each(|(old, hash)| push(old, hash));
        saved
    }

    /// Whether it is one that [`Saved::merged`] makes: of this format, every
    /// path whole and in order. A file that reads but is not is taken as no manifest.
    pub fn is_whole(&self) -> bool {
        let mut start = 0;
        let mut previous: Option<&str> = None;
        self.format == FORMAT
            && self.ends.len() == self.hashes.len()
            && self.ends.iter().all(|end| {
                let Some(name) = usize::try_from(*end).ok().and_then(|end| self.names.get(start..end)) else {
                    return false;
                };
                start += name.len();
                previous.replace(name).is_none_or(|previous| previous < name)
            })
            && start == self.names.len()
    }

    /// The manifest saved as `bytes` (by [`crate::write::save`]), if it is
    /// whole ([`Saved::is_whole`]). Its paths stay in the buffer they were
    /// read into, moved to its start: decoded into a string of their own,
    /// both would be held at once, some 55 MB for each manifest at 100,000
    /// records. The string keeps the buffer's room, the bytes of the
    /// numbers after the paths (some 10 MB).
    pub fn read(mut bytes: Vec<u8>) -> Option<Self> {
        let (format, rest) = postcard::take_from_bytes::<u32>(&bytes).ok()?;
        if format != FORMAT {
            return None;
        }
        let (names, rest) = postcard::take_from_bytes::<&[u8]>(rest).ok()?;
        let (len, after) = (names.len(), rest.len());
        let (ends, rest) = take_numbers(rest)?;
        let (hashes, rest) = take_numbers(rest)?;
        if !rest.is_empty() {
            return None;
        }
        let start = bytes.len() - after - len;
        bytes.truncate(start + len);
        bytes.drain(..start);
        let names = String::from_utf8(bytes).ok()?;
        Some(Saved { format, names, ends, hashes }).filter(Saved::is_whole)
    }

    /// The path of the file at `place`.
    pub fn name(&self, place: usize) -> &str {
        let start = if place == 0 { 0 } else { self.ends[place - 1] as usize };
        &self.names[start..self.ends[place] as usize]
    }

    /// The hash of the file `name`, if the copy has it.
    pub fn get(&self, name: &str) -> Option<u64> {
        self.find(name).map(|i| self.hashes[i])
    }

    /// The place of the file `name` among the copy's files, if it has it.
    pub fn find(&self, name: &str) -> Option<usize> {
        let mut low = 0;
        let mut high = self.ends.len();
        while low < high {
            let middle = low + (high - low) / 2;
            match self.name(middle).cmp(name) {
                Ordering::Less => low = middle + 1,
                Ordering::Greater => high = middle,
                Ordering::Equal => return Some(middle),
            }
        }
        None
    }

    /// The hash of the file at `place` (from [`Saved::find`]).
    pub fn hash(&self, place: usize) -> u64 {
        self.hashes[place]
    }

    /// How many files the copy has.
    pub fn count(&self) -> usize {
        self.ends.len()
    }

    /// Every path, in order.
    #[cfg(test)]
    pub fn names(&self) -> impl Iterator<Item = &str> {
        (0..self.ends.len()).map(|i| self.name(i))
    }

    /// The files this manifest names that `other` does not.
    pub fn missing_from<'a>(&'a self, other: &'a Saved) -> impl Iterator<Item = &'a str> {
        self.beside(other).filter(|(_, theirs)| theirs.is_none()).map(|(place, _)| self.name(place))
    }

    /// The places of the files of this manifest that `other` does not have
    /// as this one has them (a different hash, or none): of the files a
    /// build keeps from the published copy, the only ones to copy into the
    /// copy `other` describes.
    pub fn unlike(&self, other: &Saved) -> Vec<usize> {
        let same =
            |place: usize, theirs: Option<usize>| theirs.is_some_and(|at| other.hashes[at] == self.hashes[place]);
        self.beside(other).filter(|&(place, theirs)| !same(place, theirs)).map(|(place, _)| place).collect()
    }

    /// Each place of this manifest, with the place of the same path in
    /// `other` if it has it: both sorted, walked once side by side rather
    /// than looked up one by one (some 650,000 files at 100,000 records).
    fn beside<'a>(&'a self, other: &'a Saved) -> impl Iterator<Item = (usize, Option<usize>)> + 'a {
        let mut theirs = (0..other.count()).peekable();
        (0..self.count()).map(move |place| {
            let name = self.name(place);
            while theirs.next_if(|&at| other.name(at) < name).is_some() {}
            (place, theirs.next_if(|&at| other.name(at) == name))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::{Manifest, Saved};

    #[test]
    fn a_saved_manifest_finds_each_path_and_no_other() {
        let made: Manifest = ["a/index.html", "a/index.md", "hi/ख़बर/index.html", "z"]
            .iter()
            .enumerate()
            .map(|(i, name)| ((*name).to_owned(), i as u64 + 10))
            .collect();
        let bytes = postcard::to_stdvec(&Saved::of(&made)).unwrap();
        let saved = Saved::read(bytes.clone()).unwrap();
        assert!(saved.is_whole());
        assert_eq!(postcard::to_stdvec(&saved).unwrap(), bytes, "not read as saved");
        // Cut short, or with more after it, it is no manifest.
        for cut in [0, 1, 2, bytes.len() / 2, bytes.len() - 1] {
            assert!(Saved::read(bytes[..cut].to_vec()).is_none(), "cut at {cut}");
        }
        assert!(Saved::read([&bytes[..], &[0]].concat()).is_none());
        // Nor with a byte of its paths that is no UTF-8 (the first path's first letter).
        let mut garbled = bytes.clone();
        let at = garbled.iter().position(|&byte| byte == b'a').unwrap();
        garbled[at] = 0xff;
        assert!(Saved::read(garbled).is_none());
        for (name, hash) in &made {
            assert_eq!(saved.get(name), Some(*hash), "{name}");
        }
        for other in ["", "a", "a/index.htm", "hi", "zz"] {
            assert_eq!(saved.get(other), None, "{other}");
        }
        assert_eq!(saved.names().collect::<Vec<_>>(), made.keys().map(String::as_str).collect::<Vec<_>>());
        assert!(Saved::default().get("a").is_none() && Saved::default().names().next().is_none());
        // A manifest of the format before, a list of pairs, is not read as one; nor this one as such a list.
        let pairs: Vec<(String, u64)> = made.into_iter().collect();
        for few in 0..=pairs.len() {
            assert!(Saved::read(postcard::to_stdvec(&pairs[..few]).unwrap()).is_none(), "{few} pairs");
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
        let merged = Saved::merged(Some(&published), &kept, &made);
        assert!(merged.is_whole());
        let got: Vec<(&str, u64)> = merged.names().zip(merged.hashes.iter().copied()).collect();
        assert_eq!(got, [("0", 10), ("a", 1), ("c", 30), ("cc", 33), ("d", 4), ("e", 5), ("f", 60)]);
        assert_eq!(Saved::merged(None, &[], &made).names().collect::<Vec<_>>(), ["0", "c", "cc", "f"]);
        assert_eq!(Saved::merged(Some(&published), &kept, &Manifest::new()).names().collect::<String>(), "acde");
        // Every choice of files kept and made saves what the one map of them both would.
        let names = ["0", "a", "b", "c", "cc", "e", "f"];
        for (kept_bits, made_bits) in (0..1u32 << 5).flat_map(|k| (0..1u32 << names.len()).map(move |m| (k, m))) {
            let kept: Vec<usize> = (0..5).filter(|i| kept_bits & (1 << i) != 0).collect();
            let made: Manifest = (0..names.len())
                .filter(|i| made_bits & (1 << i) != 0)
                .map(|i| (names[i].to_owned(), 100 + i as u64))
                .collect();
            let mut both: Manifest = kept.iter().map(|i| (published.name(*i).to_owned(), published.hash(*i))).collect();
            both.extend(made.clone());
            let merged = Saved::merged(Some(&published), &kept, &made);
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
            let missing: Vec<&str> = mine.names().filter(|name| theirs.get(name).is_none()).collect();
            assert_eq!(mine.missing_from(&theirs).collect::<Vec<_>>(), missing);
            let unlike: Vec<usize> =
                (0..mine.count()).filter(|&at| theirs.get(mine.name(at)) != Some(mine.hash(at))).collect();
            assert_eq!(mine.unlike(&theirs), unlike);
        }
    }

    #[test]
    fn a_manifest_not_as_saved_is_not_whole() {
        let saved = |names: &str, ends: &[u64]| Saved {
            format: super::FORMAT,
            names: names.to_owned(),
            ends: ends.to_vec(),
            hashes: vec![0; ends.len()],
        };
        assert!(saved("ab", &[1, 2]).is_whole());
        // Out of order, a path twice, past the end, short of it, inside a letter.
        for (names, ends) in [("ba", &[1, 2][..]), ("aa", &[1, 2]), ("ab", &[1, 3]), ("abc", &[1, 2]), ("खa", &[1, 4])]
        {
            assert!(!saved(names, ends).is_whole(), "{names} {ends:?}");
        }
        let mut fewer_hashes = saved("ab", &[1, 2]);
        fewer_hashes.hashes.pop();
        assert!(!fewer_hashes.is_whole());
    }
}
