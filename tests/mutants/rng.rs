//! A tiny deterministic generator: a seed must name the same mutants on
//! every machine and with every toolchain, which rules out `rand`'s
//! unspecified algorithms (and the crate is not a dependency anyway).

/// SplitMix64 (Steele, Lea and Flood, 2014). Its quality is more than
/// picking mutations needs, and its output never depends on the platform.
pub struct Rng(u64);

impl Rng {
    /// The generator of mutant `index` under `seed`. Each mutant has its own
    /// stream, so that one can be made again without making those before it;
    /// the streams are hashed apart, since SplitMix64 states a constant step
    /// apart would give overlapping streams.
    pub fn for_mutant(seed: u64, index: u64) -> Self {
        let mixed = Rng(seed).next_u64() ^ index.wrapping_mul(0xD1B5_4A32_D192_ED03);
        Rng(Rng(mixed).next_u64())
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n`; `n` must not be 0. The modulo bias is far below
    /// anything that matters for choosing among a few dozen mutations.
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }

    /// True `percent` times in a hundred.
    pub fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }

    /// One of `items`, which must not be empty.
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    /// One of `items` by weight; the weights must not all be 0.
    pub fn weighted<'a, T>(&mut self, items: &'a [(u32, T)]) -> &'a T {
        let total: u32 = items.iter().map(|(w, _)| w).sum();
        let mut roll = self.below(total as usize) as u32;
        for (weight, item) in items {
            if roll < *weight {
                return item;
            }
            roll -= weight;
        }
        &items[items.len() - 1].1
    }
}
