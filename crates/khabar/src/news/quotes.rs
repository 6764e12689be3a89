//! Who said what: direct and reported quotes, their speech cues and speakers.
//!
//! Arabic news attributes speech in a few fixed shapes, which rules read reliably:
//! - direct: words between «…», "…" or “…”, with a cue before (`وقال X: «…»`, `X قال
//!   «…»`) or after (`«…»، بحسب X`); a quote may run over several sentences, and a
//!   writer sometimes drops the opening mark;
//! - reported: a speech verb, its subject, then أن/إن and the reported clause (`وأكد
//!   بايدن أن …`, `أشار … إلى أن …`); or an attribution phrase (`بحسب X`, `وفقاً لـ X`).
//!
//! Marks around a bare name or term (`«جو بايدن»`, `«رؤية 2030»`) are not quotes: the
//! content must be several words, or stand where a quote stands (after a cue or a
//! colon).
//!
//! The speaker is the noun phrase the cue attaches to — after a verb (the usual
//! verb-first order), before it (`نتنياهو قال`), or after an attribution phrase — and
//! is linked to the document's entity when a mention lies inside it. A cue without a
//! subject (`وأضاف`, `مؤكداً`) continues the last speaker.
//!
//! Boundaries follow the annotation guideline of the test fixtures
//! (`crates/khabar/tests/fixtures/quotes/GUIDELINE.md`).

use rustc_hash::FxHashMap;

use crate::doc::{CharSlicer, Document, Entity, Quote, QuoteKind, SegmentKind, Speaker, Span, Token, TokenKind};
use crate::news::index::{DocIndex, Keys};
use crate::text::normalize::{normalize, normalize_append, NormalizeOptions};
use crate::text::chars::is_closing;
use crate::text::sentences::{dot_continues, paragraph_gap, touches, DotToken};

/// Speech verbs and participles, search-normalised (alef and yeh folded, ة → ه, marks
/// removed), without their proclitics (و ف ل are taken off by the segmenter).
const CUE_WORDS: &[&str] = &[
    "قال", "قالت", "قالوا", "يقول", "تقول", "اكد", "اكدت", "اكدوا", "يؤكد", "تؤكد", "اوضح", "اوضحت", "يوضح", "توضح", "اشار", "اشارت", "يشير", "تشير", "ذكر", "ذكرت",
    "يذكر", "اعلن", "اعلنت", "يعلن", "صرح", "صرحت", "شدد", "شددت", "يشدد", "اضاف", "اضافت", "يضيف", "تابع", "تابعت", "اعتبر", "اعتبرت", "يعتبر", "لفت", "لفتت",
    "بين", "بينت", "نفي", "نفت", "كشف", "كشفت", "افاد", "افادت", "اكدا", "اوضحا", "قالا", "ابلغ", "ابلغت", "اعرب", "اعربت", "دعا", "دعت", "طالب", "طالبت",
    "حذر", "حذرت", "نقل", "نقلت", "روي", "روت", "اوضحوا", "اشاروا", "راي", "رات", "يري", "تري", "استطرد", "واصل", "اردف", "اردفت", "ابان", "زعم", "زعمت",
    "ادعي", "ادعت", "المح", "المحت", "نوه", "نوهت", "تساءل", "تساءلت", "يتساءل", "قوله", "قولها", "عبر", "عبرت", "توقع", "توقعت", "يتوقع",
    "رجح", "رجحت", "يرجح", "اعتبروا", "تحدث", "تحدثت",
    // Plurals of the perfects above (`، وطالبوا بـ`, `وذكروا أن`); not those that are
    // as often something else (`وشددوا إجراءات التفتيش` "tightened", `وتابعوا
    // المباراة` "watched", `كشفوا الجريمة` "uncovered", `تحدثوا شريطة …`, `أبلغوا "الوطن"`,
    // whose object is whom they told).
    "ذكروا", "اعلنوا", "صرحوا", "اضافوا", "لفتوا", "بينوا", "افادوا", "اعربوا", "طالبوا", "حذروا", "زعموا", "نوهوا", "توقعوا", "رجحوا",
    "نفوا",
    // Admitting (GUIDELINE 5.10: `معترفاً بأنه` is a statement), `ويبين أن`.
    "اعترف", "اعترفت", "اعترفوا", "يبين",
    // Plural imperfects (`ويقولون إن`, `ويرى الخبراء … ويرون أن`).
    "يقولون", "يؤكدون", "يشيرون", "يوضحون", "يعتبرون", "يتوقعون", "يرون", "يحذرون", "يزعمون", "يرجحون",
    // Hopes stated (GUIDELINE 5.6), disclosing, telling someone: only with the one told
    // as a pronoun (`أخبره الأطباء بأنه`), since after a bare `أخبرت` the noun is as
    // often whom she told (`أخبرت المدير بأن`) as who told.
    "تمني", "تمنت", "تمنوا", "افصح", "افصحت", "اخبره", "اخبرها", "اخبرهم", "اخبرته", "اخبرتها", "اخبرني", "اخبرنا",
    // The passive (PASSIVE_CUES).
    "قيل", "يقال",
];

/// `قيل إن`, `يقال إنه`: "it was said": reported speech whose speaker the text does
/// not name (GUIDELINE 4: the speaker stays empty).
const PASSIVE_CUES: &[&str] = &["قيل", "يقال"];

/// `يُذكر أن` "it is worth noting that", `يُتوقع أن` "it is expected that": the
/// writer's own voice, not speech, when nothing stands between it and the
/// complementiser.
const WRITERS_NOTES: &[&str] = &["يذكر", "يتوقع", "يرجح"];

/// Documents whose words `جاء في` introduces (`وجاء في البيان أن`), search-normalised.
const DOCUMENT_NOUNS: &[&str] = &[
    "بيان", "البيان", "تقرير", "التقرير", "خطاب", "الخطاب", "رساله", "الرساله", "قرار", "القرار", "تغريده", "التغريده", "بلاغ", "البلاغ", "مذكره", "المذكره",
    "وثيقه", "الوثيقه", "نص", "النص", "دراسه", "الدراسه", "اعلان", "الاعلان", "تعميم", "التعميم",
];
/// Verbal nouns a speech verb takes as its object (`وأكد أهمية…`, `مؤكدةً ضرورة
/// الالتزام بأن…`): what follows is not reported speech, and they are not speakers.
const VERBAL_NOUN_OBJECTS: &[&str] = &["اهميه", "ضروره", "حرص", "امكانيه", "احتمال"];

/// "It seems": the complementiser after it is the writer's guess, however far a
/// speech verb stands before it (`مشيرة إلى نظام …، والذي يبدو أنه …`).
const SEEMS: &[&str] = &["يبدو", "تبدو", "بدا", "بدت"];

/// Prepositions after which a speech verb's form is a noun.
const NOUN_AFTER: &[&str] = &["من", "في", "علي", "الي", "عن", "بعد", "قبل", "منذ", "عند"];

/// Connectives that may stand between a comma and the next speech act (`، فيما أكد
/// الآخر أنه`): the reported clause before them ends at the comma.
const CONNECTIVES: &[&str] = &["فيما", "بينما", "كما", "حيث", "بل", "لكن", "لكنه", "لكنها", "لكنهم", "بعدما"];

/// Words that open a reason or purpose (`لأن`, `انطلاقاً من`, `سعياً إلى`): after a
/// semicolon they go on with the reported clause.
const REASON_WORDS: &[&str] = &["لان", "لانه", "لانها", "لانهم", "انطلاقا", "سعيا", "بهدف", "لكي", "كي", "نظرا", "حرصا"];

/// Cues that are also prepositions (`بيّن` / `بين` "between", `أبان` / `إبان` "during",
/// `عبّر` / `عبر` "through"): speech only where a sentence starts or after `و`/`ف`
/// (`وبيّن`, `وعبّر`).
const CUES_ALSO_PREPOSITIONS: &[&str] = &["بين", "ابان", "عبر"];

/// `من جهته` "for his part", and its variants, after `من`.
const FOR_ONES_PART: &[&str] = &["جهته", "جهتها", "جهتهم", "ناحيته", "ناحيتها", "جانبه", "جانبها", "جانبهم"];

/// Objects that make a verb of speech a prayer (`داعياً الله أن`, `سائلاً المولى أن`).
const PRAYED_TO: &[&str] = &["الله", "المولي", "ربه", "ربها", "الباري", "الخالق"];

/// Verbs of asking, which with [`PRAYED_TO`] anywhere before `أن` make a prayer.
const DIVINE_APPEALS: &[&str] = &["دعا", "دعت", "داعيا", "داعيه", "داعين", "سال", "سالت", "سائلا", "سائله", "سائلين", "ابتهل", "ابتهلت"];

/// Verbs that introduce someone's wording but not reported speech (`وصفه بـ«التاريخي»`,
/// `صاح "يا ساتر"`, `وجدد الناطق «رفض مصر…»`): cues of quotes in marks only.
const WORDING_CUES: &[&str] = &["وصف", "وصفت", "وصفوا", "وصفه", "وصفها", "وصفوها", "وصفته", "وصفتها", "وصفهم", "وصفتهم", "وصفوه", "واصفا", "واصفه", "واصفين", "صاح", "صاحت", "هتف", "هتفت", "هتفوا", "جدد", "جددت"];

/// Verbs of appeal: their object is often whom they address, not a speaker.
const APPEAL_VERBS: &[&str] = &["طالب", "طالبت", "طالبوا", "دعا", "دعت", "ناشد", "ناشدت", "ناشدوا"];

/// Participles of speech (`مؤكداً`, `مشيرين`): they add a speech act to the clause
/// before them, so a reported clause ends where one starts, comma or not.
const PARTICIPLE_CUES: &[&str] = &[
    "مضيفا", "مؤكدا", "موضحا", "مشيرا", "مشددا", "لافتا", "معتبرا", "قائلا", "معربا", "منوها", "مبينا", "كاشفا", "محذرا", "مطالبا", "داعيا", "مضيفه",
    "مؤكده", "موضحه", "مشيره", "مشدده", "لافته", "معتبره", "قائله", "مبينه", "مشيرين", "مؤكدين", "موضحين", "مضيفين", "لافتين", "مبينين", "مطالبين",
    "معتبرين", "قائلين", "متسائلا", "مختتما", "مختتمه", "سائلا", "معربه", "معربين", "مطالبه", "داعيه", "داعين", "محذره", "محذرين", "كاشفه",
    "منوهه", "منوهين", "متسائله", "متسائلين", "سائله", "سائلين", "متوقعا", "متوقعه", "متوقعين", "مستبعدا", "مستبعده", "مستبعدين", "موصيا", "موصيه", "موصين",
    "مفيدا", "مفيده", "مفيدين", "مرجحا", "مرجحه", "مرجحين", "ملمحا", "ملمحه", "ملمحين",
    // `معترفاً بأنه أخطأ`: an admission states something (GUIDELINE 5.10).
    "معترفا", "معترفه", "معترفين",
];

/// Participles of other acts of the speaker (thanking, praising, wishing,
/// citing, ascribing: `، شاكراً`, `مشيداً بـ`, `مستشهداً بـ`, `عازياً ذلك إلى`): they end a
/// reported clause as a speech participle does, comma or not, but introduce no quote
/// themselves.
const OTHER_ACTS: &[&str] = &[
    "شاكرا", "شاكره", "شاكرين", "مثمنا", "مثمنه", "مثمنين", "مشيدا", "مشيده", "مشيدين", "متمنيا", "متمنيه", "متمنين",
    "مستنكرا", "مستنكره", "مستنكرين", "مبديا", "مبديه", "مبدين", "مهنئا", "مهنئه", "مهنئين", "مرحبا", "مرحبه", "مرحبين", "مستعرضا", "مستعرضه",
    "مستشهدا", "مستشهده", "مستشهدين", "عازيا", "عازيه", "عازين", "متهما", "متهمه", "متهمين",
];

/// Of [`OTHER_ACTS`], those that end a reported clause without a comma too
/// (`… أياً كان مصدره مشيداً بجهود …`).
const ACTS_NEVER_ADJECTIVES: &[&str] = &[
    "شاكرا", "شاكره", "شاكرين", "مثمنا", "مثمنه", "مثمنين", "مشيدا", "مشيده", "مشيدين", "مستشهدا", "مستشهده", "مستشهدين", "عازيا", "عازيه", "عازين",
];

/// Perfect verbs that only report speech: joined by و or ف inside a reported clause and
/// followed by a complementiser, they start another report (`… ببراعة وقالت إن …`).
const REPORTING_VERBS: &[&str] = &[
    "قال", "قالت", "قالوا", "اضاف", "اضافت", "اضافوا", "ذكر", "ذكرت", "ذكروا", "لفت", "لفتت", "اشار", "اشارت", "اشاروا", "اوضح", "اوضحت", "تابع", "تابعت",
    "اعترف", "اعترفت",
];

/// "His/her/their saying" after `نقل … عن X`: the words relayed are X's.
const RELAYED_SAYING: &[&str] = &["قوله", "قولها", "قولهم", "قولهما"];

/// "From him/her/them": a relay from someone named before (`ونقل التلفزيون عنه قوله`).
const FROM_PRONOUNS: &[&str] = &["عنه", "عنها", "عنهم", "عنهما"];

/// "To me/us/him/her/them" right after a verb of speech (`وأضاف لي`): whom the words
/// were said to.
const TO_WHOM: &[&str] = &["لي", "لنا", "له", "لها", "لهم", "لهما"];

/// Perfect verbs after `إن` that make it "if" (`إن وجدت`, `إن لزم الأمر`, `إن أمكن`):
/// the complementiser `إنّ` takes a noun or a pronoun, never a verb.
const CONDITIONAL_VERBS: &[&str] = &["وجد", "وجدت", "وجدوا", "لزم", "امكن", "اقتضت", "اقتضي"];

/// Attribution phrases: the speaker follows them.
const ATTRIBUTION_WORDS: &[&str] = &["بحسب", "حسب", "وفق", "وفقا", "طبقا", "نقلا", "حسبما", "بحسبما"];

/// Complementisers that open reported speech (search-normalised, clitics off).
const COMPLEMENTISERS: &[&str] = &["ان", "انه", "انها", "انهم", "انهما", "اننا", "انني", "انه", "لان"];

/// Words that cannot start a speaker phrase (prepositions, particles, and the verbal
/// nouns a speech verb takes as its object: `وأكد أهمية…`, `وأكد ضرورة…`).
const NOT_SPEAKER: &[&str] = &[
    "علي", "الي", "في", "من", "عن", "ان", "انه", "انها", "ما", "لا", "ذلك", "هذا", "هذه", "خلال", "امس", "اليوم", "ايضا", "قد", "عبر", "بعد", "قبل", "كما", "ل",
    "ب", "فيه", "فيها", "الشهر", "الاسبوع", "السنه", "الليله", "الماضي", "مساء", "يوم", "عنه", "عنها", "عنهم", "عنك", "شكره", "شكرها",
    // Manners and times (`، دون التطرق للتفاصيل،`). (`أمام` "before" is told from
    // `إمام` "imam" by its hamza, and the one spoken to, `وأضاف لي`, by its place, in
    // `speaker_after`.)
    "دون", "بدون", "وسط", "اثناء", "عقب",
    // Adverbs of time without their written tanween (`صرحت أخيرا بأن`).
    "اخيرا", "مؤخرا", "حاليا", "سابقا", "لاحقا", "مجددا", "مرارا", "مسبقا",
];

/// Words that end a speaker phrase: the speech event the subject delivers (`ألقى وزير
/// الزراعة كلمة قال فيها`) and asking not to be named (`وقال المسؤول طالباً عدم ذكر
/// اسمه`).
const NOT_IN_SPEAKER: &[&str] = &["هو", "هي", "كلمه", "بيانا", "تصريحا", "خطابا", "طالبا", "طالبه", "طالبين", "رافضا", "رافضه", "مفضلا", "مفضله"];

/// How far after a cue its complementiser may stand, in tokens: a long title, a name
/// and `في تصريح خاص لـ«المدينة»` can come between them.
const COMPLEMENTISER_WINDOW: usize = 24;

/// Words that make a following `أن` a conjunction (`بعد أن`, `إلا أن`), not the start
/// of reported speech.
const NOT_BEFORE_COMPLEMENTISER: &[&str] = &["بعد", "قبل", "منذ", "رغم", "برغم", "بالرغم", "الرغم", "الا", "غير", "كما", "حيث", "لولا", "بما", "مع", "دون", "بدون", "حتي", "لو", "اذ", "علما", "لاسيما", "سيما"];

/// Verbs of wanting, modals and verbs of pleasure take `أن` + subjunctive (`لتود أن
/// تؤكد`, `إذا أردت أن`, `ويفترض أن`, `ويسعدها دوما أن`): with one word at most between,
/// that `أن` opens no reported speech.
const SUBJUNCTIVE_TAKERS: &[&str] = &[
    "تود", "يود", "نود", "اود", "اراد", "ارادت", "اردت", "يريد", "تريد", "نريد", "اريد", "يجب", "ينبغي", "يمكن", "يفترض", "يتعين", "عليه", "عليها", "عليهم",
    "يسعد", "يسعدها", "يسعده", "يسعدنا", "يسعدني", "يسر", "يسرها", "يسره", "يسرنا", "يسرني",
    // "Can" (`لا يستطيع أن`).
    "يستطيع", "تستطيع", "يستطيعون", "نستطيع", "استطاع", "استطاعت",
];

/// Verbs of knowing (`وكان الطبيب يعرف أنه`, `وعلمت «المدينة» أن`): the `أن` right
/// after one is its object, not what an earlier speech verb reported.
const KNOWING_VERBS: &[&str] = &["يعرف", "تعرف", "يعرفون", "يعلم", "تعلم", "يعلمون", "يدرك", "تدرك", "يدركون", "ادرك", "ادركت", "علمت", "عرفت", "يظن", "تظن", "يظنون"];

/// Longest speaker phrase, in tokens.
const MAX_SPEAKER_TOKENS: usize = 9;
/// How far before a quote mark a cue may stand, in tokens.
const CUE_WINDOW: usize = 12;
/// A quote in marks with fewer words is a name or a term unless a cue or colon
/// introduces it.
const MIN_BARE_QUOTE_WORDS: usize = 4;
/// Marks that no cue, colon or complementiser introduces hold someone's words only when
/// they run to a sentence's length; shorter, they name or label (`ورغم تقدم «أو إف كيه
/// بلغراد»`, `ويركز المؤتمر على بحث «تكامل صناعات الألمنيوم …»`).
const MIN_UNCUED_QUOTE_WORDS: usize = 10;

/// Finds the document's quotes (tokens, sentences and entities must be filled).
pub fn find_quotes(doc: &Document) -> Vec<Quote> {
    find_quotes_indexed(doc, &DocIndex::new(&doc.text, &doc.tokens))
}

/// Half-open spans of text, asked in O(log n) whether one of them holds a position or
/// a span: asking a list would make a text with many quotes quadratic.
struct SpanSet {
    starts: Vec<usize>,
    /// The furthest end among the spans up to each, in order of start.
    reach: Vec<usize>,
}

impl SpanSet {
    fn new(spans: impl Iterator<Item = (usize, usize)>) -> SpanSet {
        let mut v: Vec<(usize, usize)> = spans.collect();
        v.sort_unstable();
        let starts = v.iter().map(|s| s.0).collect();
        let reach = v.iter().scan(0, |r, s| {
            *r = s.1.max(*r);
            Some(*r)
        });
        SpanSet { starts, reach: reach.collect() }
    }

    /// Whether one span holds all of `[a, b)`.
    fn covers(&self, a: usize, b: usize) -> bool {
        let k = self.starts.partition_point(|&s| s <= a);
        k > 0 && self.reach[k - 1] >= b
    }

    /// Whether one span holds char `pos`.
    fn contains(&self, pos: usize) -> bool {
        self.covers(pos, pos + 1)
    }
}

/// [`find_quotes`] with the document's index already built.
pub fn find_quotes_indexed(doc: &Document, index: &DocIndex) -> Vec<Quote> {
    let ctx = Ctx::new(doc, index);
    let mut quotes = direct_quotes(&ctx);
    let covered = SpanSet::new(quotes.iter().map(|q| (q.start, q.end)));
    quotes.extend(colon_quotes(&ctx, &covered));
    let covered = SpanSet::new(quotes.iter().map(|q| (q.start, q.end)));
    let reported = reported_quotes(&ctx, &covered);
    // Marks inside a reported clause quote the speaker's words within it: one quote.
    let in_reported = SpanSet::new(reported.iter().map(|r| (r.start, r.end)));
    quotes.retain(|d| !in_reported.covers(d.start, d.end));
    quotes.extend(reported);
    quotes.sort_by_key(|q| q.start);
    // One quote per stretch of text: a cue inside an attribution phrase (`ووفقاً لما
    // صرح به`) finds the same clause again.
    let mut end = 0;
    quotes.retain(|q| {
        let keep = q.start >= end;
        end = end.max(q.end);
        keep
    });
    resolve_dropped_speakers(&ctx, &mut quotes);
    quotes
}

/// The word lists a key is in, as [`list`] bits.
fn lists_of(key: &str) -> u8 {
    static TABLE: std::sync::OnceLock<FxHashMap<&'static str, u8>> = std::sync::OnceLock::new();
    let table = TABLE.get_or_init(|| {
        let mut t: FxHashMap<&'static str, u8> = FxHashMap::default();
        let lists: [(&[&'static str], u8); 7] = [
            (CUE_WORDS, list::CUE),
            (PARTICIPLE_CUES, list::PARTICIPLE),
            (ATTRIBUTION_WORDS, list::ATTRIBUTION),
            (COMPLEMENTISERS, list::COMPLEMENTISER),
            (WORDING_CUES, list::WORDING),
            (NOT_SPEAKER, list::NOT_SPEAKER),
            (VERBAL_NOUN_OBJECTS, list::NOT_SPEAKER),
        ];
        for (words, bit) in lists {
            for w in words {
                *t.entry(w).or_default() |= bit;
            }
        }
        t
    });
    table.get(key).copied().unwrap_or(0)
}

/// Bits of [`lists_of`].
mod list {
    pub const CUE: u8 = 1;
    pub const PARTICIPLE: u8 = 2;
    pub const ATTRIBUTION: u8 = 4;
    pub const COMPLEMENTISER: u8 = 8;
    pub const WORDING: u8 = 16;
    pub const NOT_SPEAKER: u8 = 32;
}

/// The document with per-token look-ups precomputed.
struct Ctx<'a> {
    doc: &'a Document,
    slicer: &'a CharSlicer<'a>,
    /// Per token: a speech cue (verb or participle), a participle cue, a cue of
    /// wording only, an attribution phrase, a complementiser.
    cue: Vec<bool>,
    participle: Vec<bool>,
    wording: Vec<bool>,
    attribution: Vec<bool>,
    complementiser: Vec<bool>,
    /// Each token's word without proclitics, search-normalised, interned (a
    /// document repeats its forms; each is keyed once).
    keys: Keys,
    /// Per key: in [`NOT_SPEAKER`] or [`VERBAL_NOUN_OBJECTS`].
    not_speaker_key: Vec<bool>,
    /// Each token's entity (index into `doc.entities`), when a mention covers it.
    entity_of: Vec<Option<usize>>,
}

impl<'a> Ctx<'a> {
    fn new(doc: &'a Document, index: &'a DocIndex<'a>) -> Self {
        let key_texts = Keys::build(&doc.tokens, &index.forms, push_key);
        let keys = key_texts.ids();
        let mut entity_of = vec![None; doc.tokens.len()];
        for (e, ent) in doc.entities.iter().enumerate() {
            for m in &ent.mentions {
                let first = doc.tokens.partition_point(|t| t.end <= m.start);
                for (k, t) in doc.tokens.iter().enumerate().skip(first) {
                    if t.start >= m.end {
                        break;
                    }
                    entity_of[k] = Some(e);
                }
            }
        }
        // The word lists are asked once per distinct key, in one table.
        let key_lists: Vec<u8> = key_texts.texts().map(lists_of).collect();
        let in_list = |list: u8| -> Vec<bool> { key_lists.iter().map(|&l| l & list != 0).collect() };
        let (verb_key, participle_key) = (in_list(list::CUE), in_list(list::PARTICIPLE));
        let (attribution_key, complementiser_key) = (in_list(list::ATTRIBUTION), in_list(list::COMPLEMENTISER));
        let is_word = |k: usize| doc.tokens[k].kind == TokenKind::Word;
        // `واختتم حديثه بالقول «…»`: "by saying" and words in marks add speech to the
        // clause, as a participle does (`القول` alone is also the writer's `يمكن القول
        // إن`; `ردّ … بالقول إنها` is a response, not annotated as speech in the gold set).
        let by_saying = |k: usize| {
            key_texts.text(keys[k]) == "القول"
                && proclitic(&doc.tokens[k]) == Some("ب")
                && doc.tokens.get(k + 1).is_some_and(|t| t.kind == TokenKind::Punct && matches!(t.text.as_str(), "«" | "\"" | "“" | ":"))
        };
        // `إصابة مؤكدة بإنفلونزا الطيور`, `عقوبات مشددة وحازمة`: a feminine participle
        // right after a feminine noun (or a plural of things), with neither comma nor a
        // complement of speech (`أن`, `على`, `إلى`) after it, agrees with the noun as its
        // adjective.
        let adjective = |k: usize| {
            let next_is_complement = doc.tokens.get(k + 1).is_none_or(|t| {
                t.kind != TokenKind::Word || complementiser_key[keys[k + 1] as usize] || matches!(key_texts.text(keys[k + 1]), "علي" | "الي")
            });
            k > 0 && doc.tokens[k].text.ends_with('ة') && is_word(k - 1) && (doc.tokens[k - 1].text.ends_with('ة') || doc.tokens[k - 1].text.ends_with("ات")) && !next_is_complement
        };
        let participle: Vec<bool> = (0..keys.len()).map(|k| is_word(k) && (participle_key[keys[k] as usize] || by_saying(k)) && !adjective(k)).collect();
        // (`كما بين أنه` "as he also explained that".)
        // (`، أبان الصباغ أن`: after a comma, `أبان` spelt with hamza above is the verb
        // "made clear"; the preposition "during" is `إبان`.)
        let clause_start = |k: usize| {
            k == 0
                || matches!(doc.tokens[k - 1].text.as_str(), "." | "!" | "?" | "؟" | ":")
                || matches!(proclitic(&doc.tokens[k]), Some("و" | "ف"))
                || key_texts.text(keys[k - 1]) == "كما"
                || (matches!(doc.tokens[k - 1].text.as_str(), "،" | ",") && doc.tokens[k].text.starts_with("أبان"))
        };
        // After a preposition, a verb's form is its verbal noun (`من توقع قراءات`,
        // `بعد كشف الشرطة`).
        let after_preposition = |k: usize| {
            let prev = if k > 0 { key_texts.text(keys[k - 1]) } else { "" };
            NOUN_AFTER.contains(&prev)
                && !(prev == "علي" && doc.tokens[k - 1].text.ends_with('ي')) // the name علي, not the preposition على
                && doc.tokens[k].segments.first().is_none_or(|s| s.kind != SegmentKind::Proclitic)
        };
        // `لم يذكر توقيت الحادثة`, `طالباً عدم ذكر اسمه`: what was not said is no
        // speech act; `ما يضيف إلى هذا الضغط` "what adds to" is no `أضاف` of speech.
        // `أعترف بأنني` "I admit": a writer's own voice (the perfect is written `اعترف`).
        let i_admit = |k: usize| {
            key_texts.text(keys[k]) == "اعترف" && doc.tokens[k].segments.iter().find(|s| s.kind == SegmentKind::Stem).is_some_and(|s| s.text.starts_with('أ'))
        };
        let negated = |k: usize| k > 0 && matches!(key_texts.text(keys[k - 1]), "لم" | "لن" | "عدم" | "لا");
        let adds_to = |k: usize| matches!(key_texts.text(keys[k]), "اضاف" | "اضافت" | "يضيف" | "تضيف") && k + 1 < keys.len() && key_texts.text(keys[k + 1]) == "الي";
        // `وجاء في البيان أن …`, `وجاء في بيان: «…»`: a document's words, the document
        // their speaker (GUIDELINE 2.3, 5.1).
        let in_document = |k: usize| {
            is_word(k) && key_texts.text(keys[k]) == "جاء" && k + 2 < keys.len() && key_texts.text(keys[k + 1]) == "في" && DOCUMENT_NOUNS.contains(&key_texts.text(keys[k + 2]))
        };
        // `قيل إن` states what was said only right before its complementiser (not `قيل
        // له:`, `كما يقال:` of a proverb or a dictionary) and not as a supposition (`لو
        // قيل إن`, `ما يقال`).
        let unstated = |k: usize| {
            PASSIVE_CUES.contains(&key_texts.text(keys[k]))
                && (!doc.tokens.get(k + 1).is_some_and(|t| t.kind == TokenKind::Word && complementiser_key[keys[k + 1] as usize])
                    || (k > 0 && matches!(key_texts.text(keys[k - 1]), "لو" | "اذا" | "ان" | "ما" | "مما" | "كما")))
        };
        let cue = (0..keys.len())
            .map(|k| {
                let speech_verb = is_word(k) && verb_key[keys[k] as usize] && !after_preposition(k) && !negated(k) && !adds_to(k) && !i_admit(k);
                participle[k] || (speech_verb && (clause_start(k) || !CUES_ALSO_PREPOSITIONS.contains(&key_texts.text(keys[k]))) && !unstated(k)) || in_document(k)
            })
            .collect();
        let wording_key = in_list(list::WORDING);
        let wording = (0..keys.len()).map(|k| is_word(k) && wording_key[keys[k] as usize]).collect();
        // (`ليس … فحسب، بل`: `فحسب` is "only".)
        let only = |k: usize| proclitic(&doc.tokens[k]) == Some("ف") && key_texts.text(keys[k]) == "حسب";
        let attribution = (0..keys.len()).map(|k| is_word(k) && attribution_key[keys[k] as usize] && !only(k)).collect();
        // `اتش7إن7`, `دي.سي.ان.اس`: a complementiser is a word of its own, not part of
        // a name written without spaces (a comma or a mark may touch it, not a letter,
        // a digit or a dot).
        let glued = |k: usize| {
            let toks = &doc.tokens;
            (k > 0 && toks[k - 1].end == toks[k].start && (matches!(toks[k - 1].kind, TokenKind::Word | TokenKind::Number | TokenKind::Latin) || toks[k - 1].text == "."))
                || toks.get(k + 1).is_some_and(|n| n.start == toks[k].end && n.text == ".")
        };
        let complementiser = (0..keys.len()).map(|k| complementiser_key[keys[k] as usize] && !glued(k)).collect();
        let not_speaker_key = in_list(list::NOT_SPEAKER);
        Ctx { doc, slicer: &index.slicer, cue, participle, wording, attribution, complementiser, keys: key_texts, not_speaker_key, entity_of }
    }

    /// Token `k`'s word without proclitics, search-normalised (empty unless a word, and
    /// past the last token: rules look ahead of the token they stand on).
    fn key(&self, k: usize) -> &str {
        if k < self.doc.tokens.len() {
            self.keys.text(self.keys.of(k))
        } else {
            ""
        }
    }

    fn tokens(&self) -> &[Token] {
        &self.doc.tokens
    }

    fn is_cue(&self, k: usize) -> bool {
        self.cue[k]
    }

    fn is_participle(&self, k: usize) -> bool {
        self.participle[k]
    }

    /// A participle cue (`مؤكداً`, `واصفاً`): the speaker is not named after it.
    fn is_subjectless(&self, k: usize) -> bool {
        self.participle[k] || (self.wording[k] && self.key(k).starts_with("واصف"))
    }

    /// A preposition or particle that cannot start or continue a speaker phrase. The
    /// name `علي` is told from the preposition `على` by its final letter, which search
    /// normalisation folds.
    fn is_not_speaker(&self, k: usize) -> bool {
        self.not_speaker_key[self.keys.of(k) as usize] && !(self.key(k) == "علي" && self.doc.tokens[k].text.ends_with('ي'))
    }

    /// A speech verb with an object pronoun (`ما أعلنه`, `ما ذكرته`).
    fn is_cue_with_object(&self, k: usize) -> bool {
        self.stem_key(k).is_some_and(|stem| CUE_WORDS.contains(&stem.as_str()))
    }

    /// Token `k`'s stem, search-normalised, when it carries an enclitic (`حملتها` →
    /// `حمله`, `أعلنه` → `اعلن`); for the rarer look-ups that [`Ctx::key`] misses.
    fn stem_key(&self, k: usize) -> Option<String> {
        let t = &self.doc.tokens[k];
        if t.kind != TokenKind::Word || !t.segments.iter().any(|s| s.kind == SegmentKind::Enclitic) {
            return None;
        }
        let stem: String = t.segments.iter().filter(|s| s.kind == SegmentKind::Stem).map(|s| s.text.as_str()).collect();
        Some(normalize(&stem, &NormalizeOptions::search()))
    }

    fn is_attribution(&self, k: usize) -> bool {
        self.attribution[k]
    }

    /// (`false` past the last token.)
    fn is_complementiser(&self, k: usize) -> bool {
        self.complementiser.get(k).copied().unwrap_or(false)
    }

    /// Token `k`'s text when it is punctuation (`None` past the last token too).
    fn punct(&self, k: usize) -> Option<&str> {
        let t = self.doc.tokens.get(k)?;
        (t.kind == TokenKind::Punct).then_some(t.text.as_str())
    }

    /// A dot that ends no sentence: a title's initial (`د. عبدالله`) or a spelt-out
    /// letter (`سي. إن. إن.`), by the sentence splitter's rule
    /// ([`crate::text::sentences::dot_continues`]), with this stage's paragraph breaks.
    fn is_initial_dot(&self, k: usize) -> bool {
        let toks = self.tokens();
        let view = |j: usize| {
            toks.get(j).map(|t| DotToken { text: t.text.as_str(), kind: t.kind, glued: j > 0 && touches(self.slicer.slice(toks[j - 1].end, t.start)), new_line: j > 0 && self.newline_between(j - 1, j) })
        };
        self.punct(k) == Some(".") && dot_continues(k, view)
    }

    /// First token starting at or after char `pos`.
    fn token_at(&self, pos: usize) -> usize {
        self.doc.tokens.partition_point(|t| t.start < pos)
    }

    fn span(&self, start: usize, end: usize) -> Span {
        Span { start, end, text: self.slicer.slice(start, end).to_string() }
    }

    /// The sentence (index) containing char `pos`.
    fn sentence_of(&self, pos: usize) -> Option<usize> {
        // Sentences are ordered and do not overlap.
        let sentences = &self.doc.sentences;
        let i = sentences.partition_point(|s| s.end.max(s.start + 1) <= pos);
        sentences.get(i).filter(|s| s.start <= pos).map(|_| i)
    }

    /// Punctuation that closes a sentence or clause: left out at a quote's end.
    fn is_clause_punct(&self, k: usize) -> bool {
        matches!(self.punct(k), Some("." | "!" | "؟" | "?" | "؛" | "،" | ","))
    }

    /// Whether a paragraph break stands between tokens `a` and `b`: a line break, or a
    /// run of spaces holding a no-break space or three spaces (`. \u{a0} `), which some
    /// outlets (sabq) put between paragraphs instead.
    fn newline_between(&self, a: usize, b: usize) -> bool {
        if a >= b {
            return false;
        }
        let gap = self.slicer.slice(self.doc.tokens[a].end, self.doc.tokens[b].start);
        gap.contains('\n') || paragraph_gap(gap)
    }

    /// The start of token `k` without its proclitics.
    fn start_without_clitics(&self, k: usize) -> usize {
        let t = &self.doc.tokens[k];
        t.segments.iter().find(|s| s.kind != SegmentKind::Proclitic).map_or(t.start, |s| s.start)
    }
}

/// A token's word without proclitics, search-normalised, into `out` (cleared first;
/// left empty unless a word).
fn push_key(t: &Token, out: &mut String) {
    out.clear();
    if t.kind != TokenKind::Word {
        return;
    }
    if t.segments.is_empty() {
        normalize_append(&t.text, &NormalizeOptions::search(), out);
    } else {
        // Segments follow one another, so normalising them one by one is normalising
        // their concatenation.
        for s in t.segments.iter().skip_while(|s| s.kind == SegmentKind::Proclitic) {
            normalize_append(&s.text, &NormalizeOptions::search(), out);
        }
    }
}

/// A pair of quotation marks: char offsets of the opening and closing mark (either may
/// be missing).
struct Marks {
    open: Option<usize>,
    close: Option<usize>,
}

/// Which way a straight quote faces, from its neighbours.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Side {
    Open,
    Close,
    Either,
}

