//! Training: an averaged structured perceptron with Viterbi decoding.
//!
//! Why this learner: it is fast (the whole of ANERcorp in seconds an epoch), needs no
//! tuning beyond the number of epochs, is deterministic (a fixed shuffle, no threads),
//! and trains the transition weights together with the feature weights against the
//! same constrained Viterbi the tagger uses, so training optimises exactly what is
//! decoded. Averaging the weights over all updates gives most of the regularisation
//! benefit of a CRF at a fraction of the cost.
//!
//! Gazetteers are learned from the training sentences, which raises a trap: every
//! training entity is in the gazetteer, so the gazetteer features look perfect during
//! training and the model leans on them too hard. Training features therefore use a
//! *jackknifed* gazetteer: the sentences are cut into [`TrainOptions::folds`] contiguous
//! blocks (contiguous, because a name repeats within an article and the dev set is later
//! text), and each block sees a gazetteer built from the other blocks only. The model
//! file stores the gazetteer of all the training sentences.

use rustc_hash::FxHashMap;

use super::aggregate;
use super::decode::{viterbi, Transitions};
use super::distrib::Distrib;
use super::eval::Scores;
use super::features::{analyze_sentence, sentence_features, SentenceFeatures, TokenInfo};
use super::gazetteer::Gazetteer;
use super::lists::NameLists;
use super::model::Model;
use super::votes::Votes;
use super::{LabeledSentence, Tag, N_TAGS};
use crate::text::segment::Segmenter;

/// Training settings. The defaults are those of the committed model.
#[derive(Debug, Clone, Copy)]
pub struct TrainOptions {
    pub epochs: usize,
    /// Blocks for the jackknifed training gazetteer (1 disables jackknifing).
    pub folds: usize,
    /// Averaged weights smaller than this in magnitude are dropped from the file.
    pub prune: f32,
    /// Seed of the shuffling of sentences between epochs.
    pub seed: u64,
    /// Features seen fewer times than this in the training data are not used.
    pub min_feature_count: u32,
    /// Perceptrons trained, each over its own shuffles of the sentences; the model is
    /// the mean of their averaged weights (see [`train`]).
    pub shuffles: usize,
    /// Context aggregation features ([`super::aggregate`]); the model remembers it, and
    /// tagging a document computes them too.
    pub aggregate: bool,
}

impl Default for TrainOptions {
    fn default() -> Self {
        TrainOptions { epochs: DEFAULT_EPOCHS, folds: 10, prune: DEFAULT_PRUNE, seed: 0x9E3779B97F4A7C15, min_feature_count: 1, shuffles: DEFAULT_SHUFFLES, aggregate: true }
    }
}

/// Epochs of the committed model (chosen by dev F1, see `khabar train ner`).
pub const DEFAULT_EPOCHS: usize = 5;
pub const DEFAULT_PRUNE: f32 = 0.01;
/// Perceptrons averaged in the committed model (chosen on ten held-out tenths, README).
pub const DEFAULT_SHUFFLES: usize = 3;

/// What is reported after each epoch.
#[derive(Debug, Clone)]
pub struct EpochReport {
    /// Which of the [`TrainOptions::shuffles`] perceptrons (from 1).
    pub shuffle: usize,
    pub epoch: usize,
    /// Training sentences the current weights got wrong during the epoch.
    pub train_errors: usize,
    pub train_sentences: usize,
    /// Scores of the averaged weights on the dev sentences (when there are any).
    pub dev: Option<Scores>,
}

/// Splits sentences into (train, dev): the last `dev_fraction` of them is dev. The
/// training part is rounded down (the epsilon absorbs float error, so that `1 - 0.1`
/// and `0.9` cut at the same sentence in `train ner` and `eval ner --from-fraction`).
pub fn split_dev(sents: &[LabeledSentence], dev_fraction: f64) -> (&[LabeledSentence], &[LabeledSentence]) {
    let n_train = ((sents.len() as f64) * (1.0 - dev_fraction.clamp(0.0, 1.0)) + 1e-9).floor() as usize;
    sents.split_at(n_train.min(sents.len()))
}

