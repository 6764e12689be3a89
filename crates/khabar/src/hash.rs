//! The one fixed hash of the crate.

/// FNV-1a, 64 bits. Fixed forever: its values are stored (NER feature hashes in model
/// files, document ids derived from content), so it must never change between versions
/// the way a std or hashbrown hasher may.
#[inline]
pub fn fnv1a(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf29ce484222325;
    for &b in bytes {
        h ^= b as u64;
        h = h.wrapping_mul(0x100000001b3);
    }
    h
}