/// A straight quote opens after a space or a colon and before a word (`قال: "من`); it
/// closes after a word and before a space or punctuation (`العالم". `).
fn straight_side(prev: Option<char>, next: Option<char>) -> Side {
    let space_before = prev.is_none_or(|c| c.is_whitespace() || matches!(c, ':' | '(' | '«' | '“' | '['));
    let space_after = next.is_none_or(|c| c.is_whitespace() || matches!(c, '.' | '،' | ',' | '؛' | ';' | ':' | '!' | '?' | '؟' | ')' | ']'));
    match (space_before, space_after) {
        (true, false) => Side::Open,
        (false, true) => Side::Close,
        _ => Side::Either,
    }
}

/// One kind of paired marks (« » or “ ”) while pairing: the opening marks not yet
/// closed, which nest; and a closing-shaped mark that opened (see [`Nesting::right`]).
#[derive(Default)]
struct Nesting {
    open: Vec<usize>,
    right_open: Option<usize>,
    /// The text never writes the closing shape (`« آفيون « التركية`): the opening one
    /// serves for both, and pairs as straight quotes do.
    left_only: bool,
}

impl Nesting {
    /// An opening-shaped mark (« or “) at char `i`: it opens, unless it closes a
    /// closing-shaped mark that opened (`شعار ” إنقاذ اليمن “`, `»…«`).
    fn left(&mut self, i: usize, side: Side, out: &mut Vec<Marks>) {
        if self.left_only && side != Side::Open {
            if let Some(o) = self.open.pop() {
                out.push(Marks { open: Some(o), close: Some(i) });
                return;
            }
        }
        match self.right_open.take() {
            Some(o) if side != Side::Open => out.push(Marks { open: Some(o), close: Some(i) }),
            pending => {
                self.right_open = pending;
                self.open.push(i);
            }
        }
    }

    /// A closing-shaped mark (» or ”) at char `i`: it closes the last one open. With
    /// none open, some outlets write it on both sides (`بـ”المتخصص في الفشل”`,
    /// `لـ»المدينة»`): facing a word, it opens, and the next one, within its paragraph,
    /// closes it, as straight quotes pair.
    fn right(&mut self, i: usize, side: Side, out: &mut Vec<Marks>) {
        match (self.open.pop(), self.right_open.take()) {
            (Some(o), pending) => {
                self.right_open = pending;
                out.push(Marks { open: Some(o), close: Some(i) });
            }
            (None, Some(o)) => out.push(Marks { open: Some(o), close: Some(i) }),
            (None, None) if side != Side::Close => self.right_open = Some(i),
            (None, None) => out.push(Marks { open: None, close: Some(i) }),
        }
    }

    /// A closing-shaped mark that found no partner in its paragraph is what it looks
    /// like: a closing mark whose opening one is missing.
    fn end_paragraph(&mut self, out: &mut Vec<Marks>) {
        if let Some(c) = self.right_open.take() {
            out.push(Marks { open: None, close: Some(c) });
        }
    }
}

/// Pairs quotation marks over the text: «» and “” nest; straight quotes (and a » or ”
/// with none open, [`Nesting::right`]) pair within a paragraph by the way each faces,
/// else alternately.
fn pair_marks(text: &str) -> Vec<Marks> {
    let mut out = Vec::new();
    let mut guillemets = Nesting { left_only: !text.contains('»'), ..Nesting::default() };
    let mut curly = Nesting { left_only: !text.contains('”'), ..Nesting::default() };
    let mut straight: Option<usize> = None;
    let mut prev = None;
    let mut chars = text.chars().peekable();
    let mut i = 0;
    while let Some(c) = chars.next() {
        match c {
            '«' => guillemets.left(i, straight_side(prev, chars.peek().copied()), &mut out),
            '»' => guillemets.right(i, straight_side(prev, chars.peek().copied()), &mut out),
            '“' => curly.left(i, straight_side(prev, chars.peek().copied()), &mut out),
            '”' => curly.right(i, straight_side(prev, chars.peek().copied()), &mut out),
            // Publishing software turns a closing " after a digit into a double prime
            // (`“شاهين 2″`, `“sport360″`): it closes an open “, and is inches otherwise.
            '″' => {
                if let Some(o) = curly.open.pop() {
                    out.push(Marks { open: Some(o), close: Some(i) });
                }
            }
            '"' => match (straight_side(prev, chars.peek().copied()), straight.take()) {
                // Two openers in a row: the first was never closed (`وقال "الفوزان
                // لقناة "المجد: "من يقرأ…"`); pairing by alternation would shift every
                // later pair of the paragraph by one.
                (Side::Open, _) => straight = Some(i),
                (_, Some(o)) => out.push(Marks { open: Some(o), close: Some(i) }),
                (Side::Close, None) => out.push(Marks { open: None, close: Some(i) }),
                (Side::Either, None) => straight = Some(i),
            },
            '\n' => {
                // A straight quote left open at a paragraph end: the writer will not
                // close it later (a new paragraph reopens). Guillemets may span
                // paragraphs, so they stay open.
                if let Some(o) = straight.take() {
                    out.push(Marks { open: Some(o), close: None });
                }
                guillemets.end_paragraph(&mut out);
                curly.end_paragraph(&mut out);
            }
            _ => {}
        }
        prev = Some(c);
        i += 1;
    }
    for o in guillemets.open.into_iter().chain(curly.open).chain(straight) {
        out.push(Marks { open: Some(o), close: None });
    }
    for c in guillemets.right_open.into_iter().chain(curly.right_open) {
        out.push(Marks { open: None, close: Some(c) });
    }
    // Outermost first, so that nested marks inside a quote are part of it.
    out.sort_by_key(|m| (m.open.or(m.close).unwrap_or(0), std::cmp::Reverse(m.close.unwrap_or(usize::MAX))));
    out
}

fn direct_quotes(ctx: &Ctx) -> Vec<Quote> {
    let text = &ctx.doc.text;
    let mut out: Vec<Quote> = Vec::new();
    let mut taken_until = 0usize;
    // Line breaks and colons, found in one pass and only when a mark lacks its pair: a
    // text of many such marks on one long line must not be walked for each of them.
    let index = std::cell::OnceCell::new();
    let lines = || index.get_or_init(|| LineIndex::new(text));
    for m in pair_marks(text) {
        let (start, end) = match (m.open, m.close) {
            (Some(o), Some(c)) => (o + 1, c),
            // (Inside a quote already taken it is nested and dropped below: its end,
            // a scan, is not needed.)
            (Some(o), None) if o + 1 < taken_until => continue,
            (Some(o), None) => (o + 1, unclosed_end(ctx, o + 1, lines().paragraph(o).1)),
            (None, Some(c)) => {
                // Missing opening mark: the quote starts after the last colon (or the
                // paragraph start) before its closing mark.
                let (ps, _) = lines().paragraph(c);
                let colons = &lines().colons;
                match colons[..colons.partition_point(|&i| i < c)].last() {
                    Some(&k) if k >= ps => (k + 1, c),
                    _ => continue,
                }
            }
            (None, None) => continue,
        };
        if start >= end || start < taken_until {
            continue;
        }
        let (start, end) = trim(ctx.slicer, start, end);
        if start >= end {
            continue;
        }
        let first = ctx.token_at(start);
        let last = ctx.tokens()[..].partition_point(|t| t.end <= end);
        let words = (first..last.min(ctx.tokens().len())).filter(|&k| ctx.tokens()[k].kind == TokenKind::Word).count();
        let open_at = m.open.unwrap_or(start);
        // What stands before the opening mark: a cue (with its speaker) or a colon.
        let before = ctx.token_at(open_at);
        let (cue, speaker) = find_cue_before(ctx, before);
        let colon_before = before > 0 && ctx.punct(before - 1) == Some(":");
        // `تحت شعار “…”`, `بعنوان «…»`: marks after a noun that names things hold a
        // name or a title, unless a cue introduces them (`وقال في كتابه «…»`).
        // (`بعنوان: «…»` too.)
        // (`حملتها "…"`: with a possessive too, where ة is written ت; but not before a
        // colon, where `في تقديمه لكتابه: "…"` introduces the book's words.)
        let possessed_title = |j: usize| {
            ctx.stem_key(j).is_some_and(|stem| {
                let feminine = stem.strip_suffix('ت').map(|s| format!("{s}ه"));
                TITLE_NOUNS.contains(&stem.as_str()) || feminine.is_some_and(|f| TITLE_NOUNS.contains(&f.as_str()))
            })
        };
        let titled = (before > 0 && (TITLE_NOUNS.contains(&ctx.key(before - 1)) || possessed_title(before - 1)))
            || (colon_before && before > 1 && TITLE_NOUNS.contains(&ctx.key(before - 2)));
        // (`أشارت الدراسة التي حملت عنوان "…"، إلى أن`: a cue further back introduces
        // the clause, not the title.)
        let cue_far = cue.as_ref().is_some_and(|c| ctx.token_at(c.end) + 3 < before);
        if titled && (cue.is_none() || cue_far) {
            continue;
        }
        // `محمد «صلى الله عليه وسلم»`: a blessing after a name is nobody's words.
        let blessing = words <= 5 && {
            let t = normalize(ctx.slicer.slice(start, end), &NormalizeOptions::search());
            t.starts_with("صلي الله عليه") || t.starts_with("رضي الله عن") || t == "عليه السلام"
        };
        if blessing {
            continue;
        }
        // `وحسب موقع "سكاي نيوز عربية"`: marks right after an outlet's noun hold its
        // name, cue or not.
        if before > 0 && OUTLET_NOUNS.contains(&ctx.key(before - 1)) {
            continue;
        }
        // `وبحسب "الألمانية"`, `نقلاً عن «رويترز»`: short marks right after an
        // attribution hold its source's name.
        // (`نقلت عنه “عكاظ”`: and after whom words are relayed from.)
        let after_attribution = before > 0
            && (ctx.is_attribution(before - 1) || matches!(ctx.key(before - 1), "عنه" | "عنها" | "عنهم") || (before > 1 && ctx.is_attribution(before - 2) && matches!(ctx.key(before - 1), "عن" | "ل")));
        if after_attribution && words < MIN_BARE_QUOTE_WORDS {
            continue;
        }
        // A subject named in marks right after its verb (`صرح "مركز فلب فلاب فن"
        // الترفيهي بأنه`, `تابع "خلفان" هجومه`) is the speaker, not a quote.
        let subject_in_marks = before > 0
            && ctx.is_cue(before - 1)
            && ctx.punct(before).is_some_and(|open| name_in_marks(ctx, before, open, ctx.tokens().len()).is_some());
        if subject_in_marks {
            continue;
        }
        // A name in marks is a name, whatever precedes it.
        let all_entity = words > 0 && (first..last).filter(|&k| ctx.tokens()[k].kind == TokenKind::Word).all(|k| ctx.entity_of[k].is_some());
        // The cue introduces the marks directly, or through its complementiser
        // (`وأكدت الوزارة أنها "تراقب عن كثب"`, `واصفاً القرار بأنه "تعسفي"`).
        // Through a complementiser, unless one marked word heads a longer clause:
        // `أن "نزاهة" توضح ذلك` marks a name, `أنها "تراقب عن كثب" القضية` words.
        let after_close = m.close.map(|c| ctx.token_at(c + 1));
        let ends_clause = after_close.is_none_or(|k| ctx.tokens().get(k).is_none_or(|t| t.kind != TokenKind::Word));
        let via_complementiser = before > 0 && ctx.is_complementiser(before - 1) && (words > 1 || ends_clause);
        // `وأكدت صفحة «أطباء بلا حدود» أن «…»`, `قال مسؤول لـ"سبق": "…"`: a short name in
        // marks before a complementiser, or before a colon and more marks, names who
        // speaks or to whom; the words follow it.
        let names_speaker = words < MIN_BARE_QUOTE_WORDS
            && after_close.is_some_and(|k| ctx.is_complementiser(k) || (ctx.punct(k) == Some(":") && matches!(ctx.punct(k + 1), Some("«" | "\"" | "“"))));
        if names_speaker {
            continue;
        }
        // `وصفوها بـ"…"`: a lone preposition may stand between the cue and the marks.
        let next_to_cue = |c: &Span| {
            let after = ctx.token_at(c.end);
            after + 1 >= before || (after + 2 == before && matches!(ctx.tokens()[after].text.as_str(), "ب" | "بـ")) || wording_after_object(ctx, ctx.token_at(c.start), before)
        };
        let cue_adjacent = cue.as_ref().is_some_and(|c| next_to_cue(c) || via_complementiser);
        if all_entity || (words < MIN_BARE_QUOTE_WORDS && !cue_adjacent && !colon_before) || words == 0 {
            continue;
        }
        // `أعرب مدير "مهرجان أبها للتسوق" …`, `أعلن متمردو "حركة الشباب"`: short marks after
        // the noun that follows a cue name what the noun heads; `وقال أمس "…"`,
        // `وقال قائلاً "…"` and a verb of wording (`وصفه بالقميص “الذكوري”`) keep their cue.
        let after_noun = before > 0 && ctx.tokens()[before - 1].kind == TokenKind::Word && !ctx.is_cue(before - 1) && !ctx.is_complementiser(before - 1) && !ctx.is_not_speaker(before - 1);
        let names_the_noun = cue.as_ref().is_some_and(|c| {
            let k = ctx.token_at(c.start);
            k + 2 == before && !ctx.wording[k]
        });
        if words < MIN_BARE_QUOTE_WORDS && after_noun && !via_complementiser && names_the_noun {
            continue;
        }
        let (cue, speaker) = match cue {
            Some(c) => (Some(c), speaker),
            None => match label_before_colon(ctx, before) {
                Some(sp) => (None, Some(sp)),
                None => match sentence_opening_cue(ctx, before) {
                    (None, _) => find_cue_after(ctx, m.close.map_or(last, |c| ctx.token_at(c + 1))),
                    found => found,
                },
            },
        };
        let after_complementiser = before > 0 && ctx.is_complementiser(before - 1);
        if cue.is_none() && !colon_before && !after_complementiser && words < MIN_UNCUED_QUOTE_WORDS {
            continue;
        }
        // `وتوجيه سؤالك مثل: «أليكسا، …»`, `وفق ما يلي: «…»`: examples and list items
        // after a colon, not anyone's words.
        // (`وقال ما يلي: «…»` is speech: a verb of speech introduces the list.)
        let intro = if colon_before && before > 1 { ctx.key(before - 2) } else { "" };
        let no_speech_verb = cue.as_ref().is_none_or(|c| ctx.is_attribution(ctx.token_at(c.start)));
        if (matches!(intro, "يلي" | "التالي" | "كالتالي" | "الاتي" | "كالاتي") && no_speech_verb) || (matches!(intro, "مثل" | "مثلا") && cue.is_none()) {
            continue;
        }
        // `من الشركات الكبرى الثلاث: “يونيفرسال” و”سوني”`: short marks after a colon that
        // no cue introduces list names.
        if cue.is_none() && colon_before && words < MIN_BARE_QUOTE_WORDS {
            continue;
        }
        out.push(Quote { start, end, text: ctx.slicer.slice(start, end).to_string(), kind: QuoteKind::Direct, cue, speaker });
        taken_until = end;
    }
    out
}

/// `ووصف الوزير القرار بـ«التاريخي»`, `حذر الخبراء من
/// «المخاطر …»`, `وتحدث البيان عن “حصيلة غير نهائية”`: a verb of wording or speech, its
/// subject and object (a few plain words), then the preposition it takes and the marks
/// opening at token `open`: the marked words are the speaker's wording (GUIDELINE 2.1).
fn wording_after_object(ctx: &Ctx, k: usize, open: usize) -> bool {
    let toks = ctx.tokens();
    if open < k + 2 || open - k > 8 {
        return false;
    }
    let key = ctx.key(k);
    // (`بـ”…”`: a tatweel may follow the preposition.)
    let mut open = open;
    if toks[open - 1].text.chars().all(|c| c == 'ـ') && open > k + 2 {
        open -= 1;
    }
    let preposition = toks[open - 1].text.as_str();
    let takes = match preposition {
        "ب" | "بـ" => ctx.wording[k],
        "من" => key.starts_with("حذر"),
        "عن" => key.starts_with("تحدث"),
        _ => false,
    };
    takes && (k + 1..open - 1).all(|j| toks[j].kind == TokenKind::Word && !ctx.is_complementiser(j) && !ctx.is_cue(j))
}

/// Where words after an opening mark that is never closed end: at the paragraph's end
/// (guideline 2.1), or, sooner, before the first later sentence that opens a speech act
/// of its own (`… في المنطقة. مصادر الجزيرة أبلغتنا أن …`, `وقال الناطق … إن …`): the
/// speaker does not report others inside their own words, so the writer's narration
/// has resumed there.
fn unclosed_end(ctx: &Ctx, start: usize, para_end: usize) -> usize {
    let toks = ctx.tokens();
    let last = toks.partition_point(|t| t.end <= para_end);
    // The token that starts the current sentence, once past the first one. (Sentences
    // are found here: the splitter keeps an open quotation in one sentence.)
    let mut sentence = None;
    for j in ctx.token_at(start)..last {
        if matches!(ctx.punct(j), Some("." | "!" | "?" | "؟")) && !ctx.is_initial_dot(j) {
            sentence = Some(j + 1);
            continue;
        }
        let Some(first) = sentence else { continue };
        if opens_speech_frame(ctx, j, last) && first < toks.len() {
            return toks[first].start;
        }
    }
    para_end
}

/// Whether token `j` is a speech verb (not a participle) with its complementiser or
/// colon a few words on, before token `last` and any end of sentence or opening mark:
/// a sentence holding it reports someone's speech of its own.
fn opens_speech_frame(ctx: &Ctx, j: usize, last: usize) -> bool {
    (ctx.is_cue(j) || ctx.is_cue_with_object(j))
        && !ctx.is_participle(j)
        && (j + 1..(j + 2 + MAX_SPEAKER_TOKENS).min(last))
            .take_while(|&c| !matches!(ctx.punct(c), Some("." | "!" | "?" | "؟" | "«" | "\"" | "“")))
            .any(|c| ctx.is_complementiser(c) || ctx.punct(c) == Some(":"))
}

/// Speech after a cue and a colon, without quotation marks (`وأضاف: يأمل المواطنون
/// …`, `قائلا: …`): a direct quote to the end of the paragraph. A complementiser after
/// the colon (`وقال مصدر: إن …`) makes it reported speech instead, found later.
fn colon_quotes(ctx: &Ctx, covered: &SpanSet) -> Vec<Quote> {
    let toks = ctx.tokens();
    let inside = |pos: usize| covered.contains(pos);
    let mut out = Vec::new();
    let mut k = 0;
    while k < toks.len() {
        if !ctx.is_cue(k) || inside(toks[k].start) {
            k += 1;
            continue;
        }
        // The colon: right after the cue, or after its speaker (no other punctuation),
        // or the colon or comma after the outlet spoken to (`وقال لـ«الاقتصادية»، …`).
        let mut colon = None;
        let mut j = k + 1;
        let mut limit = k + 2 + MAX_SPEAKER_TOKENS;
        while j < toks.len().min(limit) && !ctx.is_cue(j) {
            if let Some(close) = outlet_end(ctx, j) {
                if close + 1 < toks.len() && matches!(ctx.punct(close + 1), Some(":" | "،" | ",")) {
                    colon = Some(close + 1);
                    break;
                }
                limit += close + 1 - j;
                j = close + 1;
                continue;
            }
            // `وقال "صالح السرحاني" لـ"سبق": …`: the speaker named in marks is stepped over.
            if let Some(name) = ctx.punct(j).and_then(|open| name_in_marks(ctx, j, open, toks.len())) {
                j = ctx.token_at(name.end) + 1;
                continue;
            }
            // `وقال المريسل عبر حسابه بموقع “تويتر”: …`: a short name in marks right
            // before the colon.
            if let Some(close) = marked_name_before_colon(ctx, j) {
                colon = Some(close + 1);
                break;
            }
            // Words said with أن are reported, found elsewhere (not `بعد أن`, "after").
            if ctx.is_complementiser(j) && !NOT_BEFORE_COMPLEMENTISER.contains(&ctx.key(j - 1)) {
                break;
            }
            match ctx.punct(j) {
                Some(":") => colon = Some(j),
                // `قال أحمد سليم، مخرج الفيلم ومنتجه: …`: a comma before the speaker's
                // title.
                Some("،" | ",") if j > k + 1 && toks.get(j + 1).is_some_and(|t| t.kind == TokenKind::Word) => {
                    j += 1;
                    continue;
                }
                Some(_) => {}
                None => {
                    j += 1;
                    continue;
                }
            }
            break;
        }
        let Some(colon) = colon.or_else(|| opens_unmarked_speech(ctx, k).then_some(k)) else {
            k += 1;
            continue;
        };
        // After the outlet and a comma, only a verb that takes words as they were said
        // (`وقال لـ«الرياض»، …`); `وأكد لـ«واس»، استنكار …` has a noun for its object.
        if matches!(ctx.punct(colon), Some("،" | ",")) && !DIRECT_SPEECH_VERBS.contains(&ctx.key(k)) {
            k += 1;
            continue;
        }
        let first = colon + 1;
        let opens_marks = first < toks.len() && matches!(ctx.punct(first), Some("«" | "\"" | "“" | "”"));
        if first >= toks.len() || opens_marks || ctx.is_complementiser(first) || inside(toks[first].start) || toks[first].kind != TokenKind::Word {
            k = first;
            continue;
        }
        // To the end of the paragraph, its final punctuation left out; in a paragraph
        // that goes on (a one-line text), the words end, as unclosed marks' do, before
        // a later sentence that opens another speech act (`وقال الحرقان: … النصية.
        // وأضاف إن …`), which is found as a quote of its own. (Checked as the scan
        // goes, so that the next quote's scan starts there: scanning each to the
        // paragraph's end would be quadratic in a long one-line text.)
        let mut last = first;
        let mut m = first;
        let mut sentence = None;
        while m < toks.len() && !ctx.newline_between(m.saturating_sub(1).max(first), m) && !inside(toks[m].start) {
            if matches!(ctx.punct(m), Some("." | "!" | "?" | "؟")) && !ctx.is_initial_dot(m) {
                sentence = Some(m + 1);
            } else if let Some(s) = sentence.filter(|_| ctx.is_cue(m) || ctx.is_cue_with_object(m)) {
                // (The look-ahead stops at the line break, as the paragraph does.)
                let window = (m + 1..(m + 2 + MAX_SPEAKER_TOKENS).min(toks.len())).find(|&c| ctx.newline_between(c - 1, c)).unwrap_or(toks.len());
                if opens_speech_frame(ctx, m, window) {
                    m = s;
                    last = (first..s).rev().find(|&j| !ctx.is_clause_punct(j)).unwrap_or(first);
                    break;
                }
            }
            // `وأضاف: … 60م! وأردف: …`: a new speech act opening its own words ends
            // these.
            let conjoined_cue = m > first
                && ctx.is_cue(m)
                && proclitic(&toks[m]) == Some("و")
                && ctx.punct(m + 1) == Some(":");
            // `وقال: … كافٍ، مشيراً إلى أن …`: a speech participle after a comma is the
            // writer's narration of the speaker's next act; the words end before it.
            let narrated_act = m > first + 1 && matches!(ctx.punct(m - 1), Some("،" | ",")) && (ctx.is_participle(m) || OTHER_ACTS.contains(&ctx.key(m)));
            if conjoined_cue || narrated_act {
                break;
            }
            if !ctx.is_clause_punct(m) {
                last = m;
            }
            m += 1;
        }
        let (start, end) = (toks[first].start, toks[last].end);
        let words = (first..=last).filter(|&j| toks[j].kind == TokenKind::Word).count();
        // After the outlet and a comma, a colon further on means the comma only set off
        // a description (`لـ«الشرق الأوسط»، رفض الكشف عن هويته: «…»`).
        let describes = ctx.punct(colon) != Some(":") && (first..m).any(|j| ctx.punct(j) == Some(":"));
        if words >= MIN_BARE_QUOTE_WORDS && !describes {
            out.push(cued_quote(ctx, k, colon, start, end, QuoteKind::Direct));
        }
        k = m.max(k + 1);
    }
    out
}

