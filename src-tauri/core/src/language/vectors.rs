//! Sentence vectors in storage and in memory, with no SQL and no I/O (docs/vector-store.md).
//!
//! The vectors come from [`super::embed::Embedder`]: 384 `f32` components of unit length, so the
//! dot product of two of them is their cosine. This module keeps them in two smaller forms:
//!
//! - [`quantize`] / [`dequantize`]: one signed byte per component plus a scale (388 bytes instead of
//!   1,536 for 384 components), precise enough to rank candidates by [`dot`] (cosines within ~0.01);
//! - [`sign_bits`]: one bit per component (48 bytes for 384), compared by Hamming distance in an
//!   [`Index`] held in memory, which finds candidates among a million vectors in a few milliseconds.
//!
//! Matching looks up a few hundred candidates in the [`Index`], then ranks them exactly by the
//! [`dot`] of their dequantized vectors with the query.

use std::collections::BinaryHeap;

/// Int8 quantization of a vector, for storage: the scale (the largest absolute component divided by
/// 127) as 4 bytes of a little-endian `f32`, then one byte per component, the component divided by
/// the scale and rounded, as an `i8` (stored as its `u8` bit pattern, in -127..=127).
///
/// An all-zero vector has scale 0 and all-zero components. Components that are not finite (NaN,
/// infinite) should not occur in embeddings; a NaN becomes 0.
pub fn quantize(v: &[f32]) -> Vec<u8> {
    let max = v.iter().fold(0f32, |m, x| if x.abs() > m { x.abs() } else { m });
    let scale = if max.is_finite() { max / 127.0 } else { 0.0 };
    let mut out = Vec::with_capacity(4 + v.len());
    out.extend_from_slice(&scale.to_le_bytes());
    let inv = if scale > 0.0 { 1.0 / scale } else { 0.0 };
    out.extend(v.iter().map(|x| ((x * inv).round().clamp(-127.0, 127.0) as i8) as u8));
    out
}

/// The vector that [`quantize`] stored in `bytes`: each component is its byte (as an `i8`) times the
/// scale. `None` when the bytes cannot be such a value: fewer than 4 bytes, a scale that is negative
/// or not finite, or a component byte of -128 (which [`quantize`] never writes).
pub fn dequantize(bytes: &[u8]) -> Option<Vec<f32>> {
    let (head, body) = bytes.split_first_chunk::<4>()?;
    let scale = f32::from_le_bytes(*head);
    if !scale.is_finite() || scale < 0.0 {
        return None;
    }
    body.iter()
        .map(|&b| match b as i8 {
            i8::MIN => None,
            q => Some(f32::from(q) * scale),
        })
        .collect()
}

/// The signs of a vector's components, one bit each, packed into `u64` words: bit `i % 64` of word
/// `i / 64` is 1 when component `i` is greater than 0 (so 0 and NaN give 0). Bits past the last
/// component are 0. 384 components give 6 words.
pub fn sign_bits(v: &[f32]) -> Vec<u64> {
    v.chunks(64).map(|chunk| chunk.iter().enumerate().fold(0u64, |w, (i, &x)| w | (u64::from(x > 0.0) << i))).collect()
}

/// The words of [`sign_bits`] as bytes for a BLOB: each word in little-endian order, 8 bytes a word.
pub fn bits_to_bytes(bits: &[u64]) -> Vec<u8> {
    bits.iter().flat_map(|w| w.to_le_bytes()).collect()
}

/// The words that [`bits_to_bytes`] wrote; `None` when the length is not a multiple of 8.
pub fn bits_from_bytes(bytes: &[u8]) -> Option<Vec<u64>> {
    if bytes.len() % 8 != 0 {
        return None;
    }
    Some(bytes.chunks_exact(8).map(|c| u64::from_le_bytes(c.try_into().unwrap())).collect())
}

/// The dot product of two vectors: their cosine when both have unit length, as the
/// [`Embedder`](super::embed::Embedder)'s vectors do. The vectors must have the same length (checked
/// in debug builds; in release builds the components past the shorter one are ignored).
///
/// Summed in 8 independent lanes, so the compiler turns the loop into SIMD instructions; the result
/// can differ from a plain left-to-right sum in the last bits.
pub fn dot(a: &[f32], b: &[f32]) -> f32 {
    debug_assert_eq!(a.len(), b.len(), "vectors of different lengths");
    let n = a.len().min(b.len());
    let (a, b) = (&a[..n], &b[..n]);
    let (ca, cb) = (a.chunks_exact(8), b.chunks_exact(8));
    let tail: f32 = ca.remainder().iter().zip(cb.remainder()).map(|(x, y)| x * y).sum();
    let mut acc = [0f32; 8];
    for (x, y) in ca.zip(cb) {
        for i in 0..8 {
            acc[i] += x[i] * y[i];
        }
    }
    ((acc[0] + acc[4]) + (acc[1] + acc[5])) + ((acc[2] + acc[6]) + (acc[3] + acc[7])) + tail
}

