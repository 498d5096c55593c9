//! The `.docx` container: a zip of XML parts, opened with every claim
//! checked.
//!
//! Sizes in a zip's directory are what the file *says*; we trust none of
//! them and count bytes as they are inflated, per part and per file, so a
//! zip bomb stops at the limit instead of filling memory. Part names from
//! relationships are resolved inside the package only. An old binary `.doc`
//! and a password-protected `.docx` are both OLE containers (not zips) and
//! are told apart by the stream names inside.

use std::collections::HashMap;
use std::io::{Cursor, Read};

use zip::ZipArchive;

use super::{WordError, xml};

/// The most one XML part may inflate to. A 300-page report's
/// `document.xml` is about 10 MB.
pub const MAX_PART_BYTES: u64 = 64 * 1024 * 1024;

/// The most everything read from one file may inflate to.
pub const MAX_TOTAL_BYTES: u64 = 512 * 1024 * 1024;

/// More entries than any Word file has (one per image, part and relation).
const MAX_ENTRIES: usize = 20_000;

pub struct Package {
    archive: ZipArchive<Cursor<Vec<u8>>>,
    inflated: u64,
}

/// A relationship from one part to another part or to a URL.
#[derive(Debug, Clone)]
pub struct Rel {
    /// The last segment of the relationship type (`image`, `hyperlink`, …).
    pub kind: String,
    /// A part name inside the package, or the URL when `external`.
    pub target: String,
    pub external: bool,
}

impl Package {
    pub fn open(bytes: Vec<u8>) -> Result<Package, WordError> {
        if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
            return Err(if contains_utf16(&bytes, "EncryptedPackage") {
                WordError::Encrypted
            } else {
                WordError::OldDoc
            });
        }
        if !bytes.starts_with(b"PK") {
            return Err(WordError::Corrupt("không phải tệp nén zip".into()));
        }
        let archive =
            ZipArchive::new(Cursor::new(bytes)).map_err(|e| WordError::Corrupt(e.to_string()))?;
        if archive.len() > MAX_ENTRIES {
            return Err(WordError::Corrupt(format!(
                "{} phần, quá nhiều",
                archive.len()
            )));
        }
        Ok(Package {
            archive,
            inflated: 0,
        })
    }

    /// Reads a part, inflating at most `limit` bytes. `None` if it is absent.
    pub fn read(&mut self, name: &str, limit: u64) -> Result<Option<Vec<u8>>, WordError> {
        let file = match self.archive.by_name(name) {
            Ok(f) => f,
            Err(zip::result::ZipError::FileNotFound) => return Ok(None),
            Err(e) => return Err(WordError::Corrupt(format!("{name}: {e}"))),
        };
        let too_large = || WordError::TooLarge {
            part: name.to_owned(),
            limit_mb: limit.min(MAX_TOTAL_BYTES) / (1024 * 1024),
        };
        let allowed = limit.min(MAX_TOTAL_BYTES.saturating_sub(self.inflated));
        if file.size() > allowed {
            return Err(too_large());
        }
        let mut out = Vec::new();
        file.take(allowed + 1)
            .read_to_end(&mut out)
            .map_err(|e| WordError::Corrupt(format!("{name}: {e}")))?;
        if out.len() as u64 > allowed {
            return Err(too_large());
        }
        self.inflated += out.len() as u64;
        Ok(Some(out))
    }

    /// Reads and parses an XML part.
    pub fn xml(&mut self, name: &str) -> Result<Option<xml::Element>, WordError> {
        match self.read(name, MAX_PART_BYTES)? {
            Some(bytes) => Ok(Some(xml::parse(&bytes, name)?)),
            None => Ok(None),
        }
    }

    /// The relationships of a part, by id.
    pub fn rels(&mut self, part: &str) -> Result<HashMap<String, Rel>, WordError> {
        let (dir, file) = part.rsplit_once('/').unwrap_or(("", part));
        let rels_name = if dir.is_empty() {
            format!("_rels/{file}.rels")
        } else {
            format!("{dir}/_rels/{file}.rels")
        };
        let mut out = HashMap::new();
        let Some(root) = self.xml(&rels_name)? else {
            return Ok(out);
        };
        for r in root.children_named("Relationship") {
            let (Some(id), Some(target)) = (r.attr("Id"), r.attr("Target")) else {
                continue;
            };
            let kind = r
                .attr("Type")
                .unwrap_or("")
                .rsplit('/')
                .next()
                .unwrap_or("")
                .to_owned();
            let external = r.attr("TargetMode") == Some("External");
            let target = if external {
                Some(target.to_owned())
            } else {
                resolve(dir, target)
            };
            if let Some(target) = target {
                out.insert(
                    id.to_owned(),
                    Rel {
                        kind,
                        target,
                        external,
                    },
                );
            }
        }
        Ok(out)
    }

    /// The main document part, as the package's root relationships name it.
    pub fn main_part(&mut self) -> Result<String, WordError> {
        let rels = self.rels("")?;
        Ok(rels
            .values()
            .find(|r| r.kind == "officeDocument" && !r.external)
            .map(|r| r.target.clone())
            .unwrap_or_else(|| "word/document.xml".to_owned()))
    }
}

/// Resolves a relationship target against the directory of its source part.
/// `None` when it would leave the package (`../../etc/passwd`).
pub fn resolve(dir: &str, target: &str) -> Option<String> {
    let target = target.replace('\\', "/");
    let mut parts: Vec<&str> = if target.starts_with('/') {
        Vec::new()
    } else {
        dir.split('/').filter(|s| !s.is_empty()).collect()
    };
    for seg in target.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            s => parts.push(s),
        }
    }
    (!parts.is_empty()).then(|| parts.join("/"))
}

fn contains_utf16(bytes: &[u8], needle: &str) -> bool {
    let pattern: Vec<u8> = needle.encode_utf16().flat_map(u16::to_le_bytes).collect();
    bytes
        .windows(pattern.len())
        .any(|w| w == pattern.as_slice())
}

#[cfg(test)]
mod tests {
    use super::resolve;

    #[test]
    fn targets_stay_inside_the_package() {
        assert_eq!(
            resolve("word", "media/image1.png").as_deref(),
            Some("word/media/image1.png")
        );
        assert_eq!(
            resolve("word", "../customXml/item1.xml").as_deref(),
            Some("customXml/item1.xml")
        );
        assert_eq!(
            resolve("word", "/word/styles.xml").as_deref(),
            Some("word/styles.xml")
        );
        assert_eq!(
            resolve("word", "media\\a.png").as_deref(),
            Some("word/media/a.png")
        );
        assert_eq!(resolve("word", "../../etc/passwd"), None);
        assert_eq!(resolve("", ".."), None);
    }
}