/// The mark that closes the quotation mark `open` (`«` → `»`), if it is one.
fn closing_mark(open: &str) -> Option<&'static str> {
    match open {
        "«" => Some("»"),
        "“" => Some("”"),
        "\"" => Some("\""),
        _ => None,
    }
}

/// The closing mark of one to three words in marks opening at token `j` (`“تويتر”`,
/// `"واس"`): a short name, with nothing but words inside.
fn short_marks(ctx: &Ctx, j: usize) -> Option<usize> {
    let toks = ctx.tokens();
    let close = closing_mark(ctx.punct(j)?)?;
    let end = (j + 1..(j + 5).min(toks.len())).find(|&c| ctx.punct(c).is_some())?;
    (end > j + 1 && ctx.punct(end) == Some(close) && (j + 1..end).all(|w| toks[w].kind == TokenKind::Word)).then_some(end)
}

/// The closing mark of a short name in marks opening at token `j` and followed by a
/// colon (`بموقع “تويتر”:`).
fn marked_name_before_colon(ctx: &Ctx, j: usize) -> Option<usize> {
    short_marks(ctx, j).filter(|&end| ctx.punct(end + 1) == Some(":"))
}

/// Nouns that name what follows them in marks (a slogan, a title, a campaign), with and
/// without the article; search-normalised, proclitics off (`بعنوان` → `عنوان`).
const TITLE_NOUNS: &[&str] = &[
    "شعار", "الشعار", "عنوان", "العنوان", "اسم", "الاسم", "مسمي", "المسمي", "وسم", "الوسم", "هاشتاق", "هاشتاج", "حمله", "الحمله", "مبادره", "المبادره",
    "برنامج", "البرنامج", "كتاب", "الكتاب", "فيلم", "الفيلم", "مسلسل", "المسلسل", "روايه", "الروايه", "مهرجان", "المهرجان", "معرض", "المعرض", "ملتقي",
    "الملتقي", "منتدي", "المنتدي", "مسابقه", "المسابقه", "جائزه", "الجائزه", "عمليه", "العمليه", "مشروع", "المشروع", "تطبيق", "التطبيق", "رابط", "الرابط",
    "لعبه", "اللعبه", "عباره", "العباره",
];

/// Verbs of speech that take the words said as they were said (`قال`, `أضاف`).
const DIRECT_SPEECH_VERBS: &[&str] = &["قال", "قالت", "قالوا", "قالا", "يقول", "تقول", "اضاف", "اضافت", "يضيف", "تابع", "تابعت", "استطرد", "اردف", "اردفت"];

/// Nouns of outlets whose name follows in marks (`صحيفة "مكة"`, `موقع "سكاي نيوز"`);
/// search-normalised, proclitics off.
const OUTLET_NOUNS: &[&str] = &["موقع", "الموقع", "صحيفه", "الصحيفه", "جريده", "الجريده", "قناه", "القناه", "وكاله", "الوكاله", "مجله", "المجله", "اذاعه", "الاذاعه"];

/// Pronouns of honour (`سموه` "His Highness", `معاليه`): a subject that names nobody,
/// so the speaker is found as for a dropped subject.
const HONORIFIC_PRONOUNS: &[&str] = &["سموه", "سموها", "معاليه", "معاليها", "فضيلته", "سعادته", "سعادتها", "سيادته", "جلالته", "دولته"];

/// Words that start what was said, not who said it: after a sentence-initial verb of
/// speech with no colon (`وأضاف ستكون الساعات القادمة…`, `وقال لقد…`) they open the
/// speaker's own words, unmarked.
const SPEECH_OPENERS: &[&str] = &["لقد", "نحن", "هناك", "يجب", "لن", "لم"];
/// Nouns after `من` that make a sentence opener (`من المفترض`, "it is supposed").
const OPENERS_AFTER_MIN: &[&str] = &["المفترض", "الضروري", "المهم", "المتوقع", "المقرر"];

/// Speech with neither marks nor colon: a verb of speech opening its sentence (`وأضاف`,
/// `وقال`) followed straight away by the words said, which start with a future verb
/// or a word that can only open a statement.
fn opens_unmarked_speech(ctx: &Ctx, k: usize) -> bool {
    let toks = ctx.tokens();
    let starts_sentence = k == 0 || ctx.newline_between(k - 1, k) || matches!(ctx.punct(k - 1), Some("." | "!" | "?" | "؟"));
    if ctx.is_participle(k) || !starts_sentence || k + 1 >= toks.len() || toks[k + 1].kind != TokenKind::Word {
        return false;
    }
    let future = toks[k + 1].segments.iter().any(|s| s.kind == SegmentKind::Proclitic && s.text == "س");
    let opener = SPEECH_OPENERS.contains(&ctx.key(k + 1)) || (ctx.key(k + 1) == "من" && k + 2 < toks.len() && OPENERS_AFTER_MIN.contains(&ctx.key(k + 2)));
    future || opener
}

/// The outlet a statement was made to, in marks after `لـ` (`لـ«الاقتصادية»`,
/// `لـ"الوطن"`), starting at token `j`: the index of its closing mark.
fn outlet_end(ctx: &Ctx, j: usize) -> Option<usize> {
    let toks = ctx.tokens();
    if !matches!(toks[j].text.as_str(), "ل" | "لـ") {
        return None;
    }
    let mut o = j + 1;
    if toks.get(o).is_some_and(|t| t.text.chars().all(|c| c == 'ـ')) {
        o += 1;
    }
    if o >= toks.len() {
        return None;
    }
    let close = closing_mark(ctx.punct(o)?)?;
    (o + 1..(o + 6).min(toks.len())).find(|&c| ctx.punct(c) == Some(close)).filter(|&c| c > o + 1)
}

/// Outlets a statement is made to without marks (`لعكاظ`, `لـعين اليوم`), search-
/// normalised, proclitics off, each with the word that may complete its name.
const OUTLET_NAMES: &[(&str, Option<&str>)] = &[
    ("عكاظ", None),
    ("الرياض", None),
    ("رياض", None),
    ("الوطن", None),
    ("وطن", None),
    ("المدينه", None),
    ("مدينه", None),
    ("الاقتصاديه", None),
    ("اقتصاديه", None),
    ("الجزيره", None),
    ("جزيره", None),
    ("الحياه", None),
    ("حياه", None),
    ("سبق", None),
    ("عين", Some("اليوم")),
    ("الشرق", Some("الاوسط")),
    ("شرق", Some("الاوسط")),
    ("العربيه", Some("نت")),
    ("عربيه", Some("نت")),
    ("رويترز", None),
    ("فرانس", Some("برس")),
];

/// Past the outlet a statement was made to, starting at token `k`, when there is one:
/// `لـ«عكاظ»`, `لـ "الاقتصادية"`, `لصحيفة "الوطن"`, `لعكاظ`, `لـعين اليوم`, `لوكالة
/// الأنباء الألمانية`. Only a word with the preposition ل on it (or ل alone) names one.
fn past_outlet_spoken_to(ctx: &Ctx, k: usize) -> Option<usize> {
    let toks = ctx.tokens();
    if let Some(close) = outlet_end(ctx, k) {
        return Some(close + 1);
    }
    if toks[k].segments.len() < 2 || !matches!(proclitic(&toks[k]), Some("ل" | "لـ" | "لل")) {
        return None;
    }
    let key = ctx.key(k);
    if let Some((_, next)) = OUTLET_NAMES.iter().find(|(name, _)| *name == key) {
        return Some(if next.is_some_and(|n| ctx.key(k + 1) == n) { k + 2 } else { k + 1 });
    }
    if !OUTLET_NOUNS.contains(&key) || k + 1 >= toks.len() {
        return None;
    }
    // `لصحيفة "الوطن"`
    if ctx.punct(k + 1).is_some() {
        return short_marks(ctx, k + 1).map(|close| close + 1);
    }
    // `لوكالة الأنباء الألمانية`, `لوكالة الصحافة الفرنسية`, `لصحيفة عكاظ`
    if matches!(ctx.key(k + 1), "الانباء" | "الصحافه") && k + 2 < toks.len() && toks[k + 2].kind == TokenKind::Word {
        return Some(k + 3);
    }
    OUTLET_NAMES.iter().find(|(name, _)| *name == ctx.key(k + 1)).map(|(_, next)| if next.is_some_and(|n| ctx.key(k + 2) == n) { k + 3 } else { k + 2 })
}

/// Trims white space at both ends of `[start, end)`.
fn trim(slicer: &CharSlicer, start: usize, end: usize) -> (usize, usize) {
    let s = slicer.slice(start, end);
    let lead = s.chars().take_while(|c| c.is_whitespace()).count();
    let trail = s.chars().rev().take_while(|c| c.is_whitespace()).count();
    let len = s.chars().count();
    if lead >= len {
        return (start, start);
    }
    (start + lead, end - trail)
}

/// Char offsets of a text's line breaks and colons, and its length in chars.
struct LineIndex {
    newlines: Vec<usize>,
    colons: Vec<usize>,
    n_chars: usize,
}

impl LineIndex {
    fn new(text: &str) -> LineIndex {
        let (mut newlines, mut colons, mut n_chars) = (Vec::new(), Vec::new(), 0);
        for (i, c) in text.chars().enumerate() {
            match c {
                '\n' => newlines.push(i),
                ':' => colons.push(i),
                _ => {}
            }
            n_chars = i + 1;
        }
        LineIndex { newlines, colons, n_chars }
    }

    /// The paragraph (line) around char `pos`: `[start, end)`.
    fn paragraph(&self, pos: usize) -> (usize, usize) {
        // The line breaks before and at-or-after `pos`.
        let k = self.newlines.partition_point(|&i| i < pos);
        let start = if k > 0 { self.newlines[k - 1] + 1 } else { 0 };
        let end = self.newlines.get(k).copied().unwrap_or(self.n_chars);
        (start, end)
    }
}

/// A cue in the tokens before token `at` (a quote's opening mark), within the
/// sentence: `وقال بايدن: «…»`, `نتنياهو قال «…»`, `مؤكدا "…"`.
fn find_cue_before(ctx: &Ctx, at: usize) -> (Option<Span>, Option<Speaker>) {
    let lo = at.saturating_sub(CUE_WINDOW);
    let mut k = at;
    while k > lo {
        k -= 1;
        if let Some(p) = ctx.punct(k) {
            // A name in marks within the speaker phrase is stepped over (`وقال عدد منهم
            // لـ"سبق": "…"`, `وقالت صحيفة «بليك»: «…»`).
            if let Some(open) = name_marks_open(ctx, k) {
                k = open;
                continue;
            }
            // Cues do not reach across a sentence end or another quote.
            if matches!(p, "." | "!" | "?" | "؟" | "»" | "«" | "\"" | "”" | "“") {
                break;
            }
        }
        if ctx.is_cue(k) || ctx.is_attribution(k) || ctx.wording[k] {
            // `وقالت الخارجية في بيان -بحسب وكالة الأنباء- "…"`: the agency only relays
            // what the verb before it says.
            if ctx.is_attribution(k) {
                if let (Some(cue), speaker) = find_cue_before(ctx, k) {
                    if !ctx.is_attribution(ctx.token_at(cue.start)) {
                        return (Some(cue), speaker);
                    }
                }
            }
            let cue = ctx.span(ctx.tokens()[k].start, ctx.tokens()[k].end);
            // `فينغر وصف مواطنه الشاب بـ«المميز»`: a name before a verb of wording is its
            // subject, and what follows the verb its object.
            if ctx.wording[k] && ctx.stem_key(k).is_none() && !ctx.is_subjectless(k) {
                if let Some(sp) = speaker_before(ctx, k) {
                    return (Some(cue), Some(sp));
                }
            }
            // `بوصفه المملكة بـ"…"`: the verbal noun's possessive is who described; what
            // follows is the object.
            if ctx.wording[k] && proclitic(&ctx.tokens()[k]) == Some("ب") && ctx.stem_key(k).is_some() {
                return (Some(cue), None);
            }
            // `ونقلت الوكالة عن مصدر مسؤول قوله "…"`, `ونقلت الوكالة عن مصدر "…"`: relayed.
            let relayed = relayed_saying_from(ctx, k).filter(|&j| ctx.key(j) == "عن").and_then(|from| speaker_after(ctx, from + 1, k, Prepositions::Refuse));
            let speaker = relayed.or_else(|| relayed_by_verb(ctx, k, at)).or_else(|| speaker_after(ctx, k + 1, at, Prepositions::Refuse)).or_else(|| subject_before(ctx, k));
            return (Some(cue), speaker);
        }
    }
    (None, None)
}

/// Words that label a line without naming anyone (`الأول:`, `ملاحظة:`, `س:`).
const NOT_LABELS: &[&str] = &[
    "الاول", "الاولي", "الثاني", "الثانيه", "الثالث", "الثالثه", "الرابع", "الرابعه", "اولا", "ثانيا", "ثالثا", "رابعا", "اخيرا", "ملاحظه", "تنويه", "المصدر",
    "السؤال", "الجواب", "س", "ج", "النتيجه", "الخلاصه", "الهدف", "العنوان", "التفاصيل", "مثال", "مثلا",
];

/// Who speaks in a line of the form `name: «…»` (readers' comments, an exchange):
/// one to four words alone on their line before the colon in front of the mark at
/// token `at`, none of them a cue or a particle, the first without a conjunction.
fn label_before_colon(ctx: &Ctx, at: usize) -> Option<Speaker> {
    let toks = ctx.tokens();
    if at < 2 || ctx.punct(at - 1) != Some(":") {
        return None;
    }
    let colon = at - 1;
    let mut first = colon;
    while first > 0 && colon - first < 4 && matches!(toks[first - 1].kind, TokenKind::Word | TokenKind::Latin | TokenKind::Mention) && !ctx.newline_between(first - 1, first) {
        first -= 1;
    }
    // (`واختتموا: "…"`: a verb with its conjunction goes on the narration.)
    let alone = (first == 0 || ctx.newline_between(first - 1, first)) && !matches!(proclitic(&toks[first]), Some("و" | "ف"));
    // (`وأردف:` that the segmenter left whole is a cue too.)
    let cue_with_conjunction = |j: usize| {
        let key = ctx.key(j);
        key.strip_prefix('و').or_else(|| key.strip_prefix('ف')).is_some_and(|rest| CUE_WORDS.contains(&rest))
    };
    let names = (first..colon).all(|j| !ctx.is_cue(j) && !cue_with_conjunction(j) && !ctx.is_not_speaker(j) && !ctx.is_attribution(j) && !TITLE_NOUNS.contains(&ctx.key(j)) && !NOT_LABELS.contains(&ctx.key(j)));
    (first < colon && alone && names).then(|| make_speaker(ctx, first, colon))
}

/// The verb that opens the sentence of the quote mark at token `at`, when a long
/// subject stands between them (`وقال صبحي وائل زيارة وهو أحد القائمين على تنظيم
/// المهرجان الذي … «يفد على المهرجان …»`): beyond [`CUE_WINDOW`], but with nothing
/// between verb and mark that ends a clause or opens other words.
fn sentence_opening_cue(ctx: &Ctx, at: usize) -> (Option<Span>, Option<Speaker>) {
    let toks = ctx.tokens();
    let Some(sent) = toks.get(at).and_then(|t| ctx.sentence_of(t.start)) else {
        return (None, None);
    };
    let first = ctx.token_at(ctx.doc.sentences[sent].start);
    let plain = |j: usize| ctx.punct(j).is_none_or(|p| matches!(p, "،" | "," | "(" | ")")) && !ctx.is_complementiser(j);
    if first >= at || !ctx.is_cue(first) || ctx.is_participle(first) || !(first + 1..at).all(plain) {
        return (None, None);
    }
    let cue = ctx.span(toks[first].start, toks[first].end);
    (Some(cue), speaker_after(ctx, first + 1, at, Prepositions::Refuse))
}

/// The opening mark of a short name in marks whose closing mark is token `close`
/// (`لـ"سبق"`, `صحيفة «بليك»`): fewer than [`MIN_BARE_QUOTE_WORDS`] tokens, none of them
/// punctuation, and no colon before the marks (words after a colon are a quote).
fn name_marks_open(ctx: &Ctx, close: usize) -> Option<usize> {
    let open = match ctx.punct(close)? {
        "»" => "«",
        "”" => "“",
        "\"" => "\"",
        _ => return None,
    };
    let lo = close.saturating_sub(MIN_BARE_QUOTE_WORDS);
    let o = (lo..close).rev().find(|&k| ctx.tokens()[k].kind == TokenKind::Punct)?;
    (ctx.punct(o) == Some(open) && o + 1 < close && (o == 0 || ctx.punct(o - 1) != Some(":"))).then_some(o)
}

/// A cue right after a quote's closing mark: `«…»، قال X`, `«…» بحسب X`.
fn find_cue_after(ctx: &Ctx, from: usize) -> (Option<Span>, Option<Speaker>) {
    let toks = ctx.tokens();
    let mut k = from;
    while k < toks.len() && matches!(ctx.punct(k), Some("،" | ",")) {
        k += 1;
    }
    for j in k..(k + 3).min(toks.len()) {
        if ctx.punct(j).is_some() {
            break;
        }
        if ctx.is_cue(j) || ctx.is_attribution(j) {
            let cue = ctx.span(toks[j].start, toks[j].end);
            return (Some(cue), speaker_after(ctx, j + 1, toks.len(), Prepositions::Refuse));
        }
    }
    (None, None)
}

/// The speaker phrase starting at token `k` (before `limit`): an entity mention, or a
/// noun phrase up to a comma, colon, complementiser, quote mark or preposition.
fn speaker_after(ctx: &Ctx, mut k: usize, limit: usize, prepositions: Prepositions) -> Option<Speaker> {
    let toks = ctx.tokens();
    // A participle has no subject after it (`مؤكداً أهمية …`, `واصفاً القرار`): what
    // follows is its object.
    if k > 0 && ctx.is_subjectless(k - 1) {
        return None;
    }
    // `قال لـ…`/`أكد على`: not a subject.
    // Skip a bare `ما` of `بحسب ما أعلن X` and a following cue.
    if k < limit && ctx.key(k) == "ما" {
        k += 1;
        if k < limit && (ctx.is_cue(k) || ctx.is_cue_with_object(k)) {
            k += 1;
            // `بحسب ما صرح به X`, `بحسب ما نقلت عنه X`
            if k < limit && matches!(ctx.key(k), "به" | "عنه" | "عنها") {
                k += 1;
            }
        }
    }
    // `صرح به X`, `أدلى بها X`
    if k < limit && k > 0 && ctx.is_cue(k - 1) && matches!(ctx.key(k), "به" | "بها") {
        k += 1;
    }
    // `وجاء في البيان أن`: the document is the speaker.
    if k > 0 && k < limit && ctx.key(k) == "في" && ctx.key(k - 1) == "جاء" && ctx.is_cue(k - 1) {
        k += 1;
    }
    // `وأوضح من جهته X`: "for his part" stands between the verb and its subject.
    if k + 1 < limit && ctx.key(k) == "من" && FOR_ONES_PART.contains(&ctx.key(k + 1)) {
        k += 2;
        if k < limit && matches!(ctx.punct(k), Some("،" | ",")) {
            k += 1;
        }
    }
    // `أكد لـ«عكاظ» مصدر مطلع أن`, `وقالت لـ"الاقتصادية" إدارة النادي إنها`, `أكد لـعين
    // اليوم مدير …`: the outlet spoken to stands between the verb and its subject. (Not
    // after an attribution, where `لـ«عكاظ»` is the source itself.)
    if prepositions == Prepositions::Refuse && k < limit.min(toks.len()) {
        if let Some(after) = past_outlet_spoken_to(ctx, k) {
            k = after;
        }
        // `ما يؤكد عليه آلان تورين`: "on it" stands before the subject, but `يقول عليه
        // الصلاة والسلام` blesses the Prophet, named before.
        if matches!(ctx.key(k), "عليه" | "عليها") {
            if matches!(ctx.key(k + 1), "الصلاه" | "السلام" | "افضل") {
                return None;
            }
            k += 1;
        }
        // `وفي الوقت الذي قال فيه مندوبان خليجيان إنه`, `في وقت أعلنت فيه جبهة النصرة`:
        // "in it" (the time) before the subject.
        let at_a_time = (k.saturating_sub(4)..k).any(|j| matches!(ctx.key(j), "الذي" | "التي" | "وقت" | "الوقت" | "حين"));
        if matches!(ctx.key(k), "فيه" | "فيها") && at_a_time && k + 1 < toks.len() && toks[k + 1].kind == TokenKind::Word {
            k += 1;
        }
    }
    if k >= limit.min(toks.len()) {
        return None;
    }
    if let Some(open) = ctx.punct(k) {
        return name_in_marks(ctx, k, open, limit);
    }
    // (`وشددت وفقاً لما نقلته الوكالة، على أن`: a relay is not the subject.)
    if toks[k].kind != TokenKind::Word || ctx.is_not_speaker(k) || ctx.is_complementiser(k) || ctx.is_cue(k) || ctx.is_attribution(k) || HONORIFIC_PRONOUNS.contains(&ctx.key(k)) {
        return None;
    }
    // A preposition on the first word (`لبايدن`, `لـ«الاقتصادية»`): not a subject,
    // except the `ل` of attribution (`وفقاً لوزارة`).
    if prepositions == Prepositions::Refuse && starts_with_preposition(&toks[k]) {
        return None;
    }
    // A word in the accusative with its tanween written (`متنفساً للأهالي`) is a
    // circumstance or an object, never the subject; `أمام الكنيست` is a place.
    if toks[k].text.ends_with('\u{064B}') || toks[k].text.ends_with("\u{064B}ا") || is_before(ctx, k) || TO_WHOM.contains(&ctx.key(k)) || FIRST_PERSON_VERBS.contains(&ctx.key(k)) || ON_OR_DURING.contains(&ctx.key(k)) {
        return None;
    }
    // A future verb (`وأضاف ستكون …`) starts what was said, not who said it.
    if toks[k].segments.iter().any(|s| s.kind == SegmentKind::Proclitic && s.text == "س") {
        return None;
    }
    let mut end = k;
    while end < limit.min(toks.len()) && end - k < MAX_SPEAKER_TOKENS {
        let t = &toks[end];
        // `د. المزروع`: the dot of a title stays in the phrase.
        if ctx.is_initial_dot(end) && end > k {
            end += 1;
            continue;
        }
        // `عدد من المواطنين`, `أحد المسؤولين`: a quantifier takes `من` and its noun along.
        // (`كل من X وY`: "each of X and Y".)
        let partitive = end > k && ctx.key(end) == "من" && matches!(ctx.key(end - 1), "عدد" | "مجموعه" | "بعض" | "احد" | "كثير" | "العديد" | "كل");
        if partitive {
            end += 1;
            continue;
        }
        if t.kind != TokenKind::Word || ctx.is_complementiser(end) || (end > k && (ctx.is_not_speaker(end) || ctx.is_cue(end) || ctx.is_attribution(end) || NOT_IN_SPEAKER.contains(&ctx.key(end)))) {
            break;
        }
        // A name ends the phrase at the end of its mention, unless a title runs on.
        end += 1;
        if ctx.entity_of[end - 1].is_some() && ctx.entity_of.get(end).copied().flatten() != ctx.entity_of[end - 1] {
            break;
        }
    }
    if end == k {
        return None;
    }
    // A long title runs into the name it introduces (`رئيس اللجنة التنفيذية المتحدث الرسمي
    // باسم الانتخابات البلدية المهندس جديع القحطاني`): the person's name completes it.
    if end - k == MAX_SPEAKER_TOKENS {
        if let Some(e) = ctx.entity_of.get(end).copied().flatten().filter(|&e| ctx.doc.entities[e].label == crate::doc::EntityLabel::Person && ctx.entity_of[end - 1] != Some(e)) {
            let stop = limit.min(toks.len()).min(end + 4);
            while end < stop && ctx.entity_of[end] == Some(e) {
                end += 1;
            }
        }
    }
    // `أشار الطالب الجامعي، علي السليمي إلى أنه`: a title, a comma and the person's
    // name are one speaker.
    // The name is a tagged person, or two or three plain words (the first without the
    // article) that the complementiser follows (`، علي السليمي إلى أنه`).
    let stop = limit.min(toks.len());
    if ctx.entity_of[end - 1].is_none() && end + 1 < stop && matches!(ctx.punct(end), Some("،" | ",")) && !starts_with_preposition(&toks[end + 1]) {
        let first = end + 1;
        let name_end = match ctx.entity_of[first].filter(|&e| ctx.doc.entities[e].label == crate::doc::EntityLabel::Person) {
            Some(e) => (first..stop).find(|&j| ctx.entity_of[j] != Some(e)).unwrap_or(stop),
            None => {
                let plain = |j: usize| toks[j].kind == TokenKind::Word && !ctx.is_not_speaker(j) && !ctx.is_cue(j) && !ctx.is_complementiser(j);
                let n = (first..stop.min(first + 3)).take_while(|&j| plain(j)).count();
                let after = first + n;
                let leads_to_complementiser = after < stop
                    && (ctx.is_complementiser(after) || (matches!(ctx.key(after), "الي" | "علي") && after + 1 < toks.len() && ctx.is_complementiser(after + 1)));
                if n >= 2 && !ctx.key(first).starts_with("ال") && leads_to_complementiser {
                    after
                } else {
                    first
                }
            }
        };
        if name_end > first {
            end = name_end;
        }
    }
    Some(make_speaker(ctx, k, end))
}

/// A subject named in marks (`تابع "خلفان" هجومه`, `وتوقع «خلفان» أن`, `وأضاف "الجهني":`):
/// one or two words between the opening mark at `k` and its closing mark, with the
/// clause going on after it, or a colon after a verb of speech (a short quotation ends
/// its sentence instead: `وقال "لا".`).
fn name_in_marks(ctx: &Ctx, k: usize, open: &str, limit: usize) -> Option<Speaker> {
    let close = closing_mark(open)?;
    let toks = ctx.tokens();
    // `أبلغ "الاقتصادية" مسؤول`, `وبين «…»`: the outlet told, a noun after "between".
    if k == 0 || matches!(ctx.key(k - 1), "ابلغ" | "ابلغت" | "بين") {
        return None;
    }
    let first = k + 1;
    let mut end = first;
    while end < limit.min(toks.len()) && end - first < 4 && toks[end].kind == TokenKind::Word && !ctx.is_cue(end) && !ctx.is_complementiser(end) {
        end += 1;
    }
    let closed = end > first && end + 1 < toks.len() && ctx.punct(end) == Some(close);
    // Three or four words are a name only when the complementiser follows (`صرح "مركز
    // فلب فلاب فن" الترفيهي بأنه`); a short quotation may go on otherwise.
    let short_enough = end - first <= 2 || (end + 1..(end + 3).min(toks.len())).any(|j| ctx.is_complementiser(j));
    // (`وأضاف "الجهني": …`: right after a verb of speech, a colon may follow the name
    // and open the words.)
    // (`وبحسب "الفرنسية"، فقد …`: after an attribution, a comma.)
    // (Only asked once `closed` holds, which puts a token after the closing mark.)
    let goes_on = || {
        toks[end + 1].kind == TokenKind::Word
            || (ctx.punct(end + 1) == Some(":") && ctx.is_cue(k - 1))
            || (matches!(ctx.punct(end + 1), Some("،" | ",")) && ctx.is_attribution(k - 1))
    };
    (closed && short_enough && goes_on() && !ctx.is_not_speaker(first)).then(|| make_speaker(ctx, first, end))
}

/// Whether a speaker phrase may start with a preposition (`وفقاً لوزارة …`).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Prepositions {
    Allow,
    Refuse,
}

/// What an imam leads or preaches in (`امام وخطيب جامع …`, `امام المسجد`): after them
/// a bare `امام` is "imam", elsewhere "before" (`وقال امام الصحافيين`).
const IMAM_OF: &[&str] = &["وخطيب", "خطيب", "المسجد", "مسجد", "جامع", "الجامع", "الحرم", "الحرمين"];

/// `أمام` "before, in front of" at token `k` (a place, never a speaker); written without
/// its hamza it may also be `إمام` "imam", told apart by the word after it.
fn is_before(ctx: &Ctx, k: usize) -> bool {
    let text = ctx.tokens()[k].text.as_str();
    // (`أمامكم`, `أمامه`: "before you", "before him".)
    let with_pronoun = matches!(ctx.key(k), "امامه" | "امامها" | "امامهم" | "امامكم" | "امامنا");
    with_pronoun || text == "أمام" || (text == "امام" && !IMAM_OF.contains(&ctx.tokens().get(k + 1).map_or("", |t| t.text.as_str())))
}

