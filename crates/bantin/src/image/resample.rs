//! Downscaling by area averaging, in fixed point, for 8-bit pixels of one
//! to four samples, row by row as a decoder hands them over.
//!
//! Shrinking a 4000×3000 photo was the largest single cost of a bundle with
//! `image`'s general resamplers (~170 ms each, generic over pixel types, in
//! floating point). Every output pixel here is the exact area-weighted mean
//! of the source pixels it covers (no aliasing at any factor), done as two
//! separable passes with integer weights that the compiler vectorises; the
//! same photo shrinks in a fraction of the time.

use std::collections::VecDeque;

use ::image::{DynamicImage, ImageBuffer, Rgb, Rgba};

/// Fixed-point scale of the weights: 14 bits keeps `255 × weight × taps`
/// well inside `u32`.
const ONE: u32 = 1 << 14;

/// `img` scaled down to `nw`×`nh` (each no larger than the source side).
/// Grey images come back grey (8-bit), images with alpha RGBA8, all others
/// RGB8.
/// Takes the image by value so an RGB8 photo (the usual JPEG) is read in
/// place rather than copied first.
pub fn shrink_to(img: DynamicImage, nw: u32, nh: u32) -> DynamicImage {
    debug_assert!(nw <= img.width() && nh <= img.height() && nw > 0 && nh > 0);
    let (w, h) = (img.width(), img.height());
    if let DynamicImage::ImageLuma8(grey) = &img {
        // Grey stays grey: a third of the memory of RGB.
        let out = shrink_rows(grey.as_raw(), w, h, 1, nw, nh);
        return DynamicImage::ImageLuma8(
            ImageBuffer::from_raw(nw, nh, out).expect("buffer has the right size"),
        );
    }
    if img.color().has_alpha() {
        let out = shrink_rows(img.into_rgba8().as_raw(), w, h, 4, nw, nh);
        DynamicImage::ImageRgba8(
            ImageBuffer::<Rgba<u8>, _>::from_raw(nw, nh, out).expect("buffer has the right size"),
        )
    } else {
        let out = shrink_rows(img.into_rgb8().as_raw(), w, h, 3, nw, nh);
        DynamicImage::ImageRgb8(
            ImageBuffer::<Rgb<u8>, _>::from_raw(nw, nh, out).expect("buffer has the right size"),
        )
    }
}

/// Shrinks a whole buffer of `channels`-sample pixels, row by row.
fn shrink_rows(src: &[u8], w: u32, h: u32, channels: usize, nw: u32, nh: u32) -> Vec<u8> {
    let mut s = RowShrinker::new(w, h, channels, nw, nh);
    for row in src.chunks_exact(w as usize * channels).take(h as usize) {
        s.push(row);
    }
    s.finish()
}

/// Shrinks a picture whose rows arrive one at a time (from a decoder), so
/// only the output and a few rows of input are ever in memory.
pub struct RowShrinker {
    channels: usize,
    nw: usize,
    cols: Taps,
    rows: Taps,
    /// Source rows seen so far.
    seen: usize,
    /// Recent source rows, already shrunk horizontally, with their index.
    window: VecDeque<(usize, Vec<u8>)>,
    acc: Vec<u32>,
    out: Vec<u8>,
    /// Output rows finished.
    done: usize,
}

impl RowShrinker {
    /// From `w`×`h` pixels of `channels` 8-bit samples (1–4) to `nw`×`nh`.
    pub fn new(w: u32, h: u32, channels: usize, nw: u32, nh: u32) -> RowShrinker {
        let (nw, nh) = (
            nw.clamp(1, w.max(1)) as usize,
            nh.clamp(1, h.max(1)) as usize,
        );
        RowShrinker {
            channels,
            nw,
            cols: Taps::new(w as usize, nw),
            rows: Taps::new(h as usize, nh),
            seen: 0,
            window: VecDeque::new(),
            acc: vec![0; nw * channels],
            out: Vec::with_capacity(nw * channels * nh),
            done: 0,
        }
    }

    /// Takes the next source row (`w × channels` samples).
    pub fn push(&mut self, row: &[u8]) {
        let mut wide = vec![0u8; self.nw * self.channels];
        match self.channels {
            1 => horizontal::<1>(row, &mut wide, &self.cols),
            2 => horizontal::<2>(row, &mut wide, &self.cols),
            3 => horizontal::<3>(row, &mut wide, &self.cols),
            _ => horizontal::<4>(row, &mut wide, &self.cols),
        }
        self.window.push_back((self.seen, wide));
        self.seen += 1;
        while self.done < self.rows.len() {
            let (start, weights) = self.rows.of(self.done);
            if start + weights.len() > self.seen {
                break;
            }
            // Vertical: weighted sums of whole rows (contiguous, so it vectorises).
            self.acc.fill(ONE / 2);
            for (k, &wt) in weights.iter().enumerate() {
                let Some((_, r)) = self.window.iter().find(|(i, _)| *i == start + k) else {
                    continue;
                };
                for (a, &v) in self.acc.iter_mut().zip(r) {
                    *a += u32::from(v) * wt;
                }
            }
            self.out
                .extend(self.acc.iter().map(|&a| (a / ONE).min(255) as u8));
            self.done += 1;
            // Rows before the next output row's first are no longer needed.
            let keep_from = if self.done < self.rows.len() {
                self.rows.of(self.done).0
            } else {
                usize::MAX
            };
            while self.window.front().is_some_and(|(i, _)| *i < keep_from) {
                self.window.pop_front();
            }
        }
    }

