//! Document-level consistency for the sentence tagger.
//!
//! Why this exists: the tagger sees one sentence at a time, but news articles repeat
//! their names, and a sentence with little context around a name it already tagged
//! elsewhere in the article gets it wrong (on the ANERcorp dev set `نيسان`, the
//! carmaker, is tagged ORG in 2 of its 9 sentences). [`harmonize`] runs after the tagger
//! over a stream of sentences (a document, or ANERcorp's run of articles, whose
//! boundaries are not marked, hence a window of sentences: treating the whole input as
//! one document scored the same on average, but lets unrelated articles vote)
//! and makes the tags of a name agree with its tagged occurrences nearby: an untagged
//! repeat of a name gets the name's majority type, a repeat tagged with a minority type
//! is relabelled. Over ten held-out tenths of ANERcorp this raised mean micro F1 from
//! 0.755 to 0.763, on nine tenths of ten. A name the tagger never finds (`بنفيكا`) is
//! beyond it.
//!
//! Names are matched by their clitic-stripped stems (`لنيسان` is `نيسان`), multi-word
//! names as sequences. Guards keep common words out: a form that the window leaves
//! untagged four times in five or more is not propagated, and neither is a one-word
//! name frequent in the embedded news lexicon.
//!
//! [`tag_document`] is what the CLI calls (`khabar ner --conll`, `khabar eval ner`);
//! `analyze` keeps its own per-document step, `crate::news::entities`.

use rustc_hash::FxHashMap;

use super::model::TagScratch;
use super::{EntityType, Tag, Tagger};

/// What the document step knows of a token.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DocToken {
    /// Interned clitic-stripped stem ([`NO_KEY`] for punctuation and one-letter words).
    pub key: u32,
    /// Bucket of the word's count in the embedded lexicon (`TokenInfo::freq`).
    pub freq: u8,
}

/// The key of a token that takes no part (punctuation, empty stem).
pub const NO_KEY: u32 = u32::MAX;

/// Settings of [`harmonize`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct DocOptions {
    /// Sentences either side of an occurrence whose tags vote on it (`usize::MAX`: the
    /// whole input is one document).
    pub window: usize,
    /// Tag untagged occurrences.
    pub fill: bool,
    /// Relabel occurrences tagged with a minority type.
    pub relabel: bool,
    /// Tagged occurrences of the winning type needed in the window.
    pub min_votes: usize,
    /// The winning type's share of all occurrences in the window (tagged or not) needed
    /// to fill an untagged one.
    pub min_share: f32,
    /// One-word names whose lexicon bucket is above this are not filled.
    pub max_freq: u8,
    /// A person's last name votes on its own (`بايدن` of `جو بايدن`).
    pub surnames: bool,
    /// A filled word right after a mention of the same type continues it (`I-`).
    pub join: bool,
    /// A one-word name left untagged at least this often in the window, and tagged
    /// there less than `drop_share` of the time, loses its tags (0: never).
    pub drop_min: usize,
    pub drop_share: f32,
}

impl Default for DocOptions {
    fn default() -> Self {
        // Chosen on ten held-out tenths of ANERcorp (README): windows of 10 to 40
        // sentences score alike; a share of 0.5 instead of 0.2 gave half the gain.
        DocOptions { window: 20, fill: true, relabel: true, min_votes: 1, min_share: 0.2, max_freq: 10, surnames: false, join: false, drop_min: 0, drop_share: 0.2 }
    }
}

/// An occurrence of a name: sentence, first token, and how the tagger tagged it.
#[derive(Debug, Clone, Copy)]
struct Occ {
    sent: usize,
    start: usize,
    /// `Some(t)`: exactly one mention of type `t`; `None`: all `O`.
    tag: Option<EntityType>,
}