/// The two contiguous halves of the training sentences for first-stage models.
pub fn halves(sents: &[LabeledSentence]) -> (&[LabeledSentence], &[LabeledSentence]) {
    sents.split_at(sents.len() / 2)
}

/// A sentence's features as dense ids of the training feature table.
struct Prepared {
    ids: Vec<u32>,
    offsets: Vec<usize>,
    gold: Vec<Tag>,
}

impl Prepared {
    fn token(&self, i: usize) -> &[u32] {
        &self.ids[self.offsets[i]..self.offsets[i + 1]]
    }

    fn len(&self) -> usize {
        self.gold.len()
    }
}

/// What training reads besides the labelled sentences: the segmenter that gives stems,
/// the corpus statistics (`dist`, built from a large corpus, or empty; stored in the
/// model) and the hand-written name lists (stored in the model).
#[derive(Clone, Copy)]
pub struct Knowledge<'a> {
    pub seg: &'a Segmenter,
    pub dist: &'a Distrib,
    pub lists: &'a NameLists,
}

/// Trains a model on `train`, reporting scores on `dev` after each epoch.
///
/// `half_votes`, when given, are corpus votes from two first-stage models, trained on
/// the first and on the second [`halves`] of `train`: each half's features use the
/// votes of the model that did not see it (see [`super::votes`]); `dist`'s own votes
/// are used for dev and stored in the model.
pub fn train(
    Knowledge { seg, dist, lists }: Knowledge,
    half_votes: Option<&[Votes; 2]>,
    train: &[LabeledSentence],
    dev: &[LabeledSentence],
    opts: &TrainOptions,
    mut report: impl FnMut(&EpochReport),
) -> Model {
    let mid = halves(train).0.len();
    let mut analysed: Vec<Vec<TokenInfo>> = train.iter().map(|s| analyze_sentence(seg, dist, &s.token_refs())).collect();
    if let Some(hv) = half_votes {
        for (k, toks) in analysed.iter_mut().enumerate() {
            // Sentences of the first half get the votes of the second half's model.
            let votes = &hv[if k < mid { 1 } else { 0 }];
            for t in toks.iter_mut() {
                t.votes = votes.get(&t.stem);
            }
        }
    }
    let stems: Vec<Vec<String>> = analysed.iter().map(|s| s.iter().map(|t| t.stem.clone()).collect()).collect();
    let gaz_of = |range: &mut dyn Iterator<Item = usize>| Gazetteer::build(range.map(|k| (stems[k].as_slice(), train[k].tags.as_slice())).collect::<Vec<_>>()).with_lists(lists.clone());
    let full_gaz = gaz_of(&mut (0..train.len()));

    let folds = opts.folds.max(1);
    let block = train.len().div_ceil(folds).max(1);
    let mut table: FxHashMap<u64, u32> = FxHashMap::default();
    let mut hashes: Vec<u64> = Vec::new();
    let mut marks = Vec::new();
    let mut feats = SentenceFeatures::default();
    let mut prepared = Vec::with_capacity(train.len());
    for f in 0..folds {
        let range = f * block..((f + 1) * block).min(train.len());
        if range.is_empty() {
            continue;
        }
        let gaz = if folds == 1 { full_gaz.clone() } else { gaz_of(&mut (0..train.len()).filter(|k| !range.contains(k))) };
        let agg = opts.aggregate.then(|| aggregated(&analysed, &gaz));
        for k in range {
            sentence_features(&analysed[k], &gaz, &mut marks, &mut feats);
            with_aggregate(&mut feats, agg.as_ref().map(|a| a[k].as_slice()));
            let ids = feats
                .ids
                .iter()
                .map(|&h| {
                    *table.entry(h).or_insert_with(|| {
                        hashes.push(h);
                        (hashes.len() - 1) as u32
                    })
                })
                .collect();
            prepared.push(Prepared { ids, offsets: feats.offsets.clone(), gold: train[k].tags.clone() });
        }
    }
    // Features seen fewer than `min_feature_count` times are dropped: a perceptron
    // memorises them (one sentence's quirks) instead of learning what generalises.
    if opts.min_feature_count > 1 {
        let mut count = vec![0u32; hashes.len()];
        for p in &prepared {
            for &id in &p.ids {
                count[id as usize] += 1;
            }
        }
        let mut remap = vec![u32::MAX; hashes.len()];
        let mut kept = Vec::new();
        for (id, &c) in count.iter().enumerate() {
            if c >= opts.min_feature_count {
                remap[id] = kept.len() as u32;
                kept.push(hashes[id]);
            }
        }
        for p in &mut prepared {
            let mut ids = Vec::with_capacity(p.ids.len());
            let mut offsets = vec![0];
            for i in 0..p.len() {
                ids.extend(p.token(i).iter().map(|&id| remap[id as usize]).filter(|&id| id != u32::MAX));
                offsets.push(ids.len());
            }
            p.ids = ids;
            p.offsets = offsets;
        }
        table = kept.iter().enumerate().map(|(i, &h)| (h, i as u32)).collect();
        hashes = kept;
    }
    // Dev features use the full gazetteer, as the saved model will; features unseen in
    // training have no weight and are dropped.
    let dev_analysed: Vec<Vec<TokenInfo>> = dev.iter().map(|s| analyze_sentence(seg, dist, &s.token_refs())).collect();
    let dev_agg = opts.aggregate.then(|| aggregated(&dev_analysed, &full_gaz));
    let dev_prepared: Vec<Prepared> = dev
        .iter()
        .enumerate()
        .map(|(k, s)| {
            let toks = &dev_analysed[k];
            sentence_features(toks, &full_gaz, &mut marks, &mut feats);
            with_aggregate(&mut feats, dev_agg.as_ref().map(|a| a[k].as_slice()));
            let mut ids = Vec::with_capacity(feats.ids.len());
            let mut offsets = vec![0];
            for i in 0..feats.len() {
                ids.extend(feats.token(i).iter().filter_map(|h| table.get(h).copied()));
                offsets.push(ids.len());
            }
            Prepared { ids, offsets, gold: s.tags.clone() }
        })
        .collect();

    // The model is the mean of several perceptrons' averaged weights, each trained over
    // its own order of the sentences. A perceptron's decisions on single sentences depend
    // on the order it saw them in (changing only the shuffle seed moves the ten-tenth mean
    // F1 by half a point); the mean keeps what the orders agree on. Viterbi scores are
    // linear in the weights, so one model of mean weights decodes exactly as the mean of
    // the perceptrons' scores would, at the cost of one.
    let dim = hashes.len();
    let runs = opts.shuffles.max(1);
    let mut aw = vec![[0f64; N_TAGS]; dim];
    let mut atw = [[0f64; N_TAGS]; N_TAGS + 1];
    for run in 0..runs {
        let (w, tw) = perceptron(&prepared, &dev_prepared, dim, opts.epochs, run_seed(opts.seed, run), |r| report(&EpochReport { shuffle: run + 1, ..r }));
        for (a, b) in aw.iter_mut().zip(&w) {
            for (x, y) in a.iter_mut().zip(b) {
                *x += y / runs as f64;
            }
        }
        for (a, b) in atw.iter_mut().zip(&tw) {
            for (x, y) in a.iter_mut().zip(b) {
                *x += y / runs as f64;
            }
        }
    }
    let mut trans: Transitions = [[0f32; N_TAGS]; N_TAGS + 1];
    for (r, a) in trans.iter_mut().zip(&atw) {
        for (x, y) in r.iter_mut().zip(a) {
            *x = *y as f32;
        }
    }
    let rows = hashes.iter().zip(&aw).map(|(&h, row)| {
        let mut r = [0f32; N_TAGS];
        for (x, y) in r.iter_mut().zip(row) {
            let v = *y as f32;
            *x = if v.abs() < opts.prune { 0.0 } else { v };
        }
        (h, r)
    });
    let refs: Vec<Vec<&str>> = train.iter().map(LabeledSentence::token_refs).collect();
    Model::new(rows, trans, full_gaz, dist.clone()).with_aggregate(opts.aggregate).with_training_sentences(refs.iter().map(Vec::as_slice))
}