    /// Whether every output row has been made.
    pub fn is_complete(&self) -> bool {
        self.done == self.rows.len()
    }

    /// The shrunk pixels (rows never made, if the source stopped early, are
    /// white).
    pub fn finish(mut self) -> Vec<u8> {
        self.out
            .resize(self.nw * self.channels * self.rows.len(), 255);
        self.out
    }
}

/// One source row to `out.len() / CH` pixels.
fn horizontal<const CH: usize>(row: &[u8], out: &mut [u8], cols: &Taps) {
    for (x, px) in out.chunks_exact_mut(CH).enumerate() {
        let (start, weights) = cols.of(x);
        let mut acc = [ONE / 2; CH];
        for (k, &wt) in weights.iter().enumerate() {
            let s = &row[(start + k) * CH..][..CH];
            for c in 0..CH {
                acc[c] += u32::from(s[c]) * wt;
            }
        }
        for c in 0..CH {
            px[c] = (acc[c] / ONE).min(255) as u8;
        }
    }
}

/// For each output index along one axis: the first source index it covers
/// and the weight of each covered source index (summing to `ONE`).
struct Taps {
    starts: Vec<usize>,
    /// Offsets into `weights`, one more than outputs.
    offsets: Vec<usize>,
    weights: Vec<u32>,
}

impl Taps {
    fn new(src: usize, dst: usize) -> Taps {
        let scale = src as f64 / dst as f64;
        let mut t = Taps {
            starts: Vec::with_capacity(dst),
            offsets: vec![0],
            weights: Vec::new(),
        };
        for i in 0..dst {
            let (lo, hi) = (i as f64 * scale, ((i + 1) as f64 * scale).min(src as f64));
            let first = lo.floor() as usize;
            let last = (hi.ceil() as usize).clamp(first + 1, src);
            let begin = t.weights.len();
            for j in first..last {
                let cover = (hi.min((j + 1) as f64) - lo.max(j as f64)).max(0.0);
                t.weights
                    .push((cover / (hi - lo) * f64::from(ONE)).round() as u32);
            }
            // Rounding can leave the sum a unit off; give it to the largest.
            let taps = &mut t.weights[begin..];
            let sum: u32 = taps.iter().sum();
            if let Some(max) = taps.iter_mut().max() {
                *max = (*max + ONE).saturating_sub(sum);
            }
            t.starts.push(first);
            t.offsets.push(t.weights.len());
        }
        t
    }

    fn len(&self) -> usize {
        self.starts.len()
    }

    fn of(&self, i: usize) -> (usize, &[u32]) {
        (
            self.starts[i],
            &self.weights[self.offsets[i]..self.offsets[i + 1]],
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weights_sum_to_one_and_flat_stays_flat() {
        for (src, dst) in [(4000, 1600), (3000, 1200), (7, 3), (5, 5), (1601, 1600)] {
            let t = Taps::new(src, dst);
            for i in 0..dst {
                assert_eq!(t.of(i).1.iter().sum::<u32>(), ONE, "{src}→{dst} at {i}");
            }
        }
        let flat = ::image::RgbImage::from_pixel(401, 300, Rgb([10, 128, 250]));
        let small = shrink_to(DynamicImage::ImageRgb8(flat), 160, 120).to_rgb8();
        assert!(small.pixels().all(|p| p.0 == [10, 128, 250]));
    }

    #[test]
    fn averages_areas() {
        // Columns alternate black and white: any 2:1 shrink is mid-grey.
        let stripes =
            ::image::RgbImage::from_fn(8, 2, |x, _| Rgb([if x % 2 == 0 { 0 } else { 255 }; 3]));
        let half = shrink_to(DynamicImage::ImageRgb8(stripes), 4, 1).to_rgb8();
        assert!(
            half.pixels().all(|p| p.0 == [128; 3]),
            "{:?}",
            half.as_raw()
        );
    }

    #[test]
    fn rows_stream_through_with_a_small_window() {
        // 1000 grey rows of 9 pixels to 3 × 10: each output averages 100 rows.
        let mut s = RowShrinker::new(9, 1000, 1, 3, 10);
        for y in 0..1000u32 {
            s.push(&[if y % 2 == 0 { 0 } else { 200 }; 9]);
            assert!(s.window.len() <= 101, "the window stays small");
        }
        assert!(s.is_complete());
        assert_eq!(s.finish(), vec![100; 30]);
        // Same size: the pixels come back as they were.
        let mut s = RowShrinker::new(2, 2, 2, 2, 2);
        s.push(&[1, 2, 3, 4]);
        s.push(&[5, 6, 7, 8]);
        assert_eq!(s.finish(), [1, 2, 3, 4, 5, 6, 7, 8]);
    }
}