/// Rows whose distances are computed together before any is compared with the best so far.
const BLOCK: usize = 1024;

/// The binary codes ([`sign_bits`]) of many vectors with their ids, in memory, searched by Hamming
/// distance (the number of differing bits; for unit vectors, a rough stand-in for the angle).
///
/// Ids and codes are kept flat in two contiguous arrays (8 bytes an id, 48 bytes a 384-bit code), so
/// a search reads memory in order: ~56 MB and a few milliseconds for a million vectors.
#[derive(Debug, Clone)]
pub struct Index {
    dim: usize,
    words: usize,
    ids: Vec<i64>,
    codes: Vec<u64>,
}

impl Index {
    /// An empty index for vectors of `dim` components (codes of `dim.div_ceil(64)` words).
    pub fn new(dim: usize) -> Index {
        Index { dim, words: dim.div_ceil(64), ids: Vec::new(), codes: Vec::new() }
    }

    /// The number of codes held.
    pub fn len(&self) -> usize {
        self.ids.len()
    }

    /// Whether the index holds no code.
    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }

    /// The number of components of the vectors, as given to [`Index::new`].
    pub fn dim(&self) -> usize {
        self.dim
    }

    /// Adds the code `bits` (from [`sign_bits`]) of the vector `id`. Ids are not checked: pushing an
    /// id twice holds it twice.
    ///
    /// # Panics
    /// When `bits` does not have `dim.div_ceil(64)` words (a vector of another model).
    pub fn push(&mut self, id: i64, bits: &[u64]) {
        assert_eq!(
            bits.len(),
            self.words,
            "a code of {} words in an index of {}-component vectors",
            bits.len(),
            self.dim
        );
        self.ids.push(id);
        self.codes.extend_from_slice(bits);
    }

    /// Removes every code, keeping the memory for the next ones.
    pub fn clear(&mut self) {
        self.ids.clear();
        self.codes.clear();
    }

    /// The bytes the index holds in memory: its ids and codes as allocated, and the struct itself.
    pub fn memory_bytes(&self) -> usize {
        std::mem::size_of::<Self>()
            + self.ids.capacity() * std::mem::size_of::<i64>()
            + self.codes.capacity() * std::mem::size_of::<u64>()
    }

    /// The ids of the `k` codes nearest `query_bits` (from [`sign_bits`]), with their Hamming
    /// distances, nearest first; among equal distances, the smaller id first. Fewer than `k` when
    /// the index holds fewer.
    ///
    /// One pass over the codes keeping the best `k` in a bounded heap: time grows with the number
    /// of codes (~3 ms a million 384-bit codes on one core of a recent x86-64), not with `k`.
    ///
    /// # Panics
    /// When `query_bits` does not have `dim.div_ceil(64)` words.
    pub fn nearest(&self, query_bits: &[u64], k: usize) -> Vec<(i64, u32)> {
        self.check_query(query_bits);
        let mut best = Best::new(k);
        self.scan(query_bits, &mut best);
        best.into_sorted()
    }

    fn check_query(&self, query_bits: &[u64]) {
        assert_eq!(
            query_bits.len(),
            self.words,
            "a query of {} words in an index of {}-component vectors",
            query_bits.len(),
            self.dim
        );
    }

    /// Offers every row to `best`, a block of distances at a time.
    fn scan(&self, query: &[u64], best: &mut Best) {
        if best.k == 0 {
            return;
        }
        let mut dist = [0u32; BLOCK];
        let mut row = 0;
        while row < self.len() {
            let n = BLOCK.min(self.len() - row);
            let codes = &self.codes[row * self.words..(row + n) * self.words];
            distances(codes, query, &mut dist[..n]);
            // Ids are read only for the few rows near enough: the scan is bound by memory bandwidth.
            for (i, &d) in dist[..n].iter().enumerate() {
                if d <= best.worst {
                    best.offer(d, self.ids[row + i]);
                }
            }
            row += n;
        }
    }
}