/// `أكدا خلاله أهمية`: "during it" right after a cue; search-normalised.
const ON_OR_DURING: &[&str] = &["خلاله", "خلالها"];

/// First-person verbs that open the speaker's own words (`قال أؤكد وبشكل حازم أن`),
/// search-normalised: never a speaker.
const FIRST_PERSON_VERBS: &[&str] = &["اؤكد", "اعتقد", "اتوقع", "اتمني", "اشكر", "اقول", "اري", "نؤكد", "نعتقد", "نتوقع", "نتمني", "نشكر", "نقول", "نري", "انا", "نحن"];

/// The proclitic a token starts with, if any (`وقال` → `و`, `بالقول` → `ب`).
fn proclitic(t: &Token) -> Option<&str> {
    t.segments.first().filter(|s| s.kind == SegmentKind::Proclitic).map(|s| s.text.as_str())
}

/// `لـ`, `لبايدن`, `بالوزير`: a word that is, or starts with, the preposition ل or ب.
fn starts_with_preposition(t: &Token) -> bool {
    let bare = normalize(&t.text, &NormalizeOptions::search());
    bare == "ل" || bare == "ب" || (t.segments.len() > 1 && matches!(proclitic(t), Some("ل" | "ب" | "لل")))
}

/// A subject before the cue at token `k`: `نتنياهو قال`, `وكان مستشار الأمن القومي،
/// جايك ساليفان، أشار`: the nearest person or organisation named just before it.
fn speaker_before(ctx: &Ctx, k: usize) -> Option<Speaker> {
    // `وكان المدعي العام في بروكلين قد أعلن`: between `كان` and `قد` stands the subject,
    // with its modifiers.
    if k >= 3 && ctx.key(k - 1) == "قد" {
        let toks = ctx.tokens();
        let kana = (k.saturating_sub(MAX_SPEAKER_TOKENS + 2)..k - 1).rev().take_while(|&j| ctx.punct(j).is_none()).find(|&j| matches!(ctx.key(j), "كان" | "كانت"));
        if let Some(c) = kana.filter(|&c| c + 1 < k - 1) {
            let first = &toks[c + 1];
            if first.kind == TokenKind::Word && !ctx.is_not_speaker(c + 1) && !ctx.is_cue(c + 1) && !starts_with_preposition(first) {
                return Some(make_speaker(ctx, c + 1, k - 1));
            }
        }
    }
    let lo = k.saturating_sub(MAX_SPEAKER_TOKENS + 1);
    let mut j = k;
    while j > lo {
        j -= 1;
        if let Some(p) = ctx.punct(j) {
            if p == "،" || p == "," {
                continue;
            }
            return None;
        }
        // `المراسل التلفزيوني الذي صاح`: the relative clause's head said it.
        if j + 1 == k && RELATIVE_PRONOUNS.contains(&ctx.key(j)) {
            return head_before_relative(ctx, j);
        }
        if let Some(e) = ctx.entity_of[j].filter(|_| !ctx.is_not_speaker(j)) {
            if !matches!(ctx.doc.entities[e].label, crate::doc::EntityLabel::Person | crate::doc::EntityLabel::Organisation) {
                return None;
            }
            let mut first = j;
            while first > 0 && ctx.entity_of[first - 1] == Some(e) {
                first -= 1;
            }
            // `وعن راموس قال`, `بسبب انتقاله إلى النصر، قال`: a name after a preposition
            // is what was spoken of, not who spoke.
            // (A bare `عن` opens a chain of narrators: `عن عائشة قالت` is hers.)
            let about = first > 0 && ctx.key(first - 1) == "عن" && proclitic(&ctx.tokens()[first - 1]) == Some("و");
            if about || (first > 0 && matches!(ctx.key(first - 1), "الي" | "من" | "في" | "مع" | "حول" | "بشان")) {
                return None;
            }
            return Some(make_speaker(ctx, first, j + 1));
        }
        // Another verb between the name and the cue: the name is not its subject.
        if ctx.is_cue(j) {
            return None;
        }
        // `غير أن المسؤول الأمريكي ألمح`, `وكان الوزير أعلن`: a definite noun phrase
        // between `أن` or `كان` and the verb is its subject.
        if matches!(ctx.key(j), "ان" | "كان") && j + 1 < k {
            let mut words = j + 1..k;
            let plain = words.clone().all(|w| ctx.tokens()[w].kind == TokenKind::Word && !ctx.is_not_speaker(w));
            let definite = words.any(|w| ctx.key(w).starts_with("ال"));
            if plain && definite && k - j <= 5 && !starts_with_preposition(&ctx.tokens()[j + 1]) {
                return Some(make_speaker(ctx, j + 1, k));
            }
            return None;
        }
    }
    None
}

/// [`speaker_before`] for a verb; a participle's subject is that of the clause it
/// adds to (`أكد الوزير سعادته بالبطولة المعتمدة من المنظمة، مشيراً إلى أنها`), not the
/// name before it.
fn subject_before(ctx: &Ctx, k: usize) -> Option<Speaker> {
    if ctx.is_subjectless(k) {
        return None;
    }
    speaker_before(ctx, k)
}

const RELATIVE_PRONOUNS: &[&str] = &["الذي", "التي", "الذين", "اللذان", "اللتان", "اللذين", "اللتين"];

/// The noun phrase a relative pronoun at token `rel` attaches to: the entity just
/// before it, or up to three words back to a preposition, verb or punctuation.
fn head_before_relative(ctx: &Ctx, rel: usize) -> Option<Speaker> {
    let end = rel;
    if end == 0 {
        return None;
    }
    if let Some(e) = ctx.entity_of[end - 1] {
        let mut first = end - 1;
        while first > 0 && ctx.entity_of[first - 1] == Some(e) {
            first -= 1;
        }
        return Some(make_speaker(ctx, first, end));
    }
    let mut first = end;
    while first > 0 && end - first < 3 {
        let j = first - 1;
        let t = &ctx.tokens()[j];
        if t.kind != TokenKind::Word || ctx.is_not_speaker(j) || ctx.is_cue(j) || ctx.is_attribution(j) || starts_with_preposition(t) {
            break;
        }
        first = j;
    }
    (first < end).then(|| make_speaker(ctx, first, end))
}

fn make_speaker(ctx: &Ctx, first: usize, end: usize) -> Speaker {
    let start = ctx.start_without_clitics(first);
    let stop = ctx.tokens()[end - 1].end;
    let entity = (first..end).find_map(|j| ctx.entity_of[j]).map(|e| ctx.doc.entities[e].id.clone());
    Speaker { start, end: stop, text: ctx.slicer.slice(start, stop).to_string(), entity }
}

/// Reported speech: `cue [speaker] [على|إلى] أن …` up to the sentence end or the next cue;
/// and attribution phrases `… بحسب X` / `وبحسب X فإن …`.
fn reported_quotes(ctx: &Ctx, covered: &SpanSet) -> Vec<Quote> {
    let toks = ctx.tokens();
    let inside = |pos: usize| covered.contains(pos);
    let mut out = Vec::new();
    let mut k = 0;
    while k < toks.len() {
        // A verb of wording introduces reported speech with `بأن` (`واصفاً إياه بأنه`).
        let wording = ctx.wording[k] && !ctx.is_cue(k);
        if inside(toks[k].start) || !(ctx.is_cue(k) || ctx.is_attribution(k) || wording) {
            k += 1;
            continue;
        }
        let Some(sent) = ctx.sentence_of(toks[k].start) else {
            k += 1;
            continue;
        };
        let sent_end = ctx.doc.sentences[sent].end;
        let sent_start = ctx.doc.sentences[sent].start;
        if ctx.is_attribution(k) {
            // `وقال ناطق إنه …، حسب الوكالة`: the speech act inside the clause wins.
            if let Some(q) = attribution(ctx, k, sent_start, sent_end, &inside).filter(|q| !out.iter().any(|p: &Quote| q.start <= p.start && p.end <= q.end)) {
                out.push(q);
            }
            k += 1;
            continue;
        }
        // A question states nothing (`هل ترى أن …؟`, `ما القرار الذي ترى أن …؟`).
        if asks(ctx, k, sent_start, sent_end) {
            k += 1;
            continue;
        }
        if let Some(q) = credit_after(ctx, k, sent_start, &inside) {
            out.push(q);
            k += 2;
            continue;
        }
        // Find the complementiser past the speaker and what may stand between them and
        // it (`إلى`, `في تصريح خاص لـ«المدينة»`, `أمس`, `: إن`).
        let mut j = k + 1;
        let mut comp = None;
        while j < toks.len() && j <= k + COMPLEMENTISER_WINDOW && toks[j].start < sent_end {
            // `وقال فان غال`: `فإن` follows an attribution or a comma, never the speech
            // verb itself; there it is a name (Van).
            let name_fa = j == k + 1 && proclitic(&toks[j]) == Some("ف");
            if ctx.is_complementiser(j) && !name_fa {
                // `بعد أن`, `رغم أن`, `إلا أن`: a conjunction, not what was said.
                // (`بالرغم من أن` too.)
                // (`وإن كان`: "even if".)
                let concessive = proclitic(&toks[j]) == Some("و") && matches!(ctx.key(j + 1), "كان" | "كانت" | "كانوا" | "كانا");
                let conjunction = concessive
                    || NOT_BEFORE_COMPLEMENTISER.contains(&ctx.key(j - 1))
                    || (j >= k + 3 && ctx.key(j - 1) == "من" && NOT_BEFORE_COMPLEMENTISER.contains(&ctx.key(j - 2)))
                    || SUBJUNCTIVE_TAKERS.contains(&ctx.key(j - 1))
                    // `سبق أن تم` "it was done before" (the word alone, not the outlet
                    // `لـ"سبق" أن`).
                    || (ctx.key(j - 1) == "سبق" && toks[j - 1].text == "سبق" && (j < 2 || ctx.punct(j - 2).is_none()))
                    || (j > k + 1 && KNOWING_VERBS.contains(&ctx.key(j - 1)))
                    || (j >= k + 3 && SUBJUNCTIVE_TAKERS.contains(&ctx.key(j - 2)));
                // `إن وجدت` "if any", `إن لزم الأمر`: a conditional, whose verb no
                // complementiser takes.
                // (Bare: `أنها وجدت` is "that it found".)
                let conditional = ctx.key(j) == "ان" && CONDITIONAL_VERBS.contains(&ctx.key(j + 1));
                if (j == k + 1 || !conjunction) && !conditional {
                    comp = Some(j);
                }
                break;
            }
            // Another cue, a sentence end, a colon that does not lead to أن, or a
            // quotation (a name or outlet in marks is stepped over).
            let colon_to_elsewhere = ctx.punct(j) == Some(":") && !(j + 1 < toks.len() && ctx.is_complementiser(j + 1));
            // `أوضح عصام أبو عيسى؛ نائب الرئيس التنفيذي في شركة أيون، أن …`: a semicolon
            // after the speaker's name sets off their title, which a comma and the
            // complementiser close.
            // (Not a new clause after it: `؛ ثم غادر`, `؛ وقد بدا`.)
            let title_follows = || toks.get(j + 1).is_some_and(|t| t.kind == TokenKind::Word && !matches!(proclitic(t), Some("و" | "ف")) && !CONNECTIVES.contains(&ctx.key(j + 1)) && ctx.key(j + 1) != "ثم");
            let sets_off_title = ctx.punct(j) == Some("؛") && j > k + 1 && j <= k + 3 + MAX_SPEAKER_TOKENS && title_follows() && {
                let comma = (j + 1..(k + COMPLEMENTISER_WINDOW).min(toks.len()))
                    .take_while(|&c| toks[c].start < sent_end && !matches!(ctx.punct(c), Some("." | "!" | "?" | "؟" | "؛" | ":")) && !ctx.is_cue(c))
                    .find(|&c| matches!(ctx.punct(c), Some("،" | ",")));
                comma.is_some_and(|c| c > j + 1 && c + 1 < toks.len() && ctx.is_complementiser(c + 1))
            };
            let final_mark = matches!(ctx.punct(j), Some("." | "!" | "?" | "؟" | "؛")) && !ctx.is_initial_dot(j) && !sets_off_title;
            // `وذكرت صحيفة الوطن نقلاً عن مصادر أن …`: the outlet's source is stepped over.
            // (`وأوضح العقيد، وفقاً لما نقلت عنه "عكاظ"، أن …`: so is a relay of the
            // same words, its verb included.)
            let relay = ctx.is_attribution(j) && j + 2 < toks.len() && matches!(ctx.key(j + 1), "لما" | "ما") && (ctx.is_cue(j + 2) || ctx.is_cue_with_object(j + 2));
            if relay {
                j += 3;
                continue;
            }
            // (`وأشارت مصادر حسبما أوردت صحيفة “عكاظ”، إلى أنه …`: the same, in one word.)
            let fused_relay = matches!(ctx.key(j), "حسبما" | "بحسبما") && j + 1 < toks.len() && relays(ctx, j + 1);
            if fused_relay {
                j += 2;
                continue;
            }
            let passed_on = ctx.key(j) == "نقلا";
            if ctx.is_cue(j) || (ctx.is_attribution(j) && !passed_on) || final_mark || colon_to_elsewhere || inside(toks[j].start) {
                break;
            }
            j += 1;
        }
        let Some(c) = comp else {
            k += 1;
            continue;
        };
        let with_bi = proclitic(&toks[c]) == Some("ب");
        // The object says what this is: a prayer (`داعياً الله أن`), a verbal noun
        // (`مؤكدةً ضرورة الالتزام بأن`), or the writer's note (`يذكر أن`).
        let object = if k + 2 < c && ctx.key(k + 1) == "علي" { k + 2 } else { k + 1 };
        // `تحدث` "spoke" reports speech only as `تحدث … حول/عن أن`; otherwise its
        // object is a topic (`تحدث عن الحادث`).
        let topic_only = matches!(ctx.key(k), "تحدث" | "تحدثت") && !matches!(ctx.key(c - 1), "حول" | "عن");
        // `ودعا معاليه في ختام تصريحه المولى عز وجل أن`: an appeal to God anywhere
        // before the complementiser is a prayer.
        // (`داعين أن يتغمدهم برحمته` too: an appeal followed at once by `أن`.)
        let prayer = DIVINE_APPEALS.contains(&ctx.key(k)) && (c == k + 1 || (k + 1..c).any(|j| PRAYED_TO.contains(&ctx.key(j))));
        // `ونقل لمستشفى … إلى أن انتقل`, `بنقل الأحاسيس`: moving something somewhere is
        // no relaying of words.
        let to_place = k + 1 < toks.len() && (ctx.key(k + 1) == "الي" || proclitic(&toks[k + 1]) == Some("ل"));
        let by_moving = proclitic(&toks[k]) == Some("ب");
        let transported = matches!(ctx.key(k), "نقل" | "نقلت") && (to_place || by_moving);
        // `وهو ما يشير إلى أن`, `مما يؤكد أن`: the writer's inference, nobody named.
        // (`وهذا يشير إلى أن`: the same, a fact opening the clause its subject; not `ومع
        // ذلك قال`, nor `رفض ذلك مؤكداً`.)
        let this_fact = k > 0
            && matches!(ctx.key(k - 1), "هذا" | "هذه" | "ذلك")
            && !ctx.is_participle(k)
            && (k == 1 || ctx.punct(k - 2).is_some() || matches!(proclitic(&toks[k - 1]), Some("و" | "ف")));
        let inference = k > 0 && (matches!(ctx.key(k - 1), "ما" | "مما") || this_fact) && speaker_after(ctx, k + 1, c, Prepositions::Refuse).is_none();
        let not_speech = topic_only
            || transported
            || inference
            || prayer
            || (object < c && (PRAYED_TO.contains(&ctx.key(object)) || VERBAL_NOUN_OBJECTS.contains(&ctx.key(object))))
            // `أكد … على إمكانية أن`: the complementiser belongs to the verbal noun
            || VERBAL_NOUN_OBJECTS.contains(&ctx.key(c - 1))
            || SEEMS.contains(&ctx.key(c - 1))
            || (c == k + 1 && WRITERS_NOTES.contains(&ctx.key(k)))
            || (wording && !with_bi);
        if not_speech {
            k = c + 1;
            continue;
        }
        // The content: after the complementiser to the end of the sentence, or to the
        // comma before the next cue or attribution.
        let content_first = c + 1;
        if content_first >= toks.len() || toks[content_first].start >= sent_end {
            k += 1;
            continue;
        }
        // Marks right after أن make it a direct quote, found already; unless they only
        // mark a name at the head of the clause (`أن "نزاهة" توضح ذلك`).
        let marks_quote = matches!(ctx.punct(content_first), Some("«" | "\"" | "“")) && toks.get(content_first + 1).is_some_and(|t| inside(t.start));
        if inside(toks[content_first].start) || marks_quote {
            k = c + 1;
            continue;
        }
        let (last, m) = clause_end(ctx, content_first, continued_end(ctx, sent));
        let start = toks[content_first].start;
        let end = toks[last].end;
        if end > start {
            out.push(cued_quote(ctx, k, c, start, end, QuoteKind::Reported));
        }
        k = m.max(k + 1);
    }
    out
}

/// The longest clause, in tokens, that a credit after it (`…، أوضح ذلك X`) attributes.
const CREDITED_CLAUSE_TOKENS: usize = 120;

/// `…، أوضح ذلك مدير إدارة الكرة`: a credit after the clause (GUIDELINE 5.11) makes the
/// sentence before it, from its start, the words of whoever it names.
fn credit_after(ctx: &Ctx, k: usize, sent_start: usize, inside: &dyn Fn(usize) -> bool) -> Option<Quote> {
    let toks = ctx.tokens();
    let first = ctx.token_at(sent_start);
    if k < first + 3 || !matches!(ctx.punct(k - 1), Some("،" | ",")) || ctx.key(k + 1) != "ذلك" || ctx.is_participle(k) {
        return None;
    }
    // (Bounded: each such cue reads its clause back, so a sentence of many credits
    // stays linear.)
    if k - first > CREDITED_CLAUSE_TOKENS {
        return None;
    }
    let speaker = speaker_after(ctx, k + 2, toks.len(), Prepositions::Refuse)?;
    let last = k - 2;
    // (Not after words quoted with their own cue, nor across another clause's cue.)
    if (first..=last).any(|j| ctx.is_cue(j) || inside(toks[j].start)) {
        return None;
    }
    let (start, end) = (toks[first].start, toks[last].end);
    let cue = ctx.span(toks[k].start, toks[k].end);
    Some(Quote { start, end, text: ctx.slicer.slice(start, end).to_string(), kind: QuoteKind::Reported, cue: Some(cue), speaker: Some(speaker) })
}

/// The end of sentence `sent`, or of the sentences after it that the splitter cut at a
/// line break after a comma (`… القواعد الجوية التركية،⏎ولاسيما قاعدة انجرليك …`):
/// one sentence to a reader (guideline 5.3, decision 2).
fn continued_end(ctx: &Ctx, mut sent: usize) -> usize {
    let sentences = &ctx.doc.sentences;
    while sent + 1 < sentences.len() {
        let s = &sentences[sent];
        let last = ctx.tokens()[..].partition_point(|t| t.end <= s.end);
        if last == 0 || !matches!(ctx.punct(last - 1), Some("،" | ",")) {
            break;
        }
        sent += 1;
    }
    sentences[sent].end
}

/// The quote `[start, end)` introduced by the cue at token `k`, its speaker named
/// between the cue and token `limit` or just before the cue.
fn cued_quote(ctx: &Ctx, k: usize, limit: usize, start: usize, end: usize, kind: QuoteKind) -> Quote {
    let toks = ctx.tokens();
    let cue = ctx.span(toks[k].start, toks[k].end);
    let relay_from = relayed_saying_from(ctx, k);
    if PASSIVE_CUES.contains(&ctx.key(k)) {
        return Quote { start, end, text: ctx.slicer.slice(start, end).to_string(), kind, cue: Some(cue), speaker: None };
    }
    // `ونقل التلفزيون عنه قوله إن`: relayed from someone named before; the speaker is
    // left to be resolved as a dropped subject is, never the outlet.
    if relay_from.is_some_and(|j| ctx.key(j) != "عن") {
        return Quote { start, end, text: ctx.slicer.slice(start, end).to_string(), kind, cue: Some(cue), speaker: None };
    }
    let relayed = relay_from.and_then(|from| speaker_after(ctx, from + 1, k, Prepositions::Refuse)).or_else(|| relayed_by_verb(ctx, k, limit));
    let speaker = relayed.or_else(|| speaker_after(ctx, k + 1, limit, Prepositions::Refuse)).or_else(|| subject_before(ctx, k));
    Quote { start, end, text: ctx.slicer.slice(start, end).to_string(), kind, cue: Some(cue), speaker }
}

/// `ونقلت الصحيفة عن مصادر مطلعة قولها إن`: the words are the sources', relayed; for
/// the verbal noun at token `k`, the `عن` (or `عنه`, `عنها`…) before it.
fn relayed_saying_from(ctx: &Ctx, k: usize) -> Option<usize> {
    // (`وعبّر الجهني عن دهشته … بقوله`: "by saying" gives the subject's own words.)
    if !RELAYED_SAYING.contains(&ctx.key(k)) || proclitic(&ctx.tokens()[k]) == Some("ب") {
        return None;
    }
    (k.saturating_sub(MAX_SPEAKER_TOKENS + 2)..k).rev().take_while(|&j| ctx.punct(j).is_none()).find(|&j| ctx.key(j) == "عن" || FROM_PRONOUNS.contains(&ctx.key(j)))
}

/// `ونقلت وكالة رويترز عن تقرير "…" أن …`: the verb that relays, with what it relays
/// from after `عن`; the words are that source's (GUIDELINE 5.2, relayed quotation),
/// named before token `limit`.
fn relayed_by_verb(ctx: &Ctx, k: usize, limit: usize) -> Option<Speaker> {
    if !matches!(ctx.key(k), "نقل" | "نقلت" | "نقلوا") {
        return None;
    }
    // (A name in marks is stepped over: `ونقل موقع «جمعية المدافعين عن حقوق الإنسان» عن …`.)
    let stop = (k + 3 + MAX_SPEAKER_TOKENS).min(limit);
    let mut j = k + 1;
    while j < stop {
        if let Some(p) = ctx.punct(j) {
            let close = closing_mark(p)?;
            j = (j + 1..stop).find(|&c| ctx.punct(c) == Some(close))? + 1;
            continue;
        }
        if ctx.key(j) == "عن" {
            return speaker_after(ctx, j + 1, limit, Prepositions::Refuse);
        }
        j += 1;
    }
    None
}

/// Whether the cue at token `k` asks rather than states: `هل` before it in its
/// sentence with nothing between but words, or `ترى` ("do you think") in a sentence
/// that ends with a question mark.
fn asks(ctx: &Ctx, k: usize, sent_start: usize, sent_end: usize) -> bool {
    let toks = ctx.tokens();
    let first = ctx.token_at(sent_start);
    // (Bounded: a sentence of many cues without punctuation stays linear.)
    let whether = (first..k).rev().take(MAX_SPEAKER_TOKENS * 2).take_while(|&j| ctx.punct(j).is_none()).any(|j| ctx.key(j) == "هل");
    // (The sentence's last mark before any closing quotes or brackets.)
    let question = || {
        let last = toks.partition_point(|t| t.end <= sent_end);
        (first..last).rev().find(|&j| ctx.punct(j).is_none_or(|p| !p.chars().all(is_closing))).is_some_and(|j| matches!(ctx.punct(j), Some("؟" | "?")))
    };
    whether || (ctx.key(k) == "تري" && question())
}

/// A verb of speech, in the imperfect too (`يكشف`, `يعلن` after `لم`): a listed form,
/// or one whose perfect (`كشف`, `أعلن`) is.
fn is_speech_imperfect(key: &str) -> bool {
    CUE_WORDS.contains(&key)
        || key.strip_prefix('ي').or_else(|| key.strip_prefix('ت')).is_some_and(|stem| stem.chars().count() >= 3 && (CUE_WORDS.contains(&stem) || CUE_WORDS.contains(&format!("ا{stem}").as_str())))
}

/// Where a reported clause starting at token `first` ends: its last token, and the
/// token the scan stopped at. It runs to the sentence end, but stops at a semicolon,
/// at a speech participle (`مبيناً أنه`), and at a comma followed by another cue or
/// attribution or by a verb that introduces a quotation in marks (`، واصفاً القرار
/// بأنه "تعسفي"`). Final punctuation is left out.
fn clause_end(ctx: &Ctx, first: usize, sent_end: usize) -> (usize, usize) {
    let toks = ctx.tokens();
    let mut last = first;
    let mut m = first;
    while m < toks.len() && toks[m].start < sent_end {
        // A colon opening words in marks (`…، وبالتالي يتعين عليه…: "لطالما…"`) is
        // someone's own words: the clause ends before it.
        if ctx.punct(m) == Some(":") && matches!(ctx.punct(m + 1), Some("«" | "\"" | "“")) {
            break;
        }
        // A semicolon ends the clause, unless a reason or purpose follows it
        // (`؛ لأنها …`, `؛ انطلاقاً من …`): the speaker's own explanation goes on.
        // (`؛ لأخذ التعهد اللازم`: a verbal noun with لـ is a purpose too.)
        let purpose = toks.get(m + 1).is_some_and(|t| t.kind == TokenKind::Word && proclitic(t) == Some("ل"));
        // (`؛ فهو دائماً يدعم …`: "for he …" gives the speaker's reason.)
        let cause = m + 1 < toks.len() && matches!(toks[m + 1].text.as_str(), "فهو" | "فهي" | "فهم" | "فإنه" | "فإنها" | "فإن");
        // (`؛ بما يمكّن من …`: "so as to".)
        let so_as_to = toks.get(m + 1).is_some_and(|t| proclitic(t) == Some("ب")) && ctx.key(m + 1) == "ما";
        if ctx.punct(m) == Some("؛") && !(m + 1 < toks.len() && (REASON_WORDS.contains(&ctx.key(m + 1)) || purpose || cause || so_as_to)) {
            break;
        }
        if m > first {
            let after_comma = matches!(ctx.punct(m - 1), Some("،" | ","));
            let wording_of_quote = ctx.wording[m] && (m + 1..(m + 6).min(toks.len())).any(|j| matches!(ctx.punct(j), Some("«" | "\"" | "“")));
            // (`، فيما لم يكشف طومسون`: a negated act is another act too.)
            let negation = m + 2 < toks.len() && matches!(ctx.key(m + 1), "لم" | "لن" | "لا");
            let connective_cue = CONNECTIVES.contains(&ctx.key(m)) && m + 1 < toks.len() && (ctx.is_cue(m + 1) || (negation && is_speech_imperfect(ctx.key(m + 2))));
            // `، مع العلم أن …`, `، علماً بأن …`: the writer's note.
            let writers_note = (ctx.key(m) == "مع" && ctx.key(m + 1) == "العلم") || ctx.key(m) == "علما";
            // `، غير أن المسؤول ألمح إلى أن`: "however" and another speech act.
            let contrast_cue = matches!(ctx.key(m), "غير" | "الا")
                && m + 1 < toks.len()
                && ctx.key(m + 1) == "ان"
                && (m + 2..(m + 2 + MAX_SPEAKER_TOKENS).min(toks.len())).any(|j| ctx.is_cue(j));
            // `نفى أن يكون … وقال: …`: a new speech act opening its own words; `… ببراعة
            // وقالت إن هدف اللاعب …`: a new speech act reporting more, comma or not.
            // Only verbs that report what someone said: `… يدين العمل ويؤكد أن …`,
            // `حددت تشريعات وأكدت أن …` go on with the reported subject's own acts.
            let conjoined_cue = ctx.is_cue(m)
                && matches!(proclitic(&toks[m]), Some("و" | "ف"))
                && (matches!(ctx.punct(m + 1), Some(":" | "«" | "\"" | "“"))
                    || (REPORTING_VERBS.contains(&ctx.key(m))
                        && (m + 1..(m + 2 + MAX_SPEAKER_TOKENS).min(toks.len()))
                            .take_while(|&c| toks[c].start < sent_end && ctx.punct(c).is_none())
                            .any(|c| ctx.is_complementiser(c))));
            // Without a comma, only participles that are never adjectives (`مرحبة`,
            // `مستنكرة` are); with a proclitic it is another word (`لمرجعه`).
            let other_act = OTHER_ACTS.contains(&ctx.key(m)) && (after_comma || (proclitic(&toks[m]).is_none() && ACTS_NEVER_ADJECTIVES.contains(&ctx.key(m))));
            // A participle no list names, known by its shape and what it takes: `،
            // متعهداً أنه`, `، مؤملاً أن`, `، متوعداً بمحاسبة`.
            let unlisted_act = after_comma && participle_taking_a_clause(ctx, m);
            // (`، دعا فيه الأطباء …` "in which he called": a relative clause inside what
            // was said, not the speaker's next act; `، وقالت فيه "…"` is another act.)
            let in_which = m + 1 < toks.len() && matches!(ctx.key(m + 1), "فيه" | "فيها") && proclitic(&toks[m]).is_none();
            if (after_comma && ((ctx.is_cue(m) && !in_which) || ctx.is_attribution(m) || wording_of_quote || connective_cue || contrast_cue || writers_note || speaker_frame_ahead(ctx, m, sent_end)))
                || ctx.is_participle(m)
                || other_act
                || unlisted_act
                || conjoined_cue
            {
                break;
            }
        }
        if !ctx.is_clause_punct(m) {
            last = m;
        }
        m += 1;
    }
    (last, m)
}

