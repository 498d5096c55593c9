//! The domain types every part of Bản Tin talks about: articles, their
//! revisions and assets, and the organisation profile.
//!
//! They are plain data (serde, chrono). The field names of their JSON form are
//! a contract: the CLI's `--json` output and the desktop app read them, so
//! rename nothing; add fields instead.

use std::collections::BTreeMap;
use std::fmt;

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

/// Row id of an article in the library.
pub type ArticleId = i64;

/// What an article is: a news item for the bulletin/portal, or a Party report.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Kind {
    #[default]
    #[serde(rename = "tin-bai")]
    TinBai,
    #[serde(rename = "bao-cao")]
    BaoCao,
}

impl Kind {
    pub const ALL: [Kind; 2] = [Kind::TinBai, Kind::BaoCao];

    /// The stable code stored in the library and written in front matter.
    pub fn code(self) -> &'static str {
        match self {
            Kind::TinBai => "tin-bai",
            Kind::BaoCao => "bao-cao",
        }
    }

    /// The label editors see.
    pub fn label(self) -> &'static str {
        match self {
            Kind::TinBai => "Tin bài",
            Kind::BaoCao => "Báo cáo",
        }
    }

    /// Accepts the code or the Vietnamese label in any spelling
    /// ("bao-cao", "Báo cáo", "BAO CAO").
    pub fn parse(s: &str) -> Option<Kind> {
        let folded = crate::text::slugify(s);
        Kind::ALL.into_iter().find(|k| k.code() == folded)
    }
}

/// Where an article is in the editorial workflow.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Status {
    #[default]
    #[serde(rename = "nhap")]
    Draft,
    #[serde(rename = "cho-duyet")]
    Pending,
    #[serde(rename = "da-duyet")]
    Approved,
    #[serde(rename = "da-dang")]
    Published,
}

impl Status {
    pub const ALL: [Status; 4] = [
        Status::Draft,
        Status::Pending,
        Status::Approved,
        Status::Published,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Status::Draft => "nhap",
            Status::Pending => "cho-duyet",
            Status::Approved => "da-duyet",
            Status::Published => "da-dang",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Status::Draft => "Nháp",
            Status::Pending => "Chờ duyệt",
            Status::Approved => "Đã duyệt",
            Status::Published => "Đã đăng",
        }
    }

    pub fn parse(s: &str) -> Option<Status> {
        let folded = crate::text::slugify(s);
        Status::ALL.into_iter().find(|k| k.code() == folded)
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// Everything an editor writes about one article: what a revision snapshots.
///
/// `body` is Markdown without front matter, NFC, with images referenced as
/// `asset:<sha256>`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Content {
    pub title: String,
    #[serde(default)]
    pub summary: String,
    #[serde(default)]
    pub author: String,
    #[serde(default)]
    pub category: String,
    #[serde(default)]
    pub tags: Vec<String>,
    #[serde(default)]
    pub kind: Kind,
    #[serde(default)]
    pub status: Status,
    #[serde(default)]
    pub date: Option<NaiveDate>,
    pub body: String,
    /// Other front-matter fields, kept as written (`so_hieu`, `noi_nhan`, …).
    #[serde(default)]
    pub extra: BTreeMap<String, serde_json::Value>,
}

impl Content {
    /// A report's "Nơi nhận": the article's own list (front matter
    /// `noi_nhan`, a list or one line per recipient), else the office's
    /// (profile field `noi_nhan`, one per line). What prints and what the
    /// checks read.
    pub fn recipients(&self, profile: &Profile) -> Vec<String> {
        match self.extra.get("noi_nhan") {
            Some(serde_json::Value::Array(items)) => items
                .iter()
                .filter_map(|v| v.as_str())
                .map(str::to_string)
                .collect(),
            Some(serde_json::Value::String(s)) => s.lines().map(str::to_string).collect(),
            _ => profile
                .get("noi_nhan")
                .map(|s| s.lines().map(str::to_string).collect())
                .unwrap_or_default(),
        }
    }
}

/// An article as the library holds it now.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Article {
    pub id: ArticleId,
    #[serde(flatten)]
    pub content: Content,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    /// Number of the revision this state is (1 = as imported or created).
    pub revision: u32,
    pub word_count: usize,
}

