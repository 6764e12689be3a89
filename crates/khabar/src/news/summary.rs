//! An extractive summary: the few sentences that best say what the article says.
//!
//! News puts the essentials first, so the lead is the usual answer; but some leads open
//! on atmosphere or background, and a summary made only of the lead misses the story
//! then. Each body sentence is scored by how much of the article's keyphrases and
//! entities it mentions (per square root of its length, so that a long sentence does
//! not win by length alone) mixed with a prior that decays with its position; sentences
//! are then picked greedily by maximal marginal relevance (Carbonell & Goldstein 1998),
//! so the second pick adds something the first did not say. The picks are returned in
//! document order.
//!
//! Headlines and sub-headings are fragments, not sentences; they are left out when the
//! article has a body, and so are sentences too short to stand alone.
//!
//! ```
//! let doc = khabar::Analyzer::default().analyze_text(
//!     "ارتفاع أسعار النفط\nارتفعت أسعار النفط اليوم بنسبة كبيرة في الأسواق العالمية. وتوقع محللون أن تواصل أسعار النفط صعودها خلال الشهر المقبل.",
//! );
//! let kp = khabar::news::keyphrases::keyphrases(&doc, 10);
//! let summary = khabar::news::summary::summarize(&doc, &kp, 1);
//! assert_eq!(summary.len(), 1);
//! assert!(summary[0].text.starts_with("ارتفعت أسعار النفط"));
//! ```

use std::hash::{Hash, Hasher};

use rustc_hash::FxHasher;

use crate::doc::{Document, Keyphrase, Span, TokenKind};

/// A sentence with fewer words than this is not a summary on its own (unless the text
/// has nothing longer).
const MIN_WORDS: usize = 6;
/// Weight of keyphrase coverage against the position prior.
const COVERAGE_WEIGHT: f32 = 0.65;
/// How fast the position prior decays: sentence k (0-based, body only) gets 1/(1 + k·this).
const POSITION_DECAY: f32 = 0.25;
/// MMR trade-off between relevance and novelty.
const LAMBDA: f32 = 0.6;
/// A sentence this similar to one already picked restates it: never picked.
const MAX_SIMILARITY: f32 = 0.75;
/// Weight of the i-th entity (by salience) relative to a keyphrase of score 1.
const ENTITY_WEIGHT: f32 = 0.5;

/// Up to `max_sentences` sentences of `doc` (its own sentence spans) that best summarise
/// it, in document order. `keyphrases` are those of [`keyphrases`](super::keyphrases::keyphrases);
/// `doc.entities` are used when present.
pub fn summarize(doc: &Document, keyphrases: &[Keyphrase], max_sentences: usize) -> Vec<Span> {
    if max_sentences == 0 || doc.sentences.is_empty() {
        return Vec::new();
    }
    if doc.sentences.len() == 1 {
        return vec![doc.sentences[0].clone()];
    }
    let sentences = describe_sentences(doc);

    // Candidates: body sentences of a reasonable length; failing that, body sentences;
    // failing that, any sentence.
    let has_body = !doc.structure.paragraphs.is_empty();
    let in_body = |s: &Span| doc.structure.paragraphs.iter().any(|p| p.start <= s.start && s.end <= p.end);
    let mut candidates: Vec<usize> =
        (0..sentences.len()).filter(|&k| sentences[k].words >= MIN_WORDS && (!has_body || in_body(&doc.sentences[k]))).collect();
    if candidates.is_empty() {
        candidates = (0..sentences.len()).filter(|&k| !has_body || in_body(&doc.sentences[k])).collect();
    }
    if candidates.is_empty() {
        candidates = (0..sentences.len()).collect();
    }

    // Coverage: each keyphrase and entity counted once per sentence that mentions it.
    let mut coverage = vec![0.0f32; sentences.len()];
    let mut mark = |spans: &mut dyn Iterator<Item = &Span>, weight: f32, seen: &mut Vec<usize>| {
        seen.clear();
        for s in spans {
            if let Some(k) = sentence_of(&doc.sentences, s) {
                if !seen.contains(&k) {
                    seen.push(k);
                    coverage[k] += weight;
                }
            }
        }
    };
    let mut seen = Vec::new();
    for kp in keyphrases {
        mark(&mut kp.spans.iter(), kp.score.max(0.0), &mut seen);
    }
    for (i, e) in doc.entities.iter().enumerate() {
        mark(&mut e.mentions.iter(), ENTITY_WEIGHT / (1.0 + i as f32), &mut seen);
    }
    for (k, c) in coverage.iter_mut().enumerate() {
        *c /= (sentences[k].words.max(1) as f32).sqrt();
    }
    let best_coverage = candidates.iter().map(|&k| coverage[k]).fold(0.0f32, f32::max);

    let relevance: Vec<f32> = candidates
        .iter()
        .enumerate()
        .map(|(rank, &k)| {
            let cov = if best_coverage > 0.0 { coverage[k] / best_coverage } else { 0.0 };
            let position = 1.0 / (1.0 + POSITION_DECAY * rank as f32);
            COVERAGE_WEIGHT * cov + (1.0 - COVERAGE_WEIGHT) * position
        })
        .collect();

    // Greedy MMR.
    let mut picked: Vec<usize> = Vec::new(); // indices into `candidates`
    while picked.len() < max_sentences.min(candidates.len()) {
        let mut best: Option<(usize, f32)> = None;
        for (c, &k) in candidates.iter().enumerate() {
            if picked.contains(&c) {
                continue;
            }
            let redundancy =
                picked.iter().map(|&p| similarity(&sentences[k].stems, &sentences[candidates[p]].stems)).fold(0.0f32, f32::max);
            if redundancy >= MAX_SIMILARITY {
                continue;
            }
            let mmr = LAMBDA * relevance[c] - (1.0 - LAMBDA) * redundancy;
            if best.is_none_or(|(_, b)| mmr > b) {
                best = Some((c, mmr));
            }
        }
        match best {
            Some((c, _)) => picked.push(c),
            None => break,
        }
    }
    let mut out: Vec<usize> = picked.iter().map(|&c| candidates[c]).collect();
    out.sort_unstable();
    out.into_iter().map(|k| doc.sentences[k].clone()).collect()
}

