//! Flat word clusters at several granularities from low-dimensional word vectors.
//!
//! Guo et al. (2014, "Revisiting embedding features for simple semi-supervised
//! learning") found that k-means clusters of word embeddings, taken at several numbers
//! of clusters at once, each its own feature, help a linear NER model more than the
//! dense vectors themselves or one hierarchy. This builds such clusters from
//! SaudiNewsNet without a neural network: each word is a row of positive PMI with the
//! words at positions −2, −1, +1, +2 (the [`CONTEXTS`] most frequent forms, plus
//! number / punctuation / Latin / rare-word / edge classes), reduced to [`DIMS`]
//! dimensions by a randomised range finder (Halko, Martinsson & Tropp 2011; the
//! clusters only need the row space, so no SVD of the small matrix is taken), then
//! clustered by spherical k-means at each of [`KS`].
//!
//! Everything is deterministic: rows in target-id order, a fixed LCG for the random
//! projection and the k-means++ seeding, and a fixed summation order.

/// Size of the context vocabulary (the most frequent lexicon forms).
pub const CONTEXTS: usize = 5000;
/// Context positions: −2, −1, +1, +2.
pub const POSITIONS: usize = 4;
/// Context classes after the vocabulary: edge, number, punctuation, Latin, rare word.
pub const SPECIAL: usize = 5;
/// Words with fewer context observations than this get no clusters.
pub const MIN_OBSERVATIONS: u64 = 12;
/// Dimensions of the reduced vectors.
pub const DIMS: usize = 100;
/// Numbers of clusters, one clustering (and feature) each.
pub const KS: [usize; 3] = [64, 256, 1024];
/// Lloyd iterations per clustering.
const ITERATIONS: usize = 10;
/// Power iterations of the range finder.
const POWER: usize = 2;

/// Columns of the count matrix.
pub const COLUMNS: usize = POSITIONS * (CONTEXTS + SPECIAL);

struct Csr {
    indptr: Vec<usize>,
    cols: Vec<u32>,
    vals: Vec<f32>,
}

/// Clusters the targets of `(target, column, count)` observations sorted by target.
/// Returns per target its cluster at each K of [`KS`], `None` with too little evidence.
pub fn cluster(observations: &[(u32, u32, u32)], n_targets: usize, n_columns: usize) -> Vec<Option<[u16; KS.len()]>> {
    let (rows, a) = ppmi(observations, n_targets, n_columns, MIN_OBSERVATIONS);
    let mut out = vec![None; n_targets];
    if rows.len() < 2 * KS[KS.len() - 1] {
        return out;
    }
    let dims = DIMS.min(n_columns);
    let x = reduce(&a, n_columns, dims);
    let mut ids = vec![[0u16; KS.len()]; rows.len()];
    for (j, &k) in KS.iter().enumerate() {
        let assign = kmeans(&x, dims, k, 0x5EED ^ k as u64);
        for (i, c) in assign.into_iter().enumerate() {
            ids[i][j] = c as u16;
        }
    }
    for (&t, id) in rows.iter().zip(ids) {
        out[t] = Some(id);
    }
    out
}

/// PPMI rows (context distribution smoothing), L2-normalised, of the targets with
/// enough observations: (target ids, matrix).
fn ppmi(observations: &[(u32, u32, u32)], n_targets: usize, n_columns: usize, min_obs: u64) -> (Vec<usize>, Csr) {
    let m = super::clusters::PpmiMarginals::new(observations, n_targets, n_columns);
    let mut rows = Vec::new();
    let mut a = Csr { indptr: vec![0], cols: Vec::new(), vals: Vec::new() };
    let mut k = 0;
    while k < observations.len() {
        let t = observations[k].0;
        let start = k;
        while k < observations.len() && observations[k].0 == t {
            k += 1;
        }
        if m.row_sum[t as usize] < min_obs {
            continue;
        }
        let from = a.vals.len();
        for &(_, c, n) in &observations[start..k] {
            if let Some(pmi) = m.pmi(t, c, n).filter(|&p| p > 0.0) {
                a.cols.push(c);
                a.vals.push(pmi as f32);
            }
        }
        let norm = a.vals[from..].iter().map(|x| x * x).sum::<f32>().sqrt();
        if norm == 0.0 {
            a.cols.truncate(from);
            a.vals.truncate(from);
            continue;
        }
        for v in &mut a.vals[from..] {
            *v /= norm;
        }
        rows.push(t as usize);
        a.indptr.push(a.vals.len());
    }
    (rows, a)
}

struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        self.0 >> 33
    }

    /// Uniform in [0, 1).
    fn unit(&mut self) -> f64 {
        self.next() as f64 / (1u64 << 31) as f64
    }
}

/// Row-major dense matrix.
struct Dense {
    rows: usize,
    cols: usize,
    v: Vec<f32>,
}

impl Dense {
    fn zeros(rows: usize, cols: usize) -> Dense {
        Dense { rows, cols, v: vec![0.0; rows * cols] }
    }

    fn row(&self, i: usize) -> &[f32] {
        &self.v[i * self.cols..(i + 1) * self.cols]
    }
}

/// `A · B` (A sparse n×m, B dense m×l).
fn mul(a: &Csr, b: &Dense) -> Dense {
    let n = a.indptr.len() - 1;
    let mut y = Dense::zeros(n, b.cols);
    for i in 0..n {
        let yr = &mut y.v[i * b.cols..(i + 1) * b.cols];
        for k in a.indptr[i]..a.indptr[i + 1] {
            let (c, x) = (a.cols[k] as usize, a.vals[k]);
            for (o, bv) in yr.iter_mut().zip(b.row(c)) {
                *o += x * bv;
            }
        }
    }
    y
}

/// `Aᵀ · Y` (A sparse n×m, Y dense n×l).
fn mul_t(a: &Csr, m: usize, y: &Dense) -> Dense {
    let mut z = Dense::zeros(m, y.cols);
    for i in 0..a.indptr.len() - 1 {
        let yr = y.row(i);
        for k in a.indptr[i]..a.indptr[i + 1] {
            let (c, x) = (a.cols[k] as usize, a.vals[k]);
            for (o, yv) in z.v[c * y.cols..(c + 1) * y.cols].iter_mut().zip(yr) {
                *o += x * yv;
            }
        }
    }
    z
}

/// Orthonormalises the columns of `y` in place (Cholesky QR, twice for accuracy).
fn orthonormalise(y: &mut Dense) {
    for _ in 0..2 {
        let l = y.cols;
        let mut g = vec![0f64; l * l];
        for i in 0..y.rows {
            let r = y.row(i);
            for p in 0..l {
                let rp = r[p] as f64;
                if rp == 0.0 {
                    continue;
                }
                for q in p..l {
                    g[p * l + q] += rp * r[q] as f64;
                }
            }
        }
        // Cholesky G = Rᵀ R (upper R), with a small ridge for rank deficiency.
        let mut rr = vec![0f64; l * l];
        let ridge = 1e-10 * (0..l).map(|p| g[p * l + p]).fold(0.0, f64::max).max(1e-30);
        for p in 0..l {
            let mut d = g[p * l + p] + ridge;
            for k in 0..p {
                d -= rr[k * l + p] * rr[k * l + p];
            }
            let d = d.max(1e-30).sqrt();
            rr[p * l + p] = d;
            for q in p + 1..l {
                let mut s = g[p * l + q];
                for k in 0..p {
                    s -= rr[k * l + p] * rr[k * l + q];
                }
                rr[p * l + q] = s / d;
            }
        }
        // Y ← Y R⁻¹, row by row (forward substitution on each row).
        let mut tmp = vec![0f64; l];
        for i in 0..y.rows {
            let r = &mut y.v[i * l..(i + 1) * l];
            for q in 0..l {
                let mut s = r[q] as f64;
                for k in 0..q {
                    s -= tmp[k] * rr[k * l + q];
                }
                tmp[q] = s / rr[q * l + q];
            }
            for (o, t) in r.iter_mut().zip(&tmp) {
                *o = *t as f32;
            }
        }
    }
}