/// The Hamming distance between `query` and each code of `codes` (rows of `query.len()` words), into
/// `out`. Uses the CPU's popcount instruction when it has one (checked once, at run time): the
/// portable build targets x86-64 processors that may lack it, and counting bits without it is about
/// 4 times slower. (AVX-512's vector popcount was measured too: no faster, as the scan is bound by
/// memory bandwidth, so it is not used.)
fn distances(codes: &[u64], query: &[u64], out: &mut [u32]) {
    #[cfg(target_arch = "x86_64")]
    {
        use std::sync::OnceLock;
        static POPCNT: OnceLock<bool> = OnceLock::new();
        if *POPCNT.get_or_init(|| std::arch::is_x86_feature_detected!("popcnt")) {
            // SAFETY: the CPU has the popcnt instruction this copy is compiled for (checked above).
            return unsafe { distances_popcnt(codes, query, out) };
        }
    }
    distances_portable(codes, query, out)
}

/// [`distances_portable`] compiled for CPUs with the popcnt instruction.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "popcnt")]
fn distances_popcnt(codes: &[u64], query: &[u64], out: &mut [u32]) {
    distances_portable(codes, query, out)
}

/// [`distances`] in plain Rust, inlined into each CPU-specific copy; 384-bit codes (6 words) get a
/// loop of fixed length the compiler unrolls.
#[inline(always)]
fn distances_portable(codes: &[u64], query: &[u64], out: &mut [u32]) {
    #[inline(always)]
    fn fixed<const W: usize>(codes: &[u64], query: &[u64], out: &mut [u32]) {
        let q: &[u64; W] = query.try_into().unwrap();
        for (row, d) in codes.chunks_exact(W).zip(out.iter_mut()) {
            let row: &[u64; W] = row.try_into().unwrap();
            let mut sum = 0;
            for w in 0..W {
                sum += (row[w] ^ q[w]).count_ones();
            }
            *d = sum;
        }
    }
    match query.len() {
        6 => fixed::<6>(codes, query, out),
        8 => fixed::<8>(codes, query, out),
        12 => fixed::<12>(codes, query, out),
        0 => out.iter_mut().for_each(|d| *d = 0),
        w => {
            for (row, d) in codes.chunks_exact(w).zip(out.iter_mut()) {
                *d = row.iter().zip(query).map(|(a, b)| (a ^ b).count_ones()).sum();
            }
        }
    }
}

/// The best `k` (distance, id) pairs seen so far, in a max-heap whose top is the worst kept.
struct Best {
    k: usize,
    heap: BinaryHeap<(u32, i64)>,
    /// The distance of the worst pair kept once `k` are kept, else `u32::MAX`: a pair farther than
    /// this cannot enter, which the scan checks before calling [`Best::offer`].
    worst: u32,
}

impl Best {
    fn new(k: usize) -> Best {
        Best { k, heap: BinaryHeap::with_capacity(k.min(1 << 16) + 1), worst: u32::MAX }
    }

    fn offer(&mut self, d: u32, id: i64) {
        if self.k == 0 {
            return;
        }
        if self.heap.len() < self.k {
            self.heap.push((d, id));
        } else if (d, id) < *self.heap.peek().unwrap() {
            self.heap.pop();
            self.heap.push((d, id));
        } else {
            return;
        }
        if self.heap.len() == self.k {
            self.worst = self.heap.peek().unwrap().0;
        }
    }

