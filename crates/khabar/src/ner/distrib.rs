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
//! The same pass counts what [`super::embed`] clusters (neighbours at ±1 and ±2 among
//! a wider context vocabulary) and **name cues**: how often each word comes right after
//! a person title (`الرئيس`, `اللاعب`…) or next to `بن`, after a place head (`مدينة`,
//! `محافظة`…) or after an organisation head (`وزارة`, `نادي`…) — a name lexicon
//! harvested from unlabelled news, as a share bucket per type.
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
    /// Flat clusters at several granularities ([`super::embed`]).
    pub(crate) flat: FxHashMap<u64, Flat>,
    /// Name cues: per type (PERS, LOC, ORG), a bucket of how often the word follows a
    /// head word of that type in the corpus (see [`CUE_WORDS`]); the fourth, how often it
    /// follows a given name ([`GIVEN_NAME_CUE`]).
    pub(crate) cues: FxHashMap<u64, [u8; 4]>,
}

/// Head words whose next word is often a name: person titles (and بن/ابن, whose both
/// neighbours are), place heads, organisation heads. Spelled in the default
/// normalisation's input; they are normalised when the vocabulary is built.
pub const CUE_WORDS: [&str; 4] = [
    "الرئيس الأمير الشيخ الدكتور د السيد السيدة الملك الملكة الوزير الأميرة اللاعب المدرب النجم الفنان الفنانة الكاتب الشاعر المهندس الأستاذ الإمام اللواء العميد العقيد الفريق المشير القائد النائب الزعيم المستشار الرئيسان سمو معالي فضيلة سماحة المدير الصحفي الروائي المخرج الممثل الممثلة المطرب المغني الداعية الحارس المهاجم المدافع الدولي",
    "بن ابن بنت أبو أبي أم",
    "مدينة محافظة دولة منطقة بلدة قرية عاصمة العاصمة جزيرة ولاية إقليم مقاطعة حي شمال جنوب شرق غرب شمالي جنوبي شرقي غربي وسط بمدينة بمحافظة بمنطقة",
    "وزارة شركة جامعة حزب هيئة نادي منظمة جمعية صحيفة وكالة مؤسسة بنك مصرف حركة جماعة تنظيم قناة مستشفى اتحاد منتخب فريق مجموعة معهد مركز مجلس",
];

/// The cue class of given names ([`Vocab::with_given_names`]).
pub const GIVEN_NAME_CUE: u8 = 4;

/// A word's cluster at each K of [`super::embed::KS`].
pub type Flat = [u16; super::embed::KS.len()];

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

    /// The word's flat clusters, see [`super::embed`].
    pub fn flat(&self, form: &str) -> Option<Flat> {
        self.flat.get(&key(form)).copied()
    }

    /// The word's name cues, see [`CUE_WORDS`].
    pub fn cues(&self, form: &str) -> Option<[u8; 4]> {
        self.cues.get(&key(form)).copied()
    }

    pub fn n_flat(&self) -> usize {
        self.flat.len()
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
        Distrib { sig: self.sig.clone(), paths: self.paths.clone(), votes, flat: self.flat.clone(), cues: self.cues.clone() }
    }

    pub fn is_empty(&self) -> bool {
        self.sig.is_empty()
    }
}

/// Bucket of the share of a word's `total` occurrences that follow a cue: 0 when seen
/// fewer than twice there, else 1..=5 by share.
fn cue_bucket(n: u32, total: u32) -> u8 {
    if n < 2 || total == 0 {
        return 0;
    }
    let r = n as f64 / total as f64;
    match r {
        r if r < 0.01 => 1,
        r if r < 0.05 => 2,
        r if r < 0.15 => 3,
        r if r < 0.4 => 4,
        _ => 5,
    }
}

/// The vocabularies, fixed by the lexicon so that counting can run in parallel parts.
pub struct Vocab {
    targets: FxHashMap<String, u32>,
    target_names: Vec<String>,
    contexts: FxHashMap<String, u16>,
    /// The wider context vocabulary of [`super::embed`].
    wide: FxHashMap<String, u16>,
    /// Cue words ([`CUE_WORDS`]) → cue class (0 title, 1 بن, 2 place, 3 organisation,
    /// [`GIVEN_NAME_CUE`] a given name).
    cue: FxHashMap<String, u8>,
}

