//! A copy's manifest: each file's path (relative, `/` between folders on
//! Unix) and the hash of its bytes.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// The version of the saved manifest's format, written first. A manifest
/// of an earlier tathya (a list of pairs, its count first) is not read as
/// one, and the first two builds after an update (one a copy) compare the
/// files of their copy instead. Counted down from the largest `u32`, so
/// that an earlier tathya reads this one as a list of more pairs than the
/// file holds and fails, rather than as a short list of wrong ones.
const FORMAT: u32 = u32::MAX;

/// The manifest a build makes as it writes: sorted, as it is saved.
pub type Manifest = BTreeMap<String, u64>;

/// A manifest as saved and read back: the paths, sorted, in one string,
/// where each ends in it, and the hash of each file. It reads in a few
/// allocations rather than one a file (some 650,000 at 100,000 records),
/// and finds a path by binary search. Read only through `is_whole`.
#[derive(Debug, Default, Serialize, Deserialize)]
pub struct Saved {
    /// [`FORMAT`] (0 in a manifest made empty, never saved).
    format: u32,
    names: String,
    ends: Vec<u64>,
    hashes: Vec<u64>,
}

impl Saved {
    /// The manifest `made`, to be saved.
    pub fn of(made: &Manifest) -> Self {
        let mut saved = Saved {
            format: FORMAT,
            names: String::with_capacity(made.keys().map(String::len).sum()),
            ends: Vec::with_capacity(made.len()),
            hashes: Vec::with_capacity(made.len()),
        };
        for (name, hash) in made {
            saved.names.push_str(name);
            saved.ends.push(saved.names.len() as u64);
            saved.hashes.push(*hash);
        }
        saved
    }

    /// Whether it is one that [`Saved::of`] makes: of this format, every
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

    fn name(&self, i: usize) -> &str {
        let start = if i == 0 { 0 } else { self.ends[i - 1] as usize };
        &self.names[start..self.ends[i] as usize]
    }

    /// The hash of the file `name`, if the copy has it.
    pub fn get(&self, name: &str) -> Option<u64> {
        let mut low = 0;
        let mut high = self.ends.len();
        while low < high {
            let middle = low + (high - low) / 2;
            match self.name(middle).cmp(name) {
                std::cmp::Ordering::Less => low = middle + 1,
                std::cmp::Ordering::Greater => high = middle,
                std::cmp::Ordering::Equal => return Some(self.hashes[middle]),
            }
        }
        None
    }

    /// Every path, in order.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        (0..self.ends.len()).map(|i| self.name(i))
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
        let saved: Saved = postcard::from_bytes(&postcard::to_stdvec(&Saved::of(&made)).unwrap()).unwrap();
        assert!(saved.is_whole());
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
            let old = postcard::from_bytes::<Saved>(&postcard::to_stdvec(&pairs[..few]).unwrap());
            assert!(old.is_err() || !old.unwrap().is_whole(), "{few} pairs");
        }
        assert!(postcard::from_bytes::<Vec<(String, u64)>>(&postcard::to_stdvec(&saved).unwrap()).is_err());
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
