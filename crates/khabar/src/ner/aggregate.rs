//! Context aggregation (after Ratinov and Roth 2009): what the other occurrences of a
//! word in nearby sentences say about it.
//!
//! A sentence may name `بنفيكا` with nothing around it, while another sentence of the
//! article says `فريق بنفيكا`. Each token gets, as features, the evidence seen at the
//! other occurrences of its stem within a window of sentences: the trigger words before
//! them, the gazetteer's and the name lists' matches over them, a listed given name
//! before them. Unlike the document step ([`super::document`]), which votes with the
//! tagger's output, this needs no tags: it is a feature of the first and only stage.

use rustc_hash::FxHashMap;

use super::features::TokenInfo;
use super::gazetteer::{GazMarks, Gazetteer, LISTED_SHIFT};
use super::EntityType;

/// Sentences on each side whose occurrences count.
pub const WINDOW: usize = 20;

/// Bits of one occurrence's evidence: 0–3 a trigger of type t (level ≥ 2) before it,
/// 4–7 a learned gazetteer match of type t over it, 8–11 a listed name of type t over
/// it, 12 a listed given name right before it.
pub type Evidence = u16;

/// What a token gets: the union of its stem's other occurrences' evidence, and how many
/// there are (capped at 3).
pub type Aggregated = (Evidence, u8);

const TRIGGER: u32 = 0;
const LEARNED: u32 = 4;
const LISTED: u32 = 8;
const AFTER_GIVEN: u32 = 12;

/// The evidence at each token of one sentence (`marks`: the gazetteer's, with lists).
pub fn local_evidence(toks: &[&TokenInfo], marks: &[GazMarks], gaz: &Gazetteer) -> Vec<Evidence> {
    let mut out = vec![0; toks.len()];
    for (i, t) in toks.iter().enumerate() {
        if !countable(t) {
            continue;
        }
        let mut e: Evidence = 0;
        if i > 0 {
            let levels = gaz.trigger_levels(&toks[i - 1].stem);
            for ty in EntityType::ALL {
                if Gazetteer::level_of(levels, ty) >= 2 {
                    e |= 1 << (TRIGGER + ty.index() as u32);
                }
            }
            if (marks[i - 1].begin >> LISTED_SHIFT) & (1 << EntityType::Pers.index()) != 0 {
                e |= 1 << AFTER_GIVEN;
            }
        }
        let m = marks[i];
        let learned = (m.begin | m.inside) & 0x0f;
        let listed = ((m.begin | m.inside) >> LISTED_SHIFT) & 0x0f;
        e |= (learned as Evidence) << LEARNED;
        e |= (listed as Evidence) << LISTED;
        out[i] = e;
    }
    out
}

/// Words whose other occurrences are looked at: Arabic words with a stem of two
/// letters or more.
fn countable(t: &TokenInfo) -> bool {
    t.shape == "A" && t.stem.chars().count() >= 2
}

/// For each token of each sentence, the union of the evidence at the occurrences of its
/// stem in the other sentences within [`WINDOW`], and how many there are (capped at 3).
///
/// One pass with a sliding window: each stem keeps, per evidence bit, how many
/// occurrences in the window carry it. A sentence's own occurrences are taken out
/// while it reads its results, then put back.
pub fn aggregate(sentences: &[Vec<&TokenInfo>], evidence: &[Vec<Evidence>]) -> Vec<Vec<Aggregated>> {
    let mut ids: FxHashMap<&str, u32> = FxHashMap::default();
    let keyed: Vec<Vec<u32>> = sentences
        .iter()
        .map(|toks| {
            toks.iter()
                .map(|t| {
                    if !countable(t) {
                        return u32::MAX;
                    }
                    let n = ids.len() as u32;
                    *ids.entry(t.stem.as_str()).or_insert(n)
                })
                .collect()
        })
        .collect();
    // Per stem: occurrences carrying each bit, then all occurrences.
    let mut counts = vec![[0u32; BITS + 1]; ids.len()];
    let apply = |counts: &mut Vec<[u32; BITS + 1]>, k: usize, add: bool| {
        for (&id, &e) in keyed[k].iter().zip(&evidence[k]) {
            let Some(c) = counts.get_mut(id as usize) else { continue };
            for (b, slot) in c.iter_mut().enumerate() {
                if b == BITS || e & (1 << b) != 0 {
                    *slot = if add { *slot + 1 } else { *slot - 1 };
                }
            }
        }
    };
    for k in 0..sentences.len().min(WINDOW + 1) {
        apply(&mut counts, k, true);
    }
    let mut out = Vec::with_capacity(sentences.len());
    for (k, ids) in keyed.iter().enumerate() {
        apply(&mut counts, k, false);
        out.push(
            ids.iter()
                .map(|&id| match counts.get(id as usize) {
                    None => (0, 0),
                    Some(c) => {
                        let e = (0..BITS).filter(|&b| c[b] > 0).fold(0, |e, b| e | 1 << b);
                        (e, c[BITS].min(3) as u8)
                    }
                })
                .collect(),
        );
        apply(&mut counts, k, true);
        if k + WINDOW + 1 < keyed.len() {
            apply(&mut counts, k + WINDOW + 1, true);
        }
        if k >= WINDOW {
            apply(&mut counts, k - WINDOW, false);
        }
    }
    out
}

