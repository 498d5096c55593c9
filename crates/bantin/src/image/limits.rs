//! The one image policy (README, "Ảnh / Images"): every door and every
//! output applies these numbers, so an image that can be pasted can be
//! printed and bundled, and one that cannot is refused by all with the
//! same reason.

use super::Problem;

/// The largest image file taken in. Phone photos are 3–8 MB.
pub const MAX_FILE_BYTES: u64 = 30 * 1024 * 1024;

/// The longest side of a picture, in pixels. Covers every camera and
/// scanner page; larger is a panorama or a bomb.
pub const MAX_SIDE: u32 = 20_000;

/// The most pixels one picture may have (a 100-megapixel camera).
pub const MAX_PIXELS: u64 = 100_000_000;

/// Resolution at which images are kept for print: pixels beyond 300 per
/// inch of the printed size are invisible on paper, so they are dropped as
/// the image is read.
pub const PRINT_DPI: f32 = 300.0;

/// Pixels one export may decode in all: ten of the largest pictures. Bounds
/// the time an export takes.
pub const EXPORT_DECODED_PIXELS: u64 = 1_000_000_000;

/// Pixels one export may keep for its pages after reducing them to print
/// size: about 35 full A4 pages of pictures. Bounds the memory it takes.
pub const EXPORT_HELD_PIXELS: u64 = 300_000_000;

/// Refuses a picture whose header claims more than [`MAX_SIDE`] or
/// [`MAX_PIXELS`], or nothing at all, before anything is decoded.
pub fn check_size(width: u32, height: u32) -> Result<(), Problem> {
    if width == 0 || height == 0 {
        return Err(Problem::Corrupt("kích thước ảnh bằng 0"));
    }
    if width > MAX_SIDE || height > MAX_SIDE || u64::from(width) * u64::from(height) > MAX_PIXELS {
        return Err(Problem::TooLarge { width, height });
    }
    Ok(())
}

/// Refuses a file larger than [`MAX_FILE_BYTES`].
pub fn check_file_size(bytes: u64) -> Result<(), Problem> {
    if bytes > MAX_FILE_BYTES {
        return Err(Problem::FileTooLarge { bytes });
    }
    Ok(())
}

/// The pixel size at which an image shown in a box of `w_pt` × `h_pt`
/// points prints at [`PRINT_DPI`]: never more than the picture has.
pub fn print_pixels(w_pt: f32, h_pt: f32) -> (u32, u32) {
    let px = |pt: f32| {
        if pt.is_finite() {
            (pt / 72.0 * PRINT_DPI).ceil().max(1.0) as u32
        } else {
            u32::MAX
        }
    };
    (px(w_pt), px(h_pt))
}

/// The largest size with the picture's proportions that fits `max_w` ×
/// `max_h` (never larger than the picture itself).
pub fn fit(width: u32, height: u32, max_w: u32, max_h: u32) -> (u32, u32) {
    if width <= max_w && height <= max_h {
        return (width, height);
    }
    let (w, h) = (f64::from(width), f64::from(height));
    let scale = (f64::from(max_w) / w).min(f64::from(max_h) / h);
    let nw = ((w * scale).round() as u32).clamp(1, width);
    let nh = ((h * scale).round() as u32).clamp(1, height);
    (nw, nh)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_policy_for_sizes() {
        assert!(check_size(12_000, 5_000).is_ok(), "a wide photo passes");
        assert!(check_size(20_000, 5_000).is_ok());
        assert_eq!(
            check_size(20_001, 10),
            Err(Problem::TooLarge {
                width: 20_001,
                height: 10
            })
        );
        assert_eq!(
            check_size(12_000, 9_000),
            Err(Problem::TooLarge {
                width: 12_000,
                height: 9_000
            })
        );
        assert!(check_size(0, 10).is_err());
        assert!(check_file_size(MAX_FILE_BYTES).is_ok());
        assert!(check_file_size(MAX_FILE_BYTES + 1).is_err());
    }

    #[test]
    fn print_size_fits_the_box() {
        // A 6-inch frame at 300 dpi is 1800 pixels.
        assert_eq!(print_pixels(432.0, 72.0), (1800, 300));
        assert_eq!(fit(10_000, 10_000, 1800, 5000), (1800, 1800));
        assert_eq!(fit(10_000, 5_000, 1800, 300), (600, 300));
        assert_eq!(fit(800, 600, 1800, 5000), (800, 600));
        assert_eq!(fit(100, 1, 10, 10), (10, 1));
    }
}