/// Makes tags agree across the sentences of a document (see the module docs).
/// `tokens[s][i]` describes token `i` of sentence `s`, whose tags are `tags[s]`; tags
/// stay valid BIO.
pub fn harmonize(tokens: &[Vec<DocToken>], tags: &mut [Vec<Tag>], opts: &DocOptions) {
    debug_assert_eq!(tokens.len(), tags.len());
    // Names the tagger found, as stem-key sequences.
    let mut names: FxHashMap<Vec<u32>, ()> = FxHashMap::default();
    for (toks, tg) in tokens.iter().zip(tags.iter()) {
        for (r, ty) in super::gazetteer::spans(tg) {
            let key: Vec<u32> = toks[r.clone()].iter().map(|t| t.key).collect();
            if key.contains(&NO_KEY) {
                continue;
            }
            if opts.surnames && ty == EntityType::Pers && key.len() > 1 {
                names.insert(vec![key[key.len() - 1]], ());
            }
            names.insert(key, ());
        }
    }
    if names.is_empty() {
        return;
    }
    // Where each name's first key occurs.
    let mut starts: FxHashMap<u32, Vec<(usize, usize)>> = FxHashMap::default();
    for k in names.keys() {
        starts.entry(k[0]).or_default();
    }
    for (s, toks) in tokens.iter().enumerate() {
        for (i, t) in toks.iter().enumerate() {
            if let Some(v) = starts.get_mut(&t.key) {
                v.push((s, i));
            }
        }
    }
    // Longest names first: `جو بايدن` decides before `بايدن`.
    let mut order: Vec<Vec<u32>> = names.into_keys().collect();
    order.sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
    // Decisions are made on the tagger's output, then applied.
    let mut changes: Vec<(usize, usize, usize, Option<EntityType>)> = Vec::new();
    let mut occs: Vec<Occ> = Vec::new();
    for name in &order {
        let n = name.len();
        occs.clear();
        for &(s, i) in &starts[&name[0]] {
            let toks = &tokens[s];
            if i + n > toks.len() || (1..n).any(|k| toks[i + k].key != name[k]) {
                continue;
            }
            if let Some(tag) = classify(&tags[s], i, n) {
                occs.push(Occ { sent: s, start: i, tag });
            }
        }
        if occs.len() < 2 {
            continue;
        }
        // Prefix counts over occurrences (in sentence order): per type, and untagged.
        let mut prefix: Vec<[usize; 5]> = Vec::with_capacity(occs.len() + 1);
        prefix.push([0; 5]);
        for o in &occs {
            let mut c = *prefix.last().unwrap();
            c[o.tag.map_or(4, |t| t.index())] += 1;
            prefix.push(c);
        }
        for o in &occs {
            let lo = occs.partition_point(|p| p.sent < o.sent.saturating_sub(opts.window));
            let hi = occs.partition_point(|p| p.sent <= o.sent.saturating_add(opts.window));
            let mut c = [0usize; 5];
            for (k, x) in c.iter_mut().enumerate() {
                *x = prefix[hi][k] - prefix[lo][k];
            }
            let total: usize = c.iter().sum();
            // The winning type; ties go to none.
            let best = (0..4).max_by_key(|&k| c[k]).unwrap();
            if (0..4).any(|k| k != best && c[k] == c[best]) {
                continue;
            }
            let win = EntityType::ALL[best];
            let tagged = total - c[4];
            match o.tag {
                None if opts.fill => {
                    let common = n == 1 && tokens[o.sent][o.start].freq > opts.max_freq;
                    if !common && c[best] >= opts.min_votes && c[best] as f32 >= opts.min_share * total as f32 {
                        changes.push((o.sent, o.start, n, Some(win)));
                    }
                }
                Some(_) if n == 1 && opts.drop_min > 0 && c[4] >= opts.drop_min && (tagged as f32) < opts.drop_share * total as f32 => {
                    changes.push((o.sent, o.start, n, None));
                }
                Some(t) if opts.relabel && t != win && c[best] >= opts.min_votes => {
                    changes.push((o.sent, o.start, n, Some(win)));
                }
                _ => {}
            }
        }
    }
    for (s, i, n, ty) in changes {
        let tg = &mut tags[s];
        // A longer name already filled here, or this span changed since: leave it.
        let Some(now) = classify(tg, i, n) else { continue };
        match ty {
            Some(ty) => {
                let continues = opts.join && now.is_none() && i > 0 && tg[i - 1].entity_type() == Some(ty);
                tg[i] = if continues { Tag::I(ty) } else { Tag::B(ty) };
                for t in &mut tg[i + 1..i + n] {
                    *t = Tag::I(ty);
                }
            }
            None => {
                tg[i..i + n].iter_mut().for_each(|t| *t = Tag::O);
            }
        }
        // A relabelled or dropped mention may leave a following `I-` of the old type.
        super::decode::repair_bio(tg);
    }
}

