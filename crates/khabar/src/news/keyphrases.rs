//! Keyphrases: the names and noun phrases that say what an article is about.
//!
//! Candidates are runs of one to four content words inside a sentence. A run stops at
//! punctuation, at a function word (the [`STOP_WORDS`]), at a word carrying a proclitic
//! (a glued و/ب/ل usually opens a new phrase: `بايدن ونتنياهو`, `رئيس المكتب لحركة`) and
//! after a word carrying a pronoun suffix (which closes a noun phrase). Occurrences are
//! grouped by the search-normalised clitic-free form of each word, so `الحكومة`,
//! `والحكومة` and `للحكومة` are one phrase, and every span leaves the proclitics and a
//! final pronoun suffix out.
//!
//! A phrase scores `weighted frequency × rarity`: each occurrence counts 1, more in the
//! headline and the lead paragraph, and rarity is the sum over its words of an inverse
//! document frequency taken from the embedded SaudiNewsNet lexicon — a word news uses
//! everywhere (`الرئيس`) says less about this article than one it rarely uses (`هنية`).
//! Phrases of two or more words must occur at least twice (once is chance word order).
//! Entities, when the document has them, are candidates of their own, boosted; n-grams
//! that only ever occur inside one entity's mentions give way to it. Finally a phrase
//! contained in a higher-ranked one is dropped.
//!
//! ```
//! let doc = khabar::Analyzer::default().analyze_text(
//!     "انقطاع الكهرباء في بغداد\nتسبب انقطاع الكهرباء في بغداد بموجة غضب. وقال مسؤولون إن انقطاع الكهرباء سيستمر.",
//! );
//! let kp = khabar::news::keyphrases::keyphrases(&doc, 5);
//! assert_eq!(kp[0].text, "انقطاع الكهرباء");
//! ```

use std::cell::RefCell;
use std::sync::OnceLock;

use rustc_hash::{FxHashMap, FxHashSet};

use crate::doc::{Document, Keyphrase, SegmentKind, Span, Token, TokenKind};
use crate::news::index::{DocIndex, Forms};
use crate::models::default_lexicon;
use crate::text::lexicon::Lexicon;
use crate::text::normalize::{normalize, normalize_append, NormalizeOptions};

