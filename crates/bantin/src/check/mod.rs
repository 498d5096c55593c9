//! Kiểm tra: the checks an editor runs before printing (issue 13).
//!
//! Each check is a small independent [`Rule`] in its own file under
//! `rules/`, with a stable id, a severity and a function over a
//! [`Context`]: the article's Markdown body, its [`Document`], its metadata
//! and the organisation profile. Adding a rule is one file plus one line in
//! [`ARTICLE_RULES`] (or [`BULLETIN_RULES`]).
//!
//! A [`Finding`] says where (line and column in the Markdown body, or which
//! metadata field), what was found, why it is wrong, and optionally a fix
//! that replaces exactly the text found: a pure text edit an editor can
//! apply and undo. Where the cure is a setting (an empty profile field), the
//! finding carries the typed [`Setting`] and each door words where to set it.
//!
//! Checks never touch the library: the user word list and the tone style
//! come in as [`Settings`], read from the profile by the door.

mod context;
mod editor;
mod fix;
mod rules;
mod syllable;
mod syllables;
mod telex;

use std::cell::RefCell;
use std::collections::{HashMap, HashSet};
use std::ops::Range;

use serde::Serialize;

use crate::doc::Document;
use crate::model::{Article, Bulletin, Content, Profile};
use crate::text::ToneStyle;
use crate::typeset::templates::ReportBlocks;

pub use context::Context;
pub use editor::{Shown, shown};
pub use fix::{Edit, apply_fixes, apply_to_text};
pub use rules::{ARTICLE_RULES, BULLETIN_RULES, BulletinContext};

/// Profile key holding the user word list (Thêm vào từ điển), one word a line.
pub const WORDS_KEY: &str = "tu_dien";
/// Profile key holding the library's tone style: "moi" (hóa) or "cu" (hoá).
pub const TONE_STYLE_KEY: &str = "kieu_bo_dau";

/// How serious a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub enum Severity {
    /// Lỗi: the printed paper would be wrong.
    #[serde(rename = "loi")]
    Loi,
    /// Cảnh báo: very likely wrong; a careful reviewer would mark it.
    #[serde(rename = "canh-bao")]
    CanhBao,
    /// Gợi ý: worth a look.
    #[serde(rename = "goi-y")]
    GoiY,
}

impl Severity {
    pub fn code(self) -> &'static str {
        match self {
            Severity::Loi => "loi",
            Severity::CanhBao => "canh-bao",
            Severity::GoiY => "goi-y",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Severity::Loi => "lỗi",
            Severity::CanhBao => "cảnh báo",
            Severity::GoiY => "gợi ý",
        }
    }
}

/// Where a finding is, for applying its fix.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum Place {
    /// Byte range in the Markdown body.
    Body(Range<usize>),
    /// Byte range in a metadata field: "title", "summary", "author", or a
    /// front-matter key such as "so_hieu".
    Field { key: String, range: Range<usize> },
    /// Not a place in the text (a missing field, a bulletin setting).
    #[default]
    Nowhere,
}

/// The setting that cures a finding; each door says where to set it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Setting {
    /// A field of the organisation profile (`model::PROFILE_KEYS`).
    Profile(&'static str),
    /// A front-matter field of the article itself (`so_hieu`, `noi_nhan`).
    Article(&'static str),
    /// A field of a bulletin issue (`model::BULLETIN_FIELDS`, or `paper`,
    /// `internal`, `name`, `number`).
    Bulletin { id: i64, key: &'static str },
    /// The word is right as it is: add it to the library's word list
    /// (Thêm vào từ điển).
    Word(String),
}

/// One thing a check found. Its JSON form is the contract of
/// `bantin check ID --json`: exactly `{rule, severity, line, column, text,
/// message, fix}`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Finding {
    /// The rule's stable id ("chinh-ta").
    pub rule: &'static str,
    pub severity: Severity,
    /// 1-based line in the Markdown body; 0 when the finding is not in the
    /// body (a metadata field, a profile field, a bulletin).
    pub line: usize,
    /// 1-based column, in characters; 0 when `line` is 0.
    pub column: usize,
    /// The exact text found (empty when something is missing).
    pub text: String,
    /// What is wrong and why, in Vietnamese.
    pub message: String,
    /// The replacement for `text`, when the fix is safe.
    pub fix: Option<String>,
    #[serde(skip)]
    pub place: Place,
    #[serde(skip)]
    pub setting: Option<Setting>,
}

impl Finding {
    /// A finding of an article rule with no place in the text.
    pub fn general(rule: &Rule, message: String) -> Finding {
        Finding::new(rule.id, rule.severity, message)
    }

    /// A finding with no place in the text.
    pub fn new(rule: &'static str, severity: Severity, message: String) -> Finding {
        Finding {
            rule,
            severity,
            line: 0,
            column: 0,
            text: String::new(),
            message,
            fix: None,
            place: Place::Nowhere,
            setting: None,
        }
    }

    pub fn with_fix(mut self, fix: impl Into<String>) -> Finding {
        self.fix = Some(fix.into());
        self
    }

    pub fn with_severity(mut self, s: Severity) -> Finding {
        self.severity = s;
        self
    }

    pub fn with_setting(mut self, s: Setting) -> Finding {
        self.setting = Some(s);
        self
    }

    pub fn with_text(mut self, text: impl Into<String>) -> Finding {
        self.text = text.into();
        self
    }
}

/// A check: its stable id, its usual severity, what it finds (for the
/// README and `--help`), and the function.
pub struct Rule {
    pub id: &'static str,
    pub severity: Severity,
    pub what: &'static str,
    pub check: fn(&Context, &mut Vec<Finding>),
}

/// A check over a bulletin issue and its articles.
pub struct BulletinRule {
    pub id: &'static str,
    pub severity: Severity,
    pub what: &'static str,
    pub check: fn(&BulletinContext, &mut Vec<Finding>),
}

/// The library's choices the checks respect, and what the door found out
/// about the article's images (the checks never read the library).
#[derive(Debug, Clone)]
pub struct Settings {
    pub tone_style: ToneStyle,
    /// The user word list, lower-case NFC.
    pub words: HashSet<String>,
    /// Upright pixel size of each image the body points at, by its source
    /// as written (`asset:<sha256>`); an image not here is not judged.
    pub images: HashMap<String, (u32, u32)>,
    /// The width of the text on the printed page, in points (the
    /// template's measure): a figure is printed at most this wide.
    pub measure_pt: Option<f32>,
    /// The report blocks the template prints: a block it leaves out is
    /// not missed (no "Nơi nhận" to fill when none prints).
    pub report_blocks: ReportBlocks,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            tone_style: ToneStyle::Modern,
            words: HashSet::new(),
            images: HashMap::new(),
            measure_pt: None,
            report_blocks: ReportBlocks::default(),
        }
    }
}