/// How tokens `i..i+n` are tagged: `Some(None)` all `O`, `Some(Some(t))` exactly one
/// mention of type `t`, `None` anything else (part of a longer mention, several).
fn classify(tags: &[Tag], i: usize, n: usize) -> Option<Option<EntityType>> {
    let span = &tags[i..i + n];
    if span.iter().all(|&t| t == Tag::O) {
        return Some(None);
    }
    let Tag::B(t) = span[0] else { return None };
    if span[1..].iter().any(|&x| x != Tag::I(t)) || tags.get(i + n) == Some(&Tag::I(t)) {
        return None;
    }
    Some(Some(t))
}

/// Interns stems into [`DocToken`] keys.
#[derive(Debug, Default)]
pub struct KeyTable {
    ids: FxHashMap<Box<str>, u32>,
}

impl KeyTable {
    /// The key of a token's stem (or its normalised form when the stem is empty);
    /// [`NO_KEY`] when it has fewer than two letters.
    pub fn key(&mut self, stem: &str, norm: &str) -> u32 {
        let s = if stem.is_empty() { norm } else { stem };
        if s.chars().filter(|c| c.is_alphabetic()).nth(1).is_none() {
            return NO_KEY;
        }
        if let Some(&k) = self.ids.get(s) {
            return k;
        }
        let k = self.ids.len() as u32;
        self.ids.insert(s.into(), k);
        k
    }
}