/// Words that never make or bound a keyphrase: particles, prepositions, pronouns,
/// demonstratives and relatives; verbs of saying and auxiliaries (the scaffolding of
/// every news report); time words; number words; vague quantifiers. Written as usual;
/// they are search-normalised before use and matched against a word's clitic-free form
/// (so `وأكد` and `اليوم` are caught through `أكد` and `يوم`).
pub const STOP_WORDS: &[&str] = &[
    // prepositions and particles
    "في", "من", "إلى", "على", "عن", "مع", "بين", "حتى", "منذ", "خلال", "عند", "عبر", "ضمن", "نحو", "لدى",
    "حول", "دون", "بعد", "قبل", "أمام", "خلف", "تحت", "فوق", "ضد", "وفق", "وفقا", "حسب", "بحسب", "إثر",
    "جراء", "رغم", "برغم", "إزاء", "تجاه", "لصالح", "بشأن", "عقب", "حين", "حيث", "إذ", "إذا", "إن", "أن",
    "لأن", "كأن", "لكن", "لكنه", "بل", "أو", "أم", "ثم", "كما", "لما", "لم", "لن", "قد", "لقد", "ما", "لا",
    "ليس", "ليست", "هل", "كي", "لكي", "سوف", "إلا", "أما", "إما", "لو", "لولا", "مثل", "بما", "عما", "مما",
    "فيما", "بينما", "كلما", "ريثما", "طالما", "لدي", "لذا", "لذلك", "وإن", "إنما", "ذلك", "أي", "أية",
    "ضمنها", "إطار", "سبيل", "أجل", "بشكل", "بصورة", "نتيجة", "بسبب", "سبب", "أثناء", "طوال", "لأجل",
    // pronouns, demonstratives, relatives
    "هو", "هي", "هم", "هما", "هن", "أنا", "نحن", "أنت", "أنتم", "إنه", "إنها", "أنه", "أنها", "أنهم",
    "إنهم", "له", "لها", "لهم", "به", "بها", "بهم", "فيه", "فيها", "فيهم", "منه", "منها", "منهم", "عليه",
    "عليها", "عليهم", "إليه", "إليها", "عنه", "عنها", "معه", "معها", "هذا", "هذه", "ذلك", "تلك", "هؤلاء",
    "أولئك", "هنا", "هناك", "هنالك", "الذي", "التي", "الذين", "اللذين", "اللتين", "اللاتي", "اللواتي",
    "ذاته", "ذاتها", "نفسه", "نفسها", "نفس", "ذات",
    // quantifiers and vague adverbs
    "كل", "كافة", "جميع", "بعض", "غير", "سوى", "عدة", "عدد", "أكثر", "أقل", "معظم", "أغلب", "مختلف",
    "أيضا", "كذلك", "فقط", "جدا", "تماما", "نحو", "قرابة", "حوالي", "نحوا", "مجرد", "أحد", "إحدى",
    "خاصة", "عامة", "مزيد", "المزيد", "كبير", "كبيرة", "جديد", "جديدة", "عدم",
    // verbs of saying and reporting
    "قال", "قالت", "يقول", "تقول", "قالوا", "وقال", "أكد", "أكدت", "يؤكد", "تؤكد", "مؤكدا", "مؤكدة",
    "أضاف", "أضافت", "يضيف", "تضيف", "مضيفا", "أوضح", "أوضحت", "يوضح", "توضح", "موضحا", "أشار",
    "أشارت", "يشير", "تشير", "مشيرا", "ذكر", "ذكرت", "يذكر", "تذكر", "أعلن", "أعلنت", "يعلن", "تعلن",
    "معلنا", "صرح", "صرحت", "يصرح", "لفت", "لفتت", "بين", "بينت", "تابع", "تابعت", "كشف", "كشفت",
    "يكشف", "أفاد", "أفادت", "يفيد", "نوه", "نوهت", "شدد", "شددت", "يشدد", "مشددا", "اعتبر", "اعتبرت",
    "يعتبر", "رأى", "رأت", "يرى", "ترى", "أفصح", "أبلغ", "أبدى", "أعرب", "أعربت", "معربا", "دعا", "دعت",
    "يدعو", "تدعو", "داعيا", "طالب", "طالبت", "يطالب", "أشاد", "أشادت", "يشيد", "قول", "تصريح", "تصريحات",
    "بيان", "البيان", "وفقا",
    // auxiliaries and light verbs
    "كان", "كانت", "كانوا", "يكون", "تكون", "يكونوا", "أصبح", "أصبحت", "يصبح", "تصبح", "ظل", "ظلت",
    "بات", "باتت", "صار", "صارت", "تم", "تمت", "يتم", "سيتم", "يمكن", "يجب", "ينبغي", "يزال", "تزال",
    "زال", "زالت", "عاد", "عادت", "جاء", "جاءت", "يأتي", "تأتي", "أتى", "أتت", "وجد", "يوجد", "توجد",
    "شهد", "شهدت", "يشهد", "تشهد", "قام", "قامت", "يقوم", "تقوم", "أجرى", "أجرت", "لدينا",
    // time words
    "اليوم", "أمس", "غدا", "الآن", "حاليا", "يوم", "أيام", "يومين", "أسبوع", "الأسبوع", "أسابيع", "شهر",
    "الشهر", "أشهر", "شهور", "عام", "العام", "أعوام", "سنة", "السنة", "سنوات", "الماضي", "الماضية",
    "المقبل", "المقبلة", "القادم", "القادمة", "الجاري", "الجارية", "الحالي", "الحالية", "صباح", "مساء",
    "ظهر", "ليلة", "الليلة", "ساعة", "ساعات", "دقيقة", "دقائق", "وقت", "الوقت", "مرة", "المرة", "لحظة",
    "الأحد", "الاثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت", "أول", "آخر", "أخرى",
    "الأخرى", "الأخير", "الأخيرة", "مؤخرا", "سابق", "السابق", "لاحق", "لاحقا", "فترة", "الفترة", "فجر",
    "هـ", "م",
    // number words
    "واحد", "واحدة", "اثنين", "اثنان", "ثلاث", "ثلاثة", "أربع", "أربعة", "خمس", "خمسة", "ست", "ستة",
    "سبع", "سبعة", "ثمان", "ثمانية", "تسع", "تسعة", "عشر", "عشرة", "عشرين", "مئة", "مائة", "ألف",
    "آلاف", "مليون", "ملايين", "مليار", "الأول", "الأولى", "الثاني", "الثانية", "الثالث", "الثالثة",
    "ثاني", "ثالث",
];

/// Longest phrase, in words.
const MAX_WORDS: usize = 4;
/// Extra weight of an occurrence in the headline, and in the first body paragraph.
const HEADLINE_WEIGHT: f32 = 1.5;
const LEAD_WEIGHT: f32 = 0.5;
/// Boost of an entity over an n-gram of equal frequency and rarity; of an n-gram that
/// touches an entity.
const ENTITY_BOOST: f32 = 1.5;
const TOUCHES_ENTITY_BOOST: f32 = 1.2;
/// A lone word the corpus uses mostly as a verb (see [`Word::VERBISH`]) is kept only
/// when nothing better is there.
const VERB_PENALTY: f32 = 0.3;
/// Phrases scoring under this fraction of the best are not worth showing.
const MIN_RELATIVE_SCORE: f32 = 0.05;

const NONE: u32 = u32::MAX;

/// The search-normalised stop words, built once.
fn stop_words() -> &'static FxHashSet<Box<str>> {
    static SET: OnceLock<FxHashSet<Box<str>>> = OnceLock::new();
    SET.get_or_init(|| STOP_WORDS.iter().map(|w| normalize(w, &NormalizeOptions::search()).into_boxed_str()).collect())
}

