//! Hash maps and sets keyed by ids, for the passes over a whole board (the roadmap, the
//! snapshot's live items). The standard hasher (SipHash) is built to digest arbitrary input and
//! was a large part of building a 2,000-initiative roadmap; an id is 16 bytes, mostly random
//! already, so two folded multiplies spread it just as well. The multipliers come from the
//! standard library's per-process random keys, so a crafted board file cannot aim its ids at
//! one bucket.

use std::collections::hash_map::RandomState;
use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasher, Hasher};

use super::model::Id;

pub type IdMap<K, V> = HashMap<K, V, IdHash>;
pub type IdSet = HashSet<Id, IdHash>;

/// Builds [`IdHasher`]s with this process's random multipliers.
#[derive(Clone, Copy, Debug)]
pub struct IdHash {
    keys: [u64; 2],
}

impl Default for IdHash {
    fn default() -> IdHash {
        let random = RandomState::new();
        // Odd, so that multiplying never loses the low bits.
        IdHash { keys: [random.hash_one(0u8) | 1, random.hash_one(1u8) | 1] }
    }
}

impl BuildHasher for IdHash {
    type Hasher = IdHasher;

    fn build_hasher(&self) -> IdHasher {
        IdHasher { state: self.keys[0], keys: self.keys }
    }
}

/// Folds each 8 bytes it is given into its state; meant for ids (and tuples of them), correct
/// for any input.
pub struct IdHasher {
    state: u64,
    keys: [u64; 2],
}

impl IdHasher {
    fn mix(&mut self, word: u64) {
        let full = u128::from(self.state ^ word) * u128::from(self.keys[1]);
        self.state = (full as u64) ^ ((full >> 64) as u64);
    }
}

impl Hasher for IdHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            self.mix(u64::from_le_bytes(chunk.try_into().expect("chunks of 8")));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut last = [0u8; 8];
            last[..rest.len()].copy_from_slice(rest);
            self.mix(u64::from_le_bytes(last) ^ (rest.len() as u64) << 59);
        }
    }

    fn write_usize(&mut self, n: usize) {
        self.mix(n as u64);
    }

    fn finish(&self) -> u64 {
        let full = u128::from(self.state) * u128::from(self.keys[0]);
        (full as u64) ^ ((full >> 64) as u64)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_spread_over_the_buckets() {
        let hash = IdHash::default();
        let ids: Vec<Id> = (0..4096).map(|_| Id::now_v7()).collect();
        let mut buckets = [0u32; 64];
        for id in &ids {
            buckets[(hash.hash_one(id) % 64) as usize] += 1;
        }
        assert!(buckets.iter().all(|&n| (32..=96).contains(&n)), "ids made in one millisecond still spread evenly: {buckets:?}");
        let set: IdSet = ids.iter().copied().collect();
        assert_eq!(set.len(), ids.len(), "every id is found as itself");
        assert!(ids.iter().all(|id| set.contains(id)));
    }
}