/// Tags each sentence with `tagger`, then [`harmonize`]s the whole input (`opts`:
/// `None` tags sentence by sentence only). `sc` keeps its per-form analyses across
/// calls, as with [`Tagger::tag_into`].
pub fn tag_document(tagger: &Tagger, sentences: &[Vec<&str>], opts: Option<&DocOptions>, sc: &mut TagScratch) -> Vec<Vec<Tag>> {
    let mut keys = KeyTable::default();
    let mut tags = Vec::with_capacity(sentences.len());
    let mut toks: Vec<Vec<DocToken>> = match opts {
        Some(_) => sentences.iter().map(|s| vec![DocToken { key: NO_KEY, freq: 0 }; s.len()]).collect(),
        None => Vec::new(),
    };
    tagger.tag_sentences(sentences, &[], sc, &mut tags, |k, i, t| {
        if let Some(info) = toks.get_mut(k) {
            info[i] = DocToken { key: keys.key(&t.stem, &t.norm), freq: t.freq };
        }
    });
    if let Some(o) = opts {
        harmonize(&toks, &mut tags, o);
    }
    tags
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ner::decode::is_valid_bio;
    use Tag::O;

    /// Sentences of words (keys interned by text; `freq` from `common`) and tags.
    fn doc(sents: &[(&str, &str)], common: &[&str]) -> (Vec<Vec<DocToken>>, Vec<Vec<Tag>>) {
        let mut keys = KeyTable::default();
        let mut toks = Vec::new();
        let mut tags = Vec::new();
        for (words, tg) in sents {
            toks.push(words.split(' ').map(|w| DocToken { key: keys.key(w, w), freq: if common.contains(&w) { 15 } else { 3 } }).collect::<Vec<_>>());
            tags.push(tg.split(' ').map(|t| Tag::parse(t).unwrap()).collect::<Vec<_>>());
        }
        (toks, tags)
    }

    fn strs(tags: &[Tag]) -> String {
        tags.iter().map(|t| t.as_str()).collect::<Vec<_>>().join(" ")
    }

    #[test]
    fn fills_an_untagged_repeat_of_a_name() {
        let (toks, mut tags) = doc(&[("فاز نادي بنفيكا امس", "O O B-ORG O"), ("وقال مدرب بنفيكا ان", "O O O O")], &[]);
        harmonize(&toks, &mut tags, &DocOptions::default());
        assert_eq!(strs(&tags[1]), "O O B-ORG O");
    }

    #[test]
    fn fills_multi_word_names_as_sequences() {
        let (toks, mut tags) = doc(&[("قال جو بايدن امس", "O B-PERS I-PERS O"), ("ورد جو بايدن اليوم", "O O O O")], &[]);
        harmonize(&toks, &mut tags, &DocOptions::default());
        assert_eq!(strs(&tags[1]), "O B-PERS I-PERS O");
        assert!(tags.iter().all(|t| is_valid_bio(t)));
    }

    #[test]
    fn does_not_propagate_a_common_word() {
        // `اليوم` is frequent in the lexicon: one wrong tag stays where it is.
        let (toks, mut tags) = doc(&[("صحيفة اليوم قالت", "O B-ORG O"), ("وصل اليوم الوفد", "O O O")], &["اليوم"]);
        harmonize(&toks, &mut tags, &DocOptions::default());
        assert_eq!(strs(&tags[1]), "O O O");
        // A form the window mostly leaves untagged is not propagated either.
        let mut sents = vec![("جاء عمر امس", "O B-PERS O")];
        sents.extend(std::iter::repeat_n(("عمر المبنى طويل", "O O O"), 6));
        let (toks, mut tags) = doc(&sents, &[]);
        harmonize(&toks, &mut tags, &DocOptions::default());
        assert!(tags[1..].iter().all(|t| t.iter().all(|&x| x == O)));
    }

    #[test]
    fn respects_the_window() {
        let mut sents = vec![("فاز نادي بنفيكا امس", "O O B-ORG O")];
        sents.extend(std::iter::repeat_n(("لا شيء هنا", "O O O"), 5));
        sents.push(("وقال مدرب بنفيكا ان", "O O O O"));
        let (toks, tags) = doc(&sents, &[]);
        let mut near = tags.clone();
        harmonize(&toks, &mut near, &DocOptions { window: 6, ..DocOptions::default() });
        assert_eq!(strs(&near[6]), "O O B-ORG O");
        let mut far = tags.clone();
        harmonize(&toks, &mut far, &DocOptions { window: 5, ..DocOptions::default() });
        assert_eq!(strs(&far[6]), "O O O O");
    }

    #[test]
    fn relabels_a_minority_type_and_keeps_bio_valid() {
        let (toks, mut tags) = doc(
            &[("في نيسان امس", "O B-ORG O"), ("باعت نيسان سيارات", "O B-ORG O"), ("شركة نيسان أورفان", "O B-LOC I-LOC"), ("قالت نيسان", "O B-PERS")],
            &[],
        );
        harmonize(&toks, &mut tags, &DocOptions::default());
        assert_eq!(strs(&tags[3]), "O B-ORG");
        // `نيسان أورفان` is one mention of its own name: left alone, and still valid BIO.
        assert_eq!(strs(&tags[2]), "O B-LOC I-LOC");
        assert!(tags.iter().all(|t| is_valid_bio(t)));
        // Nothing to do without names, and ties are left alone.
        let (toks, mut tags) = doc(&[("قالت ليون", "O B-ORG"), ("في ليون", "O B-LOC")], &[]);
        let before = tags.clone();
        harmonize(&toks, &mut tags, &DocOptions::default());
        assert_eq!(tags, before);
    }

    #[test]
    fn stems_match_clitic_forms_and_short_words_do_not_count() {
        let mut keys = KeyTable::default();
        assert_eq!(keys.key("نيسان", "لنيسان"), keys.key("نيسان", "نيسان"));
        assert_eq!(keys.key("", "."), NO_KEY);
        assert_eq!(keys.key("و", "و"), NO_KEY);
        assert_ne!(keys.key("", "ab"), NO_KEY);
    }
}