/// One line of the article list: enough to show and sort, without the body.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ArticleSummary {
    pub id: ArticleId,
    pub title: String,
    pub kind: Kind,
    pub status: Status,
    pub category: String,
    pub date: Option<NaiveDate>,
    pub updated_at: DateTime<Utc>,
    pub revision: u32,
    pub word_count: usize,
}

impl ArticleSummary {
    /// Where the next page of the list starts: just after this line.
    pub fn next_page(&self) -> PageFrom {
        PageFrom {
            updated_at: self.updated_at,
            id: self.id,
        }
    }
}

/// A page of the library list starts after this article: the list is most
/// recently changed first, then by id, so a page is a range of an index
/// (`articles_updated`) on either backend. An article changed between two
/// pages moves to the top, above the pages already read: it is never
/// listed twice, and no other article is skipped.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct PageFrom {
    pub updated_at: DateTime<Utc>,
    pub id: ArticleId,
}

/// What the library list is narrowed to (Thư viện's filters): part of the
/// page query on both backends, so a filtered list pages through every
/// article that matches, not only those of the pages already read. A field
/// left empty narrows nothing.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ListFilter {
    #[serde(default)]
    pub status: Option<Status>,
    #[serde(default)]
    pub kind: Option<Kind>,
    /// A category (Chuyên mục) as the editor chose it: it matches the
    /// articles whose category is the same words, whatever their case and
    /// spacing (`category_key`).
    #[serde(default)]
    pub category: Option<String>,
}

impl ListFilter {
    pub fn is_empty(&self) -> bool {
        self.status.is_none() && self.kind.is_none() && self.category.is_none()
    }
}

/// What makes two categories the same for the list's filter: the same
/// words, ignoring case and spacing ("Văn hóa  xã hội" is "văn hóa xã hội").
/// The UI groups the categories it offers by the same rule.
pub fn category_key(category: &str) -> String {
    category
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// Why a revision was written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RevisionReason {
    Import,
    Create,
    Save,
    Autosave,
    Restore,
    /// Two saves crossed and someone merged them (issue 14).
    Merge,
}

impl RevisionReason {
    pub fn code(self) -> &'static str {
        match self {
            RevisionReason::Import => "import",
            RevisionReason::Create => "create",
            RevisionReason::Save => "save",
            RevisionReason::Autosave => "autosave",
            RevisionReason::Restore => "restore",
            RevisionReason::Merge => "merge",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        [
            Self::Import,
            Self::Create,
            Self::Save,
            Self::Autosave,
            Self::Restore,
            Self::Merge,
        ]
        .into_iter()
        .find(|r| r.code() == s)
    }

    pub fn label(self) -> &'static str {
        match self {
            RevisionReason::Import => "Nhập từ tệp",
            RevisionReason::Create => "Tạo mới",
            RevisionReason::Save => "Lưu",
            RevisionReason::Autosave => "Tự động lưu",
            RevisionReason::Restore => "Khôi phục",
            RevisionReason::Merge => "Hợp nhất",
        }
    }
}

/// Two saves crossed (both made from revision `base`): both are in the
/// history, the newer is the article's current state, and the article waits
/// for someone to merge it with `other`, the state it replaced.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct PendingMerge {
    pub base: u32,
    pub other: u32,
}

/// A revision without its content: a line of the history list.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RevisionInfo {
    pub article_id: ArticleId,
    pub number: u32,
    pub created_at: DateTime<Utc>,
    pub reason: RevisionReason,
    /// For a restore: the revision whose content was brought back.
    pub restored_from: Option<u32>,
    pub title: String,
    /// Size of the body in bytes.
    pub size: usize,
}

/// A full revision: its info and the content as it was then.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Revision {
    #[serde(flatten)]
    pub info: RevisionInfo,
    pub content: Content,
}

/// An image stored once in the library, named by the SHA-256 of its bytes.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Asset {
    pub sha256: String,
    pub mime: String,
    pub size: usize,
    /// The file name it came in with, for export names and messages.
    pub original_name: String,
}

