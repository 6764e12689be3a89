//! What the model sees of a token in its sentence.
//!
//! Arabic glues conjunctions, prepositions and the article to the next word, so the
//! same name appears as `واشنطن`, `وواشنطن`, `لواشنطن`, `بواشنطن`; a model keyed on the
//! surface form alone would have to learn each separately from 100k tokens. Every token
//! is therefore also described by its stem from the embedded clitic segmenter, and by
//! which clitics were taken off (a preposition before a name says "place" or "person",
//! an article says "not a person name"). Affixes of the stem generalise over unseen
//! words (nisba adjectives in `ية`/`ي`, plurals in `ون`/`ات`); the corpus frequency of
//! the word separates rare names from common vocabulary; neighbouring words and stems
//! carry the context; gazetteers and triggers ([`super::gazetteer`]) carry what the
//! training data knew about whole names.
//!
//! Features are strings hashed to 64 bits: the template and each part with a fixed
//! FNV-1a, then combined (never a hasher whose output may change between versions: the
//! hashes are stored in the model file). Parts are hashed on their own so that a word's
//! hash serves every feature that names it.
//! Extraction is generic over the sink so that tests and debugging see the names and
//! tagging sees only the hashes, from one definition.

use std::borrow::Borrow;

use crate::doc::SegmentKind;
use crate::text::chars::{classify, CharClass};
use crate::text::normalize::{normalize_append, NormalizeOptions};
use crate::text::segment::{Pattern, Segmenter};

use super::clusters::prefix;
use super::distrib::{Distrib, Flat, NONE, TOP};
use super::gazetteer::{GazMarks, Gazetteer, LISTED_SHIFT};
use super::EntityType;

/// What is known about one token before looking at its neighbours.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TokenInfo {
    /// The search-normalised word (alef, yeh, teh marbuta folded; marks removed).
    pub norm: String,
    /// The search-normalised stem: proclitics, article and enclitic removed.
    pub stem: String,
    /// The proclitic letters taken off, in order (`وب` for `وبالوكالة`).
    pub proclitics: String,
    pub article: bool,
    pub enclitic: String,
    pub shape: &'static str,
    /// Bucket of the word's count in the embedded news lexicon.
    pub freq: u8,
    /// How the stem is used in the lexicon: bucket of count(ال + stem) against
    /// count(stem). Names of people rarely take the article; common nouns and
    /// adjectives mostly do.
    pub definite: u8,
    /// Distributional signature of the stem (else of the word), see [`super::distrib`].
    pub dist: Option<[u16; 2 * TOP]>,
    /// The whole word's signature, when the word was split.
    pub word_dist: Option<[u16; 2 * TOP]>,
    /// Word-cluster path of the stem (else of the word), see [`super::clusters`].
    pub cluster: Option<u16>,
    /// Corpus votes for the stem, see [`super::votes`].
    pub votes: Option<[u8; 4]>,
    /// Flat clusters of the stem (else of the word), see [`super::embed`].
    pub flat: Option<Flat>,
    /// Name cues of the stem (else of the word), see [`super::distrib::CUE_WORDS`].
    pub cues: Option<[u8; 4]>,
}

/// Analyses one token (the segmenter caches decisions by word form per thread).
pub fn analyze_token(seg: &Segmenter, dist: &Distrib, token: &str) -> TokenInfo {
    analyze_token_as(seg, dist, token, None)
}

/// [`analyze_token`] of the word left whole, as the text layer leaves a name its
/// document repeats (`بايدن`, which alone reads as ب + `ايدن`).
pub fn analyze_token_whole(seg: &Segmenter, dist: &Distrib, token: &str) -> TokenInfo {
    let mut dnorm = String::with_capacity(token.len());
    normalize_append(token, &NormalizeOptions::default(), &mut dnorm);
    analyze_token_as(seg, dist, token, Some(Pattern::whole(dnorm.chars().count())))
}