/// Whether token `m` has the shape of a masculine active participle in the accusative
/// (`مُتعهِّداً`: م, at least five letters, a final alef, no clitic) and takes a clause
/// or a ب object (`أنه`, `إلى أن`, `بمحاسبة`): the speaker's next act, as a listed
/// participle is. Adverbs of the same shape (`مجدداً`, `مؤخراً`) take neither.
fn participle_taking_a_clause(ctx: &Ctx, m: usize) -> bool {
    let toks = ctx.tokens();
    let key = ctx.key(m);
    let chars: Vec<char> = key.chars().collect();
    // Not a passive participle (`مدعوماً بـ`, "supported by", describes what was
    // said) nor the verbal noun `مروراً بـ` ("by way of").
    let passive = chars.len() == 6 && chars[3] == 'و';
    let shaped = toks[m].kind == TokenKind::Word
        && toks[m].segments.len() == 1
        && chars.len() >= 5
        && chars[0] == 'م'
        && chars[chars.len() - 1] == 'ا'
        && !passive
        && key != "مرورا";
    let takes = |j: usize| j < toks.len() && (ctx.is_complementiser(j) || proclitic(&toks[j]) == Some("ب"));
    shaped && (takes(m + 1) || (m + 2 < toks.len() && ctx.key(m + 1) == "الي" && ctx.is_complementiser(m + 2)))
}

/// How many words may open a new clause before its speech verb (`، وبعد التحقيق معهما
/// أوضحت الأم أن`, `، وعن عدم مقدرة أكثر من لاعب على الالتحاق بالمعسكر أوضح الدخيل أن`).
const FRAME_LEAD_WORDS: usize = 10;

/// Whether the clause starting at token `m` (after a comma) is someone's new speech act:
/// a few words without punctuation, then a speech verb with its own subject and
/// complementiser. A reported clause ends before it: the speaker does not report
/// another's words inside their own. `، ما يؤكد أن` / `، الأمر الذي يؤكد أن` comment on
/// what was said and stay in it.
fn speaker_frame_ahead(ctx: &Ctx, m: usize, sent_end: usize) -> bool {
    let toks = ctx.tokens();
    let in_clause = |j: usize| j < toks.len() && toks[j].start < sent_end && ctx.punct(j).is_none();
    let mut j = m + 1;
    while j <= m + FRAME_LEAD_WORDS && in_clause(j) {
        if ctx.is_cue(j) && !ctx.is_participle(j) {
            if matches!(ctx.key(j - 1), "ما" | "مما" | "الذي" | "التي" | "لما") {
                return false;
            }
            let mut c = j + 1;
            while c <= j + 1 + MAX_SPEAKER_TOKENS && in_clause(c) {
                if ctx.is_complementiser(c) {
                    return (j + 1..c).any(|s| !ctx.is_not_speaker(s));
                }
                c += 1;
            }
            return false;
        }
        j += 1;
    }
    false
}

/// Verbs that relay what a source published, besides the cues (`حسبما أوردت صحيفة`).
const PUBLISHING_VERBS: &[&str] = &["اورد", "اوردت", "اوردته", "نشر", "نشرت", "نشرته", "بث", "بثت"];

/// "Appeared", "came" (`حسبما ورد في تقريرها`, `بحسب ما جاء في البيان`): the document
/// after `في` is the source.
const APPEARED_IN: &[&str] = &["ورد", "وردت", "جاء", "جاءت"];

/// Whether token `k` is a verb by which a source says or relays something (after
/// `حسبما`, "according to what … said").
fn relays(ctx: &Ctx, k: usize) -> bool {
    ctx.is_cue(k) || ctx.is_cue_with_object(k) || PUBLISHING_VERBS.contains(&ctx.key(k))
}

/// `وبحسب X فإن …` (content after `فإن` or the comma) or `… بحسب X` (content before).
fn attribution(ctx: &Ctx, k: usize, sent_start: usize, sent_end: usize, inside: &dyn Fn(usize) -> bool) -> Option<Quote> {
    let toks = ctx.tokens();
    // `نقلاً عن X`, `وفقاً لـ X`: the speaker follows the preposition.
    let mut s = k + 1;
    if s < toks.len() && matches!(ctx.key(s), "عن" | "ل" | "لما") {
        s += 1;
        // (`وفقا لـ«تومسون رويترز»`: the tatweel after the preposition is no word.)
        if s < toks.len() && ctx.tokens()[s].text.chars().all(|c| c == 'ـ') {
            s += 1;
        }
    }
    // `وفق ما يلي` "as follows" introduces a list, not a source.
    if s + 1 < toks.len() && ctx.key(s) == "ما" && matches!(ctx.key(s + 1), "يلي" | "ياتي") {
        return None;
    }
    // `بحسب ما أعلن X`, `بحسب وصف X`: a speech act, whoever X is.
    let mut said = s + 1 < toks.len() && ctx.key(s) == "ما" && (ctx.is_cue(s + 1) || ctx.is_cue_with_object(s + 1));
    // `بحسب ما ورد في التقرير`, `حسبما جاء في البيان`: the document says it.
    let appeared_in = |j: usize| j + 1 < toks.len() && APPEARED_IN.contains(&ctx.key(j)) && ctx.key(j + 1) == "في";
    if s + 2 < toks.len() && ctx.key(s) == "ما" && appeared_in(s + 1) {
        said = true;
        s += 3;
    } else if matches!(ctx.key(k), "حسبما" | "بحسبما") && appeared_in(s) {
        said = true;
        s += 2;
    }
    // `حسبما أفاد مسؤولون`: the same, written as one word.
    if matches!(ctx.key(k), "حسبما" | "بحسبما") && !said {
        if !(s < toks.len() && relays(ctx, s)) {
            return None;
        }
        said = true;
        s += 1;
        if s < toks.len() && matches!(ctx.key(s), "به" | "عنه" | "عنها") {
            s += 1;
        }
    }
    if s + 1 < toks.len() && matches!(ctx.key(s), "وصف" | "تعبير") {
        s += 1;
        said = true;
    }
    // (`، حسبما نقلت "واس".`: the outlet in marks ends the sentence.)
    // (`وفقا لـ«تومسون رويترز».`: so does one that the phrase ends with.)
    let outlet_in_marks = || short_marks(ctx, s).filter(|&close| said || ctx.punct(close + 1).is_some()).map(|close| make_speaker(ctx, s + 1, close));
    let speaker = speaker_after(ctx, s, toks.len(), Prepositions::Allow).or_else(outlet_in_marks);
    // `وفق الخطة`, `بحسب النظام`: rules and plans are not sources.
    if !said && !speaker.as_ref().is_some_and(|sp| is_source(ctx, sp)) {
        return None;
    }
    let cue = ctx.span(toks[k].start, toks[k].end);
    let first_in_sentence = ctx.token_at(sent_start);
    // `وبحسب المتحدث … فقد قامت الفرق …`: "then indeed", like `فإن`, opens what the
    // source said.
    // (The segmenter may keep `فقد` whole: it is also "lost".)
    let then_indeed = |j: usize| ctx.key(j) == "فقد" || (ctx.key(j) == "قد" && proclitic(&toks[j]) == Some("ف"));
    // The clause it attributes follows it when it opens the sentence or a clause of
    // its own (`…، ووفقاً لشهود العيان، فإنه …`); otherwise it precedes it.
    let opens_clause = k > 0 && matches!(ctx.punct(k - 1), Some("،" | ",")) && {
        let after = speaker.as_ref().map_or(k + 1, |sp| ctx.tokens().partition_point(|t| t.end <= sp.end));
        // `فإن` soon after the source, or, when the phrase starts with و/ف, a comma
        // (`لشهود العيان من مصلي الظهر، فإنه`); not a comma before another speech act
        // (`، حسب ما أفاد المرصد أمس، وقال…`), nor one that only closes the phrase
        // inside its clause (`بأهمية إستراتيجية، وفق عبدالرحمن، لوجودها`).
        let conjoined = matches!(proclitic(&toks[k]), Some("و" | "ف"));
        (after..(after + 8).min(toks.len()))
            .take_while(|&j| toks[j].start < sent_end && !ctx.is_cue(j))
            .any(|j| (conjoined && matches!(ctx.punct(j), Some("،" | ",")) && !(j + 1 < toks.len() && ctx.is_cue(j + 1))) || ctx.key(j) == "ان" || then_indeed(j))
    };
    let from = speaker.as_ref().map_or(k + 1, |sp| ctx.token_at(sp.end));
    // (What follows the source's head in its sentence: its adjectives, `القطرية`, `24
    // الإماراتي`; no clause. Bounded: a long sentence is no credit standing alone.)
    let rest: Vec<usize> = (from..toks.len()).take_while(|&j| toks[j].start < sent_end).take(12).collect();
    // (On a line of its own, `نقلا عن الجزيرة` credits a whole republished column.)
    let same_line = first_in_sentence > 0 && !ctx.slicer.slice(toks[first_in_sentence - 1].end, toks[k].start).contains('\n');
    let standing_alone = k <= first_in_sentence + 1
        && same_line
        && speaker.is_some()
        && rest.len() < 12
        && rest.iter().filter(|&&j| ctx.punct(j).is_none()).count() <= 3
        && !rest.iter().any(|&j| matches!(ctx.punct(j), Some("،" | "," | ":")) || ctx.is_cue(j) || ctx.is_complementiser(j) || then_indeed(j));
    let (start, end) = if standing_alone {
        // `… شرقي اليمن. وفقا لقناة الجزيرة.`: a credit that is a sentence of its own
        // attributes the sentence before it.
        let prev = first_in_sentence.checked_sub(1).and_then(|j| ctx.sentence_of(toks[j].start))?;
        let prev_first = ctx.token_at(ctx.doc.sentences[prev].start);
        let mut last = first_in_sentence - 1;
        while last > prev_first && ctx.punct(last).is_some() {
            last -= 1;
        }
        if last <= prev_first || has_own_report(ctx, prev_first, last, inside) {
            return None;
        }
        (toks[prev_first].start, toks[last].end)
    } else if k <= first_in_sentence + 1 || opens_clause {
        // At the start: the content follows the speaker, after `فإن` or a comma.
        let mut j = from;
        while j < toks.len() && toks[j].start < sent_end && !(ctx.key(j) == "ان" || then_indeed(j) || matches!(ctx.punct(j), Some("،" | ","))) {
            j += 1;
        }
        // `وبحسب ما جاء في إحدى الصحف قال العضو المنتدب إن …`: a speech act of its own
        // before the complementiser makes the quote.
        // (Not a verb of the source's own, `وبحسب مصادر … تحدث لـ(مراسل اليوم) أن`.)
        if ctx.key(j) == "ان" && (from..j).any(|x| ctx.is_cue(x) && speaker_after(ctx, x + 1, j, Prepositions::Refuse).is_some()) {
            return None;
        }
        let mut first = j + 1;
        // `، فإن …`: the complementiser after the comma is not what was said.
        if first < toks.len() && ctx.punct(j).is_some() && ctx.is_complementiser(first) {
            first += 1;
        }
        if first >= toks.len() || toks[first].start >= sent_end {
            return None;
        }
        // `وبحسب "الفرنسية"، فقد أوضح رئيس المفوضية أن …`: the speech act the clause
        // opens with wins; its own cue makes the quote.
        let own_report = |j: usize| {
            ctx.is_cue(j)
                && !ctx.is_participle(j)
                && (j + 1..(j + COMPLEMENTISER_WINDOW).min(toks.len()))
                    .take_while(|&c| toks[c].start < sent_end)
                    .any(|c| ctx.is_complementiser(c) || matches!(ctx.punct(c), Some(":")))
        };
        if (first..(first + 2).min(toks.len())).any(own_report) {
            return None;
        }
        let (last, _) = clause_end(ctx, first, sent_end);
        (toks[first].start, toks[last].end)
    } else {
        // At the end: the content is the sentence before it, up to the comma; or, when
        // the phrase closes a subordinate clause (`، كما يجري يومياً في المسجد بحسب
        // إمامه`), that clause from its connector.
        let mut last = k - 1;
        while last > first_in_sentence && ctx.punct(last).is_some() {
            last -= 1;
        }
        let comma = (first_in_sentence..last).rev().find(|&j| matches!(ctx.punct(j), Some("،" | ",")));
        let first = comma.map(|j| j + 1).filter(|&j| j < last && matches!(ctx.key(j), "كما" | "لاسيما")).unwrap_or(first_in_sentence);
        if has_own_report(ctx, first, last, inside) {
            return None;
        }
        (toks[first].start, toks[last].end)
    };
    if end <= start || inside(start) {
        return None;
    }
    Some(Quote { start, end, text: ctx.slicer.slice(start, end).to_string(), kind: QuoteKind::Reported, cue: Some(cue), speaker })
}

/// Whether the clause of tokens `first..=last` that a credit would attribute already
/// reports itself: `وقال X: «…»، حسب تقرير لـ«رويترز»` holds words quoted with their own
/// cue, `وذكرت صحيفة الوطن، نقلاً عن …` opens with a speech verb of its own (not a future
/// `سيعلن`, which has said nothing yet).
fn has_own_report(ctx: &Ctx, first: usize, last: usize, inside: &dyn Fn(usize) -> bool) -> bool {
    let toks = ctx.tokens();
    let opens_with_cue = (first..=(first + 1).min(last)).any(|j| ctx.is_cue(j) && !toks[j].segments.iter().any(|s| s.kind == SegmentKind::Proclitic && s.text == "س"));
    opens_with_cue || (first..=last).any(|j| inside(toks[j].start))
}

/// Heads of phrases that name where information comes from (search-normalised
/// stems, without clitics or ال).
const SOURCE_HEADS: &[&str] = &[
    "مصدر", "مصادر", "بيان", "تقرير", "تقارير", "وكاله", "صحيفه", "صحف", "موقع", "وزاره", "هيئه", "مسؤول", "مسؤولين", "مسؤولون", "شهود", "شاهد", "دراسه",
    "احصاءات", "احصائيات", "تصريح", "تصريحات", "متحدث", "ناطق", "مكتب", "رئيس", "وزير", "مدير", "قائد", "خبراء", "خبير", "محللين", "مراقبين", "سكان", "اهالي",
    "مراسل", "شبكه", "قناه", "اذاعه", "منظمه", "مركز", "معهد", "لجنه", "مجلس", "جهات", "اوساط", "اداره", "شرطه", "وسائل", "ارقام", "بيانات", "نتائج", "استطلاع",
    "الامم", "روايه", "اعلان", "مراكز", "منظمات", "هيئات", "وكالات", "مواقع", "وزارات", "جمعيه", "اتحاد", "شركه", "بنك", "جامعه", "حكومه",
    "سلطات", "دوائر", "مسؤولي", "محلل", "باحث", "باحثين", "علماء", "استخبارات", "تقديرات", "احصائيه", "احصاء", "حاكم", "محافظ",
    // News agencies named by their adjective (`وبحسب الفرنسية`: AFP, `الألمانية`: dpa).
    "فرنسيه", "المانيه",
];

/// An attribution's speaker is a source: a named person, organisation or place, or a
/// phrase headed by a source noun (`مصادر مطلعة`, `وكالة الأنباء`, `شهود العيان`).
fn is_source(ctx: &Ctx, sp: &Speaker) -> bool {
    // The token holding the speaker's first character (it may start after a clitic).
    let k = ctx.tokens().partition_point(|t| t.end <= sp.start).min(ctx.tokens().len().saturating_sub(1));
    let t = &ctx.tokens()[k];
    let stem = t.segments.iter().find(|s| s.kind == SegmentKind::Stem).map_or(t.text.as_str(), |s| s.text.as_str());
    let head = normalize(stem, &NormalizeOptions::search());
    // `وفق المبادرة الخليجية`: a plan is not a source, even a named one.
    let bare = head.strip_prefix("ال").filter(|h| h.chars().count() >= 2).unwrap_or(&head);
    if PLAN_HEADS.contains(&bare) {
        return false;
    }
    // (`وبحسب "الفرنسية"،`: a name in marks, an outlet's, where the phrase ends; in
    // mid-clause, `واشترطت الهيئة بحسب “عكاظ” في إطلاق …`, it would credit half a
    // clause.)
    let after_close = ctx.tokens().partition_point(|t| t.end <= sp.end) + 1;
    let in_marks = k > 0 && matches!(ctx.punct(k - 1), Some("«" | "\"" | "“")) && (after_close >= ctx.tokens().len() || ctx.punct(after_close).is_some());
    sp.entity.is_some() || in_marks || SOURCE_HEADS.contains(&head.as_str())
}

/// Heads of phrases that name a plan, rule or agreement (search-normalised, without
/// ال): `وفق الخطة`, `حسب النظام`, `وفقاً للمبادرة الخليجية` say "in accordance with",
/// not who said it.
const PLAN_HEADS: &[&str] = &[
    "مبادره", "خطه", "نظام", "انظمه", "اتفاقيه", "اتفاق", "اليه", "اليات", "قرار", "قرارات", "جدول", "قانون", "قوانين", "لائحه", "لوائح", "برنامج", "شروط",
    "معايير", "ضوابط", "تعليمات", "توجيهات", "اجراءات", "خطط", "استراتيجيه", "رؤيه", "مبادرات", "نظم", "قواعد", "اتفاقات", "دستور", "ميثاق",
    "تقويم",
];

/// A cue with no subject of its own (`وأضاف`, `مؤكداً`, `وتابع`) continues the last
/// speaker named with a cue — even one that introduced no quote (`وأكد بايدن على أهمية
/// …، مشدداً على أن …`); failing that, the person or organisation named last before it.
fn resolve_dropped_speakers(ctx: &Ctx, quotes: &mut [Quote]) {
    let toks = ctx.tokens();
    // Every cue with an explicit subject, in order: (cue start, speaker). What follows
    // a verb of appeal (`وطالب`, `ودعا`) may be whom it addressed (`وطالب الراغبين في
    // التدريب …`): it counts only when it is a named entity.
    let mut named: Vec<(usize, Speaker)> = Vec::new();
    // (`ونقل التلفزيون عنه قوله`: the outlet that relays someone named before names
    // no speaker.)
    let relays_a_pronoun = |k: usize| {
        (k + 1..(k + 3 + MAX_SPEAKER_TOKENS).min(toks.len()))
            .take_while(|&j| ctx.punct(j).is_none())
            .any(|j| FROM_PRONOUNS.contains(&ctx.key(j)) && j + 1 < toks.len() && RELAYED_SAYING.contains(&ctx.key(j + 1)))
    };
    for k in 0..toks.len() {
        if ctx.is_cue(k) && !relays_a_pronoun(k) {
            if let Some(sp) = relayed_by_verb(ctx, k, toks.len()).or_else(|| speaker_after(ctx, k + 1, toks.len(), Prepositions::Refuse)).or_else(|| subject_before(ctx, k)) {
                if sp.entity.is_some() || !APPEAL_VERBS.contains(&ctx.key(k)) {
                    named.push((toks[k].start, sp));
                }
            }
        }
    }
    // Quotes are in text order: a quote's speaker, found or resolved, is a candidate
    // for the dropped subjects after it (`وقال في تصريحات … "…"، مشيراً إلى أن`), under
    // the same rule for verbs of appeal.
    let candidate: Vec<bool> = quotes
        .iter()
        .map(|q| q.speaker.as_ref().is_none_or(|sp| sp.entity.is_some() || q.cue.as_ref().is_none_or(|c| !APPEAL_VERBS.contains(&ctx.key(ctx.token_at(c.start))))))
        .collect();
    let cued = SpanSet::new(quotes.iter().filter(|q| q.cue.as_ref().is_some_and(|c| !ctx.is_attribution(ctx.token_at(c.start)))).map(|q| (q.start, q.end)));
    for i in 0..quotes.len() {
        let at = quotes[i].cue.as_ref().map_or(quotes[i].start, |c| c.start.min(quotes[i].start));
        let passive = quotes[i].cue.as_ref().is_some_and(|c| PASSIVE_CUES.contains(&ctx.key(ctx.token_at(c.start))));
        if quotes[i].speaker.is_none() && !passive {
            // A cue inside an earlier quote is speech reported within it (`أكدت المصادر
            // أن الوزير أبلغ الجبوري أن …، مؤكدةً`): its subject does not go on.
            // (A clause attributed by `وحسب X،` has its own speech act: that one counts.)
            // (Only earlier quotes can hold `pos`, which is before this one's start: the
            // quotes are in order of start.)
            let inside_quote = |pos: usize| cued.contains(pos);
            // (`named` is in text order: the cues before `at` are a prefix.)
            let by_cue = named[..named.partition_point(|(pos, _)| *pos < at)].iter().rev().find(|(pos, _)| !inside_quote(*pos));
            let by_quote = quotes[..i].iter().zip(&candidate).rev().filter(|(_, &candidate)| candidate).find_map(|(p, _)| p.speaker.as_ref().map(|s| (p.cue.as_ref().map_or(p.start, |c| c.start.min(p.start)), s)));
            // The later of the two; on a tie, the speaker named at the cue.
            let last = [by_quote, by_cue.map(|(pos, s)| (*pos, s))].into_iter().flatten().max_by_key(|&(pos, _)| pos);
            // A participle adds to its own sentence's clause: when no speaker was named
            // there, its subject is the subject of the verb the sentence opens with
            // (`هاجم X، الأمين العام … Y، واصفاً إياه بأنه`: X, not Y nor an earlier speaker).
            // So does a verb inside the sentence (`ألقى وزير الزراعة كلمة قال فيها: إن`).
            let cue_token = quotes[i].cue.as_ref().map(|c| ctx.token_at(c.start));
            let sentence_start = ctx.sentence_of(at).map_or(0, |s| ctx.doc.sentences[s].start);
            let own_subject = match cue_token {
                Some(k) if last.is_none_or(|(pos, _)| pos < sentence_start) => opening_verbs_subject(ctx, ctx.token_at(sentence_start), k, ctx.is_subjectless(k)),
                _ => None,
            };
            // `وأكد سموه`: His Highness is a person, not the agency named since.
            // (`وعبر سموه … عن استنكاره، مؤكداً أن`: the pronoun may be the subject of the
            // verb the participle adds to.)
            // (Bounded: a sentence of many quotes without punctuation stays linear.)
            let honorific = cue_token.and_then(|k| (ctx.token_at(sentence_start)..(k + 2).min(toks.len())).rev().take(64).map(|j| ctx.key(j)).find(|key| HONORIFIC_PRONOUNS.contains(key)));
            // `سموه` is a prince's title, never the King's, whom a prince's statement
            // often names.
            let prince = honorific.is_some_and(|h| h.starts_with("سمو"));
            // (`قالت`, `تقول`, `مؤكدةً`: a feminine cue; `نوّه` is not one.)
            let feminine = cue_token.is_some_and(|k| {
                let key = ctx.key(k);
                key.ends_with('ت') || key.starts_with('ت') || (key.starts_with('م') && key.ends_with('ه'))
            });
            quotes[i].speaker = own_subject.or_else(|| last.map(|(_, s)| s.clone())).or_else(|| nearest_person_before(ctx, quotes[i].start, &quotes[..i], honorific.is_some(), prince, feminine));
        }
    }
}

/// The named subject of the verb a sentence opens with (token `first`, after a
/// dateline `سبق- وكالات:` or a leading `من جهته،`), when it ends before token `limit`.
/// For a participle (`any`), any subject phrase will do (`وجدد عدد من المواطنين مطالبهم،
/// مؤكدين أنه`); for a verb, only a name or a title.
fn opening_verbs_subject(ctx: &Ctx, mut first: usize, limit: usize, any: bool) -> Option<Speaker> {
    if let Some(colon) = (first..(first + 6).min(limit)).find(|&j| ctx.punct(j) == Some(":")) {
        first = colon + 1;
    }
    if first + 2 < limit && ctx.key(first) == "من" && FOR_ONES_PART.contains(&ctx.key(first + 1)) {
        first += 2;
        if matches!(ctx.punct(first), Some("،" | ",")) {
            first += 1;
        }
    }
    // A byline on a line of its own before the first sentence (`أميرة المولد – عين
    // اليوم⏎ أصدر المتحدث …`).
    if let Some(line) = (first + 1..(first + 8).min(limit)).rev().find(|&j| ctx.newline_between(j - 1, j)) {
        first = line;
    }
    // `وحول ما يجنيه من أرباح، تحفظ الشاب …`, `وفي رده على سؤال، قال`: a fronted phrase
    // set off by a comma before the verb.
    if matches!(ctx.key(first), "حول" | "عن" | "في" | "بشان" | "فيما" | "علي" | "من" | "بعد" | "قبل" | "خلال") && !FOR_ONES_PART.contains(&ctx.key(first + 1)) {
        if let Some(comma) = (first + 1..(first + 14).min(limit)).find(|&j| matches!(ctx.punct(j), Some("،" | ","))) {
            if (first + 1..comma).all(|j| ctx.punct(j).is_none()) {
                first = comma + 1;
            }
        }
    }
    // `كما رفضت أبل التعليق قائلة`: a connective before the verb; `وسرعان ما ندد`.
    while first + 1 < limit && matches!(ctx.key(first), "كما" | "ثم" | "فيما" | "بينما" | "قد" | "كذلك" | "سرعان") {
        first += 1;
        if ctx.key(first - 1) == "سرعان" && ctx.key(first) == "ما" {
            first += 1;
        }
    }
    if first >= limit || ctx.tokens()[first].kind != TokenKind::Word || ctx.is_not_speaker(first) {
        return None;
    }
    // (`وأبدى إعجابه واندهاشه …، مؤكداً`: a word with a possessive is the verb's object.)
    let possessed = ctx.tokens().get(first + 1).is_some_and(|t| t.segments.iter().any(|s| s.kind == SegmentKind::Enclitic));
    speaker_after(ctx, first + 1, limit, Prepositions::Refuse).filter(|sp| (any && !possessed) || sp.entity.is_some() || is_person_title(ctx.key(first + 1)))
}

/// Whether a search-normalised word is a person's title (`المدرب`, `الوزير`, and in
/// construct `وزير الزراعة`, `رئيس النادي`): the head words the entity tagger learns
/// names after ([`crate::ner::distrib::CUE_WORDS`]).
fn is_person_title(key: &str) -> bool {
    static TITLES: std::sync::OnceLock<rustc_hash::FxHashSet<String>> = std::sync::OnceLock::new();
    let titles = TITLES.get_or_init(|| crate::ner::distrib::CUE_WORDS[0].split_whitespace().map(|w| normalize(w, &NormalizeOptions::search())).collect());
    titles.contains(key) || titles.contains(&format!("ال{key}"))
}

/// The person or organisation named last before `pos`, outside the quotes before it
/// (a name inside a quotation is what was said, not who said it); only a person when
/// `person_only`.
fn nearest_person_before(ctx: &Ctx, pos: usize, before: &[Quote], person_only: bool, not_the_king: bool, feminine: bool) -> Option<Speaker> {
    let kings = |m: &Span| {
        let k = ctx.token_at(m.start);
        (k.saturating_sub(2)..k).any(|j| ctx.key(j) == "الملك") || m.text.contains("خادم الحرمين")
    };
    let nearest = |person: bool| {
        let mut best: Option<(&Entity, &Span)> = None;
        for e in &ctx.doc.entities {
            let wanted = match e.label {
                crate::doc::EntityLabel::Person => true,
                crate::doc::EntityLabel::Organisation => !person,
                _ => false,
            };
            if !wanted {
                continue;
            }
            for m in e.mentions.iter().filter(|m| m.end <= pos && !before.iter().any(|q| q.start <= m.start && m.end <= q.end) && !(not_the_king && kings(m))) {
                if best.is_none_or(|(_, b)| m.start > b.start) {
                    best = Some((e, m));
                }
            }
        }
        best
    };
    let mut best = nearest(person_only);
    // `حسين عبدالغني قائد فريق النصر … وقال: "…"`: an organisation in the title of the
    // person named just before it is not who speaks; the person is. (Not after a
    // feminine verb, `وقالت`, which agrees with an organisation as often as with a woman.)
    if let Some((e, m)) = best.filter(|(e, _)| e.label == crate::doc::EntityLabel::Organisation && !feminine) {
        let org_first = ctx.token_at(m.start);
        if let Some((p, pm)) = nearest(true) {
            let person_end = ctx.token_at(pm.end.saturating_sub(1)) + 1;
            let title = person_end <= org_first && org_first - person_end <= 4 && (person_end..org_first).all(|j| ctx.tokens()[j].kind == TokenKind::Word);
            if title {
                best = Some((p, pm));
            } else {
                best = Some((e, m));
            }
        }
    }
    best.map(|(e, m)| Speaker { start: m.start, end: m.end, text: m.text.clone(), entity: Some(e.id.clone()) })
}

#[cfg(test)]
mod tests {
    use crate::doc::{Quote, QuoteKind};
    use crate::Analyzer;

    fn quotes(text: &str) -> Vec<Quote> {
        static ANALYZER: std::sync::OnceLock<Analyzer> = std::sync::OnceLock::new();
        ANALYZER.get_or_init(Analyzer::default).analyze_text(text).quotes
    }

    fn speaker(q: &Quote) -> &str {
        q.speaker.as_ref().map_or("", |s| s.text.as_str())
    }

    fn texts(q: &[Quote]) -> Vec<String> {
        q.iter().map(|q| q.text.clone()).collect()
    }

