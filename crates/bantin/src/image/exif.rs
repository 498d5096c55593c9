//! EXIF orientation: phones store a portrait photo sideways and say so only
//! in the EXIF block (JPEG APP1 segment); decoders return stored pixels.

/// The orientation (1–8) in the body of a JPEG APP1 segment, if it is an
/// EXIF block that has one. Anything malformed means "none".
pub(crate) fn orientation(app1: &[u8]) -> Option<u8> {
    tiff_orientation(app1.strip_prefix(b"Exif\0\0")?)
}

/// Tag 0x0112 of IFD0 in a TIFF structure (either byte order).
fn tiff_orientation(tiff: &[u8]) -> Option<u8> {
    let little = match tiff.get(0..2)? {
        b"II" => true,
        b"MM" => false,
        _ => return None,
    };
    let read16 = |at: usize| -> Option<u16> {
        let b: [u8; 2] = tiff.get(at..at.checked_add(2)?)?.try_into().ok()?;
        Some(if little {
            u16::from_le_bytes(b)
        } else {
            u16::from_be_bytes(b)
        })
    };
    let read32 = |at: usize| -> Option<u32> {
        let b: [u8; 4] = tiff.get(at..at.checked_add(4)?)?.try_into().ok()?;
        Some(if little {
            u32::from_le_bytes(b)
        } else {
            u32::from_be_bytes(b)
        })
    };
    if read16(2)? != 42 {
        return None;
    }
    let ifd = usize::try_from(read32(4)?).ok()?;
    let entries = usize::from(read16(ifd)?);
    for i in 0..entries {
        let entry = ifd.checked_add(2 + 12 * i)?;
        // Type 3 = SHORT, count 1: the value sits in the entry itself.
        if read16(entry)? == 0x0112 && read16(entry + 2)? == 3 {
            let v = read16(entry + 8)?;
            return u8::try_from(v).ok().filter(|v| (1..=8).contains(v));
        }
    }
    None
}

/// The EXIF orientation (1–8, 1 when it says none) of a JPEG; `None` when
/// the file is not a JPEG whose header can be read.
pub fn jpeg_orientation(jpeg: &[u8]) -> Option<u8> {
    let info = super::probe(jpeg).ok()?;
    (info.format == super::Format::Jpeg).then_some(info.orientation)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An EXIF APP1 segment body with an unrelated tag first, then
    /// Orientation = `o`.
    fn exif(o: u16, little: bool) -> Vec<u8> {
        let w16 = |v: u16| {
            if little {
                v.to_le_bytes()
            } else {
                v.to_be_bytes()
            }
        };
        let w32 = |v: u32| {
            if little {
                v.to_le_bytes()
            } else {
                v.to_be_bytes()
            }
        };
        let mut seg = b"Exif\0\0".to_vec();
        seg.extend(if little { b"II" } else { b"MM" });
        seg.extend(w16(42));
        seg.extend(w32(8));
        seg.extend(w16(2));
        seg.extend(w16(0x010F));
        seg.extend(w16(2));
        seg.extend(w32(4));
        seg.extend(b"Cam\0");
        seg.extend(w16(0x0112));
        seg.extend(w16(3));
        seg.extend(w32(1));
        seg.extend(w16(o));
        seg.extend([0, 0]);
        seg
    }

    #[test]
    fn orientation_in_either_byte_order() {
        for little in [true, false] {
            assert_eq!(orientation(&exif(8, little)), Some(8));
            assert_eq!(orientation(&exif(9, little)), None, "out of range");
        }
        assert_eq!(orientation(b"Exif\0\0MM\0\x2a\xff\xff\xff\xff"), None);
        assert_eq!(orientation(b"XMP"), None);
    }
}