    fn into_sorted(self) -> Vec<(i64, u32)> {
        self.heap.into_sorted_vec().into_iter().map(|(d, id)| (id, d)).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A deterministic unit vector of `dim` components (a small linear congruential generator).
    fn unit(seed: u64, dim: usize) -> Vec<f32> {
        let mut s = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        let mut v: Vec<f32> = (0..dim)
            .map(|_| {
                s = s.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                ((s >> 40) as f32 / (1u64 << 24) as f32) - 0.5
            })
            .collect();
        let norm = dot(&v, &v).sqrt();
        v.iter_mut().for_each(|x| *x /= norm);
        v
    }

    #[test]
    fn quantize_round_trips_closely() {
        for (seed, dim) in [(1, 384), (2, 384), (3, 7), (4, 1), (5, 1000)] {
            let v = unit(seed, dim);
            let bytes = quantize(&v);
            assert_eq!(bytes.len(), 4 + dim);
            let back = dequantize(&bytes).unwrap();
            assert_eq!(back.len(), dim);
            let max = v.iter().fold(0f32, |m, x| m.max(x.abs()));
            for (x, y) in v.iter().zip(&back) {
                assert!((x - y).abs() <= max / 254.0 + 1e-7, "{x} came back as {y}");
            }
            // Cosines with other unit vectors are kept to ~0.01.
            for other in 10..20 {
                let w = unit(other, dim);
                let exact = dot(&v, &w);
                let approx = dot(&back, &dequantize(&quantize(&w)).unwrap());
                assert!((exact - approx).abs() < 0.01, "cosine {exact} became {approx}");
            }
            assert!((dot(&back, &back) - 1.0).abs() < 0.01);
        }
    }

    #[test]
    fn quantize_edge_values() {
        let cases: &[(&[f32], &[f32])] = &[
            (&[], &[]),
            (&[0.0, 0.0, 0.0], &[0.0, 0.0, 0.0]),
            (&[1.0, -1.0, 0.5], &[1.0, -1.0, 64.0 / 127.0]),
            (&[-2.0, 0.0], &[-2.0, 0.0]),
            (&[f32::NAN, 1.0], &[0.0, 1.0]),
        ];
        for (v, want) in cases {
            let got = dequantize(&quantize(v)).unwrap();
            assert_eq!(got.len(), want.len(), "{v:?}");
            assert!(got.iter().zip(*want).all(|(x, y)| (x - y).abs() < 1e-6), "{v:?} came back as {got:?}");
        }
        assert_eq!(&quantize(&[1.0, -1.0])[4..], &[127, (-127i8) as u8]);
    }

    #[test]
    fn dequantize_refuses_malformed_bytes() {
        let scale = (1.0f32 / 127.0).to_le_bytes();
        let with = |scale: [u8; 4], body: &[u8]| [&scale[..], body].concat();
        let cases: Vec<(&str, Vec<u8>)> = vec![
            ("empty", vec![]),
            ("3 bytes", vec![0, 0, 128]),
            ("NaN scale", with(f32::NAN.to_le_bytes(), &[1, 2])),
            ("infinite scale", with(f32::INFINITY.to_le_bytes(), &[1])),
            ("negative scale", with((-1.0f32).to_le_bytes(), &[1])),
            ("component -128", with(scale, &[1, 0x80, 3])),
        ];
        for (what, bytes) in cases {
            assert_eq!(dequantize(&bytes), None, "{what}");
        }
        assert_eq!(dequantize(&scale), Some(vec![]));
        let back = dequantize(&with(scale, &[127, 0x81])).unwrap();
        assert!(back.len() == 2 && (back[0] - 1.0).abs() < 1e-6 && (back[1] + 1.0).abs() < 1e-6);
    }

    #[test]
    fn sign_bits_of_known_vectors() {
        let mut long = vec![-1.0f32; 130];
        long[0] = 1.0;
        long[63] = 0.5;
        long[64] = 2.0;
        long[129] = 1e-30;
        let cases: Vec<(Vec<f32>, Vec<u64>)> = vec![
            (vec![], vec![]),
            (vec![1.0], vec![1]),
            (vec![-1.0, 0.0, -0.0, f32::NAN], vec![0]),
            (vec![1.0, -1.0, 1.0, 1.0], vec![0b1101]),
            (vec![1.0; 64], vec![u64::MAX]),
            (vec![1.0; 65], vec![u64::MAX, 1]),
            (long, vec![1 | 1 << 63, 1, 1 << 1]),
        ];
        for (v, want) in cases {
            assert_eq!(sign_bits(&v), want, "{v:?}");
        }
        assert_eq!(sign_bits(&unit(1, 384)).len(), 6);
    }

    #[test]
    fn bits_round_trip_through_bytes() {
        let bits = sign_bits(&unit(7, 384));
        let bytes = bits_to_bytes(&bits);
        assert_eq!(bytes.len(), 48);
        assert_eq!(bits_from_bytes(&bytes), Some(bits));
        assert_eq!(bits_to_bytes(&[0x0102]), vec![2, 1, 0, 0, 0, 0, 0, 0]);
        assert_eq!(bits_from_bytes(&[]), Some(vec![]));
        for bad in [1, 7, 9, 47] {
            assert_eq!(bits_from_bytes(&vec![0; bad]), None, "{bad} bytes");
        }
    }

    #[test]
    fn dot_matches_a_plain_sum() {
        for dim in [0, 1, 7, 8, 9, 16, 383, 384] {
            let (a, b) = (unit(1, dim), unit(2, dim));
            let plain: f32 = a.iter().zip(&b).map(|(x, y)| x * y).sum();
            assert!((dot(&a, &b) - plain).abs() < 1e-5, "dim {dim}");
        }
        assert!((dot(&unit(3, 384), &unit(3, 384)) - 1.0).abs() < 1e-5);
        assert_eq!(dot(&[1.0, 2.0, 3.0], &[4.0, -5.0, 6.0]), 12.0);
    }

    /// An index of 8-bit codes (one word each) from (id, code) pairs.
    fn small(codes: &[(i64, u64)]) -> Index {
        let mut index = Index::new(8);
        for &(id, code) in codes {
            index.push(id, &[code]);
        }
        index
    }

    #[test]
    fn nearest_on_a_small_set_with_ties() {
        // Distances from the query 0b0000_1111: id 5 → 0, ids 9, 2 and 7 → 1, id 3 → 2, id 1 → 8.
        let index = small(&[
            (9, 0b0000_1110),
            (1, 0b1111_0000),
            (5, 0b0000_1111),
            (2, 0b0001_1111),
            (3, 0b0011_1111),
            (7, 0b0000_0111),
        ]);
        let q = [0b0000_1111];
        let cases: Vec<(usize, Vec<(i64, u32)>)> = vec![
            (0, vec![]),
            (1, vec![(5, 0)]),
            (2, vec![(5, 0), (2, 1)]),
            (3, vec![(5, 0), (2, 1), (7, 1)]),
            (4, vec![(5, 0), (2, 1), (7, 1), (9, 1)]),
            (5, vec![(5, 0), (2, 1), (7, 1), (9, 1), (3, 2)]),
            (6, vec![(5, 0), (2, 1), (7, 1), (9, 1), (3, 2), (1, 8)]),
            // k larger than the index: everything, in order.
            (100, vec![(5, 0), (2, 1), (7, 1), (9, 1), (3, 2), (1, 8)]),
        ];
        for (k, want) in cases {
            assert_eq!(index.nearest(&q, k), want, "k = {k}");
        }
    }

    #[test]
    fn nearest_on_an_empty_index() {
        let mut index = Index::new(384);
        let q = sign_bits(&unit(1, 384));
        assert!(index.is_empty());
        assert_eq!(index.nearest(&q, 10), vec![]);
        index.push(4, &q);
        assert_eq!(index.nearest(&q, 10), vec![(4, 0)]);
        index.clear();
        assert!(index.is_empty());
        assert_eq!(index.len(), 0);
        assert_eq!(index.nearest(&q, 10), vec![]);
        assert_eq!(index.dim(), 384);
    }

    /// Many codes (several blocks), checked against a full sort, with many equal distances and ids
    /// not in the order they were pushed.
    #[test]
    fn nearest_agrees_with_a_full_sort() {
        let dim = 384;
        let mut index = Index::new(dim);
        let mut all = Vec::new();
        for i in 0..70_000u64 {
            // Few distinct vectors, so distances tie often; ids not in push order.
            let bits = sign_bits(&unit(i % 500, dim));
            let id = ((i * 7919) % 70_000) as i64 - 1000;
            index.push(id, &bits);
            all.push(id);
        }
        assert_eq!(index.len(), 70_000);
        assert!(index.memory_bytes() >= 70_000 * (8 + 48));
        for seed in [3, 600, 601] {
            let q = sign_bits(&unit(seed, dim));
            let mut want: Vec<(u32, i64)> = index
                .ids
                .iter()
                .zip(index.codes.chunks(6))
                .map(|(&id, c)| (c.iter().zip(&q).map(|(a, b)| (a ^ b).count_ones()).sum(), id))
                .collect();
            want.sort();
            let want: Vec<(i64, u32)> = want.into_iter().map(|(d, id)| (id, d)).collect();
            for k in [1, 10, 200, 1500] {
                assert_eq!(index.nearest(&q, k), want[..k], "seed {seed}, k {k}");
            }
        }
        let mut portable = vec![0; 100];
        let mut dispatched = vec![0; 100];
        let q = sign_bits(&unit(9, dim));
        distances_portable(&index.codes[..600], &q, &mut portable);
        distances(&index.codes[..600], &q, &mut dispatched);
        assert_eq!(portable, dispatched);
    }

    #[test]
    fn odd_dimensions() {
        for dim in [63, 65, 200, 513, 768] {
            let mut index = Index::new(dim);
            for i in 0..50 {
                index.push(i, &sign_bits(&unit(i as u64, dim)));
            }
            let q = sign_bits(&unit(17, dim));
            let got = index.nearest(&q, 3);
            assert_eq!(got[0], (17, 0), "dim {dim}");
            assert_eq!(got.len(), 3);
        }
    }

    #[test]
    #[should_panic(expected = "a code of 5 words")]
    fn push_refuses_a_code_of_another_length() {
        Index::new(384).push(1, &[0; 5]);
    }
}