/// What the ranking needs to know about one token.
#[derive(Clone, Copy)]
struct Word {
    /// Interned clitic-free key; `NONE` for anything that is not a content word.
    key: u32,
    /// Rarity in general news, 0–1.
    idf: f32,
    flags: u8,
    sentence: u32,
    /// Index of the entity one of whose mentions covers the token, or `NONE`.
    entity: u32,
}

impl Word {
    const PROCLITIC: u8 = 1;
    const ENCLITIC: u8 = 2;
    /// Frequent in the corpus but (almost) never after ال, ب or ل: a past-tense verb.
    /// Names take the prepositions (`بإسرائيل`, `لنتنياهو`: 3–15% of their uses),
    /// verbs do not (`ناقش` 1 in 114, `أكد` 1 in 2,787). Or often after the future
    /// prefix س, which only a present-tense verb takes (`ستعمل` 156 times against
    /// `لتعمل` 13). Only a hint; entities are exempt.
    const VERBISH: u8 = 4;
    const HEADLINE: u8 = 8;
    const LEAD: u8 = 16;

    fn has(&self, f: u8) -> bool {
        self.flags & f != 0
    }

    fn content(&self) -> bool {
        self.key != NONE
    }

    fn weight(&self) -> f32 {
        1.0 + if self.has(Self::HEADLINE) { HEADLINE_WEIGHT } else { 0.0 } + if self.has(Self::LEAD) { LEAD_WEIGHT } else { 0.0 }
    }
}

/// Up to `max` keyphrases of `doc`, best first, scored relative to the best (1.0), each
/// with every span where it occurs (without clitics), in document order.
pub fn keyphrases(doc: &Document, max: usize) -> Vec<Keyphrase> {
    keyphrases_with(doc, max, &default_lexicon())
}

/// [`keyphrases`] with rarity taken from `lexicon` (an empty one makes every word
/// equally rare, leaving frequency and position).
pub fn keyphrases_with(doc: &Document, max: usize, lexicon: &Lexicon) -> Vec<Keyphrase> {
    keyphrases_indexed(doc, &DocIndex::new(&doc.text, &doc.tokens), max, lexicon)
}

/// [`keyphrases_with`] with the document's index already built.
pub fn keyphrases_indexed(doc: &Document, index: &DocIndex, max: usize, lexicon: &Lexicon) -> Vec<Keyphrase> {
    if max == 0 || doc.tokens.is_empty() {
        return Vec::new();
    }
    let words = describe_words(doc, &index.forms, lexicon);
    let n = words.len();

    // Count each n-gram (by its word keys), noting its occurrences in one flat list.
    let mut gram_slots: FxHashMap<([u32; MAX_WORDS], u8), u32> = FxHashMap::with_capacity_and_hasher(2 * n, Default::default());
    let mut cands: Vec<Gram> = Vec::with_capacity(2 * n);
    let mut occurrences: Vec<(u32, u32, u8)> = Vec::with_capacity(2 * n); // (gram, first token, words)
    for_each_gram(&words, |i, len, ids| {
        let slot = *gram_slots.entry((ids, len as u8)).or_insert_with(|| {
            let idf = words[i..i + len].iter().map(|w| w.idf).sum();
            cands.push(Gram { ids, len: len as u8, tf: 0, wtf: 0.0, first: i as u32, entity: NONE, idf, touches_entity: false });
            (cands.len() - 1) as u32
        });
        occurrences.push((slot, i as u32, len as u8));
        let c = &mut cands[slot as usize];
        let ws = &words[i..i + len];
        // Inside a single entity's mentions?
        let e = ws[0].entity;
        let inside = if e != NONE && ws.iter().all(|w| w.entity == e) { e } else { NONE - 1 };
        c.entity = if c.tf == 0 || c.entity == inside { inside } else { NONE - 1 };
        c.touches_entity |= ws.iter().any(|w| w.entity != NONE);
        c.tf += 1;
        c.wtf += ws.iter().map(Word::weight).fold(1.0, f32::max);
    });

    // Rank grams and entities together. Their word keys go into one arena.
    let mut arena: Vec<u32> = Vec::new();
    let mut ranked: Vec<Ranked> = Vec::new();
    for (g, c) in cands.iter().enumerate() {
        if c.len > 1 && c.tf < 2 {
            continue;
        }
        if c.entity < NONE - 1 {
            continue; // the entity stands for it
        }
        let first = &words[c.first as usize];
        let mut score = c.wtf * c.idf * position_factor(c.first as usize, n);
        if c.len == 1 && first.has(Word::VERBISH) {
            score *= VERB_PENALTY;
        }
        if c.touches_entity {
            score *= TOUCHES_ENTITY_BOOST;
        }
        let ids = (arena.len(), arena.len() + c.len as usize);
        arena.extend_from_slice(&c.ids[..c.len as usize]);
        ranked.push(Ranked { what: What::Gram(g), score, first: c.first as usize, tf: c.tf, ids });
    }
    ranked.extend(entity_candidates(doc, &words, &mut arena));
    // Only what can be kept needs sorting: most candidates score far below the best.
    let best = ranked.iter().map(|r| r.score).fold(f32::NEG_INFINITY, f32::max).max(0.0);
    ranked.retain(|r| r.score >= best * MIN_RELATIVE_SCORE && r.score > 0.0);
    ranked.sort_unstable_by(|a, b| b.score.total_cmp(&a.score).then(a.first.cmp(&b.first)));
    let ids = |r: &Ranked| &arena[r.ids.0..r.ids.1];

    // Keep the best; drop a phrase contained in one already kept, unless it mostly
    // occurs on its own (`إسرائيل` six times, three of them in `أمن إسرائيل`).
    let mut kept: Vec<&Ranked> = Vec::new();
    for r in &ranked {
        if kept.len() == max || r.score < best * MIN_RELATIVE_SCORE || r.score <= 0.0 || r.score.is_nan() {
            break;
        }
        if kept.iter().any(|k| contains(ids(k), ids(r)) && r.tf < 2 * k.tf) {
            continue;
        }
        kept.push(r);
    }

    // The occurrences of the kept grams.
    let mut slot_of: Vec<u32> = vec![NONE; cands.len()];
    for (k, r) in kept.iter().enumerate() {
        if let What::Gram(g) = r.what {
            slot_of[g] = k as u32;
        }
    }
    let mut found: Vec<Vec<(usize, usize)>> = vec![Vec::new(); kept.len()];
    for &(g, i, len) in &occurrences {
        if let Some(&k) = slot_of.get(g as usize).filter(|&&k| k != NONE) {
            found[k as usize].push((i as usize, len as usize));
        }
    }

    let slicer = &index.slicer;
    kept.iter()
        .zip(found)
        .filter_map(|(r, occ)| {
            let mut spans: Vec<Span> = match r.what {
                What::Gram(_) => occ
                    .iter()
                    .filter_map(|&(i, len)| {
                        let (start, end) = (core_start(&doc.tokens[i]), core_end(&doc.tokens[i + len - 1]));
                        slicer.span(start, end)
                    })
                    .collect(),
                What::Entity(e) => doc.entities[e].mentions.iter().filter_map(|m| slicer.span(m.start, m.end)).collect(),
            };
            spans.sort_by_key(|s| (s.start, s.end));
            spans.dedup_by_key(|s| (s.start, s.end));
            let text = most_frequent_text(&spans)?;
            Some(Keyphrase { text, score: if best > 0.0 { r.score / best } else { 0.0 }, spans })
        })
        .collect()
}