/// Rows of `A` projected on an approximation of its top-`dims` right singular
/// subspace, L2-normalised: the rows of U·Σ up to a rotation, which k-means does not see.
fn reduce(a: &Csr, m: usize, dims: usize) -> Dense {
    let mut rng = Lcg(0x0DD_B1A5);
    let mut omega = Dense::zeros(m, dims);
    for v in omega.v.iter_mut() {
        *v = if rng.next() & 1 == 0 { 1.0 } else { -1.0 };
    }
    let mut y = mul(a, &omega);
    orthonormalise(&mut y);
    for _ in 0..POWER {
        let mut z = mul_t(a, m, &y);
        orthonormalise(&mut z);
        y = mul(a, &z);
        orthonormalise(&mut y);
    }
    let mut z = mul_t(a, m, &y);
    orthonormalise(&mut z);
    let mut x = mul(a, &z);
    for i in 0..x.rows {
        let r = &mut x.v[i * dims..(i + 1) * dims];
        let norm = r.iter().map(|v| v * v).sum::<f32>().sqrt();
        if norm > 0.0 {
            r.iter_mut().for_each(|v| *v /= norm);
        }
    }
    x
}

#[inline]
fn dot(a: &[f32], b: &[f32]) -> f32 {
    // Eight lanes so that the compiler vectorises a fixed summation order.
    let mut acc = [0f32; 8];
    let (ca, cb) = (a.chunks_exact(8), b.chunks_exact(8));
    let (ra, rb) = (ca.remainder(), cb.remainder());
    for (x, y) in ca.zip(cb) {
        for k in 0..8 {
            acc[k] += x[k] * y[k];
        }
    }
    let mut s = acc.iter().sum::<f32>();
    for (x, y) in ra.iter().zip(rb) {
        s += x * y;
    }
    s
}

/// Spherical k-means of the rows of `x` into `k` clusters (k-means++ seeding).
fn kmeans(x: &Dense, d: usize, k: usize, seed: u64) -> Vec<usize> {
    let n = x.rows;
    let mut rng = Lcg(seed.wrapping_mul(0x9E3779B97F4A7C15) | 1);
    let mut centroids = Dense::zeros(k, d);
    let first = rng.next() as usize % n;
    centroids.v[..d].copy_from_slice(x.row(first));
    let mut best = vec![f32::MAX; n];
    for c in 1..k {
        let last = centroids.row(c - 1).to_vec();
        let mut total = 0f64;
        for (i, b) in best.iter_mut().enumerate() {
            let dist = (1.0 - dot(x.row(i), &last)).max(0.0);
            *b = b.min(dist);
            total += *b as f64;
        }
        let mut target = rng.unit() * total;
        let mut chosen = n - 1;
        for (i, &b) in best.iter().enumerate() {
            target -= b as f64;
            if target <= 0.0 {
                chosen = i;
                break;
            }
        }
        centroids.v[c * d..(c + 1) * d].copy_from_slice(x.row(chosen));
    }
    let mut assign = vec![usize::MAX; n];
    for _ in 0..ITERATIONS {
        let mut changed = 0;
        for (i, a) in assign.iter_mut().enumerate() {
            let r = x.row(i);
            let mut bk = 0;
            let mut bv = f32::MIN;
            for c in 0..k {
                let v = dot(r, centroids.row(c));
                if v > bv {
                    bv = v;
                    bk = c;
                }
            }
            if *a != bk {
                changed += 1;
                *a = bk;
            }
        }
        let mut sums = vec![0f64; k * d];
        for (i, &a) in assign.iter().enumerate() {
            for (s, v) in sums[a * d..(a + 1) * d].iter_mut().zip(x.row(i)) {
                *s += *v as f64;
            }
        }
        for c in 0..k {
            let s = &sums[c * d..(c + 1) * d];
            let norm = s.iter().map(|v| v * v).sum::<f64>().sqrt();
            if norm > 0.0 {
                for (o, v) in centroids.v[c * d..(c + 1) * d].iter_mut().zip(s) {
                    *o = (*v / norm) as f32;
                }
            }
        }
        if changed == 0 {
            break;
        }
    }
    assign
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn orthonormalise_gives_orthonormal_columns() {
        let mut rng = Lcg(7);
        let mut y = Dense::zeros(50, 6);
        for v in y.v.iter_mut() {
            *v = rng.unit() as f32 - 0.5;
        }
        orthonormalise(&mut y);
        for p in 0..6 {
            for q in 0..6 {
                let s: f32 = (0..50).map(|i| y.row(i)[p] * y.row(i)[q]).sum();
                assert!((s - if p == q { 1.0 } else { 0.0 }).abs() < 1e-4, "{p} {q} {s}");
            }
        }
    }
}