/// The organisation that publishes: used by report headers, bulletin
/// mastheads and colophons. Stored as settings in the library, so every
/// field is optional text that editors fill in once.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Profile {
    pub fields: BTreeMap<String, String>,
}

/// The profile keys editors can set, with what each one means, in the order
/// `profile show` lists them.
pub const PROFILE_KEYS: &[(&str, &str)] = &[
    (
        "cap_tren",
        "Cấp ủy cấp trên trực tiếp (ví dụ: ĐẢNG BỘ XÃ XUÂN HỒNG)",
    ),
    ("co_quan", "Cơ quan ban hành (ví dụ: CHI BỘ THÔN LẠC NAM)"),
    (
        "ky_hieu",
        "Chữ viết tắt của cơ quan trong số ký hiệu (ví dụ: CB)",
    ),
    (
        "dia_danh",
        "Địa danh ghi ở dòng ngày tháng (ví dụ: Xuân Hồng)",
    ),
    ("tm", "Dòng thẩm quyền ký (ví dụ: T/M CHI BỘ)"),
    ("chuc_vu_ky", "Chức vụ người ký (ví dụ: BÍ THƯ)"),
    ("nguoi_ky", "Họ tên người ký"),
    ("noi_nhan", "Nơi nhận mặc định, mỗi nơi một dòng"),
    ("dia_chi", "Địa chỉ cơ quan"),
    ("email", "Thư điện tử"),
    ("dien_thoai", "Điện thoại"),
    ("tac_gia_mac_dinh", "Tác giả – nguồn mặc định"),
    (
        "mau_bao_cao",
        "Mẫu trình bày mặc định cho báo cáo (mặc định: report/hd36-2018)",
    ),
    (
        "mau_tin_bai",
        "Mẫu trình bày mặc định cho tin bài (mặc định: article/v1)",
    ),
    (
        "mau_ban_tin",
        "Mẫu trình bày mặc định cho bản tin (mặc định: bulletin/v1)",
    ),
    (
        "phong_chu",
        "Phông chữ in (mặc định: Times New Roman, nếu không có thì Liberation Serif)",
    ),
    (
        "kieu_bo_dau",
        "Kiểu bỏ dấu khi kiểm tra: moi (hóa, thủy; mặc định) hoặc cu (hoá, thuỷ)",
    ),
];

/// The fields a report's header and signature blocks print: what the app
/// asks for on its first start (Thông tin đơn vị), in `PROFILE_KEYS` order.
pub const REPORT_KEYS: &[&str] = &[
    "cap_tren",
    "co_quan",
    "ky_hieu",
    "dia_danh",
    "tm",
    "chuc_vu_ky",
    "nguoi_ky",
    "noi_nhan",
];

impl Profile {
    /// No field a report prints is filled in yet (a new office).
    pub fn lacks_organisation(&self) -> bool {
        REPORT_KEYS.iter().all(|k| self.get(k).is_none())
    }

    pub fn get(&self, key: &str) -> Option<&str> {
        self.fields
            .get(key)
            .map(String::as_str)
            .filter(|v| !v.trim().is_empty())
    }

    pub fn is_known_key(key: &str) -> bool {
        PROFILE_KEYS.iter().any(|(k, _)| *k == key)
    }
}

/// Row id of a bulletin issue in the library.
pub type BulletinId = i64;

/// Page sizes a bulletin can be printed on (TEMPLATES.md, "Bulletin").
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum PaperSize {
    #[default]
    #[serde(rename = "a4")]
    A4,
    #[serde(rename = "a5")]
    A5,
    /// 19 × 27 cm, the Press Law's largest page for a bulletin.
    #[serde(rename = "19x27")]
    B19x27,
}

impl PaperSize {
    pub const ALL: [PaperSize; 3] = [PaperSize::A4, PaperSize::A5, PaperSize::B19x27];