/// The aggregated evidence of every token ([`super::aggregate`]), with `gaz`.
fn aggregated(analysed: &[Vec<TokenInfo>], gaz: &Gazetteer) -> Vec<Vec<aggregate::Aggregated>> {
    let refs: Vec<Vec<&TokenInfo>> = analysed.iter().map(|s| s.iter().collect()).collect();
    aggregate::document(&refs, gaz).1
}

/// Appends each token's aggregate features to `feats`.
fn with_aggregate(feats: &mut SentenceFeatures, agg: Option<&[aggregate::Aggregated]>) {
    let Some(agg) = agg else { return };
    let mut ids = Vec::with_capacity(feats.ids.len() + 4 * agg.len());
    let mut offsets = vec![0];
    for (i, &a) in agg.iter().enumerate() {
        ids.extend_from_slice(feats.token(i));
        aggregate::features(a, &mut |tpl, parts| ids.push(super::features::feature_hash(tpl, parts)));
        offsets.push(ids.len());
    }
    feats.ids = ids;
    feats.offsets = offsets;
}

/// The shuffle seed of perceptron `run` (from 0). The first keeps the seed, so one
/// shuffle trains the model a single perceptron always did.
fn run_seed(seed: u64, run: usize) -> u64 {
    seed.wrapping_add((run as u64).wrapping_mul(0xD1B5_4A32_D192_ED03))
}

