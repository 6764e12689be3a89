//! Segmentation quality against gold syntactic words (UD Arabic-PUD).
//!
//! The metric is F1 over character spans of syntactic words: khabar's segments of
//! each token, with an `article` segment merged into the stem after it (the ATB
//! convention of the gold data, where ال stays on its noun), and every other token
//! (punctuation, numbers…) as one span. A span counts when start and end both match.

use std::collections::{BTreeMap, HashSet};

use super::conllu::GoldSentence;
use crate::doc::SegmentKind;
use crate::text::normalize::{normalize_into, NormalizeOptions};
use crate::text::segment::train::Example;
use crate::text::{TextAnalyzer, TextLayer};

/// Scores and the most frequent errors.
#[derive(Debug, Clone, Default)]
pub struct SegmentationReport {
    pub gold: usize,
    pub predicted: usize,
    pub correct: usize,
    /// Whole surface words (whitespace-delimited pieces with letters) all of whose
    /// syntactic words were right, and how many there were.
    pub words_correct: usize,
    pub words: usize,
    /// `gold segmentation → predicted` for wrong surface words, with counts.
    pub errors: BTreeMap<(String, String), usize>,
}

impl SegmentationReport {
    pub fn precision(&self) -> f64 {
        self.correct as f64 / self.predicted.max(1) as f64
    }
    pub fn recall(&self) -> f64 {
        self.correct as f64 / self.gold.max(1) as f64
    }
    pub fn f1(&self) -> f64 {
        crate::eval::f1(self.precision(), self.recall())
    }
    /// The `n` most frequent errors, most frequent first.
    pub fn top_errors(&self, n: usize) -> Vec<(&str, &str, usize)> {
        let mut v: Vec<_> = self.errors.iter().map(|((g, p), &c)| (g.as_str(), p.as_str(), c)).collect();
        v.sort_by(|a, b| b.2.cmp(&a.2).then(a.0.cmp(b.0)));
        v.truncate(n);
        v
    }
}

/// Predicted syntactic-word spans (code points) of `text`.
pub fn predicted_spans(analyzer: &TextAnalyzer, text: &str, layer: &mut TextLayer) -> Vec<(usize, usize)> {
    analyzer.analyze_into(text, layer);
    let mut out = Vec::new();
    for (i, t) in layer.tokens.iter().enumerate() {
        let segs = layer.segments(i);
        if segs.is_empty() {
            out.push((t.start, t.end));
            continue;
        }
        let mut start = None;
        for s in segs {
            let st = start.take().unwrap_or(s.start);
            if s.kind == SegmentKind::Article {
                start = Some(st);
                continue;
            }
            out.push((st, s.end));
        }
        if let Some(st) = start {
            out.push((st, t.end));
        }
    }
    out
}

/// Scores `analyzer` on `gold`.
pub fn evaluate(analyzer: &TextAnalyzer, gold: &[GoldSentence]) -> SegmentationReport {
    let mut rep = SegmentationReport::default();
    let mut layer = TextLayer::default();
    for s in gold {
        let pred = predicted_spans(analyzer, &s.text, &mut layer);
        let g: Vec<(usize, usize)> = s.words.iter().map(|w| (w.0, w.1)).collect();
        let gset: HashSet<_> = g.iter().copied().collect();
        let pset: HashSet<_> = pred.iter().copied().collect();
        rep.gold += gset.len();
        rep.predicted += pset.len();
        rep.correct += gset.intersection(&pset).count();
        // Per surface word (maximal run of non-space chars): compare segmentations.
        let chars: Vec<char> = s.text.chars().collect();
        let mut a = 0;
        while a < chars.len() {
            if chars[a].is_whitespace() {
                a += 1;
                continue;
            }
            let mut b = a;
            while b < chars.len() && !chars[b].is_whitespace() {
                b += 1;
            }
            let show = |spans: &[(usize, usize)]| {
                spans.iter().filter(|x| x.0 >= a && x.1 <= b).map(|x| chars[x.0..x.1].iter().collect::<String>()).collect::<Vec<_>>().join("+")
            };
            let gs: Vec<_> = g.iter().copied().filter(|x| x.0 >= a && x.1 <= b).collect();
            let ps: Vec<_> = pred.iter().copied().filter(|x| x.0 >= a && x.1 <= b).collect();
            rep.words += 1;
            if gs == ps {
                rep.words_correct += 1;
            } else {
                *rep.errors.entry((show(&gs), show(&ps))).or_insert(0) += 1;
            }
            a = b;
        }
    }
    rep
}

/// Training examples for the segmenter: every Arabic word token of `gold` whose gold
/// syntactic words tile it, with the gold boundaries mapped to its normalised form.
pub fn training_examples(analyzer: &TextAnalyzer, gold: &[GoldSentence]) -> Vec<Example> {
    let mut out = Vec::new();
    let mut layer = TextLayer::default();
    let opts = NormalizeOptions::default();
    let mut norm = String::new();
    let mut align = Vec::new();
    for s in gold {
        analyzer.analyze_into(&s.text, &mut layer);
        for (i, t) in layer.tokens.iter().enumerate() {
            if layer.segments(i).is_empty() {
                continue;
            }
            let inside: Vec<_> = s.words.iter().filter(|w| w.0 < t.end && w.1 > t.start).collect();
            let tiles = !inside.is_empty()
                && inside[0].0 == t.start
                && inside[inside.len() - 1].1 == t.end
                && inside.windows(2).all(|p| p[0].1 == p[1].0);
            if !tiles {
                continue;
            }
            norm.clear();
            align.clear();
            normalize_into(&s.text[t.start_byte..t.end_byte], &opts, &mut norm, &mut align);
            let mut boundaries = Vec::new();
            let mut ok = true;
            for w in &inside[1..] {
                let rel = (w.0 - t.start) as u32;
                match align.iter().position(|&a| a == rel) {
                    Some(k) => boundaries.push(k),
                    None => ok = false,
                }
            }
            if ok && !norm.is_empty() {
                out.push(Example { norm: norm.clone(), boundaries });
            }
        }
    }
    out
}