impl Vocab {
    pub fn from_lexicon(lex: &Lexicon) -> Vocab {
        let mut all: Vec<(&str, u32)> = lex.iter().collect();
        // Count descending, then bytes: a total order, so ids never depend on hashing.
        all.sort_unstable_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.as_bytes().cmp(b.0.as_bytes())));
        let contexts = all.iter().take(CONTEXTS).enumerate().map(|(i, (w, _))| (w.to_string(), i as u16)).collect();
        let wide = all.iter().take(super::embed::CONTEXTS).enumerate().map(|(i, (w, _))| (w.to_string(), i as u16)).collect();
        let mut target_names: Vec<String> = all.iter().filter(|(_, c)| *c >= MIN_COUNT).map(|(w, _)| w.to_string()).collect();
        target_names.sort_unstable();
        let targets = target_names.iter().enumerate().map(|(i, w)| (w.clone(), i as u32)).collect();
        let mut cue = FxHashMap::default();
        for (k, words) in CUE_WORDS.iter().enumerate() {
            for w in words.split(' ') {
                let mut n = String::new();
                normalize_append(w, &NormalizeOptions::default(), &mut n);
                cue.insert(n, k as u8);
            }
        }
        Vocab { targets, target_names, contexts, wide, cue }
    }

    /// Adds given names ([`super::lists`]) as a fifth cue class: the word after a given
    /// name is often a surname (`ليونيل ميسي`), one the training part may never show.
    /// A given name that is already a cue word keeps its class.
    pub fn with_given_names<'a>(mut self, names: impl IntoIterator<Item = &'a str>) -> Vocab {
        for w in names {
            let mut n = String::new();
            normalize_append(w, &NormalizeOptions::default(), &mut n);
            self.cue.entry(n).or_insert(GIVEN_NAME_CUE);
        }
        self
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
    /// (target << 24 | position << 16 | wide context) → count, for [`super::embed`].
    wide: FxHashMap<u64, u32>,
    /// target → occurrences after a title, around بن, after a place head, after an
    /// organisation head, after a given name, and in all.
    cue_counts: FxHashMap<u32, [u32; 6]>,
    cues: Vec<u8>,
    raw: Vec<RawToken>,
    buf: String,
    seq: Vec<(Option<u32>, u16, u16)>,
}