/// An n-gram's counts, gathered without its occurrences.
struct Gram {
    ids: [u32; MAX_WORDS],
    len: u8,
    tf: u32,
    /// Occurrences weighted by position (headline, lead).
    wtf: f32,
    first: u32,
    /// The entity all its occurrences lie in; `NONE - 1` when not one entity.
    entity: u32,
    idf: f32,
    touches_entity: bool,
}

enum What {
    Gram(usize),
    Entity(usize),
}

struct Ranked {
    what: What,
    score: f32,
    /// Token index of the first occurrence (ties go to the earlier phrase).
    first: usize,
    /// Number of occurrences.
    tf: u32,
    /// Its word keys (a range of the arena), to tell containment.
    ids: (usize, usize),
}

/// A mild preference for what the article mentions early.
fn position_factor(first_token: usize, n: usize) -> f32 {
    1.0 + 0.3 * (1.0 - first_token as f32 / n.max(1) as f32)
}

/// Every candidate run `tokens[i..i + len]` with its word keys.
fn for_each_gram(words: &[Word], mut f: impl FnMut(usize, usize, [u32; MAX_WORDS])) {
    for i in 0..words.len() {
        if !words[i].content() {
            continue;
        }
        let mut ids = [NONE; MAX_WORDS];
        for len in 1..=MAX_WORDS {
            let j = i + len - 1;
            if j >= words.len() {
                break;
            }
            if len > 1 {
                let (prev, w) = (&words[j - 1], &words[j]);
                let continues = w.content()
                    && !w.has(Word::PROCLITIC)
                    && !prev.has(Word::ENCLITIC)
                    && w.sentence == prev.sentence
                    && !w.has(Word::VERBISH)
                    && !words[i].has(Word::VERBISH);
                if !continues {
                    break;
                }
            }
            ids[len - 1] = words[j].key;
            f(i, len, ids);
        }
    }
}

