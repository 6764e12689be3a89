//! Entity-level scoring, with the semantics of CoNLL's `conlleval`.
//!
//! Token accuracy is meaningless for NER (tagging everything `O` scores ~90% on
//! ANERcorp), so an entity counts only when its span and type both match exactly.
//! Tags are read as conlleval reads them: an `I-X` that does not continue an `X` entity
//! starts a new one, so scores computed here match the published numbers on this data.

use super::{EntityType, Tag};
use std::fmt;

/// An entity: tokens `[start, end)` of type `kind`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Chunk {
    pub start: usize,
    pub end: usize,
    pub kind: EntityType,
}

/// The entities of a tag sequence.
pub fn chunks(tags: &[Tag]) -> Vec<Chunk> {
    let mut out = Vec::new();
    let mut cur: Option<Chunk> = None;
    for (i, &t) in tags.iter().enumerate() {
        let continues = matches!((t, cur), (Tag::I(x), Some(c)) if c.kind == x);
        if continues {
            if let Some(c) = cur.as_mut() {
                c.end = i + 1;
            }
            continue;
        }
        out.extend(cur.take());
        if let Tag::B(x) | Tag::I(x) = t {
            cur = Some(Chunk { start: i, end: i + 1, kind: x });
        }
    }
    out.extend(cur);
    out
}

/// Counts per type: entities found correct, predicted, gold.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub correct: usize,
    pub predicted: usize,
    pub gold: usize,
}

impl Counts {
    pub fn precision(&self) -> f64 {
        ratio(self.correct, self.predicted)
    }

    pub fn recall(&self) -> f64 {
        ratio(self.correct, self.gold)
    }

    pub fn f1(&self) -> f64 {
        crate::eval::f1(self.precision(), self.recall())
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

/// Scores accumulated over sentences.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Scores {
    pub by_type: [Counts; 4],
    pub tokens: usize,
    pub tokens_correct: usize,
}

impl Scores {
    /// Adds one sentence (gold and predicted tags of the same tokens).
    pub fn add(&mut self, gold: &[Tag], predicted: &[Tag]) {
        let g = chunks(gold);
        let p = chunks(predicted);
        for c in &g {
            self.by_type[c.kind.index()].gold += 1;
        }
        for c in &p {
            let k = &mut self.by_type[c.kind.index()];
            k.predicted += 1;
            if g.contains(c) {
                k.correct += 1;
            }
        }
        self.tokens += gold.len();
        self.tokens_correct += gold.iter().zip(predicted).filter(|(a, b)| a == b).count();
    }

    pub fn get(&self, t: EntityType) -> Counts {
        self.by_type[t.index()]
    }

    /// Counts pooled over all types (micro average).
    pub fn micro(&self) -> Counts {
        self.by_type.iter().fold(Counts::default(), |a, c| Counts { correct: a.correct + c.correct, predicted: a.predicted + c.predicted, gold: a.gold + c.gold })
    }
}

impl fmt::Display for Scores {
    /// A conlleval-like table.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "{:<6} {:>9} {:>9} {:>9} {:>6} {:>6} {:>6}", "type", "precision", "recall", "F1", "gold", "pred", "ok")?;
        let row = |f: &mut fmt::Formatter<'_>, name: &str, c: Counts| {
            writeln!(f, "{:<6} {:>9.4} {:>9.4} {:>9.4} {:>6} {:>6} {:>6}", name, c.precision(), c.recall(), c.f1(), c.gold, c.predicted, c.correct)
        };
        for t in EntityType::ALL {
            row(f, t.as_str(), self.get(t))?;
        }
        row(f, "micro", self.micro())?;
        write!(f, "token accuracy {:.4} ({} tokens)", ratio(self.tokens_correct, self.tokens), self.tokens)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ner::EntityType::*;

    fn tags(s: &str) -> Vec<Tag> {
        s.split(' ').map(|t| Tag::parse(t).unwrap()).collect()
    }

    #[test]
    fn chunks_follow_conlleval() {
        let c = chunks(&tags("B-PERS I-PERS O I-LOC I-LOC B-LOC I-ORG"));
        assert_eq!(
            c,
            [
                Chunk { start: 0, end: 2, kind: Pers },
                Chunk { start: 3, end: 5, kind: Loc },
                Chunk { start: 5, end: 6, kind: Loc },
                Chunk { start: 6, end: 7, kind: Org },
            ]
        );
    }

    #[test]
    fn hand_made_example_scores() {
        // Gold: PERS[0,2) LOC[3,4) ORG[5,7) LOC[8,9)
        // Pred: PERS[0,2) ✓, LOC[3,4) ✓, ORG[5,6) ✗ (span too short), PERS[8,9) ✗ (type)
        let gold = tags("B-PERS I-PERS O B-LOC O B-ORG I-ORG O B-LOC");
        let pred = tags("B-PERS I-PERS O B-LOC O B-ORG O O B-PERS");
        let mut s = Scores::default();
        s.add(&gold, &pred);
        let m = s.micro();
        assert_eq!((m.correct, m.predicted, m.gold), (2, 4, 4));
        assert!((m.precision() - 0.5).abs() < 1e-12 && (m.recall() - 0.5).abs() < 1e-12 && (m.f1() - 0.5).abs() < 1e-12);
        let p = s.get(Pers);
        assert_eq!((p.correct, p.predicted, p.gold), (1, 2, 1));
        assert!((p.f1() - 2.0 / 3.0).abs() < 1e-12);
        let l = s.get(Loc);
        assert_eq!((l.precision(), l.recall()), (1.0, 0.5));
        assert_eq!(s.get(Org).f1(), 0.0);
        assert_eq!(s.get(Misc), Counts::default());
        assert_eq!(s.tokens_correct, 7);
        assert!(s.to_string().contains("micro     0.5000    0.5000    0.5000"), "{s}");
    }
}