impl DistribCounts {
    pub fn add_text(&mut self, vocab: &Vocab, text: &str) {
        self.raw.clear();
        tokenize_into(text, &mut self.raw);
        self.seq.clear();
        const W_EDGE: u16 = super::embed::CONTEXTS as u16;
        self.seq.push((None, CTX_EDGE, W_EDGE));
        self.seq.push((None, CTX_EDGE, W_EDGE));
        self.cues.clear();
        self.cues.extend([u8::MAX, u8::MAX]);
        for t in &self.raw {
            let tok = &text[t.start..t.end];
            self.buf.clear();
            normalize_append(tok, &NormalizeOptions::default(), &mut self.buf);
            let target = vocab.targets.get(self.buf.as_str()).copied();
            let (ctx, wctx) = match t.kind {
                TokenKind::Word => (
                    vocab.contexts.get(self.buf.as_str()).copied().unwrap_or(CTX_RARE),
                    vocab.wide.get(self.buf.as_str()).copied().unwrap_or(W_EDGE + 4),
                ),
                TokenKind::Number => (CTX_NUMBER, W_EDGE + 1),
                TokenKind::Latin => (CTX_LATIN, W_EDGE + 3),
                _ => (CTX_PUNCT, W_EDGE + 2),
            };
            self.seq.push((target, ctx, wctx));
            self.cues.push(if t.kind == TokenKind::Word { vocab.cue.get(self.buf.as_str()).copied().unwrap_or(u8::MAX) } else { u8::MAX });
        }
        self.seq.push((None, CTX_EDGE, W_EDGE));
        self.seq.push((None, CTX_EDGE, W_EDGE));
        self.cues.extend([u8::MAX, u8::MAX]);
        for i in 2..self.seq.len() - 2 {
            if let Some(t) = self.seq[i].0 {
                let c = self.cue_counts.entry(t).or_default();
                c[5] += 1;
                let prev = self.cues[i - 1];
                if prev != u8::MAX {
                    c[prev as usize] += 1;
                }
                if self.cues[i + 1] == 1 && prev != 1 {
                    c[1] += 1;
                }
            }
        }
        for w in self.seq.windows(5) {
            if let Some(t) = w[2].0 {
                for (pos, k) in [0usize, 1, 3, 4].into_iter().enumerate() {
                    *self.wide.entry((t as u64) << 24 | (pos as u64) << 16 | w[k].2 as u64).or_default() += 1;
                }
            }
        }
        for w in self.seq[1..self.seq.len() - 1].windows(2) {
            let ((ta, ca, _), (tb, cb, _)) = (w[0], w[1]);
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
        for (t, c) in other.cue_counts {
            let e = self.cue_counts.entry(t).or_default();
            for (a, b) in e.iter_mut().zip(c) {
                *a += b;
            }
        }
        if self.wide.is_empty() {
            self.wide = other.wide;
        } else {
            for (k, v) in other.wide {
                *self.wide.entry(k).or_default() += v;
            }
        }
    }

    /// Keeps the TOP neighbours per side (ties: the lower context id), and clusters
    /// the words by all their neighbour counts.
    pub fn build(self, vocab: &Vocab) -> Distrib {
        let mut d = Distrib::default();
        {
            let mut wide: Vec<(u32, u32, u32)> = self
                .wide
                .into_iter()
                .map(|(k, n)| ((k >> 24) as u32, ((k >> 16) & 0xff) as u32 * (super::embed::CONTEXTS + super::embed::SPECIAL) as u32 + (k & 0xffff) as u32, n))
                .collect();
            wide.sort_unstable();
            for (t, ids) in super::embed::cluster(&wide, vocab.n_targets(), super::embed::COLUMNS).into_iter().enumerate() {
                if let Some(ids) = ids {
                    d.flat.insert(key(&vocab.target_names[t]), ids);
                }
            }
        }
        for (&t, c) in &self.cue_counts {
            // Titles and بن both say "person"; the last slot is "after a given name".
            let per_type = [c[0] + c[1], c[2], c[3], c[4]];
            let mut b = [0u8; 4];
            for (o, &n) in b.iter_mut().zip(&per_type) {
                *o = cue_bucket(n, c[5]);
            }
            if b != [0; 4] {
                d.cues.insert(key(&vocab.target_names[t as usize]), b);
            }
        }
        let mut v: Vec<(u64, u32)> = self.pairs.into_iter().collect();
        v.sort_unstable_by(|a, b| (a.0 >> 16).cmp(&(b.0 >> 16)).then(b.1.cmp(&a.1)).then(a.0.cmp(&b.0)));
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
        // زيدان and ميسي always follow the title اللاعب: a person cue; قال never does.
        assert_eq!(d.cues("زيدان").map(|c| c[0]), Some(5));
        assert!(d.cues("قال").is_none());
    }

    #[test]
    fn the_word_after_a_given_name_is_a_surname_cue() {
        let mut b = LexiconBuilder::new();
        let text = "سجل ليونيل ميسي هدفا ، وسجل ميسي هدفا آخر . ".repeat(5);
        b.add_text(&text);
        let lex = b.build(1);
        let count = |vocab: &Vocab| {
            let mut c = DistribCounts::default();
            c.add_text(vocab, &text);
            c.build(vocab)
        };
        // Without the list, nothing marks ميسي; with it, half its occurrences follow a
        // given name. The title classes are untouched.
        assert!(count(&Vocab::from_lexicon(&lex)).cues("ميسي").is_none());
        let d = count(&Vocab::from_lexicon(&lex).with_given_names(["ليونيل"]));
        assert_eq!(d.cues("ميسي"), Some([0, 0, 0, 5]));
        assert!(d.cues("هدفا").is_none());
    }
}