/// The entities as candidates: their mentions are their occurrences.
fn entity_candidates(doc: &Document, words: &[Word], arena: &mut Vec<u32>) -> Vec<Ranked> {
    let n = words.len();
    doc.entities
        .iter()
        .enumerate()
        .filter(|(_, e)| !e.mentions.is_empty())
        .map(|(e, ent)| {
            // Rarity and containment keys from the tokens of its longest mention.
            let longest = ent.mentions.iter().max_by_key(|m| m.end - m.start).unwrap_or(&ent.mentions[0]);
            let (a, b) = token_range(&doc.tokens, longest.start, longest.end);
            let ws = &words[a..b];
            let idf: f32 = ws.iter().filter(|w| w.content()).map(|w| w.idf).sum::<f32>().max(0.5);
            let from = arena.len();
            arena.extend(ws.iter().filter(|w| w.content()).map(|w| w.key));
            let ids = (from, arena.len());
            let mut wtf = 0.0;
            for m in &ent.mentions {
                let (a, b) = token_range(&doc.tokens, m.start, m.end);
                wtf += words[a..b].iter().map(Word::weight).fold(1.0, f32::max);
            }
            let first = token_range(&doc.tokens, ent.mentions[0].start, ent.mentions[0].end).0;
            let score = wtf * idf * position_factor(first, n) * ENTITY_BOOST;
            Ranked { what: What::Entity(e), score, first, tf: ent.mentions.len() as u32, ids }
        })
        .collect()
}

/// The tokens overlapping `[start, end)`, as an index range.
fn token_range(tokens: &[Token], start: usize, end: usize) -> (usize, usize) {
    let a = tokens.partition_point(|t| t.end <= start);
    let b = a + tokens[a..].iter().take_while(|t| t.start < end).count();
    (a, b)
}

/// True when `short` is a contiguous run of `long`.
fn contains(long: &[u32], short: &[u32]) -> bool {
    !short.is_empty() && short.len() <= long.len() && long.windows(short.len()).any(|w| w == short)
}

/// Where a word starts once its proclitics are left out (and the ل that stands for
/// the article after the preposition ل: `للانتقام` → `انتقام`).
fn core_start(t: &Token) -> usize {
    let mut after_proclitic = false;
    for s in &t.segments {
        match s.kind {
            SegmentKind::Proclitic => after_proclitic = true,
            SegmentKind::Article if after_proclitic && s.end - s.start == 1 => {}
            _ => return s.start,
        }
    }
    t.start
}

/// Where a word ends without its pronoun suffix.
fn core_end(t: &Token) -> usize {
    match t.segments.last() {
        Some(s) if s.kind == SegmentKind::Enclitic && s.start > core_start(t) => s.start,
        _ => t.end,
    }
}

/// The most frequent text among `spans` (the first on a tie).
fn most_frequent_text(spans: &[Span]) -> Option<String> {
    let mut counts: Vec<(&str, usize)> = Vec::new();
    for s in spans {
        match counts.iter_mut().find(|(t, _)| *t == s.text) {
            Some((_, c)) => *c += 1,
            None => counts.push((&s.text, 1)),
        }
    }
    let mut best: Option<(&str, usize)> = None;
    for &(t, c) in &counts {
        if best.is_none_or(|(_, b)| c > b) {
            best = Some((t, c));
        }
    }
    best.map(|(t, _)| t.to_string())
}

/// Describes every token: content word or not, its key, rarity, clitics, sentence,
/// position and entity.
fn describe_words(doc: &Document, forms: &Forms, lexicon: &Lexicon) -> Vec<Word> {
    FORMS.with(|cell| {
        let mut cache = cell.borrow_mut();
        cache.start_document(lexicon);
        describe_words_with(doc, forms, lexicon, &mut cache)
    })
}

fn describe_words_with(doc: &Document, forms: &Forms, lexicon: &Lexicon, cache: &mut FormCache) -> Vec<Word> {
    // A form's analysis depends on the form alone (one segmentation per form and
    // document), and most tokens repeat a form already seen.
    let not_content = Lexical { key: NONE, idf: 0.0, verbish: false };
    let per_form: Vec<Lexical> = forms
        .first_tokens()
        .map(|k| {
            let t = &doc.tokens[k];
            if matches!(t.kind, TokenKind::Word | TokenKind::Latin) {
                cache.analyze(t, lexicon)
            } else {
                not_content
            }
        })
        .collect();
    let headline = doc.structure.headline.as_ref().map(|h| (h.start, h.end));
    let lead = doc.structure.paragraphs.first().map(|p| (p.start, p.end));
    let within = |r: Option<(usize, usize)>, t: &Token| r.is_some_and(|(a, b)| t.start >= a && t.end <= b);
    let mut sentence = 0usize;
    let mut words: Vec<Word> = Vec::with_capacity(doc.tokens.len());
    for (k, t) in doc.tokens.iter().enumerate() {
        while sentence < doc.sentences.len() && doc.sentences[sentence].end <= t.start {
            sentence += 1;
        }
        let mut w = Word { key: NONE, idf: 0.0, flags: 0, sentence: sentence as u32, entity: NONE };
        if within(headline, t) {
            w.flags |= Word::HEADLINE;
        }
        if within(lead, t) {
            w.flags |= Word::LEAD;
        }
        if t.segments.iter().any(|s| s.kind == SegmentKind::Proclitic) {
            w.flags |= Word::PROCLITIC;
        }
        if t.segments.last().is_some_and(|s| s.kind == SegmentKind::Enclitic) {
            w.flags |= Word::ENCLITIC;
        }
        let l = per_form[forms.of(k)];
        w.key = l.key;
        w.idf = l.idf;
        if l.verbish {
            w.flags |= Word::VERBISH;
        }
        words.push(w);
    }
    for (e, ent) in doc.entities.iter().enumerate() {
        for m in &ent.mentions {
            let (a, b) = token_range(&doc.tokens, m.start, m.end);
            for w in &mut words[a..b] {
                w.entity = e as u32;
                w.flags &= !Word::VERBISH;
            }
        }
    }
    words
}

