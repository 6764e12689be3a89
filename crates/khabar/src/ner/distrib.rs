//! Distributional signatures: what words a word keeps company with in a large news
//! corpus.
//!
//! ANERcorp is small, so most names in new text were never seen in training. But an
//! unseen name is seen in SaudiNewsNet (7.9M words), next to the same words as other
//! names of its kind: a player's name after `اللاعب` and before `،`, a town after
//! `مدينة` or `في`. For each word frequent enough in the embedded lexicon, this records
//! its [`TOP`] most frequent left and right neighbours among the [`CONTEXTS`] most
//! frequent words (rarer neighbours count as one "rare word" context, itself telling:
//! names sit next to names). These neighbour ids become features, which lets the model
//! generalise from the names it was trained on to names that share their company — a
//! cheap stand-in for Brown clusters, computed in one pass and stored in the model.
//!
//! Forms are keyed in the default normalisation, the one the lexicon was counted in.

use rustc_hash::FxHashMap;

use crate::doc::TokenKind;
use crate::text::lexicon::Lexicon;
use crate::text::normalize::{normalize_append, NormalizeOptions};
use crate::text::tokenize::{tokenize_into, RawToken};

use super::features::feature_hash;

/// Neighbours kept per side.
pub const TOP: usize = 3;
/// Size of the context vocabulary (the most frequent lexicon forms).
pub const CONTEXTS: usize = 500;
/// Words seen fewer times than this get no signature.
pub const MIN_COUNT: u32 = 2;

/// Special contexts after the vocabulary.
const CTX_EDGE: u16 = CONTEXTS as u16;
const CTX_NUMBER: u16 = CTX_EDGE + 1;
const CTX_PUNCT: u16 = CTX_EDGE + 2;
const CTX_LATIN: u16 = CTX_EDGE + 3;
const CTX_RARE: u16 = CTX_EDGE + 4;
/// No neighbour recorded.
pub const NONE: u16 = u16::MAX;

/// Signatures by form hash: TOP left neighbours, then TOP right neighbours.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Distrib {
    pub(crate) sig: FxHashMap<u64, [u16; 2 * TOP]>,
    /// Word-cluster paths ([`super::clusters`]), from the same neighbour counts.
    pub(crate) paths: super::clusters::Paths,
    /// How each stem was tagged across the corpus ([`super::votes`]).
    pub(crate) votes: super::votes::Votes,
}

fn key(form: &str) -> u64 {
    feature_hash("dist", &[form])
}

impl Distrib {
    pub fn get(&self, form: &str) -> Option<&[u16; 2 * TOP]> {
        self.sig.get(&key(form))
    }

    /// The word's cluster path, see [`super::clusters`].
    pub fn path(&self, form: &str) -> Option<u16> {
        self.paths.get(&key(form)).copied()
    }

    pub fn len(&self) -> usize {
        self.sig.len()
    }

    pub fn n_clustered(&self) -> usize {
        self.paths.len()
    }

    pub fn votes(&self) -> &super::votes::Votes {
        &self.votes
    }

    /// The same signatures and clusters with other corpus votes.
    pub fn with_votes(&self, votes: super::votes::Votes) -> Distrib {
        Distrib { sig: self.sig.clone(), paths: self.paths.clone(), votes }
    }

    pub fn is_empty(&self) -> bool {
        self.sig.is_empty()
    }
}

/// The vocabularies, fixed by the lexicon so that counting can run in parallel parts.
pub struct Vocab {
    targets: FxHashMap<String, u32>,
    target_names: Vec<String>,
    contexts: FxHashMap<String, u16>,
}

impl Vocab {
    pub fn from_lexicon(lex: &Lexicon) -> Vocab {
        let mut all: Vec<(&str, u32)> = lex.iter().collect();
        // Count descending, then bytes: a total order, so ids never depend on hashing.
        all.sort_unstable_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.as_bytes().cmp(b.0.as_bytes())));
        let contexts = all.iter().take(CONTEXTS).enumerate().map(|(i, (w, _))| (w.to_string(), i as u16)).collect();
        let mut target_names: Vec<String> = all.iter().filter(|(_, c)| *c >= MIN_COUNT).map(|(w, _)| w.to_string()).collect();
        target_names.sort_unstable();
        let targets = target_names.iter().enumerate().map(|(i, w)| (w.clone(), i as u32)).collect();
        Vocab { targets, target_names, contexts }
    }

    pub fn n_targets(&self) -> usize {
        self.target_names.len()
    }
}

