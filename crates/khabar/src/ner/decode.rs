//! Decoding: the best valid BIO sequence under the model's scores.
//!
//! A tagger that picks each token's tag alone can output `O I-LOC` or `B-PERS I-ORG`,
//! which no entity reading makes sense of. Viterbi over first-order tag transitions
//! finds the best-scoring sequence among the valid ones only: `I-X` may follow only
//! `B-X` or `I-X`, and never starts a sentence. [`repair_bio`] fixes sequences that come
//! from elsewhere (other taggers, hand-edited files).

use super::{Tag, N_TAGS};

/// Whether `cur` may follow `prev` (`None`: the sentence start).
#[inline]
pub fn allowed(prev: Option<Tag>, cur: Tag) -> bool {
    match cur {
        Tag::I(t) => matches!(prev, Some(Tag::B(p)) | Some(Tag::I(p)) if p == t),
        _ => true,
    }
}

/// Whether a whole sequence is valid BIO.
pub fn is_valid_bio(tags: &[Tag]) -> bool {
    let mut prev = None;
    tags.iter().all(|&t| {
        let ok = allowed(prev, t);
        prev = Some(t);
        ok
    })
}

/// Transition scores: `trans[p][c]` for tag index `p` followed by `c`, with row
/// `N_TAGS` for the sentence start.
pub type Transitions = [[f32; N_TAGS]; N_TAGS + 1];

/// The best valid tag sequence for per-token scores `emit[i][tag]`. `back` is scratch
/// space, reused between calls.
pub fn viterbi(emit: &[[f32; N_TAGS]], trans: &Transitions, back: &mut Vec<[u8; N_TAGS]>, out: &mut Vec<Tag>) {
    out.clear();
    let n = emit.len();
    if n == 0 {
        return;
    }
    back.clear();
    back.resize(n, [0; N_TAGS]);
    // Forbidden transitions as −∞, so that the inner loop is a plain max.
    let mut masked = *trans;
    for (p, row) in masked.iter_mut().enumerate() {
        let prev = (p < N_TAGS).then(|| Tag::from_index(p));
        for (c, w) in row.iter_mut().enumerate() {
            if !allowed(prev, Tag::from_index(c)) {
                *w = f32::NEG_INFINITY;
            }
        }
    }
    let mut score = [f32::NEG_INFINITY; N_TAGS];
    for (c, s) in score.iter_mut().enumerate() {
        if masked[N_TAGS][c] > f32::NEG_INFINITY {
            *s = masked[N_TAGS][c] + emit[0][c];
        }
    }
    for i in 1..n {
        let mut next = [f32::NEG_INFINITY; N_TAGS];
        for c in 0..N_TAGS {
            let mut best = (f32::NEG_INFINITY, 0u8);
            for p in 0..N_TAGS {
                let s = score[p] + masked[p][c];
                if s > best.0 {
                    best = (s, p as u8);
                }
            }
            if best.0 > f32::NEG_INFINITY {
                next[c] = best.0 + emit[i][c];
                back[i][c] = best.1;
            }
        }
        score = next;
    }
    // O is always reachable, so some tag has a finite score.
    let mut last = 0;
    for c in 1..N_TAGS {
        if score[c] > score[last] {
            last = c;
        }
    }
    out.resize(n, Tag::O);
    let mut c = last;
    for i in (0..n).rev() {
        out[i] = Tag::from_index(c);
        c = back[i][c] as usize;
    }
}

/// Makes any tag sequence valid BIO the way conlleval reads it: an `I-X` that does not
/// continue an `X` entity starts one, so it becomes `B-X`.
pub fn repair_bio(tags: &mut [Tag]) {
    let mut prev = None;
    for t in tags.iter_mut() {
        if !allowed(prev, *t) {
            if let Tag::I(x) = *t {
                *t = Tag::B(x);
            }
        }
        prev = Some(*t);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ner::EntityType::*;

    #[test]
    fn repair_turns_orphan_inside_tags_into_begins() {
        let mut t = [Tag::I(Loc), Tag::O, Tag::I(Pers), Tag::I(Pers), Tag::B(Org), Tag::I(Misc), Tag::B(Loc), Tag::I(Loc)];
        repair_bio(&mut t);
        assert_eq!(t, [Tag::B(Loc), Tag::O, Tag::B(Pers), Tag::I(Pers), Tag::B(Org), Tag::B(Misc), Tag::B(Loc), Tag::I(Loc)]);
        assert!(is_valid_bio(&t));
        let mut empty: [Tag; 0] = [];
        repair_bio(&mut empty);
    }

    #[test]
    fn viterbi_prefers_a_valid_sequence_over_the_greedy_one() {
        // Greedy would say O I-LOC: the invalid I-LOC is the best tag of token 1.
        let mut emit = [[0f32; N_TAGS]; 2];
        emit[0][Tag::O.index()] = 2.0;
        emit[0][Tag::B(Loc).index()] = 1.5;
        emit[1][Tag::I(Loc).index()] = 3.0;
        let trans = [[0f32; N_TAGS]; N_TAGS + 1];
        let mut out = Vec::new();
        viterbi(&emit, &trans, &mut Vec::new(), &mut out);
        assert_eq!(out, [Tag::B(Loc), Tag::I(Loc)]);
    }

    #[test]
    fn viterbi_never_outputs_invalid_bio() {
        // Pseudo-random scores that favour I- tags everywhere.
        let mut seed = 42u64;
        let mut rnd = || {
            seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            ((seed >> 40) as f32 / (1u64 << 24) as f32) * 10.0 - 5.0
        };
        let mut back = Vec::new();
        let mut out = Vec::new();
        for n in 0..40 {
            let mut trans = [[0f32; N_TAGS]; N_TAGS + 1];
            for row in trans.iter_mut() {
                for x in row.iter_mut() {
                    *x = rnd();
                }
            }
            let emit: Vec<[f32; N_TAGS]> = (0..n)
                .map(|_| {
                    let mut e = [0f32; N_TAGS];
                    for (c, x) in e.iter_mut().enumerate() {
                        *x = rnd() + if matches!(Tag::from_index(c), Tag::I(_)) { 4.0 } else { 0.0 };
                    }
                    e
                })
                .collect();
            viterbi(&emit, &trans, &mut back, &mut out);
            assert_eq!(out.len(), n);
            assert!(is_valid_bio(&out), "{out:?}");
        }
    }
}