/// What a word form is, whatever its position.
#[derive(Clone, Copy)]
struct Lexical {
    /// Interned clitic-free key; `NONE` when not a content word.
    key: u32,
    idf: f32,
    verbish: bool,
}

/// Distinct token descriptions a thread remembers before it starts afresh.
const FORM_CACHE_LIMIT: usize = 1 << 17;

thread_local! {
    /// Word forms analysed against the lexicon, kept across documents: an archive
    /// repeats its vocabulary, and each analysis costs several lexicon look-ups.
    static FORMS: RefCell<FormCache> = RefCell::new(FormCache::default());
}

/// Analyses word forms against the stop list and the lexicon, interning their keys,
/// and remembers each form's answer (per lexicon).
#[derive(Default)]
struct FormCache {
    lexicon: u64,
    /// What a token looks like to [`FormCache::analyze`] (kind, segments, `norm`,
    /// `stem`), as a 128-bit fingerprint held in the table itself → its analysis. A
    /// string key would be a pointer to chase, a likely cache miss, on every hit.
    known: FxHashMap<u128, Lexical>,
    keys: FxHashMap<Box<str>, u32>,
    /// `ال` + the clitic-free form as the lexicon spells it (no ة folding).
    lex: String,
    key: String,
    probe: String,
    signature: String,
}

impl FormCache {
    /// Forgets everything learned from another lexicon, or when full. Only between
    /// documents: key ids must stay fixed within one.
    fn start_document(&mut self, lexicon: &Lexicon) {
        if self.lexicon != lexicon.id() || self.known.len() > FORM_CACHE_LIMIT || self.keys.len() > FORM_CACHE_LIMIT {
            self.lexicon = lexicon.id();
            self.known.clear();
            self.keys.clear();
        }
    }

    fn intern(&mut self) -> u32 {
        let next = self.keys.len() as u32;
        match self.keys.get(self.key.as_str()) {
            Some(&id) => id,
            None => {
                self.keys.insert(self.key.as_str().into(), next);
                next
            }
        }
    }

    /// The analysis of `t`, from memory when a token with the same form, clitics and
    /// normalisation was seen before.
    fn analyze(&mut self, t: &Token, lexicon: &Lexicon) -> Lexical {
        let sig = &mut self.signature;
        sig.clear();
        sig.push(match t.kind {
            TokenKind::Latin => 'L',
            _ => 'W',
        });
        for s in &t.segments {
            sig.push(match s.kind {
                SegmentKind::Proclitic => 'p',
                SegmentKind::Article => 'a',
                SegmentKind::Stem => 's',
                SegmentKind::Enclitic => 'e',
            });
            sig.push_str(&s.text);
        }
        sig.push('\u{0}');
        sig.push_str(&t.norm);
        sig.push('\u{0}');
        sig.push_str(&t.stem);
        let print = fingerprint(sig.as_bytes());
        if let Some(&l) = self.known.get(&print) {
            return l;
        }
        let l = self.analyze_afresh(t, lexicon);
        self.known.insert(print, l);
        l
    }

