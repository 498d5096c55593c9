//! Content addresses: the SHA-256 of some bytes as lower-case hex. The
//! library names its images by it, a bundle's manifest lists every file's,
//! and `bundle check` recomputes them: one function for all three.

use sha2::{Digest, Sha256};

/// `bytes`' SHA-256 as 64 lower-case hex digits.
pub fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn known_digest() {
        assert_eq!(
            super::sha256_hex(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }
}
