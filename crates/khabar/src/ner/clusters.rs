//! Word clusters: a hierarchy of words that keep the same company in a large corpus.
//!
//! Most names in new text were never in ANERcorp's 125k training tokens, but they are
//! in SaudiNewsNet's 7.9M words, next to the same words as the names the model did see.
//! Brown clusters are the classic way to carry that over: a binary tree of words whose
//! path prefixes are features at several granularities. This builds the same kind of
//! tree more cheaply: each word is a vector of positive pointwise mutual information
//! with its left and right neighbours (the context counts of [`super::distrib`]), and
//! the tree is grown top-down by spherical k-means, [`BRANCH`] ways at each of
//! [`LEVELS`] levels. A word's path (2 bits a level) names its leaf; prefixes of the
//! path are coarser clusters (`c2` ≈ 16 clusters, `c4` ≈ 256, `c6` ≈ 4096).
//!
//! Everything is deterministic: points are visited in target-id order (targets are
//! sorted by form), and k-means starts from a seeded k-means++ with a fixed LCG.

use rustc_hash::FxHashMap;

/// Levels of the tree; paths take 2 bits a level.
pub const LEVELS: usize = 6;
/// Children of each node.
pub const BRANCH: usize = 4;
/// Words with fewer neighbour observations than this get no cluster: their vectors
/// are noise.
pub const MIN_OBSERVATIONS: u32 = 20;
/// Lloyd iterations per split.
const ITERATIONS: usize = 8;
/// Context distribution smoothing (Levy, Goldberg & Dagan 2015): rare contexts get
/// less inflated PMI.
const ALPHA: f64 = 0.75;

/// A sparse, L2-normalised PPMI vector.
type Sparse = Vec<(u32, f32)>;

/// Clusters the targets of `(target, column) → count` observations. Returns each
/// target's path, `None` for targets with too little evidence.
pub fn cluster(observations: &[(u32, u32, u32)], n_targets: usize, n_columns: usize) -> Vec<Option<u16>> {
    let vectors = ppmi_vectors(observations, n_targets, n_columns);
    let points: Vec<usize> = (0..n_targets).filter(|&t| !vectors[t].is_empty()).collect();
    let mut paths = vec![None; n_targets];
    for &p in &points {
        paths[p] = Some(0u16);
    }
    split(&vectors, n_columns, points, 0, 0, &mut paths);
    paths
}

/// What PMI with context distribution smoothing needs of `(target, column) → count`
/// observations: each target's count, each column's count raised to [`ALPHA`], and
/// their totals (shared by the tree clusters here and the flat ones of
/// [`super::embed`]).
pub(super) struct PpmiMarginals {
    pub row_sum: Vec<u64>,
    col_smoothed: Vec<f64>,
    smoothed_total: f64,
    total: f64,
}

impl PpmiMarginals {
    pub(super) fn new(observations: &[(u32, u32, u32)], n_targets: usize, n_columns: usize) -> Self {
        let mut row_sum = vec![0u64; n_targets];
        let mut col_sum = vec![0f64; n_columns];
        for &(t, c, n) in observations {
            row_sum[t as usize] += n as u64;
            col_sum[c as usize] += n as f64;
        }
        let col_smoothed: Vec<f64> = col_sum.iter().map(|&c| c.powf(ALPHA)).collect();
        let smoothed_total: f64 = col_smoothed.iter().sum();
        let total: f64 = row_sum.iter().map(|&r| r as f64).sum();
        PpmiMarginals { row_sum, col_smoothed, smoothed_total, total }
    }

    /// PMI of target `t` with column `c`, seen together `n` times; `None` for a column
    /// with no mass.
    pub(super) fn pmi(&self, t: u32, c: u32, n: u32) -> Option<f64> {
        let col = self.col_smoothed[c as usize];
        if col == 0.0 {
            return None;
        }
        let p_joint = n as f64 / self.total;
        let p_row = self.row_sum[t as usize] as f64 / self.total;
        let p_col = col / self.smoothed_total;
        Some((p_joint / (p_row * p_col)).ln())
    }
}

/// Row vectors of positive PMI with smoothed context probabilities, L2-normalised.
/// `observations` must be sorted by target.
fn ppmi_vectors(observations: &[(u32, u32, u32)], n_targets: usize, n_columns: usize) -> Vec<Sparse> {
    let m = PpmiMarginals::new(observations, n_targets, n_columns);
    let mut vectors: Vec<Sparse> = vec![Vec::new(); n_targets];
    for &(t, c, n) in observations {
        if m.row_sum[t as usize] < MIN_OBSERVATIONS as u64 {
            continue;
        }
        if let Some(pmi) = m.pmi(t, c, n).filter(|&p| p > 0.0) {
            vectors[t as usize].push((c, pmi as f32));
        }
    }
    for v in &mut vectors {
        let norm = v.iter().map(|&(_, x)| x * x).sum::<f32>().sqrt();
        if norm > 0.0 {
            for (_, x) in v.iter_mut() {
                *x /= norm;
            }
        }
    }
    vectors
}