    fn analyze_afresh(&mut self, t: &Token, lexicon: &Lexicon) -> Lexical {
        let not_content = Lexical { key: NONE, idf: 0.0, verbish: false };
        if t.kind == TokenKind::Latin {
            if t.stem.chars().count() < 3 {
                return not_content;
            }
            self.key.clear();
            self.key.push_str(&t.stem);
            return Lexical { key: self.intern(), idf: 1.0, verbish: false };
        }
        let stop = stop_words();
        let stem = t.segments.iter().find(|s| s.kind == SegmentKind::Stem).map_or(t.text.as_str(), |s| s.text.as_str());
        let lex = &mut self.lex;
        let probe = &mut self.probe;
        lex.clear();
        lex.push_str("ال");
        normalize_append(stem, &NormalizeOptions::default(), lex);
        // `حكومتها`: the stem segment is written with ت before the suffix; spell it
        // with ة (when the corpus agrees) so that it joins `الحكومة`.
        if t.segments.last().is_some_and(|s| s.kind == SegmentKind::Enclitic) && lex.ends_with('ت') {
            probe.clear();
            probe.push_str(&lex["ال".len()..lex.len() - 'ت'.len_utf8()]);
            probe.push('ة');
            if lexicon.count(probe) > lexicon.count(&lex["ال".len()..]) {
                lex.truncate(lex.len() - 'ت'.len_utf8());
                lex.push('ة');
            }
        }
        let bare = &lex["ال".len()..];
        self.key.clear();
        push_folded(&mut self.key, bare);
        let key = self.key.as_str();
        let has_article = t.segments.iter().any(|s| s.kind == SegmentKind::Article);
        let is_stop = key.chars().count() < 2
            || stop.contains(key)
            || (has_article && {
                probe.clear();
                probe.push_str("ال");
                probe.push_str(key);
                stop.contains(probe.as_str())
            })
            || {
                probe.clear();
                push_folded(probe, &t.norm);
                stop.contains(probe.as_str())
            };
        if is_stop {
            return not_content;
        }
        let n_bare = lexicon.count(bare) as f32;
        let n_def = lexicon.count(lex) as f32;
        let total = lexicon.total() as f32;
        let idf = if total > 0.0 { ((total + 1.0) / (n_bare + n_def + 1.0)).ln() / (total + 1.0).ln() } else { 1.0 };
        // The verb test, asking the lexicon (a large table: each look-up is a cache
        // miss) only what can still change the answer.
        let mut verbish = false;
        if !has_article && n_bare >= 30.0 {
            let mut with = |p: char| {
                probe.clear();
                probe.push(p);
                probe.push_str(bare);
                lexicon.count(probe) as f32
            };
            let (n_bi, n_sa) = (with('ب'), with('س'));
            let past_possible = n_bare >= 50.0 && n_def + n_bi < 0.005 * n_bare + 1.5;
            let present_possible = n_sa >= 2.0 && n_sa * 5.0 >= n_def + n_bi;
            if past_possible || present_possible {
                let nominal = n_def + n_bi + with('ل');
                verbish = (past_possible && nominal < 0.005 * n_bare + 1.5) || (present_possible && n_sa * 5.0 >= nominal);
            }
        }
        Lexical { key: self.intern(), idf, verbish }
    }
}

/// Two independent 64-bit hashes of `bytes` (FNV-1a and FxHash): among the at most
/// [`FORM_CACHE_LIMIT`] forms a cache holds, two that differ share both with
/// probability about 2^-94.
fn fingerprint(bytes: &[u8]) -> u128 {
    use std::hash::Hasher;
    let fnv = crate::hash::fnv1a(bytes);
    let mut fx = rustc_hash::FxHasher::default();
    fx.write(bytes);
    ((fnv as u128) << 64) | fx.finish() as u128
}

/// Appends `s` with ة → ه, the one folding search normalisation adds to `norm`.
fn push_folded(out: &mut String, s: &str) {
    let mut parts = s.split('ة');
    if let Some(first) = parts.next() {
        out.push_str(first);
    }
    for p in parts {
        out.push('ه');
        out.push_str(p);
    }
}


#[cfg(test)]
mod tests {
    use super::*;
    use crate::doc::{slice_chars, Entity, EntityLabel};
    use crate::Analyzer;

    /// A short report about a water shortage in a city: the topic phrase is repeated,
    /// in the headline and the lead, with clitics attached; verbs of saying and time
    /// words are everywhere.
    const ARTICLE: &str = "أزمة المياه تتفاقم في مدينة تعز\n\
        قال مسؤولون اليوم إن أزمة المياه في مدينة تعز تفاقمت خلال الأسبوع الماضي.\n\
        وأكد المسؤولون أن محطات الضخ توقفت بسبب نقص الوقود، وأضافوا أن السكان يشترون المياه من الصهاريج.\n\
        وأوضح مدير المؤسسة المحلية للمياه أن حل أزمة المياه يتطلب دعما عاجلا لمحطات الضخ.\n\
        وبأزمة المياه تتأثر المستشفيات أيضا، بحسب ما ذكرت منظمة الصحة العالمية أمس.";

    /// The analysed text without the tagger's entities, so that these tests do not
    /// move with the NER model; the entity path is tested with entities set by hand.
    fn doc(text: &str) -> Document {
        let mut d = Analyzer::default().analyze_text(text);
        d.entities.clear();
        d
    }

    fn check_spans(d: &Document, kp: &[Keyphrase]) {
        for k in kp {
            assert!(!k.spans.is_empty(), "{} has no spans", k.text);
            for s in &k.spans {
                assert_eq!(slice_chars(&d.text, s.start, s.end), s.text, "span of {}", k.text);
            }
            assert!(k.spans.windows(2).all(|w| w[0].start < w[1].start), "spans of {} not in order", k.text);
        }
    }

    #[test]
    fn topic_phrase_ranks_first_and_no_stop_words() {
        let d = doc(ARTICLE);
        let kp = keyphrases(&d, 10);
        let texts: Vec<&str> = kp.iter().map(|k| k.text.as_str()).collect();
        assert!(!kp.is_empty());
        assert_eq!(kp[0].text, "أزمة المياه", "{texts:?}");
        assert_eq!(kp[0].score, 1.0);
        assert!(kp.windows(2).all(|w| w[0].score >= w[1].score), "{texts:?}");
        let stop = stop_words();
        let search = NormalizeOptions::search();
        for k in &kp {
            for (i, word) in k.text.split(' ').enumerate() {
                let n = normalize(word, &search);
                let last = i + 1 == k.text.split(' ').count();
                assert!(!stop.contains(n.as_str()), "{} contains the stop word {word}: {texts:?}", k.text);
                assert!(!(i == 0 || last) || n.chars().count() > 1, "{}: {texts:?}", k.text);
            }
        }
        for w in ["اليوم", "قال", "أمس", "الأسبوع", "الماضي", "أكد", "بحسب"] {
            assert!(!texts.contains(&w), "{w} in {texts:?}");
        }
        check_spans(&d, &kp);
        // Every occurrence of the topic is found, whatever is glued to it.
        assert_eq!(kp[0].spans.len(), 4, "{:?}", kp[0].spans);
        assert!(texts.contains(&"محطات الضخ") || texts.contains(&"تعز"), "{texts:?}");
    }