/// What the scoring needs of a sentence.
struct SentenceInfo {
    /// Word, Latin and number tokens.
    words: usize,
    /// Hashes of the light stems of its longer words, sorted and unique: its content
    /// for the redundancy test.
    stems: Vec<u64>,
}

fn describe_sentences(doc: &Document) -> Vec<SentenceInfo> {
    let mut out: Vec<SentenceInfo> = doc.sentences.iter().map(|_| SentenceInfo { words: 0, stems: Vec::new() }).collect();
    let mut k = 0;
    for t in &doc.tokens {
        while k < doc.sentences.len() && doc.sentences[k].end <= t.start {
            k += 1;
        }
        let Some(info) = out.get_mut(k) else { break };
        if matches!(t.kind, TokenKind::Word | TokenKind::Latin | TokenKind::Number) {
            info.words += 1;
            // Short stems are mostly particles; they would make every pair look alike.
            if t.kind != TokenKind::Number && t.stem.chars().count() >= 3 {
                let mut h = FxHasher::default();
                t.stem.hash(&mut h);
                info.stems.push(h.finish());
            }
        }
    }
    for info in &mut out {
        info.stems.sort_unstable();
        info.stems.dedup();
    }
    out
}

/// Index of the sentence that contains `span`.
fn sentence_of(sentences: &[Span], span: &Span) -> Option<usize> {
    let k = sentences.partition_point(|s| s.end <= span.start);
    sentences.get(k).filter(|s| s.start <= span.start && span.end <= s.end).map(|_| k)
}