/// Splits `points` (all with the same `path` prefix at `level`) into [`BRANCH`]
/// children and recurses.
fn split(vectors: &[Sparse], dims: usize, points: Vec<usize>, level: usize, path: u16, paths: &mut [Option<u16>]) {
    if level == LEVELS || points.len() < 2 * BRANCH {
        // Shallow leaves keep zeros in the remaining bits: still a distinct path.
        return;
    }
    let assignment = kmeans(vectors, dims, &points, path as u64 ^ (level as u64) << 16);
    let shift = 2 * (LEVELS - 1 - level);
    let mut children: Vec<Vec<usize>> = vec![Vec::new(); BRANCH];
    for (&p, &k) in points.iter().zip(&assignment) {
        children[k].push(p);
        if let Some(path) = paths[p].as_mut() {
            *path |= (k as u16) << shift;
        }
    }
    for (k, child) in children.into_iter().enumerate() {
        split(vectors, dims, child, level + 1, path | (k as u16) << shift, paths);
    }
}

/// Spherical k-means with k = [`BRANCH`]: the cluster of each point.
fn kmeans(vectors: &[Sparse], dims: usize, points: &[usize], seed: u64) -> Vec<usize> {
    let mut rng = seed.wrapping_mul(0x9E3779B97F4A7C15) | 1;
    let mut next = move || {
        rng = rng.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        rng >> 33
    };
    // k-means++ seeding on cosine distance.
    let mut centroids: Vec<Vec<f32>> = Vec::with_capacity(BRANCH);
    let first = points[next() as usize % points.len()];
    centroids.push(dense(&vectors[first], dims));
    let mut best = vec![f32::MAX; points.len()];
    while centroids.len() < BRANCH {
        let last = centroids.last().map(Vec::as_slice).unwrap_or(&[]);
        let mut total = 0f64;
        for (b, &p) in best.iter_mut().zip(points) {
            let d = (1.0 - dot(&vectors[p], last)).max(0.0);
            *b = b.min(d * d);
            total += *b as f64;
        }
        if total <= 0.0 {
            break;
        }
        let mut target = (next() as f64 / (1u64 << 31) as f64) * total;
        let mut chosen = points[points.len() - 1];
        for (&b, &p) in best.iter().zip(points) {
            target -= b as f64;
            if target <= 0.0 {
                chosen = p;
                break;
            }
        }
        centroids.push(dense(&vectors[chosen], dims));
    }
    let mut assignment = vec![0usize; points.len()];
    for _ in 0..ITERATIONS {
        let mut changed = false;
        for (a, &p) in assignment.iter_mut().zip(points) {
            let k = (0..centroids.len()).max_by(|&x, &y| dot(&vectors[p], &centroids[x]).total_cmp(&dot(&vectors[p], &centroids[y])).then(y.cmp(&x))).unwrap_or(0);
            changed |= *a != k;
            *a = k;
        }
        let mut sums = vec![vec![0f32; dims]; centroids.len()];
        for (&a, &p) in assignment.iter().zip(points) {
            for &(c, x) in &vectors[p] {
                sums[a][c as usize] += x;
            }
        }
        for (c, s) in centroids.iter_mut().zip(sums) {
            let norm = s.iter().map(|x| x * x).sum::<f32>().sqrt();
            // An emptied cluster keeps its old centre.
            if norm > 0.0 {
                *c = s.into_iter().map(|x| x / norm).collect();
            }
        }
        if !changed {
            break;
        }
    }
    assignment
}

fn dense(v: &Sparse, dims: usize) -> Vec<f32> {
    let mut d = vec![0f32; dims];
    for &(c, x) in v {
        d[c as usize] = x;
    }
    d
}

#[inline]
fn dot(v: &Sparse, centroid: &[f32]) -> f32 {
    v.iter().map(|&(c, x)| x * centroid[c as usize]).sum()
}

/// Cluster paths by form hash (the keys of [`super::distrib::Distrib`]).
pub type Paths = FxHashMap<u64, u16>;

/// The path prefix of the first `level` levels, as a small number (for features).
#[inline]
pub fn prefix(path: u16, level: usize) -> u16 {
    path >> (2 * (LEVELS - level.min(LEVELS)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_with_the_same_company_share_a_cluster() {
        // Targets 0–2 occur in contexts 0–4, targets 3–5 in contexts 5–9; each has
        // enough observations. Whatever the tree, the two groups separate at the top.
        let mut obs = Vec::new();
        for t in 0..6u32 {
            let base = if t < 3 { 0 } else { 5 };
            for c in 0..5u32 {
                obs.push((t, base + c, 5 + (t + c) % 3));
            }
        }
        // A filler group so that k-means has more than two directions to use.
        for t in 6..20u32 {
            for c in 10..14u32 {
                obs.push((t, c + t % 3, 6));
            }
        }
        obs.sort_unstable();
        let paths = cluster(&obs, 20, 20);
        let top = |t: usize| paths[t].map(|p| prefix(p, 1));
        assert!(paths[..6].iter().all(Option::is_some));
        assert_eq!(top(0), top(1));
        assert_eq!(top(1), top(2));
        assert_eq!(top(3), top(4));
        assert_ne!(top(0), top(3));
        // Deterministic.
        assert_eq!(paths, cluster(&obs, 20, 20));
    }

    #[test]
    fn rare_words_get_no_cluster() {
        let obs = vec![(0u32, 0u32, 3u32), (1, 1, 100)];
        let paths = cluster(&obs, 2, 2);
        assert_eq!(paths[0], None);
    }

    #[test]
    fn prefixes() {
        let p: u16 = 0b11_01_10_00_01_11;
        assert_eq!(prefix(p, 1), 0b11);
        assert_eq!(prefix(p, 2), 0b1101);
        assert_eq!(prefix(p, LEVELS), p);
    }
}