    #[test]
    fn spans_leave_proclitics_and_pronoun_suffixes_out() {
        // `وبأزمة` (و + ب), `للحكومة` (ل + the article's ل), `حكومتها` (suffix).
        let text = "أزمة الحكومة\nتواجه الحكومة أزمة. وبأزمة الحكومة انشغل الناس، وقالت مصادر للحكومة إن الحكومة ستعالج أزمة الحكومة وحكومتها.";
        let d = doc(text);
        let kp = keyphrases(&d, 10);
        check_spans(&d, &kp);
        let find = |t: &str| kp.iter().find(|k| k.text == t).unwrap_or_else(|| panic!("no {t} in {kp:#?}"));
        let gov = find("الحكومة");
        // الحكومة ×5 with its forms (للحكومة gives `حكومة`, حكومتها gives `حكومت`).
        assert!(gov.spans.len() >= 5, "{:?}", gov.spans);
        for s in &gov.spans {
            assert!(!s.text.starts_with('و') && !s.text.starts_with("ب") && !s.text.starts_with("لل"), "{s:?}");
            assert!(!s.text.ends_with("ها"), "{s:?}");
        }
        let crisis = find("أزمة الحكومة");
        assert!(crisis.spans.iter().any(|s| s.text == "أزمة الحكومة" && slice_chars(text, s.start - 2, s.start) == "وب"), "{crisis:?}");
    }

    #[test]
    fn phrases_group_across_clitics() {
        let d = doc("والحكومة تعمل. الحكومة تعمل. بالحكومة نثق.");
        let kp = keyphrases(&d, 5);
        let gov = kp.iter().find(|k| k.text == "الحكومة").expect("الحكومة");
        assert_eq!(gov.spans.len(), 3);
        assert!(gov.spans.iter().all(|s| s.text == "الحكومة"));
    }

    #[test]
    fn entities_are_candidates_and_absorb_their_words() {
        let text = "لقاء في واشنطن\nالتقى جو بايدن في واشنطن اليوم. وقال بايدن إن اللقاء كان مثمرا. وغادر بايدن واشنطن مساء.";
        let mut d = doc(text);
        let without = keyphrases(&d, 10);
        check_spans(&d, &without);
        let span = |w: &str, nth: usize| {
            let chars: Vec<char> = text.chars().collect();
            let wc: Vec<char> = w.chars().collect();
            let start = (0..chars.len()).filter(|&i| chars[i..].starts_with(&wc)).nth(nth).expect(w);
            Span { start, end: start + wc.len(), text: w.to_string() }
        };
        d.entities = vec![
            Entity { id: "e1".into(), label: EntityLabel::Person, name: "جو بايدن".into(), mentions: vec![span("جو بايدن", 0), span("بايدن", 1), span("بايدن", 2)] },
            Entity { id: "e2".into(), label: EntityLabel::Location, name: "واشنطن".into(), mentions: vec![span("واشنطن", 0), span("واشنطن", 1), span("واشنطن", 2)] },
        ];
        let with = keyphrases(&d, 10);
        check_spans(&d, &with);
        let texts: Vec<&str> = with.iter().map(|k| k.text.as_str()).collect();
        // The entity's full name and mentions, not a separate `بايدن` n-gram.
        let biden = with.iter().find(|k| k.spans.iter().any(|s| s.text == "جو بايدن")).unwrap_or_else(|| panic!("{texts:?}"));
        assert_eq!(biden.spans.len(), 3, "{biden:?}");
        assert_eq!(texts.iter().filter(|t| t.contains("بايدن")).count(), 1, "{texts:?}");
        assert!(texts[..2].contains(&"واشنطن"), "{texts:?}");
    }

    #[test]
    fn empty_and_punctuation_only_documents_have_none() {
        assert!(keyphrases(&doc(""), 10).is_empty());
        assert!(keyphrases(&doc("... ، !!"), 10).is_empty());
        assert!(keyphrases(&doc("في من إلى على"), 10).is_empty());
        assert!(keyphrases(&doc(ARTICLE), 0).is_empty());
    }

    #[test]
    fn max_is_respected() {
        let d = doc(ARTICLE);
        assert!(keyphrases(&d, 2).len() <= 2);
        assert_eq!(keyphrases(&d, 1)[0].text, "أزمة المياه");
    }
}