    #[test]
    fn word_lists_are_in_the_form_they_are_compared_in() {
        // Keys are search-normalised: an entry spelt otherwise (`موكدا` for مؤكدا,
        // which search normalisation leaves alone) would silently never match.
        let lists = [super::CUE_WORDS, super::WORDING_CUES, super::APPEAL_VERBS, super::PARTICIPLE_CUES, super::ATTRIBUTION_WORDS, super::COMPLEMENTISERS, super::CUES_ALSO_PREPOSITIONS, super::PRAYED_TO, super::NOT_SPEAKER, super::FOR_ONES_PART, super::SPEECH_OPENERS, super::OPENERS_AFTER_MIN, super::TITLE_NOUNS, super::SOURCE_HEADS, super::WRITERS_NOTES, super::VERBAL_NOUN_OBJECTS, super::CONNECTIVES, super::NOUN_AFTER, super::OUTLET_NOUNS, super::HONORIFIC_PRONOUNS, super::DIRECT_SPEECH_VERBS, super::REASON_WORDS, super::OTHER_ACTS, super::SEEMS, super::ACTS_NEVER_ADJECTIVES, super::REPORTING_VERBS, super::RELAYED_SAYING, super::FROM_PRONOUNS, super::PLAN_HEADS, super::DIVINE_APPEALS, super::SUBJUNCTIVE_TAKERS, super::PUBLISHING_VERBS, super::TO_WHOM, super::CONDITIONAL_VERBS, super::FIRST_PERSON_VERBS, super::DOCUMENT_NOUNS, super::IMAM_OF, super::ON_OR_DURING, super::NOT_LABELS];
        for w in lists.iter().flat_map(|l| l.iter()) {
            assert_eq!(super::normalize(w, &super::NormalizeOptions::search()), *w);
        }
        for w in super::OUTLET_NAMES.iter().flat_map(|(name, next)| std::iter::once(name).chain(next)) {
            assert_eq!(super::normalize(w, &super::NormalizeOptions::search()), *w);
        }
    }

    #[test]
    fn a_new_report_or_act_ends_a_reported_clause_without_a_comma() {
        // Another report joined by و, and a participle of praise, comma or not.
        let q = quotes("وقالت الصحيفة إن اللاعب قدم مباراة رائعة وقالت إن هدفه كان حاسما في اللقاء.");
        assert_eq!(texts(&q), ["اللاعب قدم مباراة رائعة", "هدفه كان حاسما في اللقاء"]);
        let q = quotes("وقال السفير إن المملكة ترفض أي تدخل في شؤون جيرانها مشيداً بجهود رجال الأمن في كشف الخلية.");
        assert_eq!(texts(&q), ["المملكة ترفض أي تدخل في شؤون جيرانها"]);
        // The reported subject's own acts go on: an imperfect, a verb that is not only
        // a report, an adjective that looks like a participle, a noun with a preposition.
        let q = quotes("وقال الرئيس إن المجلس يدين هذا العمل الجبان ويؤكد أن المملكة ستبقى آمنة.");
        assert_eq!(texts(&q), ["المجلس يدين هذا العمل الجبان ويؤكد أن المملكة ستبقى آمنة"]);
        let q = quotes("وذكرت المصادر أن الوزارة حددت شروطا جديدة للمختبرات وأكدت أنها ستراقب تطبيقها.");
        assert_eq!(texts(&q), ["الوزارة حددت شروطا جديدة للمختبرات وأكدت أنها ستراقب تطبيقها"]);
        let q = quotes("وقال الوزير إن مصر ستبقى مرحبة بالوفد الإماراتي في كل وقت.");
        assert_eq!(texts(&q), ["مصر ستبقى مرحبة بالوفد الإماراتي في كل وقت"]);
        let q = quotes("وقال المتحدث إن الجندي لم يبلغ لمرجعه بدخوله المستشفى بعد الحادث.");
        assert_eq!(texts(&q), ["الجندي لم يبلغ لمرجعه بدخوله المستشفى بعد الحادث"]);
    }

    #[test]
    fn a_name_in_marks_before_a_colon_a_title_after_a_semicolon_and_a_narrated_act() {
        // `وأضاف "الجهني": …`: the marks hold the speaker, the words follow the colon;
        // with marks after the colon too, the speaker is the name, not someone before.
        let q = quotes("وأضاف \"الجهني\": عند وصول الفرق تبين أن الحادث عبارة عن سقوط مقيم داخل بئر.");
        assert_eq!(texts(&q), ["عند وصول الفرق تبين أن الحادث عبارة عن سقوط مقيم داخل بئر"]);
        assert_eq!(speaker(&q[0]), "الجهني");
        let q = quotes("وأكد المدير أن اللجنة ستنظر في الشكاوى. وقال \"العمري\": \"الإجراءات لم تتغير منذ العام الماضي\".");
        assert_eq!(texts(&q), ["اللجنة ستنظر في الشكاوى", "الإجراءات لم تتغير منذ العام الماضي"]);
        assert_eq!(speaker(&q[1]), "العمري");
        // `أوضح X؛ title، أن …`: the semicolon sets off the speaker's title.
        let q = quotes("من جهته، أوضح عصام أبو عيسى؛ نائب الرئيس التنفيذي في شركة أيون العربية، أن الفجوة بين الاستمارة والتأمين حجبت كثيرا من السيارات.");
        assert_eq!(texts(&q), ["الفجوة بين الاستمارة والتأمين حجبت كثيرا من السيارات"]);
        assert_eq!(speaker(&q[0]), "عصام أبو عيسى");
        // A semicolon that ends a clause still ends it.
        let q = quotes("وأوضح المدير؛ ثم غادر القاعة، أن الاجتماع انتهى.");
        assert!(q.is_empty(), "{q:?}");
        // Words after a colon end before a speech participle after a comma: the
        // writer narrates the next act, whose clause is a quote of its own.
        let q = quotes("وحول الخطاب الإعلامي، قال \"آل مرعي\": وزارة الإعلام لديها دور كبير في تعزيز الأمن الفكري، مشيراً إلى أن الدور الذي تقوم به غير كافٍ.");
        assert_eq!(texts(&q), ["وزارة الإعلام لديها دور كبير في تعزيز الأمن الفكري", "الدور الذي تقوم به غير كافٍ"]);
        assert!(q.iter().all(|q| speaker(q) == "آل مرعي"), "{q:?}");
    }

    #[test]
    fn right_quotes_on_both_sides_pair_like_straight_ones() {
        // `بـ”…”`: a ” with no “ open opens, and the next ” closes it.
        let q = quotes("وتوترت العلاقة منذ أن وصف البرتغالي نظيره الفرنسي بـ”المتخصص في الفشل”، وهو ما لم يتقبله.");
        assert_eq!(texts(&q), ["المتخصص في الفشل"]);
        // ”…“ (reversed) around a name: the name is marked, the participles after it
        // each start their own clause.
        let q = quotes("وأوضح محمد لباد ”والد الطفلة“ ان الطلق الناري استقر قرب الجيوب الانفية، مشيرا الى انه لا يعرف مصدر الطلق.");
        assert_eq!(texts(&q), ["الطلق الناري استقر قرب الجيوب الانفية", "لا يعرف مصدر الطلق"]);
        assert!(speaker(&q[0]).starts_with("محمد") && speaker(&q[1]) == speaker(&q[0]), "{q:?}");
        // The same with » (`القائل:»…»`): the words, without the mark.
        let q = quotes("وهو القائل:»متى استعبدتم الناس وقد ولدتهم أمهاتهم أحرارًا»، فعمر لم تكن له إلا زوجة واحدة.");
        assert_eq!(texts(&q), ["متى استعبدتم الناس وقد ولدتهم أمهاتهم أحرارًا"]);
        // A text that never writes » pairs its « with one another: names, no quote.
        let q = quotes("وخاض الفريق أول لقاءاته الودية بمعسكره المقام بمدينة « آفيون « التركية عندما واجه فريق « اهال «، حيث انتهى اللقاء بفوز الفيصلي.");
        assert!(q.is_empty(), "{q:?}");
        // A ” after a word with nothing open stays a closing mark: no quote from it.
        let q = quotes("شارك الفريق في بطولة النخبة” وحقق المركز الثاني في الترتيب العام للبطولة.");
        assert!(q.is_empty(), "{q:?}");
    }

    #[test]
    fn credits_standing_alone_or_after_the_clause_and_the_passive() {
        // A credit that is a sentence of its own attributes the sentence before it.
        let q = quotes("وأحكمت المقاومة الشعبية قبضتها على عدن بدخولها القصر الجمهوري. وفقا لقناة الجزيرة القطرية. وقال مسؤول إن الوضع هادئ.");
        assert_eq!(texts(&q), ["وأحكمت المقاومة الشعبية قبضتها على عدن بدخولها القصر الجمهوري", "الوضع هادئ"]);
        assert_eq!(speaker(&q[0]), "قناة الجزيرة");
        // Not after words with their own cue, nor on a line of its own (a republished
        // column's credit).
        let q = quotes("قال المدير العام إن الأسعار سترتفع. وفقا للألمانية.");
        assert_eq!(texts(&q), ["الأسعار سترتفع"]);
        let q = quotes("وعلينا أن نعمل معا من أجل مستقبل أفضل لأبنائنا.\nنقلا عن الجزيرة\n");
        assert!(q.is_empty(), "{q:?}");
        // The tatweel after the preposition: the outlet in marks is the source.
        let q = quotes("وعمل البنك على 35 صفقة من بينها خمس بين أكبر عشر صفقات هذا الشهر وفقا لـ«تومسون رويترز». وارتفعت الأسهم.");
        assert_eq!(texts(&q), ["وعمل البنك على 35 صفقة من بينها خمس بين أكبر عشر صفقات هذا الشهر"]);
        assert_eq!(speaker(&q[0]), "تومسون رويترز");
        // `حسبما ورد في X`, `بحسب ما جاء في X`: the document is the source.
        let q = quotes("وتلقت الشركة أكثر من ربع مليون طلب إزالة حسبما ورد في تقريرها عن الشفافية.");
        assert_eq!(texts(&q), ["وتلقت الشركة أكثر من ربع مليون طلب إزالة"]);
        assert_eq!(speaker(&q[0]), "تقريرها");
        // A credit after the clause, `، أوضح ذلك X`.
        let q = quotes("يبدأ الفريق الأول مبارياته الودية خلال معسكره الإعدادي الإثنين المقبل، أوضح ذلك مدير إدارة كرة القدم سامي الجابر.");
        assert_eq!(texts(&q), ["يبدأ الفريق الأول مبارياته الودية خلال معسكره الإعدادي الإثنين المقبل"]);
        assert_eq!(speaker(&q[0]), "مدير إدارة كرة القدم سامي الجابر");
        // `قيل إن`, `يقال إنه`: reported, nobody named; not `لو قيل إن`, nor `كما يقال:`.
        let q = quotes("وقال المدرب إن الفريق جاهز. ويستمر عقد اللاعب لموسمين لكنه يقال إنه غير سعيد براتبه الحالي.");
        assert_eq!(texts(&q), ["الفريق جاهز", "غير سعيد براتبه الحالي"]);
        assert!(q[1].speaker.is_none(), "{q:?}");
        let q = quotes("ولو قيل إن الجثة وجدت في الصحراء لكان الأمر مفهوما. وكما يقال: الناس أجناس.");
        assert!(q.is_empty(), "{q:?}");
    }

    #[test]
    fn a_source_with_a_speech_act_of_its_own_and_verbs_spelt_apart_from_prepositions() {
        // `وبحسب وكالة X قال Y إن`: Y said it.
        let q = quotes("وبحسب وكالة الأنباء الكويتية قال مدير العلاقات العامة شامخ الرشيدي إن الحريق أخمد.");
        assert_eq!(texts(&q), ["الحريق أخمد"]);
        assert_eq!(speaker(&q[0]), "مدير العلاقات العامة شامخ الرشيدي");
        // (The source's own verb, `تحدث لـ…`, keeps the source.)
        let q = quotes("وبحسب مصادر مقربة من المجلس تحدث لـ(مراسل اليوم) ان كل الجبهات استمدت روحها المعنوية من الانتصارات.");
        assert_eq!(texts(&q), ["كل الجبهات استمدت روحها المعنوية من الانتصارات"]);
        assert!(speaker(&q[0]).starts_with("مصادر مقربة"), "{q:?}");
        // `، أبان X أن`: after a comma, `أبان` with hamza above is "made clear"; `إبان`
        // is "during".
        let q = quotes("وفي ظل هذه التعقيدات الأمنية، أبان الصباغ أن هذه الجهود تنطلق عبر تعاون وشراكات مثمرة.");
        assert_eq!(texts(&q), ["هذه الجهود تنطلق عبر تعاون وشراكات مثمرة"]);
        assert_eq!(speaker(&q[0]), "الصباغ");
        let q = quotes("وسافر الوفد، إبان الحرب أن تحول الطريق إلى ممر آمن.");
        assert!(q.is_empty(), "{q:?}");
        // `معترفاً بأنه`: an admission is a statement.
        let q = quotes("وقدم المريسل اعتذاره للرئيس العام، معترفاً بأنه أخطأ في حقه كثيراً.");
        assert_eq!(texts(&q), ["أخطأ في حقه كثيراً"]);
    }

    #[test]
    fn the_writers_inference_prayers_and_what_was_done_before_are_no_speech() {
        // `وهذا يشير إلى … وأن`: a fact opening the clause infers; nobody speaks.
        let q = quotes("وتتوزع الحالات على عدة مناطق. وهذا يشير إلى وجود مشكلة حقيقية، وأن تحديد سن أدنى للزواج يعد واحداً من الحلول.");
        assert!(q.is_empty(), "{q:?}");
        // (Not `رفض ذلك مؤكداً أن`, nor `ومع ذلك قال`.)
        let q = quotes("لكن الأول رفض ذلك مؤكداً أن تصرف الرئيس كان خاطئا. ومع ذلك قال المسؤول إن القيادة ستنفق المبلغ.");
        assert_eq!(texts(&q), ["تصرف الرئيس كان خاطئا", "القيادة ستنفق المبلغ"]);
        // `سبق أن تم` "it was done before"; the outlet `لـ"سبق"` still is spoken to.
        let q = quotes("وتؤكد الجامعة على تطبيق مبدأ الشفافية، حيث سبق أن تم إعلان محضر الترقيات بالأسماء.");
        assert!(q.is_empty(), "{q:?}");
        let q = quotes("وقال المواطن ناصر الشرافي لـ\"سبق\" إنه أحاط الجزء المنهار بأحجار كبيرة.");
        assert_eq!(texts(&q), ["أحاط الجزء المنهار بأحجار كبيرة"]);
        // A prayer to the Creator.
        let q = quotes("ودعا سموه الباري عز وجل أن يحفظ على بلادنا أمنها واستقرارها.");
        assert!(q.is_empty(), "{q:?}");
    }

    #[test]
    fn according_to_what_in_one_word_and_outlets_by_name_or_marks() {
        // `حسبما أفاد X` closes the clause before it, like `بحسب ما أفاد X`.
        let q = quotes("وأطلق مجهولون النار على الحارس ولاذوا بالفرار، حسبما أفاد مدير الأمن اللواء خالد يحيى.");
        assert_eq!(texts(&q), ["وأطلق مجهولون النار على الحارس ولاذوا بالفرار"]);
        assert_eq!(speaker(&q[0]), "مدير الأمن اللواء خالد يحيى");
        // A relay between speaker and complementiser is stepped over, whatever the verb.
        let q = quotes("وأشارت مصادر حسبما أوردت صحيفة “عكاظ”، إلى أنه سيتم استدعاء عدد آخر من الشباب.");
        assert_eq!(texts(&q), ["سيتم استدعاء عدد آخر من الشباب"]);
        assert_eq!(speaker(&q[0]), "مصادر");
        // Not before a word that relays nothing (`حسبما هو متبع` "as is usual").
        let q = quotes("وتم تسليم الجثة لذويها حسبما هو متبع في مثل هذه الحالات.");
        assert!(q.is_empty(), "{q:?}");
        // An agency by its adjective, or in marks before a comma, is a source.
        let q = quotes("ارتفعت الأسهم أمس. وبحسب الفرنسية، فقد زادت أرباح الشركة بنسبة 2 في المائة.");
        assert_eq!(texts(&q), ["فقد زادت أرباح الشركة بنسبة 2 في المائة"]);
        let q = quotes("ارتفعت الأسهم أمس. وبحسب \"الألمانية\"، فإن اليونان تأمل اختتام المحادثات سريعا.");
        assert_eq!(texts(&q), ["اليونان تأمل اختتام المحادثات سريعا"]);
        assert_eq!(speaker(&q[0]), "الألمانية");
        // In mid-clause a name in marks credits no half clause.
        let q = quotes("واشترطت الهيئة بحسب “عكاظ” في إطلاق الأحداث كتابة تعهد.");
        assert!(q.is_empty(), "{q:?}");
        // A clause that opens with its own report is that report's.
        let q = quotes("ارتفعت الأسهم أمس. وبحسب \"الفرنسية\"، فقد أوضح رئيس المفوضية أن التقارير توحي بإمكان الاتفاق.");
        assert_eq!(texts(&q), ["التقارير توحي بإمكان الاتفاق"]);
        assert_eq!(speaker(&q[0]), "رئيس المفوضية");
    }

    #[test]
    fn hopes_telling_and_a_report_after_but() {
        // A hope stated is reported speech (GUIDELINE 5.6); so is what someone was told
        // by those named after the verb.
        let q = quotes("وتمنى الجاسر أن يقدم كل ما يسهم في النهوض بالحراك الثقافي.");
        assert_eq!(texts(&q), ["يقدم كل ما يسهم في النهوض بالحراك الثقافي"]);
        assert_eq!(speaker(&q[0]), "الجاسر");
        let q = quotes("وهناك أخبره الأطباء بأنه أصيب بحروق في الصدر.");
        assert_eq!(texts(&q), ["أصيب بحروق في الصدر"]);
        assert_eq!(speaker(&q[0]), "الأطباء");
        // `لكنه` and a cue end the clause before them, as `لكن` does.
        let q = quotes("وقال الوزير إن بلاده تدعم أي جهود للتصدي للإرهاب، لكنه أكد أن السيادة خط أحمر.");
        assert_eq!(texts(&q), ["بلاده تدعم أي جهود للتصدي للإرهاب", "السيادة خط أحمر"]);
        // `؛ بما يمكّن` ("so as to") goes on with the clause.
        let q = quotes("وأوضح المدير أن الديوان سيطور الخدمات؛ بما يمكّن من التحول الإلكتروني.");
        assert_eq!(texts(&q), ["الديوان سيطور الخدمات؛ بما يمكّن من التحول الإلكتروني"]);
        // A title in marks after a naming noun far from the cue is no quote.
        let q = quotes("وأشارت الدراسة التي حملت عنوان \"النفط الصخري وأسواق النفط العالمية\"، إلى أن تكلفة الإنتاج مرتفعة.");
        assert_eq!(texts(&q), ["تكلفة الإنتاج مرتفعة"]);
    }

    #[test]
    fn a_manner_a_place_an_addressee_or_an_accusative_is_no_speaker() {
        let q = quotes("وأشار متحدث باسم الشركة إلى نمو المبيعات في الصين، وقال دون التطرق للتفاصيل، إن المبيعات نمت بنسبة كبيرة.");
        assert_eq!(q.len(), 1, "{q:?}");
        assert_eq!(speaker(&q[0]), "متحدث باسم الشركة");
        let q = quotes("وصل رئيس الوزراء الإيطالي ماتيو رينزي إلى القدس أمس. وقال أمام الكنيست إن الاتفاق يمكن أن يكون حلا.");
        assert_eq!(q.len(), 1, "{q:?}");
        assert!(speaker(&q[0]).contains("رينزي"), "{q:?}");
        let q = quotes("التقيت المدير أمس. وأضاف لنا أن الأسعار سترتفع قريبا.");
        assert_ne!(speaker(&q[0]), "لنا");
        let q = quotes("افتتح المدير الملتقى أمس. وبيّن متنفساً للأهالي أن القرية تعاونت مع الهيئة.");
        assert!(!speaker(&q[0]).starts_with("متنفس"), "{q:?}");
        // (`إمام المسجد`, "the mosque's imam", stays a speaker: see
        // `attribution_phrases_and_the_clause_they_close`.)
    }

    #[test]
    fn a_title_after_a_comma_or_a_platform_in_marks_before_the_colon() {
        let q = quotes("من جهته، قال أحمد سليم، مخرج الفيلم ومنتجه: نشعر بالحزن والأسى لوفاة الفنان الكبير.");
        assert_eq!(texts(&q), ["نشعر بالحزن والأسى لوفاة الفنان الكبير"]);
        assert_eq!(speaker(&q[0]), "أحمد سليم");
        let q = quotes("وقال المريسل عبر حسابه بموقع التواصل الاجتماعي “تويتر”: لا يعيبني أن أقول بأنني أخطأت في حق الأمير.");
        assert_eq!(texts(&q), ["لا يعيبني أن أقول بأنني أخطأت في حق الأمير"]);
        // A verbal noun's `أن` before the colon is no speech (`مشدداً على أهمية أن: …`);
        // a conjunction's is (`وقال بعد أن امتعض منه: …`).
        let q = quotes("مشددا على أهمية أن: تكون للمجتمع الدولي مشاركة فاعلة بزيادة المنح.");
        assert!(q.is_empty(), "{q:?}");
        let q = quotes("لم يعجبه حديثي، وقال بعد أن امتعض منه: لا يمكن له التوفيق بين عمله وظروفه.");
        assert_eq!(texts(&q), ["لا يمكن له التوفيق بين عمله وظروفه"]);
    }

    #[test]
    fn if_any_is_no_complementiser() {
        let q = quotes("وأعلنت الكلية عن وظيفة معيد، وكشف درجات معتمد وشهادات الدورات التي اجتازها إن وجدت إلى مكتب رئيس القسم.");
        assert!(q.is_empty(), "{q:?}");
        // With a pronoun it is "that": `أخبرته لجنة أنها وجدت خللا`.
        let q = quotes("وذلك بعد أن أخبرته لجنة استشارية أنها وجدت خللا قانونيا في عملية الموافقة.");
        assert_eq!(q.iter().map(|q| q.text.as_str()).collect::<Vec<_>>(), ["وجدت خللا قانونيا في عملية الموافقة"]);
    }

    #[test]
    fn plural_reports_and_unlisted_participles() {
        // A plural perfect reports, and after a comma ends the clause before it.
        let q = quotes("وأضاف الشهود أن الحريق بدأ في الطابق الأول، وطالبوا بفتح تحقيق في أسبابه.");
        assert_eq!(texts(&q), ["الحريق بدأ في الطابق الأول"]);
        // A participle of the speaker's next act, listed or not, ends the clause when it
        // takes a clause or a ب object.
        let q = quotes("وقال الوزير إن الحكومة ستدعم المزارعين هذا العام، متعهدا بأن يصرف الدعم قبل نهاية الشهر.");
        assert_eq!(texts(&q)[0], "الحكومة ستدعم المزارعين هذا العام");
        let q = quotes("وقال المدير إن المشروع سينتهي قريبا، متوعدا بمحاسبة المقصرين في التنفيذ.");
        assert_eq!(texts(&q), ["المشروع سينتهي قريبا"]);
        // Not an adverb, a passive participle or `مروراً`, which belong to what was said.
        let q = quotes("وقال المدير إن الفريق سيعود، مجددا، إلى المنافسة على اللقب.");
        assert_eq!(texts(&q), ["الفريق سيعود، مجددا، إلى المنافسة على اللقب"]);
        let q = quotes("وأكد الأمير أن السوق سيواصل نجاحه، مدعوما بقيمه وتقاليده الأصيلة.");
        assert_eq!(texts(&q), ["السوق سيواصل نجاحه، مدعوما بقيمه وتقاليده الأصيلة"]);
        let q = quotes("وقال الاتحاد إن الجرائم لم تتوقف منذ عام 1948، مرورا بالانتفاضة الأولى.");
        assert_eq!(texts(&q), ["الجرائم لم تتوقف منذ عام 1948، مرورا بالانتفاضة الأولى"]);
    }

    #[test]
    fn each_of_takes_the_names_and_a_pronoun_relay_keeps_the_speaker() {
        let q = quotes("وقال كل من أبو طارق الطوخي وعيد المطيري إن الفريق قدم مباراة كبيرة.");
        assert_eq!(q.len(), 1, "{q:?}");
        assert!(speaker(&q[0]).starts_with("كل من أبو طارق"), "{q:?}");
        // Words a channel relays from someone named before are theirs, and so are the
        // next ones with a dropped subject; the channel is no speaker.
        let q = quotes("وقال وزير النفط بيجن زنغنه إن بلاده ستزيد إنتاجها. ونقل التلفزيون عنه قوله إن الشركات الأجنبية مرحب بها. وأضاف أن العقوبات لم تعد عائقا.");
        assert_eq!(q.len(), 3, "{q:?}");
        for x in &q {
            assert!(speaker(x).starts_with("وزير النفط"), "{q:?}");
        }
        // Relayed from someone named there, the words are theirs.
        let q = quotes("ونقلت الصحيفة عن مصادر مطلعة قولها إن القرار جاء لأسباب أمنية.");
        assert_eq!(speaker(&q[0]), "مصادر مطلعة");
    }

    #[test]
    fn a_double_prime_after_a_digit_closes_curly_marks() {
        // Without it, `“شاهين 2″` stays open and pairs with a mark clauses later.
        let q = quotes("ويوجد كمبيوتر “شاهين 2″ في جامعة الملك عبدالله، وذكرت هيئة “توب 500″ في تعليق على مدونتها أن معدل النمو في الحوسبة قد تراجع.");
        assert_eq!(q.iter().map(|q| q.text.as_str()).collect::<Vec<_>>(), ["معدل النمو في الحوسبة قد تراجع"]);
        // Inches, with no mark open, are nothing.
        let q = quotes("وقال البائع إن شاشة 15″ تكفي لمعظم المستخدمين في المنزل.");
        assert_eq!(q.iter().map(|q| q.text.as_str()).collect::<Vec<_>>(), ["شاشة 15″ تكفي لمعظم المستخدمين في المنزل"]);
    }

    #[test]
    fn an_attribution_with_then_indeed_credits_what_follows_it() {
        let q = quotes("اندلع حريق في فندق بالدمام، وبحسب المتحدث الرسمي للدفاع المدني العقيد منصور الدوسري فقد قامت فرق الدفاع المدني بالسيطرة على الحريق.");
        assert_eq!(q.len(), 1, "{q:?}");
        assert_eq!(q[0].text, "قامت فرق الدفاع المدني بالسيطرة على الحريق");
        assert!(speaker(&q[0]).starts_with("المتحدث الرسمي"), "{q:?}");
    }

    #[test]
    fn a_possibility_or_a_seeming_is_no_speech() {
        let q = quotes("وأشار التقرير إلى احتمال أن يكون اللاعب قد باع المباراة لفريقه.");
        assert!(q.is_empty(), "{q:?}");
        let q = quotes("وتحدثت الأم عن التحويلات المالية، مشيرة إلى نظام التحويلات الإلكترونية المنتشر في روسيا والذي يبدو أنه لا يخضع لرقابة كافية.");
        assert!(q.is_empty(), "{q:?}");
        // A speech verb's own complementiser still opens speech.
        let q = quotes("وأشار التقرير إلى أن اللاعب باع المباراة لفريقه.");
        assert_eq!(q.len(), 1, "{q:?}");
    }

    #[test]
    fn words_after_a_colon_end_before_a_sentence_that_opens_another_report() {
        let q = quotes("وقال المواطن: كان الأهالي يتزاورون طوال أيام العيد في الماضي. وأضاف أن التقنية غيرت عادات الناس كثيرا. وأكد جاره أن الفرحة لم تعد كما كانت.");
        let got: Vec<_> = q.iter().map(|q| (q.kind, q.text.as_str())).collect();
        assert_eq!(
            got,
            [
                (QuoteKind::Direct, "كان الأهالي يتزاورون طوال أيام العيد في الماضي"),
                (QuoteKind::Reported, "التقنية غيرت عادات الناس كثيرا"),
                (QuoteKind::Reported, "الفرحة لم تعد كما كانت"),
            ]
        );
        // A following sentence that reports nothing stays in the words.
        let q = quotes("وقال المواطن: كان الأهالي يتزاورون طوال أيام العيد. وكانت البيوت مفتوحة للجميع.");
        assert_eq!(q.len(), 1, "{q:?}");
        assert_eq!(q[0].text, "كان الأهالي يتزاورون طوال أيام العيد. وكانت البيوت مفتوحة للجميع");
    }

    #[test]
    fn a_title_after_a_naming_noun_and_a_colon_is_not_a_quote() {
        let q = quotes("وأصدرت الهيئة كتابا بعنوان: «الإرهاب عبر الشبكة العنكبوتية» للدكتورة هدى سالم.");
        assert!(q.is_empty(), "{q:?}");
        // A cue still makes it a quote.
        let q = quotes("وقال الوزير: «الإرهاب عبر الشبكة العنكبوتية خطر على الجميع».");
        assert_eq!(q.len(), 1, "{q:?}");
    }

    #[test]
    fn speech_after_the_outlet_spoken_to_and_a_comma() {
        let q = quotes("وقال المدير لـ«الاقتصادية»، للأسف هناك عمولات تقدم من الشركات إلى البنوك مقابل العقود.");
        assert_eq!(q.len(), 1, "{q:?}");
        assert!(q[0].text.starts_with("للأسف") && q[0].text.ends_with("العقود"), "{q:?}");
        assert_eq!(speaker(&q[0]), "المدير");
        // A comma that only sets off a description before the colon.
        let q = quotes("وقال متعامل بالسوق لـ«الاقتصادية»، رفض الكشف عن هويته: «الأسعار سترتفع خلال الأيام المقبلة».");
        assert_eq!(q.iter().map(|q| q.text.as_str()).collect::<Vec<_>>(), ["الأسعار سترتفع خلال الأيام المقبلة"]);
        // The outlet is not a quote, and reported speech after it is found.
        let q = quotes("وأضاف المهندس لـ\"الوطن\": أن مهمة عمله تتمحور في الصيانة العامة.");
        assert_eq!(q.len(), 1, "{q:?}");
        assert_eq!((q[0].kind, q[0].text.as_str()), (QuoteKind::Reported, "مهمة عمله تتمحور في الصيانة العامة"));
    }

