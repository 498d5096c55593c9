//! The library's writes of article text (creating, saving, restoring a
//! revision): each derives what the store keeps about a document
//! (`markdown::derive`) and hands it over, because the store never parses
//! Markdown.

use chrono::{DateTime, Utc};

use crate::doc::Derived;
use crate::markdown;
use crate::model::{ArticleId, Content, RevisionReason};
use crate::store::{Library, StoreError, assets::NewAsset};

/// The library's writes of article text, each deriving what the store is
/// handed about the document first.
impl Library {
    /// Adds new articles, each with its first revision, in one transaction.
    pub fn insert_articles(
        &self,
        contents: &[Content],
        reason: RevisionReason,
        now: DateTime<Utc>,
    ) -> Result<Vec<ArticleId>, StoreError> {
        self.insert_with_assets(contents, &[], reason, now)
    }

    /// Adds new articles and the images they use, in one transaction.
    pub fn insert_with_assets(
        &self,
        contents: &[Content],
        assets: &[&NewAsset],
        reason: RevisionReason,
        now: DateTime<Utc>,
    ) -> Result<Vec<ArticleId>, StoreError> {
        let derived: Vec<Derived> = contents.iter().map(markdown::derive).collect();
        let articles: Vec<(&Content, &Derived)> = contents.iter().zip(&derived).collect();
        self.insert_derived(&articles, assets, reason, now)
    }

    /// Adds one new article.
    pub fn create_article(
        &self,
        content: &Content,
        now: DateTime<Utc>,
    ) -> Result<ArticleId, StoreError> {
        let d = markdown::derive(content);
        Ok(self.insert_derived(&[(content, &d)], &[], RevisionReason::Create, now)?[0])
    }

    /// Saves a new state of an article. Returns the new revision number, or
    /// `None` when nothing changed (an autosave of the same text writes nothing).
    pub fn save_article(
        &self,
        id: ArticleId,
        content: &Content,
        reason: RevisionReason,
        now: DateTime<Utc>,
    ) -> Result<Option<u32>, StoreError> {
        self.save_derived(id, content, &markdown::derive(content), reason, now)
    }

    /// Saves a new state of an article made from revision `base`; when
    /// someone else saved since, both are kept and the article waits for a
    /// merge (`store::Saved::Crossed`). See `Library::save_based_derived`.
    pub fn save_article_based(
        &self,
        id: ArticleId,
        base: u32,
        revision_id: Option<&str>,
        content: &Content,
        reason: RevisionReason,
        now: DateTime<Utc>,
    ) -> Result<crate::store::Saved, StoreError> {
        let derived = markdown::derive(content);
        self.save_based_derived(id, base, revision_id, content, &derived, reason, now)
    }

    /// Saves the merge a person settled (`Library::settled_merge`) as a new
    /// revision that closes the crossing. When someone saved again in the
    /// meantime, that save is kept too and the article waits for a merge
    /// again (`Saved::Crossed`). `None`: `picks` did not answer each
    /// conflict once (the view was stale); nothing written.
    pub fn save_merge(
        &self,
        id: ArticleId,
        crossing: crate::model::PendingMerge,
        current: u32,
        picks: &[crate::merge::Pick],
        now: DateTime<Utc>,
    ) -> Result<Option<crate::store::Saved>, StoreError> {
        let Some(content) = self.settled_merge(id, crossing, current, picks)? else {
            return Ok(None);
        };
        self.save_article_based(id, current, None, &content, RevisionReason::Merge, now)
            .map(Some)
    }

    /// Brings back revision `number` by writing it as a new revision; the
    /// history keeps everything in between.
    pub fn restore_revision(
        &self,
        id: ArticleId,
        number: u32,
        now: DateTime<Utc>,
    ) -> Result<u32, StoreError> {
        self.restore_revision_with(id, number, &markdown::derive, now)
    }
}