/// Evidence bits in use.
const BITS: usize = 13;

/// Marks every sentence of a document with `gaz` (the name lists too) and gathers each
/// token's aggregated evidence. The marks are returned as well: the features need them.
pub fn document(sentences: &[Vec<&TokenInfo>], gaz: &Gazetteer) -> (Vec<Vec<GazMarks>>, Vec<Vec<Aggregated>>) {
    let mut marks = Vec::with_capacity(sentences.len());
    let evidence: Vec<Vec<Evidence>> = sentences
        .iter()
        .map(|toks| {
            let mut m = Vec::new();
            super::features::mark_sentence(toks, gaz, &mut m);
            let e = local_evidence(toks, &m, gaz);
            marks.push(m);
            e
        })
        .collect();
    let agg = aggregate(sentences, &evidence);
    (marks, agg)
}

const BIT_NAMES: [&str; BITS] = ["t:PERS", "t:LOC", "t:ORG", "t:MISC", "g:PERS", "g:LOC", "g:ORG", "g:MISC", "l:PERS", "l:LOC", "l:ORG", "l:MISC", "given"];
const COUNT_NAMES: [&str; 4] = ["0", "1", "2", "3+"];

/// The features of one token's aggregated evidence.
pub fn features((e, n): Aggregated, emit: &mut impl FnMut(&'static str, &[&str])) {
    if n == 0 {
        return;
    }
    emit("agg-n", &[COUNT_NAMES[n as usize]]);
    for (b, name) in BIT_NAMES.iter().enumerate() {
        if e & (1 << b) != 0 {
            emit("agg", &[name]);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn token(stem: &str) -> TokenInfo {
        TokenInfo { stem: stem.into(), norm: stem.into(), shape: "A", ..TokenInfo::default() }
    }

    /// The definition, read directly: every other sentence within the window.
    fn naive(sentences: &[Vec<&TokenInfo>], evidence: &[Vec<Evidence>]) -> Vec<Vec<Aggregated>> {
        let mut out = Vec::new();
        for (k, toks) in sentences.iter().enumerate() {
            out.push(
                toks.iter()
                    .map(|t| {
                        if !countable(t) {
                            return (0, 0);
                        }
                        let (mut e, mut n) = (0, 0u32);
                        for j in k.saturating_sub(WINDOW)..(k + WINDOW + 1).min(sentences.len()) {
                            if j == k {
                                continue;
                            }
                            for (u, &f) in sentences[j].iter().zip(&evidence[j]) {
                                if u.stem == t.stem {
                                    e |= f;
                                    n += 1;
                                }
                            }
                        }
                        (e, n.min(3) as u8)
                    })
                    .collect(),
            );
        }
        out
    }

    #[test]
    fn the_sliding_window_gives_what_the_definition_says() {
        // 60 sentences over a few stems (some repeated within a sentence, one too short
        // to count), with evidence from a fixed LCG.
        let words: Vec<TokenInfo> = ["بنفيكا", "ميسي", "غزة", "قال", "في", "و"].iter().map(|w| token(w)).collect();
        let mut x: u64 = 12345;
        let mut next = || {
            x = x.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            (x >> 33) as usize
        };
        let mut sentences: Vec<Vec<&TokenInfo>> = Vec::new();
        let mut evidence: Vec<Vec<Evidence>> = Vec::new();
        for _ in 0..60 {
            let n = 1 + next() % 6;
            sentences.push((0..n).map(|_| &words[next() % words.len()]).collect());
            evidence.push((0..n).map(|_| if next() % 3 == 0 { 1 << (next() % BITS) } else { 0 }).collect());
        }
        let fast = aggregate(&sentences, &evidence);
        assert_eq!(fast, naive(&sentences, &evidence));
        assert!(fast.iter().flatten().any(|&(e, n)| e != 0 && n == 3));
    }

    #[test]
    fn evidence_of_one_occurrence() {
        let mut gaz = Gazetteer::default();
        gaz.triggers.insert("فريق".into(), 3 << (2 * EntityType::Org.index()));
        gaz.triggers.insert("في".into(), 1 << (2 * EntityType::Loc.index()));
        let toks: Vec<TokenInfo> = ["فريق", "بنفيكا", "في", "لشبونة", "ليونيل", "ميسي"].iter().map(|w| token(w)).collect();
        let refs: Vec<&TokenInfo> = toks.iter().collect();
        let mut marks = vec![GazMarks::default(); toks.len()];
        marks[4].begin = 1 << (LISTED_SHIFT + EntityType::Pers.index() as u32);
        marks[3].begin = 1 << EntityType::Loc.index();
        let e = local_evidence(&refs, &marks, &gaz);
        assert_eq!(e[1], 1 << (TRIGGER + EntityType::Org.index() as u32));
        // A weak trigger (level 1) is not evidence; the learned gazetteer's match is.
        assert_eq!(e[3], 1 << (LEARNED + EntityType::Loc.index() as u32));
        assert_eq!(e[5], 1 << AFTER_GIVEN);
        assert_eq!(e[4], 1 << (LISTED + EntityType::Pers.index() as u32));
    }
}
