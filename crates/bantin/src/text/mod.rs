//! Vietnamese text handling for Bản Tin: normalisation, search folding,
//! tone-mark style, dates, numbers, word counts, slugs, hit marking and Vietnam time.
//!
//! One concept, one place: every Vietnamese text rule of Bản Tin lives here,
//! depends only on `unicode-normalization` and `chrono`, and is re-exported
//! from this file so callers never reach into the submodules.

mod control;
mod date;
mod fold;
mod number;
mod search;
mod time;
mod tone;
mod words;

pub mod legacy;

pub use control::strip_controls;
pub use date::{format_date, format_month_year};
pub use fold::{fold_any, fold_for_search, nfc};
pub use number::{format_decimal, format_integer, format_percent};
pub use search::{find_terms, search_terms};
pub use time::{in_vietnam, now_vietnam, vietnam_offset};
pub use tone::{ToneStyle, unify_tone_style};
pub use words::{slugify, word_count};