    #[test]
    fn the_outlet_spoken_to_stands_between_the_verb_and_its_subject() {
        for (text, who) in [
            ("وكشف لـ «عكاظ» مصدر مطلع أن العمل جار على الاستقدام من الخارج.", "مصدر مطلع"),
            ("كشفت لـ \"الاقتصادية\" مصادر مطلعة أن الشركة رفضت البدء في تسويق القناة.", "مصادر مطلعة"),
            ("من جانبه أكد لـعين اليوم مدير العلاقات العامة بالمستشفى أن القسم قام بأخذ الاحتياطات.", "مدير العلاقات العامة بالمستشفى"),
            ("وقال لصحيفة \"الوطن\" المتحدث باسم الوزارة إن القرار نهائي.", "المتحدث باسم الوزارة"),
            ("وقال لوكالة الأنباء الألمانية المتحدث باسم الشرطة إن التحقيق مستمر.", "المتحدث باسم الشرطة"),
        ] {
            let q = quotes(text);
            assert_eq!(q.len(), 1, "{text}: {q:?}");
            assert_eq!(speaker(&q[0]), who, "{text}");
        }
        // A long title runs into the name it introduces.
        let q = quotes("وقال لـ\"الاقتصادية\" رئيس اللجنة التنفيذية المتحدث الرسمي باسم الانتخابات البلدية المهندس جديع القحطاني إنه سيتم محاسبة المقصرين.");
        assert_eq!(q.len(), 1, "{q:?}");
        assert!(speaker(&q[0]).ends_with("القحطاني"), "{q:?}");
    }

    #[test]
    fn a_document_plural_imperfects_and_as_he_also_explained() {
        // `جاء في البيان`: the document speaks, in reported speech or in marks.
        let q = quotes("وجاء في التقرير الصادر عن الشركة، أن التوقف تأثر به جميع المستخدمين.");
        assert_eq!(q.len(), 1, "{q:?}");
        assert_eq!((q[0].text.as_str(), speaker(&q[0])), ("التوقف تأثر به جميع المستخدمين", "التقرير الصادر"));
        let q = quotes("وجاء في بيان: «إنه بسبب انعدام الأمن تنصح الوزارة المواطنين بعدم السفر».");
        assert_eq!(q.len(), 1, "{q:?}");
        assert_eq!((q[0].kind, speaker(&q[0])), (QuoteKind::Direct, "بيان"));
        // (`جاء في المرتبة الثانية` "came second" is no document.)
        assert!(quotes("وجاء في المرتبة الثانية أن الفريق خسر مباراتين.").is_empty());
        // Plural imperfects; a negated one is no speech.
        let q = quotes("ويرى الخبراء أن الاقتصاد قوي، ويقولون إن تعزيز شبكة الأمان سيشجع الإنفاق.");
        assert_eq!(q.iter().map(|q| q.text.as_str()).collect::<Vec<_>>(), ["الاقتصاد قوي", "تعزيز شبكة الأمان سيشجع الإنفاق"]);
        assert!(quotes("لماذا لا يقولون لنا إن التنظيم متطرف؟").is_empty());
        // `كما بين أنه`: "as he also explained", not "as between".
        let q = quotes("وأوضح المدير أن التسجيل بدأ أمس. كما بين أنه تم توزيع اللجان العاملة إلى ثلاث لجان.");
        assert_eq!(q.len(), 2, "{q:?}");
        assert_eq!((q[1].text.as_str(), speaker(&q[1])), ("تم توزيع اللجان العاملة إلى ثلاث لجان", "المدير"));
        // A direction mark after a decimal point ends no sentence.
        let q = quotes("وتشير البيانات إلى أنه جرى إبرام صفقات بلغت قيمتها 4.\u{200F}436 مليار دولار حتى 30 يوليو.");
        assert_eq!(q.len(), 1, "{q:?}");
        assert!(q[0].text.ends_with("حتى 30 يوليو"), "{q:?}");
        // `أمام` without its hamza before an audience is a place, before a mosque an imam.
        let q = quotes("وقال الرئيس التركي إن الهجوم إرهابي. وقال امام الصحافيين «إنني أندد بهذا الهجوم».");
        assert_eq!(q.len(), 2, "{q:?}");
        assert_eq!(speaker(&q[1]), "الرئيس التركي");
        let q = quotes("وقال امام وخطيب جامع الحي إن الصلاة أقيمت في موعدها.");
        assert!(speaker(&q[0]).starts_with("امام وخطيب"), "{q:?}");
        // A first-person verb opens the words said, never the speaker.
        let q = quotes("وقال هشام مروة إن الائتلاف مستقل. وقال أؤكد وبشكل حازم أن لا علاقة لأي دولة بالانتخابات.");
        assert_eq!(q.len(), 2, "{q:?}");
        assert_eq!(speaker(&q[1]), "هشام مروة");
        // `ووصفتها بأنها «…»`: a description verb with its object pronoun.
        let q = quotes("وأدانت المنظمة الهجمات ووصفتها بأنها «مروعة وعشوائية» واستنكرت ذلك.");
        assert_eq!(q.iter().map(|q| q.text.as_str()).collect::<Vec<_>>(), ["مروعة وعشوائية"]);
    }

    #[test]
    fn wording_after_the_verbs_object_and_its_preposition() {
        for (text, words, who) in [
            ("وتعرف علاقتهما توترًا منذ أن وصف البرتغالي نظيره الفرنسي بـ«المتخصص في الفشل»، وهو ما لم يتقبله.", "المتخصص في الفشل", "البرتغالي"),
            ("فينغر وصف مواطنه الشاب بـ«المميز» بعد المباراة.", "المميز", "فينغر"),
            ("وحذر بنكيران من «كيانات تتربص بالبلاد» في كلمته.", "كيانات تتربص بالبلاد", "بنكيران"),
            ("وتحدث البيان عن “حصيلة غير نهائية” من جانب القوات.", "حصيلة غير نهائية", "البيان"),
        ] {
            let q = quotes(text);
            assert_eq!(q.len(), 1, "{text}: {q:?}");
            assert_eq!(q[0].text, words, "{text}");
            assert!(speaker(&q[0]).starts_with(who), "{text}: {q:?}");
        }
        // What a speech verb is said about is no wording of the speaker's.
        let q = quotes("وقال الوزير عن «رؤية 2030» إنها طموحة.");
        assert!(q.iter().all(|q| q.text != "رؤية 2030"), "{q:?}");
    }

    #[test]
    fn his_highness_is_no_king_and_examples_or_lists_after_a_colon_are_nobodys_words() {
        let q = quotes("رفع الأمير فهد بن سلطان بن عبدالعزيز التعزية إلى خادم الحرمين الشريفين الملك سلمان بن عبدالعزيز آل سعود. وعبر سموه عن استنكاره لهذا العمل الجبان، مؤكداً أن ما حدث لن يثني عزيمة رجال الأمن.");
        assert_eq!(q.len(), 1, "{q:?}");
        assert!(speaker(&q[0]).contains("فهد بن سلطان"), "{q:?}");
        assert!(quotes("يمكنك دعوتها باسمها وتوجيه سؤالك مثل: «أليكسا، كم عدد السعرات الحرارية في كعكة الشوكولاتة اليوم؟»").is_empty());
        assert!(quotes("وجاءت أطقم النصر الثلاثة وفق ما يلي: «الطقم الأول» وهو الطقم الأساسي.").is_empty());
        // A time adverb is no speaker; "in it" after a cue at a time stands before one; a
        // name after a fronted `وعن` is the topic (a bare `عن` names a narrator).
        let q = quotes("وقال الوزير إن البلدين متفقان. وصرحت النائبة أخيرا بأن التنسيق بين البلدين عال.");
        assert_eq!(q.len(), 2, "{q:?}");
        assert_eq!(speaker(&q[1]), "النائبة");
        let q = quotes("وفي الوقت الذي قال فيه مندوبان خليجيان إنه من المرجح أن يكون الانخفاض قصير الأجل، تراجعت الأسعار.");
        assert_eq!(speaker(&q[0]), "مندوبان خليجيان");
        let q = quotes("وأكد المدرب جاهزية الفريق. وعن كريستيانو رونالدو قال \"إنه لاعب مهم ولن نفرط فيه أبدا مهما كانت العروض\".");
        assert_eq!(q.len(), 1, "{q:?}");
        assert!(speaker(&q[0]).starts_with("المدرب"), "{q:?}");
        let q = quotes("عن عائشة قالت: «كان رسول الله يحب التيمن في شأنه كله في طهوره وتنعله».");
        assert_eq!(speaker(&q[0]), "عائشة");
        // The club in a player's title is not who speaks after him.
        let q = quotes("حسين عبدالغني قائد فريق النصر لكرة القدم خبرة تتحدى الزمن.\nوقال: \"بالتأكيد أن غيابي لن يكون مؤثرا في ظل امتلاكنا لأحد عشر لاعبا\".");
        assert_eq!(q.len(), 1, "{q:?}");
        assert_eq!(speaker(&q[0]), "حسين عبدالغني");
        // A verb of speech before the list keeps it.
        assert_eq!(quotes("وقال الوزير ما يلي: «نحن ماضون في خطتنا ولن نتراجع عنها مهما كانت الظروف».").len(), 1);
    }

    #[test]
    fn a_clause_ends_at_another_act_a_writers_note_and_questions_state_nothing() {
        for (text, clause) in [
            ("وقالت مصادر طبية إن عددًا من المصابين في حالة خطرة، مرجحة ارتفاع حصيلة القتلى.", "عددًا من المصابين في حالة خطرة"),
            ("وقال الوزير إن حكومته مستعدة للتعاون، ملمحًا إلى أهمية الحوار.", "حكومته مستعدة للتعاون"),
            ("وقال الضباط إنهم القوة الأساسية على الأرض، متهمين عناصر الميليشيات بالتقاعس.", "القوة الأساسية على الأرض"),
            ("وأوضحت المصادر أن النادي وافق على دفع المبلغ، مع العلم بأن ناديا آخر عرض أقل.", "النادي وافق على دفع المبلغ"),
            ("وأكد المدير أن الساعات نفدت من المتاجر، فيما لم يكشف عن عدد الساعات المباعة.", "الساعات نفدت من المتاجر"),
            ("وقال مسؤول إن العمليات لا تستهدف الأكراد، بعدما أفادت معلومات عن قصف مواقعهم.", "العمليات لا تستهدف الأكراد"),
        ] {
            let q = quotes(text);
            assert_eq!(q[0].text, clause, "{text}: {q:?}");
        }
        // An admission is a statement; `أعترف` "I admit" is the writer's own voice.
        let q = quotes("واعترف المدرب البرازيلي أن الطريق صعب أمام المنتخب.");
        assert_eq!(q.len(), 1, "{q:?}");
        assert!(quotes("أعترف بأنني تحفظت على قرار الاستغناء عن المدرب.").is_empty());
        // Questions.
        assert!(quotes("* هل ترى أن الرياضة انحرفت عن مسارها الصحيح؟").is_empty());
        assert!(quotes("* ما القرار الذي ترى أن الوسط الرياضي يحتاجه؟").is_empty());
        assert_eq!(quotes("وترى الوزارة أن القرار صائب.").len(), 1);
    }

    #[test]
    fn speakers_named_on_their_line_between_was_and_had_and_after_on_it() {
        // Readers' comments: `name: "…"` on a line of its own; not `الأول:` nor a
        // conjunction and a verb.
        let text = "وحسب \"بوابة الأهرام\"، أثار البيان كثيراً من التعليقات الساخرة.. منها:\nشهد حسن: \"يا جماعة ده معناه إن فيه فرص عمل فاضية\".\nBero Thabet: \"وزيرة القوى العاملة للملوخية وهجرة الأرانب\".\nالأول: \"نعم يا سيدي تساوي خمسة تماما\".";
        let q = quotes(text);
        let direct: Vec<_> = q.iter().filter(|q| q.kind == QuoteKind::Direct).collect();
        assert_eq!(direct.len(), 3, "{q:?}");
        assert_eq!((speaker(direct[0]), speaker(direct[1])), ("شهد حسن", "Bero Thabet"));
        assert_ne!(speaker(direct[2]), "الأول");
        // `وكان X في Y قد أعلن`: the subject between `كان` and `قد`, modifiers and all.
        let q = quotes("وحدد القاضي الكفالة للإفراج عن بورزاكو. وكان المدعي العام في بروكلين قد أعلن في وقت سابق أن بورزاكو سيمثل أمام المحكمة.");
        assert_eq!(q.len(), 1, "{q:?}");
        assert_eq!(speaker(&q[0]), "المدعي العام في بروكلين");
        // `خلاله` "during it" is no speaker; `عليه` "on it" stands before one.
        let q = quotes("وأجرى الملك اتصالا بالرئيس أكدا خلاله أن العلاقة بين البلدين استراتيجية.");
        assert!(q.iter().all(|q| q.speaker.as_ref().is_none_or(|s| s.text != "خلاله")), "{q:?}");
        let q = quotes("إن ما يؤكد عليه آلان تورين هو أن الذات لا تكون حرة إلا إذا قاومت.");
        assert_eq!(q.len(), 1, "{q:?}");
        assert_eq!(speaker(&q[0]), "آلان تورين");
        // A relaying verb: the words are those of whom it relays from, also past a name
        // in marks holding `عن`; and a direct quote after `عن X قوله`.
        let q = quotes("ونقلت وكالة رويترز عن تقرير \"أوف أميركا ميريل لينش\" أن التفوق النسبي للأسهم صار في أضعف مستوياته.");
        assert_eq!(q.len(), 1, "{q:?}");
        assert_eq!(speaker(&q[0]), "تقرير");
        let q = quotes("ونقل موقع «جمعية المدافعين عن حقوق الإنسان» عن مصادر طبية أن حالته حرجة.");
        assert_eq!(speaker(&q[0]), "مصادر طبية");
        let q = quotes("ونقلت الوكالة عن مصدر مسؤول في الخارجية قوله اليوم “بناء على التوجيهات تم الإفراج عن الرهينة”.");
        assert_eq!(q.len(), 1, "{q:?}");
        assert!(speaker(&q[0]).starts_with("مصدر مسؤول"), "{q:?}");
        // A fronted phrase before the verb whose subject a participle continues.
        let q = quotes("وقال المدير إن السوق نشطة. وحول ما يجنيه من أرباح، تحفظ الشاب عن ذكر الأرقام، مؤكدا أن تجارته تسير بشكل تصاعدي.");
        assert_eq!(q.len(), 2, "{q:?}");
        assert_eq!(speaker(&q[1]), "الشاب");
    }

    #[test]
    fn participle_with_hamza_ends_a_clause_and_prayers_are_not_speech() {
        let q = quotes("وأوضح الطبيب أن العملية نجحت بعد متابعة يومية، مؤكدا أن حالته حاليا جيدة.");
        assert_eq!(q.iter().map(|q| q.text.as_str()).collect::<Vec<_>>(), ["العملية نجحت بعد متابعة يومية", "حالته حاليا جيدة"]);
        let q = quotes("وهنأ المدير الموظفين بالعيد داعيا الله أن يشمل الجميع بقبول صيامهم.");
        assert!(q.is_empty(), "{q:?}");
    }

    #[test]
    fn attribution_before_another_speech_act_closes_what_precedes_it() {
        let q = quotes("خطف التنظيم نحو 230 مدنيا بعد استيلائه على البلدة، حسب ما أفاد المرصد السوري لحقوق الإنسان أمس، وقال مدير المرصد: «قام التنظيم بخطف العشرات خلال عملية مداهمة للمدينة».");
        let reported: Vec<_> = q.iter().filter(|q| q.kind == QuoteKind::Reported).collect();
        assert_eq!(reported.len(), 1, "{q:?}");
        assert_eq!(reported[0].text, "خطف التنظيم نحو 230 مدنيا بعد استيلائه على البلدة");
        assert!(q.iter().any(|q| q.kind == QuoteKind::Direct && q.text.starts_with("قام التنظيم")), "{q:?}");
    }

    #[test]
    fn writers_notes_verbal_nouns_and_verbal_nouns_of_cues_are_not_speech() {
        // `يذكر أن` with nothing between: the writer's background.
        let q = quotes("وارتفعت المبيعات في الربع الثاني. يذكر أن الشركة افتتحت مصنعها الأول عام 2010.");
        assert!(q.is_empty(), "{q:?}");
        // A verbal noun object, even when a complementiser follows it.
        let q = quotes("وقالت المديرة إن التعميم وصل إلى المدارس، مؤكدةً ضرورة الالتزام بأن يكون الزي موحدا.");
        assert_eq!(q.iter().map(|q| q.text.as_str()).collect::<Vec<_>>(), ["التعميم وصل إلى المدارس"]);
        // A speech verb's form after a preposition is its noun (`في` ends in ي like
        // the name `علي`, which is a subject).
        let q = quotes("ولا بد للهيئة من توقع قراءات أخرى، ومن تلك القراءات المتوقعة أن البلاغات قلت.");
        assert!(q.is_empty(), "{q:?}");
        let q = quotes("وتحدث عن الحادث في توقع لم يصدر عن أحد أن الخسائر كبيرة.");
        assert!(q.is_empty(), "{q:?}");
        let q = quotes("علي قال إن الخسائر كبيرة.");
        assert_eq!(q.len(), 1, "{q:?}");
    }

    #[test]
    fn new_cues_name_in_marks_and_wording_with_bi_an() {
        let q = quotes("ورجحت الشرطة أن يكون الحادث مدبرا.");
        assert_eq!((q.len(), q.first().map(speaker)), (1, Some("الشرطة")), "{q:?}");
        // The subject in marks speaks, and the dropped subjects after it continue it.
        let q = quotes("وتابع \"خلفان\" هجومه على الحزب في تغريدات، قائلاً: \"القادم سيقضي على سمعة الحزب\". وأضاف أن الحزب خسر كثيرا من أنصاره.");
        assert_eq!(q.len(), 2, "{q:?}");
        assert!(q.iter().all(|q| speaker(q) == "خلفان"), "{q:?}");
        // `واصفاً إياه بأنه`: reported, by the subject of the sentence's verb.
        let q = quotes("هاجم الوزير سالم العتيبي، رئيس الحزب المعارض خالد المري، واصفاً إياه بأنه لا يفهم في الاقتصاد.");
        assert_eq!(q.len(), 1, "{q:?}");
        assert_eq!((q[0].kind, q[0].text.as_str()), (QuoteKind::Reported, "لا يفهم في الاقتصاد"));
        assert!(speaker(&q[0]).contains("العتيبي"), "{q:?}");
    }

    #[test]
    fn a_dropped_subject_continues_the_last_quote_not_a_name_inside_it() {
        let q = quotes("دعا السفير السعودي في القاهرة أحمد قطان إلى الحوار، وقال في تصريحات أمس \"المملكة لن تقبل بما فعله علي عبدالله صالح في اليمن\"، مشيرا إلى أن الحل سياسي.");
        assert_eq!(q.len(), 2, "{q:?}");
        assert_eq!(speaker(&q[0]), speaker(&q[1]), "{q:?}");
        assert!(speaker(&q[1]).contains("قطان"), "{q:?}");
    }

    #[test]
    fn attribution_phrases_and_the_clause_they_close() {
        // A speech act inside the clause wins over a trailing attribution.
        let q = quotes("وقال ناطق باسم الشرطة إنه حاول تهريب شقيقه في السيارة، حسب وكالة الصحافة الفرنسية.");
        assert_eq!(q.len(), 1, "{q:?}");
        assert_eq!((q[0].text.as_str(), speaker(&q[0])), ("حاول تهريب شقيقه في السيارة", "ناطق باسم الشرطة"));
        // `حسب ما أعلنه X`: a speech verb with an object pronoun.
        let q = quotes("توفي شاب اختناقا في صندوق سيارة، حسب ما أعلنه الحرس المدني أمس.");
        assert_eq!(q.len(), 1, "{q:?}");
        assert_eq!(q[0].text, "توفي شاب اختناقا في صندوق سيارة");
        // In the middle, without و: the clause before it; closing a clause opened by
        // `كما`: that clause. (The source is a full name: a bare given name alone in a
        // one-sentence document is a coin toss for the tagger, and this test is about
        // the clause.)
        let q = quotes("وتحظى البلدة بأهمية كبيرة، وفق رامي عبدالرحمن، لوجودها على طريق رئيسي.");
        assert_eq!(q.iter().map(|q| q.text.as_str()).collect::<Vec<_>>(), ["وتحظى البلدة بأهمية كبيرة"]);
        let q = quotes("وكان المسجد ممتلئا بالمصلين، كما يحدث يوميا بحسب إمام المسجد الشيخ عبدالله الشهراني.");
        assert_eq!(q.iter().map(|q| q.text.as_str()).collect::<Vec<_>>(), ["كما يحدث يوميا"]);
        // A source headed by `تقديرات`.
        let q = quotes("ووفقا لتقديرات الخبراء، فإن الاتفاقية ستخفض التكاليف.");
        assert_eq!(q.iter().map(|q| q.text.as_str()).collect::<Vec<_>>(), ["الاتفاقية ستخفض التكاليف"]);
    }

    #[test]
    fn an_attribution_phrase_running_to_the_end_of_the_text_is_not_a_quote() {
        // The scan for `فإن` or a comma runs off the end of the tokens.
        for text in ["وبحسب مصادر مطلعة", "وبحسب مصادر مطلعة،", "ووفقا لوزارة الصحة فإن"] {
            let q = quotes(text);
            assert!(q.is_empty(), "{text}: {q:?}");
        }
    }

    #[test]
    fn a_reported_clause_ends_before_a_connective_and_another_speech_act() {
        let q = quotes("واشتعلت الأزمة بين الناديين، حيث يؤكد الأول أنه لن يعيد المبلغ، فيما أكد الآخر أنه سيتقدم بشكوى.");
        assert_eq!(q.iter().map(|q| (q.text.as_str(), speaker(q))).collect::<Vec<_>>(), [("لن يعيد المبلغ", "الأول"), ("سيتقدم بشكوى", "الآخر")]);
    }

    #[test]
    fn marks_after_a_naming_noun_hold_a_title() {
        assert!(quotes("انطلق المنتدى السنوي تحت شعار “تجسير فجوة المهارات بين الأجيال” بمشاركة واسعة.").is_empty());
        assert!(quotes("وتنظم الجمعية ندوة بعنوان «مستقبل العمل التطوعي في المملكة» الأسبوع المقبل.").is_empty());
        // A cue makes the same marks a quote.
        let q = quotes("وقال الكاتب في كتابه «إن الطريق إلى السلام يمر عبر الحوار».");
        assert_eq!(q.len(), 1, "{q:?}");
    }

    #[test]
    fn unmarked_speech_after_a_sentence_initial_verb() {
        let q = quotes("وقال المحافظ إن الوضع مستقر. وأضاف ستكون الساعات القادمة حاسمة في المعركة.\nوذكر التقرير الأسبوعي الصادر أمس الأرقام كاملة.");
        let unmarked: Vec<_> = q.iter().filter(|q| q.kind == QuoteKind::Direct).collect();
        assert_eq!(unmarked.len(), 1, "{q:?}");
        assert_eq!(unmarked[0].text, "ستكون الساعات القادمة حاسمة في المعركة");
        assert_eq!(speaker(unmarked[0]), "المحافظ");
    }

    #[test]
    fn the_object_of_a_speech_verb_is_not_its_speaker() {
        let q = quotes("وقال الأمين إن المشاريع تسير وفق الخطة. وأكد أهمية متابعة المشاريع، وقال: لا مجال للتأخير في إنجاز البلديات لمشاريعها.");
        let last = q.last().expect("quotes");
        assert!(last.text.starts_with("لا مجال"), "{q:?}");
        assert_eq!(speaker(last), "الأمين");
    }

    #[test]
    fn straight_quotes_pair_by_the_way_they_face() {
        // The first mark never closes; alternation would pair every later mark wrongly.
        let q = quotes("وقال \"الفوزان في حديثه لقناة \"المجد: \"من يقرأ صحفنا يظن أن الأمر منتشر في كل مكان\". وأضاف أنه لا يجوز تضخيم هذه القضايا.");
        assert!(q.iter().any(|q| q.text == "من يقرأ صحفنا يظن أن الأمر منتشر في كل مكان"), "{q:?}");
        assert!(!q.iter().any(|q| q.text.contains("حديثه")), "{q:?}");
    }

    fn cue(q: &Quote) -> &str {
        q.cue.as_ref().map_or("", |c| c.text.as_str())
    }

    #[test]
    fn speaker_before_a_quote_in_guillemets() {
        let q = quotes("وقال وزير الخارجية: «لن نتراجع عن هذا القرار مهما كانت الضغوط».");
        assert_eq!(q.len(), 1, "{q:?}");
        assert_eq!(q[0].text, "لن نتراجع عن هذا القرار مهما كانت الضغوط");
        assert_eq!(q[0].kind, QuoteKind::Direct);
        assert_eq!(cue(&q[0]), "وقال");
        assert_eq!(speaker(&q[0]), "وزير الخارجية");
    }

    #[test]
    fn speaker_after_the_quote() {
        let q = quotes("«سنواصل العمل حتى تحقيق جميع الأهداف المرسومة»، قال المتحدث باسم الحكومة.");
        assert_eq!(q.len(), 1, "{q:?}");
        assert_eq!(q[0].text, "سنواصل العمل حتى تحقيق جميع الأهداف المرسومة");
        assert_eq!(cue(&q[0]), "قال");
        assert!(speaker(&q[0]).starts_with("المتحدث"), "{q:?}");
    }

    #[test]
    fn nested_marks_belong_to_the_outer_quote() {
        let q = quotes("وقال الوزير: «إن ما يسمى \"الحل المؤقت\" لن يعالج أصل المشكلة في المنطقة».");
        assert_eq!(q.len(), 1, "{q:?}");
        assert!(q[0].text.starts_with("إن ما يسمى \"الحل المؤقت\""), "{q:?}");
        assert!(q[0].text.ends_with("في المنطقة"));
    }

    #[test]
    fn a_quote_over_several_sentences_is_one_quote() {
        let q = quotes("وقال المدير: «بدأنا العمل منذ الصباح الباكر. وسنواصل حتى ساعة متأخرة من الليل». ثم غادر المكان.");
        assert_eq!(q.len(), 1, "{q:?}");
        assert_eq!(q[0].text, "بدأنا العمل منذ الصباح الباكر. وسنواصل حتى ساعة متأخرة من الليل");
        assert_eq!(speaker(&q[0]), "المدير");
    }

    #[test]
    fn unclosed_quote_ends_with_its_paragraph() {
        let q = quotes("وقال المدير: «سنواصل العمل حتى تحقيق جميع الأهداف\nوفي خبر آخر افتتح مشروع جديد.");
        assert_eq!(q.len(), 1, "{q:?}");
        assert_eq!(q[0].text, "سنواصل العمل حتى تحقيق جميع الأهداف");
    }

    #[test]
    fn missing_opening_mark_starts_after_the_colon() {
        let q = quotes("وقال المدير: سنواصل العمل حتى تحقيق جميع الأهداف».");
        assert_eq!(q.len(), 1, "{q:?}");
        assert_eq!(q[0].text, "سنواصل العمل حتى تحقيق جميع الأهداف");
        assert_eq!(speaker(&q[0]), "المدير");
    }

    #[test]
    fn names_and_terms_in_guillemets_are_not_quotes() {
        let q = quotes("التقى «جو بايدن» مع «بنيامين نتنياهو» في إطار «رؤية 2030» وبرنامج «حافز».");
        assert!(q.is_empty(), "{q:?}");
        // A short fragment a verb attributes to someone is their wording.
        let q = quotes("ووصف الوزير القرار بأنه «تاريخي».");
        assert_eq!(q.len(), 1, "{q:?}");
        assert_eq!(q[0].text, "تاريخي");
    }

    #[test]
    fn reported_speech_after_a_complementiser() {
        let q = quotes("وأكد وزير الصحة أن الوزارة ستفتتح ثلاثة مستشفيات جديدة خلال العام المقبل.");
        assert_eq!(q.len(), 1, "{q:?}");
        assert_eq!(q[0].kind, QuoteKind::Reported);
        assert_eq!(q[0].text, "الوزارة ستفتتح ثلاثة مستشفيات جديدة خلال العام المقبل");
        assert_eq!(cue(&q[0]), "وأكد");
        assert_eq!(speaker(&q[0]), "وزير الصحة");
    }

    #[test]
    fn a_long_title_and_an_outlet_stand_between_cue_and_complementiser() {
        let q = quotes("وقال الناطق الرسمي باسم المقاومة الشعبية في محافظة عدن في تصريح خاص لـ«المدينة» إن القوات تقدمت نحو المطار.");
        assert_eq!(q.len(), 1, "{q:?}");
        assert_eq!(q[0].text, "القوات تقدمت نحو المطار");
        assert!(speaker(&q[0]).starts_with("الناطق الرسمي"), "{q:?}");
    }

    #[test]
    fn a_participle_starts_a_second_reported_clause_with_the_same_speaker() {
        let q = quotes("وأوضح المتحدث الأمني أن الجهات المختصة باشرت التحقيق، مشيرا إلى أن المتهم في قبضة الأمن.");
        assert_eq!(q.len(), 2, "{q:?}");
        assert_eq!(q[0].text, "الجهات المختصة باشرت التحقيق");
        assert_eq!(q[1].text, "المتهم في قبضة الأمن");
        assert_eq!(cue(&q[1]), "مشيرا");
        assert_eq!(speaker(&q[1]), "المتحدث الأمني");
    }

    #[test]
    fn a_dropped_subject_continues_the_last_speaker() {
        let q = quotes("وقال رئيس الاتحاد إن البطولة ستقام في موعدها. وأضاف أن الملاعب جاهزة لاستقبال الجماهير.");
        assert_eq!(q.len(), 2, "{q:?}");
        assert_eq!(cue(&q[1]), "وأضاف");
        assert_eq!(speaker(&q[1]), "رئيس الاتحاد");
    }