/// Cosine similarity of two sets given as sorted unique vectors.
fn similarity(a: &[u64], b: &[u64]) -> f32 {
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    let (mut i, mut j, mut common) = (0, 0, 0usize);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                common += 1;
                i += 1;
                j += 1;
            }
        }
    }
    common as f32 / ((a.len() * b.len()) as f32).sqrt()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::doc::{slice_chars, Entity, EntityLabel};
    use crate::news::keyphrases::keyphrases;
    use crate::Analyzer;

    /// Summarises `text`, without the tagger's entities so that these tests do not move
    /// with the NER model (the entity path is tested with entities set by hand).
    fn run(text: &str, max: usize) -> (Document, Vec<Span>) {
        let mut doc = Analyzer::default().analyze_text(text);
        doc.entities.clear();
        let kp = keyphrases(&doc, 10);
        let s = summarize(&doc, &kp, max);
        (doc, s)
    }

    fn check(doc: &Document, summary: &[Span], max: usize) {
        assert!(summary.len() <= max, "{} > {max}", summary.len());
        for s in summary {
            assert!(doc.sentences.contains(s), "{s:?} is not one of the document's sentences");
            assert_eq!(slice_chars(&doc.text, s.start, s.end), s.text);
        }
        assert!(summary.windows(2).all(|w| w[0].start < w[1].start), "not in document order: {summary:?}");
    }

    /// The lead is about the weather, the story is the port strike.
    const OFF_TOPIC_LEAD: &str = "إضراب عمال ميناء جدة\n\
        كان الطقس حارا ورطبا في المدينة صباح اليوم كما هي العادة في هذا الوقت من السنة.\n\
        بدأ عمال ميناء جدة إضرابا مفتوحا احتجاجا على تأخر صرف الرواتب منذ ثلاثة أشهر.\n\
        وأدى إضراب عمال ميناء جدة إلى توقف تفريغ السفن وتكدس الحاويات على الأرصفة.\n\
        وقالت إدارة الميناء إنها تتفاوض مع ممثلي العمال لإنهاء الإضراب في أقرب وقت.\n\
        ويعد ميناء جدة الإسلامي أكبر موانئ البحر الأحمر من حيث حجم المناولة.";

    #[test]
    fn an_off_topic_lead_is_not_the_summary() {
        let (doc, s) = run(OFF_TOPIC_LEAD, 1);
        check(&doc, &s, 1);
        assert_eq!(s.len(), 1);
        assert!(!s[0].text.contains("الطقس"), "picked the off-topic lead: {}", s[0].text);
        assert!(s[0].text.contains("ميناء جدة"), "{}", s[0].text);
    }

    #[test]
    fn summary_sentences_are_in_document_order_and_at_most_max() {
        for max in 1..=4 {
            let (doc, s) = run(OFF_TOPIC_LEAD, max);
            check(&doc, &s, max);
            assert_eq!(s.len(), max.min(5), "max {max}: {s:?}");
            // The headline is a fragment, never a summary sentence.
            assert!(s.iter().all(|x| x.start > 0), "{s:?}");
        }
    }

    #[test]
    fn lead_wins_when_it_is_on_topic() {
        let text = "ارتفاع أسعار النفط\nارتفعت أسعار النفط اليوم بنسبة كبيرة في الأسواق العالمية بعد قرار أوبك.\n\
            وتوقع محللون أن تواصل أسعار النفط صعودها خلال الشهر المقبل.\n\
            وكانت الأسواق قد شهدت تراجعا في الأسبوع الماضي.";
        let (doc, s) = run(text, 1);
        check(&doc, &s, 1);
        assert!(s[0].text.starts_with("ارتفعت أسعار النفط"), "{s:?}");
    }

    #[test]
    fn the_second_pick_is_not_a_repeat_of_the_first() {
        // Sentences 1 and 2 say the same thing; sentence 3 adds something.
        let text = "زلزال في تركيا\nضرب زلزال قوي جنوب تركيا فجر اليوم وأدى إلى انهيار مبان عديدة.\n\
            ضرب زلزال قوي جنوب تركيا فجر اليوم وأدى إلى انهيار مبان كثيرة.\n\
            وأرسلت فرق الإنقاذ الدولية مساعدات إلى المناطق المتضررة من الزلزال في تركيا.";
        let (doc, s) = run(text, 2);
        check(&doc, &s, 2);
        assert_eq!(s.len(), 2);
        assert!(s[1].text.contains("فرق الإنقاذ"), "{s:?}");
    }

    #[test]
    fn one_sentence_and_empty_texts() {
        let (doc, s) = run("عاجل", 3);
        assert_eq!(s, doc.sentences);
        let (doc, s) = run("انفجار في بيروت.", 3);
        assert_eq!(s.len(), 1);
        assert_eq!(s, doc.sentences);
        let (_, s) = run("", 3);
        assert!(s.is_empty());
        let (_, s) = run("انفجار في بيروت.", 0);
        assert!(s.is_empty());
    }

    #[test]
    fn short_sentences_are_skipped_when_longer_ones_exist() {
        let text = "نعم.\nأعلنت وزارة الصحة تسجيل حالات جديدة من فيروس كورونا في الرياض وجدة والدمام اليوم.\nشكرا.";
        let (doc, s) = run(text, 1);
        check(&doc, &s, 1);
        assert!(s[0].text.starts_with("أعلنت وزارة الصحة"), "{s:?}");
    }

    #[test]
    fn entities_count_as_coverage() {
        // Two body sentences of the same shape; the second names the entity. Without
        // keyphrases, only the entity can move the pick away from the first.
        let text = "خبر\nاجتمع المجلس البلدي في جلسة عادية صباح الأحد لمناقشة جدول الأعمال.\n\
            واستقبل المجلس البلدي الأمير فيصل بن سلمان في جلسة خاصة لمناقشة المشاريع.";
        let mut doc = Analyzer::default().analyze_text(text);
        doc.entities.clear();
        let name = "فيصل بن سلمان";
        let start = text.chars().collect::<Vec<_>>().windows(name.chars().count()).position(|w| w.iter().collect::<String>() == name).expect("name");
        let mention = Span { start, end: start + name.chars().count(), text: name.to_string() };
        assert_eq!(summarize(&doc, &[], 1)[0].text, doc.sentences[1].text);
        doc.entities = vec![Entity { id: "e1".into(), label: EntityLabel::Person, name: name.into(), mentions: vec![mention] }];
        assert_eq!(summarize(&doc, &[], 1)[0].text, doc.sentences[2].text);
    }
}