/// One averaged perceptron over `prepared`, its sentences shuffled by `seed` before each
/// epoch; returns the averaged feature and transition weights.
fn perceptron(
    prepared: &[Prepared],
    dev_prepared: &[Prepared],
    dim: usize,
    epochs: usize,
    seed: u64,
    mut report: impl FnMut(EpochReport),
) -> (Vec<[f64; N_TAGS]>, Vec<[f64; N_TAGS]>) {
    let mut w = vec![[0f64; N_TAGS]; dim];
    let mut acc = vec![[0f64; N_TAGS]; dim];
    let mut tw = [[0f64; N_TAGS]; N_TAGS + 1];
    let mut tacc = [[0f64; N_TAGS]; N_TAGS + 1];
    let mut t = 1f64;
    let mut order: Vec<usize> = (0..prepared.len()).collect();
    let mut seed = seed;
    let mut emit = Vec::new();
    let mut back = Vec::new();
    let mut pred = Vec::new();
    for epoch in 1..=epochs {
        // Fisher–Yates with a fixed LCG: the same data always gives the same model.
        for i in (1..order.len()).rev() {
            seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            order.swap(i, (seed >> 33) as usize % (i + 1));
        }
        let mut errors = 0;
        for &k in &order {
            let s = &prepared[k];
            decode(s, &w, &tw, &mut emit, &mut back, &mut pred);
            if pred != s.gold {
                errors += 1;
                let mut prev = N_TAGS;
                let mut prev_p = N_TAGS;
                for (i, (gt, pt)) in s.gold.iter().zip(&pred).enumerate() {
                    let (g, p) = (gt.index(), pt.index());
                    if g != p {
                        for &id in s.token(i) {
                            let (wr, ar) = (&mut w[id as usize], &mut acc[id as usize]);
                            wr[g] += 1.0;
                            ar[g] += t;
                            wr[p] -= 1.0;
                            ar[p] -= t;
                        }
                    }
                    if (prev, g) != (prev_p, p) {
                        tw[prev][g] += 1.0;
                        tacc[prev][g] += t;
                        tw[prev_p][p] -= 1.0;
                        tacc[prev_p][p] -= t;
                    }
                    prev = g;
                    prev_p = p;
                }
            }
            t += 1.0;
        }
        let dev_scores = (!dev_prepared.is_empty()).then(|| {
            let (aw, atw) = (average(&w, &acc, t), average(&tw, &tacc, t));
            let mut sc = Scores::default();
            for s in dev_prepared {
                decode(s, &aw, &atw, &mut emit, &mut back, &mut pred);
                sc.add(&s.gold, &pred);
            }
            sc
        });
        report(EpochReport { shuffle: 1, epoch, train_errors: errors, train_sentences: prepared.len(), dev: dev_scores });
    }
    (average(&w, &acc, t), average(&tw, &tacc, t))
}

