//! `manifest.json`: what the bundle is, and the size and SHA-256 of every
//! other file in it.
//!
//! The field names are the format's contract with the portal and with
//! `bantin bundle check`: add fields in a new version, never rename. The
//! version is its own field so a reader can refuse a format it does not know
//! before trying to make sense of the rest.

use serde::{Deserialize, Serialize};

/// The bundle format this code writes and the only one it reads.
pub const FORMAT_VERSION: u32 = 1;

/// The parsed `manifest.json` of a version-1 bundle.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Manifest {
    pub format_version: u32,
    /// The article's id in the library it was exported from.
    pub id: i64,
    pub title: String,
    /// The lead (sapo).
    #[serde(default)]
    pub summary: String,
    /// Author or source line ("Ban Dân vận Đảng ủy xã").
    #[serde(default)]
    pub author: String,
    #[serde(default)]
    pub category: String,
    #[serde(default)]
    pub tags: Vec<String>,
    /// Publication date, RFC 3339 in Vietnam's time (+07:00).
    pub published: String,
    pub word_count: usize,
    /// The portal's ảnh đại diện, when the article has an image.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub thumbnail: Option<String>,
    /// Every file of the bundle except this manifest, in archive order.
    pub files: Vec<FileEntry>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FileEntry {
    pub path: String,
    pub size: u64,
    /// Lower-case hex SHA-256 of the file's bytes.
    pub sha256: String,
    pub mime: String,
    /// Pixel size, for images, so the portal can lay out before loading.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub width: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub height: Option<u32>,
}

impl Manifest {
    /// Pretty JSON with a final newline: people open this file to see what a
    /// bundle holds, and `serde_json` keeps struct field order, so the bytes
    /// are the same on every run.
    pub fn to_json(&self) -> Vec<u8> {
        let mut out = serde_json::to_vec_pretty(self).expect("a manifest always serialises");
        out.push(b'\n');
        out
    }
}

pub(crate) use crate::hash::sha256_hex;

/// The MIME type of a bundle file, from its name.
pub(crate) fn mime_for(path: &str) -> &'static str {
    let ext = path.rsplit('.').next().unwrap_or("");
    match ext {
        "html" => "text/html; charset=utf-8",
        "md" => "text/markdown; charset=utf-8",
        "json" => "application/json",
        "pdf" => "application/pdf",
        "jpg" | "jpeg" => "image/jpeg",
        "png" => "image/png",
        _ => "application/octet-stream",
    }
}
