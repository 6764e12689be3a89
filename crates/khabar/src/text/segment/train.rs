//! Training: an averaged structured perceptron over candidate sets.

use rustc_hash::FxHashMap;

use super::evidence::{features, whole_evidence, Evidence, Scratch};
use super::grammar::candidates;
use crate::text::lexicon::Lexicon;

/// A training word: its normalised form and the gold internal boundaries (ATB style,
/// in normalised chars).
#[derive(Debug, Clone)]
pub struct Example {
    pub norm: String,
    pub boundaries: Vec<usize>,
}

/// Per-epoch report.
#[derive(Debug, Clone)]
pub struct EpochReport {
    pub epoch: usize,
    pub train_accuracy: f64,
    pub dev_accuracy: Option<f64>,
}

/// Trains named weights. `dev` (if any) is scored with the averaged weights each epoch.
pub fn train(
    lex: &Lexicon,
    train: &[Example],
    dev: &[Example],
    epochs: usize,
    mut report: impl FnMut(&EpochReport),
) -> std::collections::BTreeMap<String, f32> {
    // Pre-compute each example's candidates' feature ids.
    let mut names: FxHashMap<String, usize> = FxHashMap::default();
    let mut sc = Scratch::default();
    let mut prepare = |ex: &Example, names: &mut FxHashMap<String, usize>, grow: bool| -> (Vec<Vec<(usize, f64)>>, Option<usize>) {
        let chars: Vec<char> = ex.norm.chars().collect();
        let mut cands = Vec::new();
        candidates(&chars, &mut cands);
        let ev = Evidence { lex, doc: None };
        let whole = whole_evidence(&ev, &ex.norm, &mut sc);
        let mut feats = Vec::new();
        let mut gold = None;
        for (i, c) in cands.iter().enumerate() {
            let mut ids = Vec::new();
            features(&ev, &chars, whole, c, &mut sc, &mut |name, v| {
                if let Some(&id) = names.get(name) {
                    ids.push((id, v as f64));
                } else if grow {
                    let id = names.len();
                    names.insert(name.to_string(), id);
                    ids.push((id, v as f64));
                }
            });
            if gold.is_none() && c.pattern().atb_boundaries() == ex.boundaries {
                gold = Some(i);
            }
            feats.push(ids);
        }
        (feats, gold)
    };
    let train_sets: Vec<_> = train.iter().map(|ex| prepare(ex, &mut names, true)).collect();
    let dev_sets: Vec<_> = dev.iter().map(|ex| prepare(ex, &mut names, false)).collect();
    let dim = names.len();
    let mut w = vec![0f64; dim];
    let mut acc = vec![0f64; dim]; // sum over time of updates * time (averaging trick)
    let mut t = 1f64;
    let score = |w: &[f64], ids: &[(usize, f64)]| ids.iter().map(|&(i, v)| w[i] * v).sum::<f64>();
    let argmax = |w: &[f64], feats: &[Vec<(usize, f64)>]| {
        let mut best = (f64::NEG_INFINITY, 0);
        for (i, ids) in feats.iter().enumerate() {
            let s = score(w, ids);
            if s > best.0 {
                best = (s, i);
            }
        }
        best.1
    };
    // Deterministic shuffling without a RNG dependency: a fixed LCG permutation.
    let mut order: Vec<usize> = (0..train_sets.len()).collect();
    let mut seed = 0x9E3779B97F4A7C15u64;
    for epoch in 1..=epochs {
        for i in (1..order.len()).rev() {
            seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            order.swap(i, (seed >> 33) as usize % (i + 1));
        }
        let mut correct = 0usize;
        let mut total = 0usize;
        for &k in &order {
            let (feats, gold) = &train_sets[k];
            let Some(g) = *gold else { continue };
            total += 1;
            let p = argmax(&w, feats);
            if p == g {
                correct += 1;
            } else {
                for &(i, v) in &feats[g] {
                    w[i] += v;
                    acc[i] += t * v;
                }
                for &(i, v) in &feats[p] {
                    w[i] -= v;
                    acc[i] -= t * v;
                }
            }
            t += 1.0;
        }
        let avg: Vec<f64> = w.iter().zip(&acc).map(|(w, a)| w - a / t).collect();
        let dev_accuracy = (!dev_sets.is_empty()).then(|| {
            let ok = dev_sets.iter().filter(|(f, g)| Some(argmax(&avg, f)) == *g).count();
            ok as f64 / dev_sets.len() as f64
        });
        report(&EpochReport { epoch, train_accuracy: correct as f64 / total.max(1) as f64, dev_accuracy });
    }
    let avg: Vec<f64> = w.iter().zip(&acc).map(|(w, a)| w - a / t).collect();
    names.into_iter().filter(|(_, i)| avg[*i].abs() > 1e-6).map(|(n, i)| (n, avg[i] as f32)).collect()
}