fn average<const K: usize>(w: &[[f64; K]], acc: &[[f64; K]], t: f64) -> Vec<[f64; K]> {
    w.iter()
        .zip(acc)
        .map(|(w, a)| {
            let mut r = [0f64; K];
            for k in 0..K {
                r[k] = w[k] - a[k] / t;
            }
            r
        })
        .collect()
}

fn decode(s: &Prepared, w: &[[f64; N_TAGS]], tw: &[[f64; N_TAGS]], emit: &mut Vec<[f32; N_TAGS]>, back: &mut Vec<[u8; N_TAGS]>, out: &mut Vec<Tag>) {
    emit.clear();
    for i in 0..s.len() {
        let mut e = [0f64; N_TAGS];
        for &id in s.token(i) {
            for (a, b) in e.iter_mut().zip(&w[id as usize]) {
                *a += b;
            }
        }
        emit.push(e.map(|x| x as f32));
    }
    let mut trans: Transitions = [[0f32; N_TAGS]; N_TAGS + 1];
    for (r, a) in trans.iter_mut().zip(tw) {
        for (x, y) in r.iter_mut().zip(a) {
            *x = *y as f32;
        }
    }
    viterbi(emit, &trans, back, out);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ner::Tag;

    fn sentence(words: &str, tags: &str) -> LabeledSentence {
        LabeledSentence {
            tokens: words.split(' ').map(String::from).collect(),
            tags: tags.split(' ').map(|t| Tag::parse(t).expect("a tag")).collect(),
        }
    }

    #[test]
    fn several_shuffles_give_the_mean_of_their_perceptrons() {
        let data = vec![
            sentence("قال الرئيس جورج بوش في واشنطن .", "O O B-PERS I-PERS O B-LOC O"),
            sentence("زار بوش مدينة القاهرة أمس .", "O B-PERS O B-LOC O O"),
            sentence("أعلنت وزارة الخارجية الأمريكية أن كولن باول سافر .", "O B-ORG I-ORG I-ORG O B-PERS I-PERS O O"),
            sentence("وصل باول إلى بغداد .", "O B-PERS O B-LOC O"),
            sentence("قالت الأمم المتحدة في نيويورك .", "O B-ORG I-ORG O B-LOC O"),
        ];
        let seg = crate::models::default_segmenter();
        let dist = Distrib::default();
        let base = TrainOptions { epochs: 3, folds: 1, prune: 0.0, shuffles: 1, ..TrainOptions::default() };
        let one = |seed| train(Knowledge { seg: &seg, dist: &dist, lists: &NameLists::default() }, None, &data, &[], &TrainOptions { seed, ..base }, |_| {});
        let (a, b) = (one(run_seed(base.seed, 0)), one(run_seed(base.seed, 1)));
        let mean = train(Knowledge { seg: &seg, dist: &dist, lists: &NameLists::default() }, None, &data, &[], &TrainOptions { shuffles: 2, ..base }, |_| {});
        // The two orders learn different weights, or the test would show nothing.
        assert_ne!(a.transitions(), b.transitions());
        let close = |x: f32, y: f32| (x - y).abs() < 1e-4;
        for (r, (ra, rb)) in mean.transitions().iter().zip(a.transitions().iter().zip(b.transitions())) {
            for k in 0..N_TAGS {
                assert!(close(r[k], (ra[k] + rb[k]) / 2.0), "transition {r:?} vs {ra:?} and {rb:?}");
            }
        }
        let mut seen = 0;
        for sent in &data {
            let toks = analyze_sentence(&seg, &dist, &sent.token_refs());
            let mut feats = SentenceFeatures::default();
            sentence_features(&toks, mean.gazetteer(), &mut Vec::new(), &mut feats);
            for &h in &feats.ids {
                let zero = [0f32; N_TAGS];
                let (m, x, y) = (mean.row(h).unwrap_or(&zero), a.row(h).unwrap_or(&zero), b.row(h).unwrap_or(&zero));
                for k in 0..N_TAGS {
                    assert!(close(m[k], (x[k] + y[k]) / 2.0), "feature {h:x}: {m:?} vs {x:?} and {y:?}");
                }
                seen += usize::from(m.iter().any(|&v| v != 0.0));
            }
        }
        assert!(seen > 0);
    }
}
