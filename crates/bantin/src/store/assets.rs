//! Images, stored once each and named by the SHA-256 of their bytes.
//!
//! The same photo pasted into ten articles is one row; Markdown refers to it
//! as `asset:<sha256>`, so an article never points at a file on someone's disk.

use chrono::{DateTime, Utc};
use rusqlite::{OptionalExtension, Transaction, params};

use super::{Library, Result, StoreError, ts};
use crate::model::Asset;

/// An image ready to be stored: its bytes, type and the name it came with.
#[derive(Debug, Clone)]
pub struct NewAsset {
    pub bytes: Vec<u8>,
    pub mime: String,
    pub original_name: String,
}

/// Hex SHA-256 of some bytes: an asset's name.
pub use crate::hash::sha256_hex;

pub(crate) fn put(tx: &Transaction, a: &NewAsset, now: DateTime<Utc>) -> rusqlite::Result<String> {
    let sha = sha256_hex(&a.bytes);
    tx.prepare_cached(
        "INSERT OR IGNORE INTO assets (sha256, mime, size, original_name, created_at, bytes)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?
    .execute(params![
        sha,
        a.mime,
        a.bytes.len() as i64,
        a.original_name,
        ts(now),
        a.bytes
    ])?;
    Ok(sha)
}

impl Library {
    /// Stores an image (once) and returns its name.
    pub fn put_asset(&self, asset: &NewAsset, now: DateTime<Utc>) -> Result<String> {
        if let Some(shared) = self.shared() {
            return shared.put_asset(asset, now);
        }
        self.write(|tx| put(tx, asset, now))
    }

    pub fn asset(&self, sha256: &str) -> Result<Asset> {
        if let Some(shared) = self.shared() {
            return shared.asset(sha256);
        }
        self.conn()?
            .query_row(
                "SELECT sha256, mime, size, original_name FROM assets WHERE sha256 = ?1",
                [sha256],
                |r| {
                    Ok(Asset {
                        sha256: r.get(0)?,
                        mime: r.get(1)?,
                        size: r.get::<_, i64>(2)? as usize,
                        original_name: r.get(3)?,
                    })
                },
            )
            .optional()
            .map_err(|e| self.err(e))?
            .ok_or_else(|| StoreError::AssetNotFound(sha256.to_string()))
    }

    pub fn asset_bytes(&self, sha256: &str) -> Result<Vec<u8>> {
        if let Some(shared) = self.shared() {
            return shared.asset_bytes(sha256);
        }
        self.conn()?
            .query_row(
                "SELECT bytes FROM assets WHERE sha256 = ?1",
                [sha256],
                |r| r.get(0),
            )
            .optional()
            .map_err(|e| self.err(e))?
            .ok_or_else(|| StoreError::AssetNotFound(sha256.to_string()))
    }

    pub fn count_assets(&self) -> Result<usize> {
        if let Some(shared) = self.shared() {
            return shared.count_assets();
        }
        self.conn()?
            .query_row("SELECT count(*) FROM assets", [], |r| r.get::<_, i64>(0))
            .map(|n| n as usize)
            .map_err(|e| self.err(e))
    }
}
