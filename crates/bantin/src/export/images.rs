//! The one image source of every export: the library images
//! (`asset:<sha256>`) that a set of documents shows, found with
//! `Document::figures` (so a photo inside a list, a quote or a footnote is
//! found like any other) and read up front, while the library is open, so
//! the layout and the bundle run without it.

use std::collections::HashMap;

use crate::doc::Document;
use crate::store::Library;
use crate::typeset::ImageSource;

/// Image bytes and MIME type by `src` as written in the document.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Images(HashMap<String, (Vec<u8>, String)>);

impl Images {
    /// Every library image the documents show. An image the library does
    /// not have is left out: the PDF shows a placeholder and says so, the
    /// bundle refuses with the image's number and caption.
    pub fn load<'d>(lib: &Library, docs: impl IntoIterator<Item = &'d Document>) -> Images {
        let mut images = Images::default();
        for doc in docs {
            for f in doc.figures() {
                if images.0.contains_key(&f.src) {
                    continue;
                }
                let Some(sha) = f.src.strip_prefix("asset:") else {
                    continue;
                };
                let (Ok(asset), Ok(bytes)) = (lib.asset(sha), lib.asset_bytes(sha)) else {
                    continue;
                };
                images.insert(&f.src, bytes, &asset.mime);
            }
        }
        images
    }

    pub fn insert(&mut self, src: &str, bytes: Vec<u8>, mime: &str) {
        self.0.insert(src.to_string(), (bytes, mime.to_string()));
    }

    /// The bytes and MIME type of `src`, if the documents show it.
    pub fn get(&self, src: &str) -> Option<&(Vec<u8>, String)> {
        self.0.get(src)
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl ImageSource for Images {
    fn image(&self, src: &str) -> Option<Vec<u8>> {
        self.get(src).map(|(bytes, _)| bytes.clone())
    }
}