/// [`analyze_token`] with the clitic segmentation already decided (by the text layer,
/// which also weighs the document's own evidence).
pub fn analyze_token_as(seg: &Segmenter, dist: &Distrib, token: &str, given: Option<Pattern>) -> TokenInfo {
    let mut info = TokenInfo::default();
    // The segmenter and lexicon work on the default normalisation (ة kept); the
    // features fold ة → ه, as search does, so `مدينة`/`مدينه` are one word.
    let mut dnorm = String::with_capacity(token.len());
    normalize_append(token, &NormalizeOptions::default(), &mut dnorm);
    info.norm = fold_teh(&dnorm);
    info.shape = shape(&dnorm);
    let lex = seg.lexicon();
    info.freq = bucket(lex.count(&dnorm));
    if info.shape == "A" {
        let pattern = given.unwrap_or_else(|| seg.segment(&dnorm));
        let mut chars = dnorm.chars();
        for (len, kind) in pattern.parts() {
            let part = chars.by_ref().take(len);
            match kind {
                SegmentKind::Proclitic => info.proclitics.extend(part),
                SegmentKind::Article => {
                    info.article = true;
                    part.for_each(drop);
                }
                SegmentKind::Stem => info.stem.extend(part.map(|c| if c == 'ة' { 'ه' } else { c })),
                SegmentKind::Enclitic => info.enclitic.extend(part),
            }
        }
        // The article is split off only when the rest is a word; a word that merely
        // starts with ال still says "definite" (الجزائر).
        if !info.article && info.stem.starts_with("ال") && info.stem.chars().count() > 3 {
            info.article = true;
        }
        // The lexicon keeps ة, so the stem is looked up in that spelling.
        let mut st = String::with_capacity(info.stem.len() + 4);
        let stem_len = info.stem.chars().count();
        let mut pos = 0;
        for (len, kind) in pattern.parts() {
            if kind == SegmentKind::Stem {
                st.extend(dnorm.chars().skip(pos).take(len));
            }
            pos += len;
        }
        let bare = lex.count(&st);
        let with_al = lex.count(&format!("ال{st}"));
        info.definite = if stem_len < 2 || bare + with_al == 0 { 0 } else { 1 + ((with_al as u64 * 4) / (bare as u64 + with_al as u64)) as u8 };
        // Both the word's company and its stem's: the stem generalises over clitics
        // (لواشنطن, too rare for a signature of its own), the word survives a wrong
        // split (باراك → ب + اراك would otherwise get the company of اراك).
        info.dist = dist.get(&st).or_else(|| dist.get(&dnorm)).copied();
        info.cluster = dist.path(&st).or_else(|| dist.path(&dnorm));
        info.flat = dist.flat(&st).or_else(|| dist.flat(&dnorm));
        info.cues = dist.cues(&st).or_else(|| dist.cues(&dnorm));
        if st != dnorm {
            info.word_dist = dist.get(&dnorm).copied();
        }
    } else {
        info.stem = info.norm.to_lowercase();
        info.dist = dist.get(&dnorm).copied();
        info.cluster = dist.path(&dnorm);
        info.flat = dist.flat(&dnorm);
    }
    info.votes = dist.votes.get(&info.stem);
    info
}

fn fold_teh(s: &str) -> String {
    s.chars().map(|c| if c == 'ة' { 'ه' } else { c }).collect()
}

/// A coarse shape: `A` Arabic letters, `L` Latin, `D` digits, `P` punctuation or
/// symbols, `M` a mix, `E` empty.
fn shape(s: &str) -> &'static str {
    let mut mask = 0u8;
    for c in s.chars() {
        mask |= match classify(c) {
            CharClass::ArabicLetter => 1,
            CharClass::Digit => 4,
            CharClass::LatinLetter | CharClass::OtherLetter => 2,
            _ => 8,
        };
    }
    match mask {
        0 => "E",
        1 => "A",
        2 => "L",
        4 => "D",
        8 => "P",
        _ => "M",
    }
}

/// log2-ish buckets: 0, 1, 2–3, 4–7, … capped.
fn bucket(count: u32) -> u8 {
    (32 - count.leading_zeros()).min(20) as u8
}

const BUCKET_NAMES: [&str; 21] = ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12", "13", "14", "15", "16", "17", "18", "19", "20"];
const LEN_NAMES: [&str; 8] = ["0", "1", "2", "3", "4", "5", "6-7", "8+"];
const TYPE_NAMES: [&str; 4] = ["PERS", "LOC", "ORG", "MISC"];

fn len_bucket(s: &str) -> &'static str {
    let n = s.chars().count();
    LEN_NAMES[match n {
        0..=5 => n,
        6 | 7 => 6,
        _ => 7,
    }]
}