    #[test]
    fn institutional_speakers() {
        let q = quotes("وذكرت وزارة الصحة في بيان أن عدد الإصابات تراجع خلال الأسبوع الماضي.");
        assert_eq!(q.len(), 1, "{q:?}");
        assert!(speaker(&q[0]).starts_with("وزارة الصحة"), "{q:?}");
        let q = quotes("وقالت مصادر مطلعة إن المفاوضات ستستأنف الأسبوع المقبل.");
        assert_eq!(q.len(), 1, "{q:?}");
        assert_eq!(speaker(&q[0]), "مصادر مطلعة");
    }

    #[test]
    fn attribution_to_a_source_but_not_to_a_rule() {
        let q = quotes("ارتفعت أسعار النفط خلال تعاملات اليوم، بحسب وكالة الأنباء الرسمية.");
        assert_eq!(q.len(), 1, "{q:?}");
        assert_eq!(q[0].text, "ارتفعت أسعار النفط خلال تعاملات اليوم");
        assert_eq!(cue(&q[0]), "بحسب");
        assert!(speaker(&q[0]).starts_with("وكالة الأنباء"), "{q:?}");
        let q = quotes("يتم توزيع الحصص على المستفيدين كل شهر، وفق النظام المعمول به.");
        assert!(q.is_empty(), "{q:?}");
    }

    #[test]
    fn unmarked_speech_after_a_colon_runs_to_the_paragraph_end() {
        let q = quotes("وأضاف المدرب: سنلعب المباراة المقبلة بكل قوة من أجل الفوز.\nوفي سياق آخر أعلن النادي عن صفقة جديدة.");
        assert_eq!(q.len(), 1, "{q:?}");
        assert_eq!(q[0].text, "سنلعب المباراة المقبلة بكل قوة من أجل الفوز");
        assert_eq!(q[0].kind, QuoteKind::Direct);
        assert_eq!(speaker(&q[0]), "المدرب");
    }

    #[test]
    fn a_conjunction_before_an_is_not_reported_speech() {
        let q = quotes("وأعلن الفريق فوزه بعد أن سجل هدفين في الشوط الثاني.");
        assert!(q.is_empty(), "{q:?}");
    }

    #[test]
    fn outlet_names_in_marks_and_nouns_after_the_outlet_are_not_quotes() {
        let q = quotes("وحسب موقع \"سكاي نيوز عربية\"، فإن الحادث وقع أمس في وسط المدينة.");
        assert!(q.iter().all(|q| q.text != "سكاي نيوز عربية"), "{q:?}");
        // `أكد` with the outlet and a comma takes a noun (`مباشرة`), not words said.
        let q = quotes("وأكد الدكتور سليمان السماحي لـ\"الرياض\"، مباشرة لجنة الرصد دراسة ظاهرة ارتفاع الأسعار في الأسواق.");
        assert!(q.is_empty(), "{q:?}");
    }

    #[test]
    fn a_pronoun_of_honour_is_resolved_to_the_person_not_the_agency() {
        let q = quotes("وصف أمير منطقة جازان الأمير محمد بن ناصر الحادث بالإجرامي.\nوأكد سموه في تصريح لـ «واس»، أن أمن الوطن والمواطن في أيد أمينة.");
        assert_eq!(q.len(), 1, "{q:?}");
        assert!(speaker(&q[0]).contains("محمد بن ناصر"), "{q:?}");
    }

    #[test]
    fn clause_ends_at_however_and_at_a_conjoined_cue_with_a_colon() {
        let q = quotes("وأكدت المصادر أن الوزير لم يحدد موعدا للبدء بالتنفيذ، غير أن المسؤول الأمريكي ألمح إلى أن إقامتها ستبدأ قريبا.");
        assert_eq!(q.len(), 2, "{q:?}");
        assert_eq!(q[0].text, "الوزير لم يحدد موعدا للبدء بالتنفيذ");
        assert_eq!(speaker(&q[1]), "المسؤول الأمريكي");
        let q = quotes("ونفى المدرب أن يكون قد تفادى مصافحة منافسه عن قصد وقال: لقد صافحت مجموعة من الأيدي بعد المباراة.");
        assert_eq!(q.len(), 2, "{q:?}");
        assert_eq!(q[0].text, "يكون قد تفادى مصافحة منافسه عن قصد");
        assert_eq!(q[1].text, "لقد صافحت مجموعة من الأيدي بعد المباراة");
    }

    #[test]
    fn a_reason_after_a_semicolon_and_a_title_initial_stay_in_the_clause() {
        let q = quotes("وأوضح المتحدث أن مهام الإدارة تكمن في خدمة المستفيدين؛ انطلاقاً من توجهات القيادة في الارتقاء بالخدمات.");
        assert_eq!(q.len(), 1, "{q:?}");
        assert!(q[0].text.ends_with("في الارتقاء بالخدمات"), "{q:?}");
        let q = quotes("وأوضح وكيل الوزارة د. عبدالله أبوثنين، أن الوزارة ستعمل مع الجهات المعنية الأخرى.");
        assert_eq!(q.len(), 1, "{q:?}");
        assert_eq!(q[0].text, "الوزارة ستعمل مع الجهات المعنية الأخرى");
        let q = quotes("وأوضح د. المزروع أن الاجتماع يهدف إلى وضع خطة عمل واضحة.");
        assert_eq!(speaker(&q[0]), "د. المزروع", "{q:?}");
    }

    #[test]
    fn subjects_of_the_sentence_not_of_a_clause_inside_a_quote_or_a_time() {
        // The participle adds to المصادر's clause, not to the verb reported inside it.
        let q = quotes("وأكدت المصادر أن وزير الدفاع أبلغ رئيس البرلمان أن واشنطن بدأت التحضير للأقاليم، مؤكدة أن كارتر لم يحدد موعدا لذلك.");
        let last = q.last().expect("quotes");
        assert_eq!(speaker(last), "المصادر", "{q:?}");
        // A time after the verb is not its subject; the noun before it is.
        let q = quotes("وكان رئيس المجلس أعلن الشهر الماضي أنه «ليس لدينا مشكلة مع التقسيم بالتراضي».");
        assert_eq!(q.len(), 1, "{q:?}");
        assert_eq!(speaker(&q[0]), "رئيس المجلس");
        // A title heads the subject of the opening verb even when no name is tagged.
        let q = quotes("وأبدى المدرب التونسي جميل بلقاسم سعادته بمجهود اللاعبين، مضيفا \"اللاعبون يبذلون جهدا كبيرا في التمارين اليومية\".");
        assert_eq!(q.len(), 1, "{q:?}");
        assert!(speaker(&q[0]).starts_with("المدرب التونسي"), "{q:?}");
    }

    #[test]
    fn by_saying_before_marks_takes_the_subject_of_its_sentence() {
        let q = quotes("وقال محمد القرشي إن الفريق جاهز للموسم.\nويختم فيصل الحازمي حديثه بالقول «دخلنا الموسم بدون لاعبين أجانب واستعداد جيد».");
        assert_eq!(q.len(), 2, "{q:?}");
        assert_eq!(speaker(&q[1]), "فيصل الحازمي", "{q:?}");
        // `يمكن القول إن` is the writer's.
        assert!(quotes("ويمكن القول إن الموسم الحالي كان صعبا على الجميع.").is_empty());
    }

    #[test]
    fn a_title_comma_and_name_are_one_speaker() {
        let q = quotes("بدوره أشار الطالب الجامعي، علي السليمي إلى أنه فوجئ بخطيب جديد في المسجد.");
        assert_eq!(q.len(), 1, "{q:?}");
        assert_eq!(speaker(&q[0]), "الطالب الجامعي، علي السليمي");
    }

    #[test]
    fn paragraphs_set_apart_by_spaces_and_names_in_marks_before_an_outlet() {
        // sabq separates paragraphs with ` \u{a0} ` instead of a line break.
        let q = quotes("وقال \"صالح السرحاني\" لـ\"سبق\": كنت داخل المركز ومعي أسرتي عندما سمعت صوت شجار. \u{a0} وأكدت الشرطة أنها تحقق في الحادث.");
        assert_eq!(q.len(), 2, "{q:?}");
        assert_eq!(q[0].text, "كنت داخل المركز ومعي أسرتي عندما سمعت صوت شجار");
        assert_eq!(speaker(&q[0]), "صالح السرحاني");
        assert_eq!(speaker(&q[1]), "الشرطة");
    }

    #[test]
    fn a_subject_of_up_to_four_words_in_marks_before_a_complementiser() {
        let q = quotes("ومن جهته صرح \"مركز فلب فلاب فن\" الترفيهي بأنه تم إغلاق الصالة بعد المشاجرة.");
        assert_eq!(q.len(), 1, "{q:?}");
        assert_eq!(q[0].text, "تم إغلاق الصالة بعد المشاجرة");
        assert!(speaker(&q[0]).contains("مركز فلب فلاب فن"), "{q:?}");
        // Three words in marks with no complementiser after them stay a quote.
        let q = quotes("وقال \"لن نستسلم أبدا\" ثم غادر القاعة.");
        assert_eq!(q.len(), 1, "{q:?}");
    }

    #[test]
    fn a_reported_clause_ends_before_words_in_marks_after_a_colon() {
        let q = quotes("ورد تشونج على منتقديه الذين اعتبروا أنه مكث طويلا كنائب للرئيس: \"لطالما عملت لمصلحة كرة القدم في كل مكان\".");
        let reported = q.iter().find(|q| q.kind == QuoteKind::Reported).expect("reported");
        assert_eq!(reported.text, "مكث طويلا كنائب للرئيس");
        assert_eq!(speaker(reported), "منتقديه");
        assert!(q.iter().any(|q| q.kind == QuoteKind::Direct && q.text.starts_with("لطالما")), "{q:?}");
    }

    #[test]
    fn reports_that_spoke_of() {
        let q = quotes("وجاء ذلك بعدما تحدثت تقارير إعلامية حول أن الفريق يجهز عرضا كبيرا للمدرب.");
        assert_eq!(q.len(), 1, "{q:?}");
        assert_eq!(q[0].text, "الفريق يجهز عرضا كبيرا للمدرب");
    }

    #[test]
    fn a_name_in_marks_inside_the_speaker_phrase_is_stepped_over() {
        let q = quotes("وقال عدد منهم لـ\"سبق\": \"الخدمة سيئة جدا ولا نعرف لمن نشتكي\".");
        assert_eq!(q.len(), 1, "{q:?}");
        assert_eq!(q[0].text, "الخدمة سيئة جدا ولا نعرف لمن نشتكي");
        assert_eq!(cue(&q[0]), "وقال");
        assert!(speaker(&q[0]).starts_with("عدد"), "{q:?}");
        let q = quotes("وأكدت صفحة «أطباء بلا حدود» أن «السفينة وصلت إلى الميناء صباح اليوم».");
        assert_eq!(q.len(), 1, "{q:?}");
        assert_eq!(q[0].text, "السفينة وصلت إلى الميناء صباح اليوم");
        assert_eq!(cue(&q[0]), "وأكدت");
    }

    #[test]
    fn the_verb_opening_the_sentence_introduces_marks_after_a_long_subject() {
        let q = quotes("وقال صبحي وائل وهو أحد القائمين على تنظيم المهرجان الذي يسدل الستار على فعالياته مع انقضاء العطلة «يفد على المهرجان آلاف الزوار في اليوم»، حسب تقرير لـ«رويترز».");
        assert_eq!(q.len(), 1, "the credit after the quote adds nothing: {q:?}");
        assert_eq!(q[0].text, "يفد على المهرجان آلاف الزوار في اليوم");
        assert_eq!(cue(&q[0]), "وقال");
        assert!(speaker(&q[0]).starts_with("صبحي"), "{q:?}");
        // a title after a naming noun stays a title, whatever verb opens the sentence
        assert!(quotes("وطالب الفهيد في كلمته التي ألقاها في حفل افتتاح الملتقى، تحت عنوان \"أمن وسلامة الآثار والمنشآت السياحية\" بحماية المواقع.").is_empty());
    }

    #[test]
    fn other_acts_of_the_speaker_end_a_reported_clause() {
        let q = quotes("وأكد المشاركون أنهم سيكونون صفاً واحداً مع قيادتهم، معربين عن شكرهم لأمير المنطقة.");
        assert_eq!(q.len(), 1, "{q:?}");
        assert_eq!(q[0].text, "سيكونون صفاً واحداً مع قيادتهم");
        let q = quotes("وشددت مصادر مقربة من النادي على أن الإدارة متمسكة بحقها، بل أكدت أن القضية جنائية.");
        let texts: Vec<&str> = q.iter().map(|q| q.text.as_str()).collect();
        assert_eq!(texts, ["الإدارة متمسكة بحقها", "القضية جنائية"]);
    }

    #[test]
    fn plans_conjunctions_and_adjectives_are_not_speech() {
        // a plan is not a source, even one with a name in it
        assert!(quotes("وتعمل اللجنة على إعادة الإعمار، وفقاً لاتفاقية الرياض.").is_empty());
        assert!(quotes("وأكدت الهيئة ظهور حالة من سلالة اتش7إن7 شديدة العدوى في مزرعة.").is_empty());
        assert!(quotes("وأعلنت الجامعة فتح باب القبول داعية الطلاب إلى التسجيل، علماً بأن الشروط معروفة.").is_empty());
        assert!(quotes("وعبر المواطنون عن قلقهم، متسائلين عن السبب بالرغم من أن التحقيقات قائمة.").is_empty());
        // `إصابة مؤكدة` is an adjective, not a participle that ends the clause
        let q = quotes("وأعلنت الوزارة أن السلطات أعدمت عشرة آلاف دجاجة بعد اكتشاف إصابة مؤكدة بإنفلونزا الطيور في مزرعة.");
        assert_eq!(q.len(), 1, "{q:?}");
        assert!(q[0].text.ends_with("في مزرعة"), "{q:?}");
    }

    #[test]
    fn short_marks_that_nothing_introduces_name_or_label() {
        assert!(quotes("ورغم تقدم «أو إف كيه بلغراد»، صاحب الملعب، في المباراة فقد خسر.").is_empty());
        assert!(quotes("ويركز المؤتمر على بحث «تكامل صناعات الألمنيوم الأساسية والتحويلية بين دول الخليج».").is_empty());
        // a sentence's worth of words in marks is a quote even with no cue in sight
        let q = quotes("وفي ختام اللقاء: «نحن ملتزمون بدعم الاستقرار».\n«سنواصل العمل مع جميع الأطراف من أجل السلام والتنمية في المنطقة كلها».");
        assert_eq!(q.len(), 2, "{q:?}");
    }

    #[test]
    fn van_the_outlets_source_prayers_and_verbal_nouns_before_an() {
        let q = quotes("وقال فان غال إن الفريق سيواصل البحث عن لاعبين جدد.");
        assert_eq!(q.len(), 1, "{q:?}");
        assert_eq!(q[0].text, "الفريق سيواصل البحث عن لاعبين جدد");
        let q = quotes("وذكرت صحيفة الوطن نقلاً عن مصادر أن الجهات الأمنية تلقت بلاغاً بالحادث.");
        assert_eq!(q.len(), 1, "{q:?}");
        assert_eq!(q[0].text, "الجهات الأمنية تلقت بلاغاً بالحادث");
        assert_eq!(cue(&q[0]), "وذكرت");
        assert!(quotes("ودعا معاليه في ختام تصريحه المولى عز وجل أن يحفظ البلاد من كل مكروه.").is_empty());
        assert!(quotes("وأكد الفنان على إمكانية أن تلقى المسارح رواجاً أكبر.").is_empty());
        let q = quotes("وأكد المحلل أن السوق ستنتعش قريبا، متوقعا أن يرتفع المؤشر.");
        let texts: Vec<&str> = q.iter().map(|q| q.text.as_str()).collect();
        assert_eq!(texts, ["السوق ستنتعش قريبا", "يرتفع المؤشر"]);
    }

    #[test]
    fn wanting_modals_calendars_sources_in_marks_and_a_new_cue_after_a_colon() {
        assert!(quotes("وجامعة تبوك إذا توضح ذلك لتود أن تؤكد للجميع شفافيتها التامة، ويسعدها دوما أن تستقبل المراجعين.").is_empty());
        assert!(quotes("وأكد المدير أن المشروع كبير، وكل مواطن عليه أن يحترم النظام.").iter().all(|q| !q.text.starts_with("يحترم")));
        assert!(quotes("ونظراً لعزمنا على السفر هذا اليوم السبت التاسع من شهر شوال، حسب تقويم أم القرى.").is_empty());
        assert!(quotes("وقدموا التعازي لأسر الشهداء، داعين أن يتغمدهم برحمته.").is_empty());
        let q = quotes("وبحسب \"الفرنسية\"، فقد ذكر البنك الدولي أن اعتماد القواعد الجديدة جاء بعد سنوات.");
        assert_eq!(q.len(), 1, "{q:?}");
        assert_eq!(q[0].text, "اعتماد القواعد الجديدة جاء بعد سنوات");
        let q = quotes("وأضاف: إذا كانت درجة الحرارة في الخارج 37 فستكون في الداخل 60! وأردف: لا تترك طفلك في السيارة أبدا.");
        let texts: Vec<&str> = q.iter().map(|q| q.text.as_str()).collect();
        assert_eq!(texts, ["إذا كانت درجة الحرارة في الخارج 37 فستكون في الداخل 60", "لا تترك طفلك في السيارة أبدا"]);
    }

    #[test]
    fn spelt_out_letters_end_no_sentence() {
        let q = quotes("وقال باحث من جامعة أوكسفورد لشبكة سي. إن. إن. إن النظام يعمل بشكل جيد.");
        assert_eq!(q.len(), 1, "{q:?}");
        assert_eq!(q[0].text, "النظام يعمل بشكل جيد");
        assert_eq!(cue(&q[0]), "وقال");
    }

    #[test]
    fn a_new_speakers_act_after_a_comma_ends_a_reported_clause() {
        let q = quotes("وأفاد المصدر بأنه تم القبض على والدي الرضيعة، وبعد التحقيق معهما أوضحت الأم أن أختها هي التي تسببت في الحادث.");
        let texts: Vec<&str> = q.iter().map(|q| q.text.as_str()).collect();
        assert_eq!(texts, ["تم القبض على والدي الرضيعة", "أختها هي التي تسببت في الحادث"]);
        assert_eq!(speaker(&q[1]), "الأم");
        // A comment on what was said stays in it.
        let q = quotes("وأكد الوزير أن الأسعار ستنخفض قريبا، الأمر الذي يؤكد أن السوق مستقرة.");
        assert_eq!(q.len(), 1, "{q:?}");
        assert!(q[0].text.ends_with("السوق مستقرة"), "{q:?}");
    }

    #[test]
    fn words_after_an_unclosed_mark_end_before_another_speech_act() {
        let q = quotes("وقال الناطق معقباً: «إن عمليات القتل اليومية هدفها ضرب الاستقرار في المنطقة. مصادر محلية أبلغتنا أن قوات اقتحمت المنزل. وقال شاهد إن الجنود أطلقوا النار.");
        assert_eq!(q[0].text, "إن عمليات القتل اليومية هدفها ضرب الاستقرار في المنطقة.");
        assert!(q.iter().any(|q| q.text == "الجنود أطلقوا النار"), "{q:?}");
        // With no new speech act, an unclosed quote still runs to its paragraph's end.
        let q = quotes("وقال الناطق: «إن الوضع صعب جدا. ونحن نعمل ليل نهار على حله\nوفي سياق آخر افتتح المعرض.");
        assert_eq!(q[0].text, "إن الوضع صعب جدا. ونحن نعمل ليل نهار على حله");
    }

    #[test]
    fn a_purpose_after_a_semicolon_and_a_game_in_marks() {
        let q = quotes("وأضافت الوزيرة أنه سيتم تقديم بلاغ إلى وزارة الداخلية؛ لأخذ التعهد اللازم على الوالدين.");
        assert_eq!(q.len(), 1, "{q:?}");
        assert!(q[0].text.ends_with("على الوالدين"), "{q:?}");
        let q = quotes("وقال موسى إن هذه الزيجات لا بد أن تتخذ الدولة حيالها عقوبات مشددة وحازمة.");
        assert_eq!(q.len(), 1, "{q:?}");
        assert!(q[0].text.ends_with("عقوبات مشددة وحازمة"), "{q:?}");
        assert!(quotes("تقدم لعبة برو إيفولشن سوكر 2015 المعروفة بلعبة “بيس 15″ هذا الأسبوع لعبتها المنتظرة لنسخة هذا العام من سلسلة ألعاب كرة القدم لشركة كونامي.").is_empty());
        assert!(quotes("وأقامت الشركة حفل توزيع جوائز حملتها \"انطلق مع ميشلان بسلاسة وأمان في كافة الظروف المناخية\" والتي أعلنت عنها الشركة.").is_empty());
        let q = quotes("يقول عالم السياسة الفرنسي الشهير ريجيس ديبريه في تقديمه لكتابه: \"إن الإسلام بالنسبة لهذا الأوروبي ليس موضوع دراسة جامعية\".");
        assert_eq!(q.len(), 1, "{q:?}");
        let q = quotes("وكان الفيلم قد أثار الخوف بسبب تلك العبارة «زواج عتريس من فؤادة باطل»، حيث قالوا إن الرواية كتبت قبل الثورة.");
        let texts: Vec<&str> = q.iter().map(|q| q.text.as_str()).collect();
        assert_eq!(texts, ["الرواية كتبت قبل الثورة"]);
    }

    #[test]
    fn negated_speech_adding_to_and_concessive_an_are_not_cues() {
        let q = quotes("وأضاف الباحث، الذي لم يذكر توقيت الحادثة “وفق ما وصلني من شاهدة هربت من المدينة فإن المسلح بدأ يتذمر”.");
        assert_eq!(q.len(), 1, "{q:?}");
        assert_eq!(cue(&q[0]), "وأضاف");
        assert_eq!(speaker(&q[0]), "الباحث");
        assert!(quotes("وتواجه الشركة منافسة قوية. ما يضيف إلى هذا الضغط، أن أبل أطلقت خدمة بث الموسيقى الخاصة بها.").is_empty());
        assert!(quotes("هنالك من الفعاليات ما يذكر فيشكر، وإن كان المجتمع في حاجة إلى مزيد من المناشط.").is_empty());
        assert!(quotes("وحضر المريض له بسيارته، وقال معك \"المرور السري\"، وكان الطبيب يعرف انه من مراجعي المستشفى.").is_empty());
        assert!(quotes("وحذرت الوزارة من محاولة اندساس بعض العناصر لاسيما وأن الناديين كبيران يحملان رسالة الرياضة.").is_empty());
    }

    #[test]
    fn a_dropped_subject_takes_the_verb_opening_its_sentence() {
        let q = quotes("ورعى الملك سلمان بن عبدالعزيز الحفل. كما ألقى وزير الزراعة كلمة قال فيها: إن الدولة حرصت على توفير الدقيق للمستهلك.");
        assert_eq!(q.len(), 1, "{q:?}");
        assert_eq!(speaker(&q[0]), "وزير الزراعة");
        let q = quotes("وقالت الشرطة إنها تحقق في الأمر. كما رفضت شركة أبل التعليق قائلة إن التحقيق لا يزال مستمرا.");
        assert_eq!(q.len(), 2, "{q:?}");
        assert!(speaker(&q[1]).contains("أبل"), "{q:?}");
    }

    #[test]
    fn short_names_in_marks_after_a_noun_or_a_colon_and_a_new_participle() {
        let q = quotes("من جهته، أعرب مدير \"مهرجان أبها للتسوق\" إبراهيم الجارالله، عن شكره لأمير المنطقة.");
        assert!(q.is_empty(), "{q:?}");
        let q = quotes("وأثار القميص الجدل، إذ تم وصفه بالقميص “الذكوري” والتمييزي.");
        assert_eq!(q.len(), 1, "{q:?}");
        assert_eq!(q[0].text, "الذكوري");
        let q = quotes("وواجهت الخدمة مقاومة من شركتين من شركات التسجيلات الكبرى الثلاث: “يونيفرسال” و”سوني”.");
        assert!(q.is_empty(), "{q:?}");
        let q = quotes("وأوضح العقيبي أن المتقدم يستطيع حجز الموعد باليوم والساعة، مفيداً أن هناك فريقا لاستقبال المتقدمين.");
        let texts: Vec<&str> = q.iter().map(|q| q.text.as_str()).collect();
        assert_eq!(texts, ["المتقدم يستطيع حجز الموعد باليوم والساعة", "هناك فريقا لاستقبال المتقدمين"]);
    }

    #[test]
    fn a_speaker_phrase_ends_before_asking_not_to_be_named() {
        let q = quotes("وقال المسؤول طالبا عدم ذكر اسمه: «إن السماح باستخدام القواعد سيعزز فعالية التحالف العسكري في المنطقة».");
        assert_eq!(q.len(), 1, "{q:?}");
        assert_eq!(speaker(&q[0]), "المسؤول");
    }

    #[test]
    fn a_reported_clause_goes_on_past_a_line_break_after_a_comma() {
        let q = quotes("وأعلن مسؤول عسكري أمريكي أن تركيا سمحت باستخدام القواعد الجوية،\nولاسيما قاعدة انجرليك في جنوب البلاد، في شن غارات.");
        assert_eq!(q.len(), 1, "{q:?}");
        assert!(q[0].text.ends_with("في شن غارات"), "{q:?}");
    }

    #[test]
    fn relayed_words_belong_to_the_source_and_participles_to_their_sentence() {
        let q = quotes("ونقلت الصحيفة عن مصادر مطلعة قولها إن التعليمة جاءت لأسباب أمنية بحتة.");
        assert_eq!(q.len(), 1, "{q:?}");
        assert_eq!(speaker(&q[0]), "مصادر مطلعة");
        let q = quotes("وأوضح العقيد بن دليم، وفقاً لما نقلت عنه “عكاظ”، أن العوائل يستثنون من هذا القرار.");
        assert_eq!(q.len(), 1, "{q:?}");
        assert_eq!(cue(&q[0]), "وأوضح");
        assert!(speaker(&q[0]).contains("بن دليم"), "{q:?}");
        let q = quotes("وأدانت الخارجية البحرينية التفجير. وشددت وفقاً لما نقلته وكالة الأنباء البحرينية، على أن هذه الجريمة لا تمت بصلة لأي دين.");
        assert_eq!(q.len(), 1, "{q:?}");
        assert_eq!(cue(&q[0]), "وشددت");
        assert_ne!(speaker(&q[0]), "وفقاً", "{q:?}");
        let q = quotes("وقالت الخارجية الأميركية في بيان -بحسب وكالة الأنباء الفرنسية- \"نرحب بالأمر الذي أصدره رئيس الوزراء لقوات الأمن\".");
        assert_eq!(q.len(), 1, "{q:?}");
        assert_eq!(cue(&q[0]), "وقالت");
        let q = quotes("وقال المدير إن العمل مستمر. وجدد عدد من المواطنين مطالبهم حول توسعة الطريق، مؤكدين أنه يشكل خطورة على الأبرياء.");
        assert_eq!(q.len(), 2, "{q:?}");
        assert!(speaker(&q[1]).starts_with("عدد من المواطنين"), "{q:?}");
        let q = quotes("وقال المدير إن العمل مستمر. وأبدى إعجابه بالمعرض، مؤكدا أنه يستحق الزيارة.");
        assert_eq!(speaker(&q[1]), "المدير", "{q:?}");
    }

    #[test]
    fn inferences_transport_blessings_and_a_cause_after_a_semicolon() {
        assert!(quotes("وتراجع الإنفاق في يونيو، وهو ما يشير إلى أن الاقتصاد فقد بعضا من قوة دفعه.").is_empty());
        assert!(quotes("وأصيب الجندي قبل شهر، ونقل لمستشفى القوات المسلحة لتلقي العلاج، إلى أن انتقل إلى رحمة الله.").is_empty());
        assert_eq!(quotes("ونقلت صحف تركية أخرى أن ابن راشد استاء من تصرف المطار.").len(), 1);
        assert_eq!(quotes("ووفقا لتصريحات وزير البترول شريف إسماعيل لوكالة رويترز، فإن مصر تسعى إلى شراء الغاز.").len(), 1);
        assert!(quotes("والمعلم ليس الحافظ فحسب، بل الكفاءة والأهلية هي الأساس في التعليم الحديث.").is_empty());
        assert!(quotes("والمشكلة الحقيقية عندما يكون المخترق لحسابات الناس وكشف سترهم يظن أنه يفعل ذلك الفعل إرضاء لله.").is_empty());
        assert!(quotes("أشار القرآن الكريم الذي نزل على محمد «صلى الله عليه وسلم»، إلى حقيقة علمية.").is_empty());
        let q = quotes("وقال المبتعث يوسف الراجحي إن هذا ليس بغريب على الأمير؛ فهو دائمًا يدعم الطلبة من مراحلهم الأولى.");
        assert_eq!(q.len(), 1, "{q:?}");
        assert!(q[0].text.ends_with("من مراحلهم الأولى"), "{q:?}");
        let q = quotes("وأضافت الصحيفة أن المدعين استجوبوا مسؤولين في بنوك إتش.إس.بي.سي وستاندرد تشارترد بشأن الفيفا.");
        assert_eq!(q.len(), 1, "{q:?}");
        assert!(q[0].text.ends_with("بشأن الفيفا"), "{q:?}");
    }

    #[test]
    fn rules_that_look_ahead_stop_at_the_end_of_the_text() {
        // Each ends where a rule looks one or two tokens further: none may panic, and
        // every quote found stays inside the text.
        for text in ["وقال المدير وإن", "وأضاف إلى", "ونقل", "وقال المدير، وفقاً لما", "وقال عدد من", "وأكد أنه؛", "وقال: «"] {
            let n = text.chars().count();
            let q = quotes(text);
            assert!(q.iter().all(|q| q.start < q.end && q.end <= n), "{text}: {q:?}");
        }
    }
}
