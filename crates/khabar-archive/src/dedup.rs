//! Near-duplicate grouping: MinHash signatures over word 3-shingles of stems, banded
//! LSH to find candidates, and the estimated Jaccard similarity to confirm them.
//!
//! This is the archive's own small implementation behind a narrow boundary
//! ([`signature`], [`NearDuplicateIndex::insert`]); it can be swapped for the
//! `khabar::news::duplicates` module when that lands, keeping the same contract: insert
//! a document's id and signature, get back the earlier document it duplicates, if any.
//!
//! ```
//! use khabar_archive::dedup::{signature, NearDuplicateIndex};
//! let a: Vec<String> = "قال الرئيس ان المحادثات مع الوفد كانت مثمرة وبناءة جدا اليوم".split(' ').map(String::from).collect();
//! let mut b = a.clone();
//! b.push("امس".into());
//! let mut index = NearDuplicateIndex::default();
//! assert!(index.insert("a", signature(&a)).is_none());
//! assert_eq!(index.insert("b", signature(&b)).unwrap().0, "a");
//! ```

use std::collections::HashMap;

/// Hash functions in a signature.
pub const HASHES: usize = 64;
/// LSH bands (of `HASHES / BANDS` rows each).
pub const BANDS: usize = 16;
const ROWS: usize = HASHES / BANDS;
/// Estimated Jaccard similarity from which two documents are near-duplicates.
pub const THRESHOLD: f32 = 0.7;
/// Documents with fewer shingles than this are not grouped (too short to tell).
pub const MIN_SHINGLES: usize = 8;

pub type Signature = [u32; HASHES];

fn fnv(bytes: &[u8], seed: u64) -> u64 {
    let mut h: u64 = 0xcbf29ce484222325 ^ seed;
    for &b in bytes {
        h ^= b as u64;
        h = h.wrapping_mul(0x100000001b3);
    }
    h
}

fn mix(mut x: u64) -> u64 {
    // splitmix64 finaliser
    x = x.wrapping_add(0x9e3779b97f4a7c15);
    x = (x ^ (x >> 30)).wrapping_mul(0xbf58476d1ce4e5b9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94d049bb133111eb);
    x ^ (x >> 31)
}

/// The MinHash signature of a document given as its word stems; `None` when it is too
/// short to be grouped.
pub fn signature(stems: &[String]) -> Option<Signature> {
    signature_of(stems.iter().map(String::as_str))
}

/// [`signature`] of any sequence of stems.
pub fn signature_of<'a>(stems: impl Iterator<Item = &'a str>) -> Option<Signature> {
    let hashes: Vec<u64> = stems.map(|s| fnv(s.as_bytes(), 0)).collect();
    if hashes.len() < MIN_SHINGLES + 2 {
        return None;
    }
    // one good hash per shingle, then HASHES cheap universal hashes of it
    let mut mults = [0u64; HASHES];
    let mut adds = [0u64; HASHES];
    for i in 0..HASHES {
        mults[i] = mix(i as u64 * 2 + 1) | 1;
        adds[i] = mix(i as u64 * 2 + 2);
    }
    let mut sig = [u32::MAX; HASHES];
    for w in hashes.windows(3) {
        let base = mix(w[0] ^ w[1].rotate_left(21) ^ w[2].rotate_left(42));
        for i in 0..HASHES {
            let h = (base.wrapping_mul(mults[i]).wrapping_add(adds[i]) >> 32) as u32;
            if h < sig[i] {
                sig[i] = h;
            }
        }
    }
    Some(sig)
}

/// The estimated Jaccard similarity of two signatures.
pub fn similarity(a: &Signature, b: &Signature) -> f32 {
    a.iter().zip(b).filter(|(x, y)| x == y).count() as f32 / HASHES as f32
}

pub fn to_bytes(sig: &Signature) -> Vec<u8> {
    sig.iter().flat_map(|h| h.to_le_bytes()).collect()
}

pub fn from_bytes(bytes: &[u8]) -> Option<Signature> {
    if bytes.len() != HASHES * 4 {
        return None;
    }
    let mut sig = [0u32; HASHES];
    for (i, c) in bytes.chunks_exact(4).enumerate() {
        sig[i] = u32::from_le_bytes([c[0], c[1], c[2], c[3]]);
    }
    Some(sig)
}

/// Streaming near-duplicate detection: each inserted document is compared with the
/// earlier ones sharing an LSH band.
#[derive(Default)]
pub struct NearDuplicateIndex {
    ids: Vec<String>,
    sigs: Vec<Signature>,
    bands: HashMap<(u8, u64), Vec<u32>>,
}

impl NearDuplicateIndex {
    /// Adds a document; returns the most similar earlier document at or above
    /// [`THRESHOLD`], with its similarity.
    pub fn insert(&mut self, id: &str, sig: Option<Signature>) -> Option<(String, f32)> {
        let sig = sig?;
        let mut best: Option<(u32, f32)> = None;
        let keys: Vec<(u8, u64)> = (0..BANDS)
            .map(|b| {
                let mut h = b as u64;
                for r in 0..ROWS {
                    h = mix(h ^ sig[b * ROWS + r] as u64);
                }
                (b as u8, h)
            })
            .collect();
        for key in &keys {
            if let Some(list) = self.bands.get(key) {
                for &j in list {
                    let s = similarity(&sig, &self.sigs[j as usize]);
                    if s >= THRESHOLD && best.is_none_or(|(bj, bs)| s > bs || (s == bs && j < bj)) {
                        best = Some((j, s));
                    }
                }
            }
        }
        let n = self.ids.len() as u32;
        self.ids.push(id.to_string());
        self.sigs.push(sig);
        for key in keys {
            self.bands.entry(key).or_default().push(n);
        }
        best.map(|(j, s)| (self.ids[j as usize].clone(), s))
    }

    pub fn len(&self) -> usize {
        self.ids.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }
}