/// Analyses every token of a sentence.
pub fn analyze_sentence(seg: &Segmenter, dist: &Distrib, tokens: &[&str]) -> Vec<TokenInfo> {
    tokens.iter().map(|t| analyze_token(seg, dist, t)).collect()
}

/// Emits the features of token `i`. `marks` are the gazetteer marks of the sentence
/// ([`Gazetteer::mark`] over the stems).
pub fn token_features<T: Borrow<TokenInfo>>(toks: &[T], marks: &[GazMarks], gaz: &Gazetteer, i: usize, emit: &mut impl FnMut(&'static str, &[&str])) {
    local_features(toks[i].borrow(), gaz, emit);
    context_features(toks, marks, gaz, i, emit);
}

/// The features of a token that do not depend on its neighbours: the tagger computes
/// their weights once per word form.
pub fn local_features(t: &TokenInfo, gaz: &Gazetteer, emit: &mut impl FnMut(&'static str, &[&str])) {
    emit("bias", &[]);
    emit("w", &[&t.norm]);
    emit("s", &[&t.stem]);
    if !t.proclitics.is_empty() {
        emit("p", &[&t.proclitics]);
        for (k, _) in t.proclitics.char_indices() {
            let c = &t.proclitics[k..];
            let n = c.chars().next().map_or(0, char::len_utf8);
            emit("pc", &[&c[..n]]);
        }
    }
    if t.article {
        emit("art", &[]);
    }
    if !t.enclitic.is_empty() {
        emit("e", &[&t.enclitic]);
    }
    let chars: Vec<(usize, char)> = t.stem.char_indices().collect();
    let n = chars.len();
    for k in 1..=3.min(n) {
        let end = chars.get(k).map_or(t.stem.len(), |c| c.0);
        emit(PREFIX[k - 1], &[&t.stem[..end]]);
        emit(SUFFIX[k - 1], &[&t.stem[chars[n - k].0..]]);
    }
    emit("len", &[len_bucket(&t.stem)]);
    emit("def", &[BUCKET_NAMES[t.definite as usize]]);
    emit("shape", &[t.shape]);
    emit("freq", &[BUCKET_NAMES[t.freq as usize]]);
    emit("freq|art", &[BUCKET_NAMES[t.freq as usize], if t.article { "1" } else { "0" }]);
    // Distributional signature: each recorded neighbour, by side.
    match &t.dist {
        Some(sig) => {
            for (k, &c) in sig.iter().enumerate().filter(|(_, &c)| c != NONE) {
                let mut buf = [0u8; 5];
                emit(if k < TOP { "dl" } else { "dr" }, &[u16_str(c, &mut buf)]);
            }
            let (mut a, mut b) = ([0u8; 5], [0u8; 5]);
            emit("dl|dr", &[u16_str(sig[0], &mut a), u16_str(sig[TOP], &mut b)]);
        }
        None => emit("d-none", &[]),
    }
    if let Some(sig) = &t.word_dist {
        for (k, &c) in sig.iter().enumerate().filter(|(_, &c)| c != NONE) {
            let mut buf = [0u8; 5];
            emit(if k < TOP { "wdl" } else { "wdr" }, &[u16_str(c, &mut buf)]);
        }
    }
    // Word clusters at three granularities.
    match t.cluster {
        Some(p) => {
            for (tpl, level) in [("c2", 2), ("c4", 4), ("c6", 6)] {
                let mut buf = [0u8; 5];
                emit(tpl, &[u16_str(prefix(p, level), &mut buf)]);
            }
        }
        None => emit("c-none", &[]),
    }
    // Flat clusters, one feature per granularity.
    match t.flat {
        Some(f) => {
            for (tpl, c) in K_NAMES.iter().zip(f) {
                let mut buf = [0u8; 5];
                emit(tpl, &[u16_str(c, &mut buf)]);
            }
        }
        None => emit("k-none", &[]),
    }
    // Name cues: how often the corpus puts the word after a title, a place head or an
    // organisation head.
    if let Some(c) = t.cues {
        for ty in 0..3 {
            if c[ty] > 0 {
                emit("cue", &[TYPE_NAMES[ty], BUCKET_NAMES[c[ty] as usize]]);
            }
        }
        // How often the corpus puts the word after a listed given name: a surname.
        if c[3] > 0 {
            emit("cue-given", &[BUCKET_NAMES[c[3] as usize]]);
        }
    }
    // Corpus votes: each type the stem was tagged as elsewhere, by share.
    match t.votes {
        Some(v) => {
            for ty in EntityType::ALL {
                let b = v[ty.index()];
                if b > 0 {
                    emit("v", &[TYPE_NAMES[ty.index()], BUCKET_NAMES[b as usize]]);
                }
            }
        }
        None => emit("v-none", &[]),
    }
    let mask = gaz.word_mask(&t.stem);
    for ty in EntityType::ALL {
        if mask & (1u8 << ty.index()) != 0 {
            emit("gw", &[TYPE_NAMES[ty.index()]]);
        }
    }
}

/// The features of token `i` that look at its neighbours.
pub fn context_features<T: Borrow<TokenInfo>>(toks: &[T], marks: &[GazMarks], gaz: &Gazetteer, i: usize, emit: &mut impl FnMut(&'static str, &[&str])) {
    pair_features(toks, marks, i, emit);
    for k in NEIGHBOURS {
        let n = usize::try_from(i as isize + k).ok().and_then(|j| toks.get(j)).map(Borrow::borrow);
        neighbour_features(n, k, gaz, emit);
    }
}

/// Offsets of the neighbours that [`neighbour_features`] describe one at a time.
pub const NEIGHBOURS: [isize; 4] = [-2, -1, 1, 2];

/// The context features of a token that name one neighbour alone: `n` at offset `k`
/// (one of [`NEIGHBOURS`]), `None` past the sentence's edge. They depend on nothing
/// else, so the tagger sums their weights once per word form and offset instead of
/// once per occurrence.
pub fn neighbour_features(n: Option<&TokenInfo>, k: isize, gaz: &Gazetteer, emit: &mut impl FnMut(&'static str, &[&str])) {
    let (word, stem, cluster, trigger) = match k {
        -2 => ("w-2", "s-2", None, Some("t-2")),
        -1 => ("w-1", "s-1", Some(("c4-1", "k1-1")), Some("t-1")),
        1 => ("w+1", "s+1", Some(("c4+1", "k1+1")), None),
        2 => ("w+2", "s+2", None, None),
        _ => return,
    };
    let edge = if k < 0 { "<s>" } else { "</s>" };
    emit(word, &[n.map_or(edge, |t| t.norm.as_str())]);
    emit(stem, &[n.map_or(edge, |t| t.stem.as_str())]);
    if let Some((tree, flat)) = cluster {
        let mut buf = [0u8; 5];
        emit(tree, &[n.and_then(|t| t.cluster).map_or("-", |p| u16_str(prefix(p, 4), &mut buf))]);
        // The middle-granularity flat cluster (either edge is `<s>`).
        let c = match n {
            None => "<s>",
            Some(n) => n.flat.map_or("-", |f| u16_str(f[1], &mut buf)),
        };
        emit(flat, &[c]);
    }
    // Trigger words before the token (one look-up, all types at once).
    if let (Some(tpl), Some(n)) = (trigger, n) {
        let levels = gaz.trigger_levels(&n.stem);
        for ty in EntityType::ALL {
            let level = Gazetteer::level_of(levels, ty);
            if level > 0 {
                emit(tpl, &[TYPE_NAMES[ty.index()], BUCKET_NAMES[level as usize]]);
            }
        }
    }
}

/// The context features of token `i` that name it together with a neighbour, or the
/// gazetteer's matches over the sentence.
pub fn pair_features<T: Borrow<TokenInfo>>(toks: &[T], marks: &[GazMarks], i: usize, emit: &mut impl FnMut(&'static str, &[&str])) {
    let t = toks[i].borrow();
    let at = |k: isize, field: fn(&TokenInfo) -> &str| -> &str {
        match usize::try_from(i as isize + k) {
            Err(_) => "<s>",
            Ok(j) => toks.get(j).map_or("</s>", |t| field(t.borrow())),
        }
    };
    let word = |k: isize| at(k, |t| t.norm.as_str());
    let stem = |k: isize| at(k, |t| t.stem.as_str());
    emit("shape3", &[toks.get(i.wrapping_sub(1)).map_or("<s>", |t| t.borrow().shape), t.shape, toks.get(i + 1).map_or("</s>", |t| t.borrow().shape)]);
    emit("w-1|w", &[word(-1), &t.norm]);
    emit("s-1|s", &[stem(-1), &t.stem]);
    emit("w|w+1", &[&t.norm, word(1)]);
    emit("s|s+1", &[&t.stem, stem(1)]);
    let m = marks[i];
    for ty in EntityType::ALL {
        let bit = 1u8 << ty.index();
        if m.begin & bit != 0 {
            emit("gB", &[TYPE_NAMES[ty.index()]]);
        }
        if m.inside & bit != 0 {
            emit("gI", &[TYPE_NAMES[ty.index()]]);
        }
    }
    listed_features(t, marks, i, emit);
}

/// The hand-written lists' matches ([`super::lists`]) on token `i` and its neighbours.
/// A match on a frequent word is weaker evidence (a given name that is also a noun), so
/// each start is also conjoined with the word's frequency band; a given name before a
/// word says the word may be a surname.
fn listed_features(t: &TokenInfo, marks: &[GazMarks], i: usize, emit: &mut impl FnMut(&'static str, &[&str])) {
    let listed = |j: usize| marks.get(j).map_or((0, 0), |m| (m.begin >> LISTED_SHIFT, m.inside >> LISTED_SHIFT));
    let (begin, inside) = listed(i);
    let (before, _) = if i > 0 { listed(i - 1) } else { (0, 0) };
    let (after, _) = listed(i + 1);
    for ty in EntityType::ALL {
        let bit = 1u8 << ty.index();
        let name = TYPE_NAMES[ty.index()];
        if begin & bit != 0 {
            emit("lB", &[name]);
            emit("lB|freq", &[name, BUCKET_NAMES[t.freq as usize]]);
        }
        if inside & bit != 0 {
            emit("lI", &[name]);
        }
        if before & bit != 0 {
            emit("lB-1", &[name]);
        }
        if after & bit != 0 {
            emit("lB+1", &[name]);
        }
    }
}

/// Decimal digits of `n` without allocating.
fn u16_str(mut n: u16, buf: &mut [u8; 5]) -> &str {
    let mut i = buf.len();
    loop {
        i -= 1;
        buf[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    std::str::from_utf8(&buf[i..]).unwrap_or("")
}

const K_NAMES: [&str; super::embed::KS.len()] = ["k0", "k1", "k2"];
const PREFIX: [&str; 3] = ["s<1", "s<2", "s<3"];
const SUFFIX: [&str; 3] = ["s>1", "s>2", "s>3"];


/// The hash of one string of a feature (its template or a part): FNV-1a, fixed
/// forever, because feature hashes are stored in model files.
#[inline]
fn part_hash(s: &str) -> u64 {
    crate::hash::fnv1a(s.as_bytes())
}

/// Adds a part's hash to a feature's: order matters (`w-1|w` is not `w|w+1`), and for
/// a fixed `h` distinct parts give distinct results (a multiply by an odd constant and
/// the murmur3 finaliser are both bijections).
#[inline]
fn combine(h: u64, part: u64) -> u64 {
    let mut x = h.wrapping_mul(0x9E3779B97F4A7C15) ^ part;
    x ^= x >> 33;
    x = x.wrapping_mul(0xff51afd7ed558ccd);
    x ^= x >> 33;
    x = x.wrapping_mul(0xc4ceb9fe1a85ec53);
    x ^ (x >> 33)
}

/// The hash of a feature: its template and each part hashed on their own, then
/// combined, so that a part's hash can be computed once and reused by every feature
/// that names it (a word appears in ten context features of five tokens).
#[inline]
pub fn feature_hash(template: &str, parts: &[&str]) -> u64 {
    parts.iter().fold(part_hash(template), |h, p| combine(h, part_hash(p)))
}

/// Remembers the hashes of the templates and the long parts (words and stems) of one
/// sentence's features by address: within [`hash_sentence`], every part of 8 bytes or
/// more is a slice of a [`TokenInfo`] string, which neither moves nor changes until it
/// returns. Shorter parts (digits formatted into stack buffers, tag names) are hashed
/// afresh.
struct PartCache {
    slots: [(usize, usize, u64); PART_SLOTS],
    /// Parts shorter than [`PART_MIN_CACHED`] are remembered too.
    short_too: bool,
}

const PART_SLOTS: usize = 128;
const PART_MIN_CACHED: usize = 8;

impl PartCache {
    fn new() -> Self {
        PartCache { slots: [(0, 0, 0); PART_SLOTS], short_too: false }
    }

    /// For features whose parts are never formatted into a reused buffer.
    fn all_addresses_stable() -> Self {
        PartCache { short_too: true, ..Self::new() }
    }

    #[inline]
    fn hash(&mut self, s: &str) -> u64 {
        if s.len() < PART_MIN_CACHED && !self.short_too {
            return part_hash(s);
        }
        self.remembered(s)
    }

    #[inline]
    fn remembered(&mut self, s: &str) -> u64 {
        let at = s.as_ptr() as usize;
        let slot = &mut self.slots[(at ^ (at >> 7)) % PART_SLOTS];
        if slot.0 == at && slot.1 == s.len() {
            debug_assert_eq!(slot.2, part_hash(s));
            return slot.2;
        }
        let h = part_hash(s);
        *slot = (at, s.len(), h);
        h
    }

    /// A feature's hash. Templates are `'static`: whatever their length, one address
    /// always holds the same text.
    #[inline]
    fn feature(&mut self, template: &'static str, parts: &[&str]) -> u64 {
        let h = self.remembered(template);
        parts.iter().fold(h, |h, p| combine(h, self.hash(p)))
    }
}

/// Feature hashes of every token of a sentence: token `i` has
/// `ids[offsets[i]..offsets[i + 1]]`.
#[derive(Debug, Clone, Default)]
pub struct SentenceFeatures {
    pub ids: Vec<u64>,
    pub offsets: Vec<usize>,
}

impl SentenceFeatures {
    pub fn token(&self, i: usize) -> &[u64] {
        &self.ids[self.offsets[i]..self.offsets[i + 1]]
    }

    pub fn len(&self) -> usize {
        self.offsets.len().saturating_sub(1)
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// Computes the feature hashes of an analysed sentence into `out`.
pub fn sentence_features<T: Borrow<TokenInfo>>(toks: &[T], gaz: &Gazetteer, marks: &mut Vec<GazMarks>, out: &mut SentenceFeatures) {
    mark_sentence(toks, gaz, marks);
    hash_sentence(toks, gaz, marks, out, PartCache::new(), |toks, marks, gaz, i, mut emit| token_features(toks, marks, gaz, i, &mut emit));
}

/// Like [`sentence_features`], with only the [`pair_features`], over the gazetteer's
/// marks already made ([`mark_sentence`]).
pub fn sentence_pair_features<T: Borrow<TokenInfo>>(toks: &[T], gaz: &Gazetteer, marks: &[GazMarks], out: &mut SentenceFeatures) {
    // Every part of a pair feature is a token's string or a constant, never a number
    // formatted on the stack: each can be remembered by address, however short.
    hash_sentence(toks, gaz, marks, out, PartCache::all_addresses_stable(), |toks, marks, _, i, mut emit| pair_features(toks, marks, i, &mut emit));
}

/// The gazetteer's (and the name lists') marks over a sentence's stems.
pub fn mark_sentence<T: Borrow<TokenInfo>>(toks: &[T], gaz: &Gazetteer, marks: &mut Vec<GazMarks>) {
    let stems: Vec<&str> = toks.iter().map(|t| t.borrow().stem.as_str()).collect();
    gaz.mark(&stems, marks);
}

type Emit<'e> = &'e mut dyn FnMut(&'static str, &[&str]);

/// Hashes what `features` emits per token, over the sentence's gazetteer marks.
fn hash_sentence<T: Borrow<TokenInfo>>(
    toks: &[T],
    gaz: &Gazetteer,
    marks: &[GazMarks],
    out: &mut SentenceFeatures,
    mut parts: PartCache,
    features: impl Fn(&[T], &[GazMarks], &Gazetteer, usize, Emit),
) {
    out.ids.clear();
    out.offsets.clear();
    out.offsets.push(0);
    for i in 0..toks.len() {
        features(toks, marks, gaz, i, &mut |tpl, p| out.ids.push(parts.feature(tpl, p)));
        out.offsets.push(out.ids.len());
    }
}

/// The features of token `i` as readable names (`s=نتنياهو`, `pc=ل`): for tests and
/// debugging.
pub fn feature_names(seg: &Segmenter, dist: &Distrib, gaz: &Gazetteer, tokens: &[&str], i: usize) -> Vec<String> {
    let toks = analyze_sentence(seg, dist, tokens);
    let stems: Vec<&str> = toks.iter().map(|t| t.stem.as_str()).collect();
    let mut marks = Vec::new();
    gaz.mark(&stems, &mut marks);
    let mut names = Vec::new();
    token_features(&toks, &marks, gaz, i, &mut |tpl, parts| names.push(if parts.is_empty() { tpl.to_string() } else { format!("{tpl}={}", parts.join("|")) }));
    names
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stems_and_clitics_of_a_name_behind_a_preposition() {
        let seg = crate::models::default_segmenter();
        let d = Distrib::default();
        let t = analyze_token(&seg, &d, "لنتنياهو");
        assert_eq!(t.stem, "نتنياهو");
        assert_eq!(t.proclitics, "ل");
        let t = analyze_token(&seg, &d, "وبالوكالة");
        assert_eq!((t.proclitics.as_str(), t.article, t.stem.as_str()), ("وب", true, "وكاله"));
        assert_eq!(analyze_token(&seg, &d, "1990").shape, "D");
        assert_eq!(analyze_token(&seg, &d, "،").shape, "P");
    }

    #[test]
    fn cached_part_hashes_match_direct_hashing() {
        let seg = crate::models::default_segmenter();
        let d = Distrib::default();
        let mut gaz = Gazetteer::default();
        gaz.triggers.insert("وزير".into(), 0b11);
        let tokens = ["وقال", "وزير", "الخارجية", "الفرنسي", "لوران", "فابيوس", "للصحفيين", "إن", "باريس", "مستعدة", "للحوار", "مع", "طهران"];
        let toks = analyze_sentence(&seg, &d, &tokens);
        let mut marks = Vec::new();
        let mut out = SentenceFeatures::default();
        sentence_features(&toks, &gaz, &mut marks, &mut out);
        assert_eq!(out.len(), tokens.len());
        for i in 0..tokens.len() {
            let mut direct = Vec::new();
            token_features(&toks, &marks, &gaz, i, &mut |t, p| direct.push(feature_hash(t, p)));
            assert_eq!(out.token(i), &direct[..], "token {i}");
        }
        assert!(feature_names(&seg, &d, &gaz, &tokens, 2).iter().any(|n| n == "t-1=PERS|3"));
    }

    #[test]
    fn listed_names_are_features_of_the_token_and_its_neighbours() {
        let seg = crate::models::default_segmenter();
        let d = Distrib::default();
        let mut lists = super::super::lists::NameLists::default();
        lists.add_lines(&seg, &d, "ليونيل", EntityType::Pers);
        lists.add_lines(&seg, &d, "كوت ديفوار", EntityType::Loc);
        let gaz = Gazetteer::default().with_lists(lists);
        let tokens = ["وسجل", "ليونيل", "ميسي", "في", "لكوت", "ديفوار"];
        let names = |i| feature_names(&seg, &d, &gaz, &tokens, i);
        assert!(names(1).iter().any(|n| n == "lB=PERS"), "{:?}", names(1));
        assert!(names(1).iter().any(|n| n.starts_with("lB|freq=PERS|")));
        // The word after a given name knows it; the given name knows nothing of it.
        assert!(names(2).iter().any(|n| n == "lB-1=PERS"));
        assert!(!names(2).iter().any(|n| n.starts_with("lB=")));
        assert!(names(0).iter().any(|n| n == "lB+1=PERS"));
        // A two-word place behind a preposition: its start and its inside.
        assert!(names(4).iter().any(|n| n == "lB=LOC"), "{:?}", names(4));
        assert!(names(5).iter().any(|n| n == "lI=LOC"));
        assert!(!names(3).iter().any(|n| n.starts_with("lB=") || n.starts_with("lI=")));
    }

    #[test]
    fn hashes_are_stable() {
        // Stored in model files: changing them silently breaks every trained model.
        assert_eq!(feature_hash("w", &["a"]), feature_hash("w", &["a"]));
        assert_ne!(feature_hash("w", &["ab", "c"]), feature_hash("w", &["a", "bc"]));
        assert_ne!(feature_hash("w-1|w", &["a", "b"]), feature_hash("w-1|w", &["b", "a"]));
        assert_eq!(feature_hash("w", &["نتنياهو"]), 0x8f1686c0dbd13f7a);
    }
}