    pub fn code(self) -> &'static str {
        match self {
            PaperSize::A4 => "a4",
            PaperSize::A5 => "a5",
            PaperSize::B19x27 => "19x27",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            PaperSize::A4 => "A4 (21 × 29,7 cm)",
            PaperSize::A5 => "A5 (14,8 × 21 cm)",
            PaperSize::B19x27 => "19 × 27 cm",
        }
    }

    /// Width and height in millimetres.
    pub fn size_mm(self) -> (f32, f32) {
        match self {
            PaperSize::A4 => (210.0, 297.0),
            PaperSize::A5 => (148.0, 210.0),
            PaperSize::B19x27 => (190.0, 270.0),
        }
    }

    pub fn parse(s: &str) -> Option<PaperSize> {
        let s = s.trim().to_lowercase().replace(['×', ' ', '*'], "x");
        match s.as_str() {
            "a4" => Some(PaperSize::A4),
            "a5" => Some(PaperSize::A5),
            "19x27" | "19x27cm" | "190x270" => Some(PaperSize::B19x27),
            _ => None,
        }
    }
}

/// One issue of a bulletin (bản tin): its masthead, print settings and the
/// ordered articles it gathers. An article may appear in many issues.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Bulletin {
    pub id: BulletinId,
    /// "Bản tin Dân vận".
    pub name: String,
    /// Issue number as printed: "07", "15/2026".
    pub number: String,
    pub date: Option<NaiveDate>,
    /// Issue period as printed ("Tháng 11/2026"); empty: derived from the date.
    pub period: String,
    /// Publisher lines of the masthead, one per line
    /// ("ĐẢNG ỦY XÃ XUÂN HỒNG\nBAN DÂN VẬN"); empty: from the profile.
    pub publisher: String,
    /// Prints "LƯU HÀNH NỘI BỘ" on the masthead.
    pub internal: bool,
    pub paper: PaperSize,
    /// 1 or 2.
    pub columns: u8,
    /// A licensed bulletin (Luật Báo chí 2016): the licence lines in the
    /// colophon become required, with warnings past 64 pages or 19 × 27 cm.
    pub licensed: bool,
    /// Colophon and licence fields by key (see `BULLETIN_FIELDS`).
    pub fields: BTreeMap<String, String>,
    /// Articles in print order.
    pub articles: Vec<ArticleId>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// One line of the bulletin list.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BulletinSummary {
    pub id: BulletinId,
    pub name: String,
    pub number: String,
    pub date: Option<NaiveDate>,
    pub period: String,
    pub articles: usize,
    pub updated_at: DateTime<Utc>,
}

/// Colophon and licence fields of a bulletin, with what each means.
pub const BULLETIN_FIELDS: &[(&str, &str)] = &[
    (
        "chiu_trach_nhiem",
        "Chịu trách nhiệm xuất bản (họ tên, chức vụ)",
    ),
    ("ban_bien_tap", "Ban biên tập, mỗi người một dòng"),
    (
        "co_quan_chu_quan",
        "Cơ quan chủ quản (mặc định: cơ quan trong thông tin đơn vị)",
    ),
    (
        "giay_phep",
        "Số và ngày giấy phép xuất bản (bản tin có phép)",
    ),
    ("noi_in", "Nơi in (bản tin có phép)"),
    ("so_luong", "Số lượng in, ví dụ: 300 bản (bản tin có phép)"),
    (
        "dinh_ky",
        "Kỳ hạn xuất bản, ví dụ: 01 số/tháng (bản tin có phép)",
    ),
];

/// Fields a licensed bulletin must print at the foot of its last page.
pub const LICENCE_FIELDS: &[&str] = &[
    "giay_phep",
    "noi_in",
    "so_luong",
    "dinh_ky",
    "chiu_trach_nhiem",
];

impl Bulletin {
    pub fn field(&self, key: &str) -> Option<&str> {
        self.fields
            .get(key)
            .map(String::as_str)
            .map(str::trim)
            .filter(|v| !v.is_empty())
    }

    /// The period as printed: as set, or "Tháng 11/2026" from the date.
    pub fn period_text(&self) -> String {
        if !self.period.trim().is_empty() {
            return self.period.trim().to_string();
        }
        self.date
            .map(|d| {
                use chrono::Datelike;
                format!("Tháng {:02}/{}", d.month(), d.year())
            })
            .unwrap_or_default()
    }
}