/// Neighbour counts over texts. Build one per thread and [`DistribCounts::merge`].
#[derive(Default)]
pub struct DistribCounts {
    /// (target << 17 | side << 16 | context) → count.
    pairs: FxHashMap<u64, u32>,
    raw: Vec<RawToken>,
    buf: String,
    seq: Vec<(Option<u32>, u16)>,
}

impl DistribCounts {
    pub fn add_text(&mut self, vocab: &Vocab, text: &str) {
        self.raw.clear();
        tokenize_into(text, &mut self.raw);
        self.seq.clear();
        self.seq.push((None, CTX_EDGE));
        for t in &self.raw {
            let tok = &text[t.start..t.end];
            self.buf.clear();
            normalize_append(tok, &NormalizeOptions::default(), &mut self.buf);
            let target = vocab.targets.get(self.buf.as_str()).copied();
            let ctx = match t.kind {
                TokenKind::Word => vocab.contexts.get(self.buf.as_str()).copied().unwrap_or(CTX_RARE),
                TokenKind::Number => CTX_NUMBER,
                TokenKind::Latin => CTX_LATIN,
                _ => CTX_PUNCT,
            };
            self.seq.push((target, ctx));
        }
        self.seq.push((None, CTX_EDGE));
        for w in self.seq.windows(2) {
            let ((ta, ca), (tb, cb)) = (w[0], w[1]);
            if let Some(a) = ta {
                *self.pairs.entry((a as u64) << 17 | 1 << 16 | cb as u64).or_default() += 1;
            }
            if let Some(b) = tb {
                *self.pairs.entry((b as u64) << 17 | ca as u64).or_default() += 1;
            }
        }
    }

    pub fn merge(&mut self, other: DistribCounts) {
        for (k, v) in other.pairs {
            *self.pairs.entry(k).or_default() += v;
        }
    }

    /// Keeps the TOP neighbours per side (ties: the lower context id), and clusters
    /// the words by all their neighbour counts.
    pub fn build(self, vocab: &Vocab) -> Distrib {
        let mut v: Vec<(u64, u32)> = self.pairs.into_iter().collect();
        v.sort_unstable_by(|a, b| (a.0 >> 16).cmp(&(b.0 >> 16)).then(b.1.cmp(&a.1)).then(a.0.cmp(&b.0)));
        let mut d = Distrib::default();
        let columns = CTX_RARE as u32 + 1;
        let obs: Vec<(u32, u32, u32)> = v.iter().map(|&(k, n)| ((k >> 17) as u32, ((k >> 16) & 1) as u32 * columns + (k & 0xffff) as u32, n)).collect();
        for (t, path) in super::clusters::cluster(&obs, vocab.n_targets(), 2 * columns as usize).into_iter().enumerate() {
            if let Some(p) = path {
                d.paths.insert(key(&vocab.target_names[t]), p);
            }
        }
        let mut filled = [0usize; 2];
        let mut cur = u64::MAX;
        for (k, _) in v {
            let target = (k >> 17) as usize;
            let side = ((k >> 16) & 1) as usize;
            if target as u64 != cur {
                cur = target as u64;
                filled = [0, 0];
            }
            if filled[side] < TOP {
                let sig = d.sig.entry(key(&vocab.target_names[target])).or_insert([NONE; 2 * TOP]);
                sig[side * TOP + filled[side]] = (k & 0xffff) as u16;
                filled[side] += 1;
            }
        }
        d
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::lexicon::LexiconBuilder;

    #[test]
    fn records_the_most_frequent_neighbours() {
        let mut b = LexiconBuilder::new();
        let text = "قال اللاعب زيدان ، وقال اللاعب زيدان ، ثم قال اللاعب ميسي . ".repeat(5);
        b.add_text(&text);
        let lex = b.build(1);
        let vocab = Vocab::from_lexicon(&lex);
        let mut c = DistribCounts::default();
        c.add_text(&vocab, &text);
        let d = c.build(&vocab);
        let z = d.get("زيدان").unwrap();
        let m = d.get("ميسي").unwrap();
        // Both names follow اللاعب and precede punctuation: their signatures share the
        // first left and right neighbour.
        assert_eq!(z[0], m[0]);
        assert_eq!(z[TOP], CTX_PUNCT);
        assert_eq!(m[TOP], CTX_PUNCT);
        assert!(d.get("غائب").is_none());
    }
}
