//! Downscaling by area averaging, in fixed point, for 8-bit RGB/RGBA.
//!
//! Shrinking a 4000×3000 photo was the largest single cost of a bundle with
//! `image`'s general resamplers (~170 ms each, generic over pixel types, in
//! floating point). Every output pixel here is the exact area-weighted mean
//! of the source pixels it covers (no aliasing at any factor), done as two
//! separable passes with integer weights that the compiler vectorises; the
//! same photo shrinks in a fraction of the time.

use image::{DynamicImage, ImageBuffer, Pixel, Rgb, Rgba};

/// Fixed-point scale of the weights: 14 bits keeps `255 × weight × taps`
/// well inside `u32`.
const ONE: u32 = 1 << 14;

/// `img` scaled down to `nw`×`nh` (each no larger than the source side).
/// Images with alpha come back RGBA8, all others RGB8.
/// Takes the image by value so an RGB8 photo (the usual JPEG) is read in
/// place rather than copied first.
pub(crate) fn shrink_to(img: DynamicImage, nw: u32, nh: u32) -> DynamicImage {
    debug_assert!(nw <= img.width() && nh <= img.height() && nw > 0 && nh > 0);
    if img.color().has_alpha() {
        DynamicImage::ImageRgba8(resize::<Rgba<u8>, 4>(&img.into_rgba8(), nw, nh))
    } else {
        DynamicImage::ImageRgb8(resize::<Rgb<u8>, 3>(&img.into_rgb8(), nw, nh))
    }
}

fn resize<P: Pixel<Subpixel = u8>, const CH: usize>(
    src: &ImageBuffer<P, Vec<u8>>,
    nw: u32,
    nh: u32,
) -> ImageBuffer<P, Vec<u8>> {
    let (w, h) = (src.width() as usize, src.height() as usize);
    let (nw, nh) = (nw as usize, nh as usize);
    let cols = Taps::new(w, nw);
    let rows = Taps::new(h, nh);

    // Horizontal: every source row to `nw` pixels.
    let mut wide = vec![0u8; nw * CH * h];
    for (out, row) in wide
        .chunks_exact_mut(nw * CH)
        .zip(src.as_raw().chunks_exact(w * CH))
    {
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

    // Vertical: weighted sums of whole rows (contiguous, so it vectorises).
    let stride = nw * CH;
    let mut out = vec![0u8; stride * nh];
    let mut acc = vec![0u32; stride];
    for (y, dst) in out.chunks_exact_mut(stride).enumerate() {
        let (start, weights) = rows.of(y);
        acc.fill(ONE / 2);
        for (k, &wt) in weights.iter().enumerate() {
            let row = &wide[(start + k) * stride..][..stride];
            for (a, &v) in acc.iter_mut().zip(row) {
                *a += u32::from(v) * wt;
            }
        }
        for (d, &a) in dst.iter_mut().zip(&acc) {
            *d = (a / ONE).min(255) as u8;
        }
    }
    ImageBuffer::from_raw(nw as u32, nh as u32, out).expect("buffer has the right size")
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
        let flat = image::RgbImage::from_pixel(401, 300, Rgb([10, 128, 250]));
        let small = shrink_to(DynamicImage::ImageRgb8(flat), 160, 120).to_rgb8();
        assert!(small.pixels().all(|p| p.0 == [10, 128, 250]));
    }

    #[test]
    fn averages_areas() {
        // Columns alternate black and white: any 2:1 shrink is mid-grey.
        let stripes =
            image::RgbImage::from_fn(8, 2, |x, _| Rgb([if x % 2 == 0 { 0 } else { 255 }; 3]));
        let half = shrink_to(DynamicImage::ImageRgb8(stripes), 4, 1).to_rgb8();
        assert!(
            half.pixels().all(|p| p.0 == [128; 3]),
            "{:?}",
            half.as_raw()
        );
    }
}