impl Settings {
    /// Reads the word list and the tone style from the profile.
    pub fn from_profile(p: &Profile) -> Settings {
        let words = p
            .get(WORDS_KEY)
            .map(|s| s.lines().filter_map(normal_word).collect())
            .unwrap_or_default();
        let tone_style = match p.get(TONE_STYLE_KEY).map(crate::text::slugify).as_deref() {
            Some("cu" | "kieu-cu" | "classic") => ToneStyle::Classic,
            _ => ToneStyle::Modern,
        };
        Settings {
            tone_style,
            words,
            ..Settings::default()
        }
    }
}

/// A word as the word list keeps it: trimmed, NFC, lower case.
pub fn normal_word(w: &str) -> Option<String> {
    let w = crate::text::nfc(w.trim()).to_lowercase();
    (!w.is_empty()).then_some(w)
}

/// The word list with `word` added, as the profile stores it (sorted, one a
/// line), or `None` when it is already there.
pub fn add_word(p: &Profile, word: &str) -> Option<String> {
    let w = normal_word(word)?;
    let mut words: Vec<String> = p
        .get(WORDS_KEY)
        .map(|s| s.lines().filter_map(normal_word).collect())
        .unwrap_or_default();
    if words.contains(&w) {
        return None;
    }
    words.push(w);
    words.sort();
    Some(words.join("\n"))
}

/// Checks articles. It keeps what it learnt about each word between runs,
/// so re-checking after a keystroke only looks at the word that changed.
/// It is `Send` but not `Sync`: a shell that shares one keeps it behind a
/// `Mutex`.
#[derive(Debug, Default)]
pub struct Checker {
    pub settings: Settings,
    words: RefCell<context::WordCache>,
}

impl Checker {
    pub fn new(settings: Settings) -> Checker {
        Checker {
            settings,
            words: RefCell::default(),
        }
    }

    /// Every finding on one article, in the order of the text (findings on
    /// metadata first), each rule's own order kept.
    pub fn check(&self, content: &Content, profile: &Profile) -> Vec<Finding> {
        let cx = Context::new(content, profile, &self.settings, &self.words);
        let mut out = Vec::new();
        for rule in ARTICLE_RULES {
            (rule.check)(&cx, &mut out);
        }
        out.sort_by_key(|f| (f.line, f.column));
        out
    }

    /// The findings of one rule only.
    pub fn check_rule(&self, content: &Content, profile: &Profile, id: &str) -> Vec<Finding> {
        let cx = Context::new(content, profile, &self.settings, &self.words);
        let mut out = Vec::new();
        for rule in ARTICLE_RULES.iter().filter(|r| r.id == id) {
            (rule.check)(&cx, &mut out);
        }
        out
    }
}

/// Checks one article with the profile's settings.
pub fn check_article(content: &Content, profile: &Profile) -> Vec<Finding> {
    Checker::new(Settings::from_profile(profile)).check(content, profile)
}

/// Checks a bulletin issue and the articles it gathers (in print order).
pub fn check_bulletin(
    bulletin: &Bulletin,
    articles: &[Article],
    profile: &Profile,
    colophon_shown: bool,
) -> Vec<Finding> {
    let cx = BulletinContext {
        bulletin,
        articles,
        profile,
        colophon_shown,
    };
    let mut out = Vec::new();
    for rule in BULLETIN_RULES {
        (rule.check)(&cx, &mut out);
    }
    out
}

/// Parses the body the way every output does; kept here so rules share one
/// `Document`.
fn parse(body: &str) -> Document {
    crate::markdown::parse(body)
}
