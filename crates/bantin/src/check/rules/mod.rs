//! The registry: every rule, in the order findings of equal place are
//! listed. Adding a rule is one file here and one line below.

mod anh_do_phan_giai;
mod anh_thieu_chu_thich;
mod ban_tin_bai;
mod ban_tin_giay_phep;
mod ban_tin_kho_giay;
mod ban_tin_mang_set;
mod ban_tin_noi_bo;
mod chinh_ta;
mod chu_to_hop;
mod dau_cach_kep;
mod dau_cach_truoc_dau_cau;
mod dia_danh_ngay_thang;
mod kieu_bo_dau;
mod ngay_thang;
mod ngoac_kep;
mod nguoi_ky;
mod noi_nhan;
mod so_ky_hieu;
mod thieu_dau_cach_sau_dau_cau;
mod thong_tin_don_vi;
mod trich_yeu;
mod viet_tat;

#[cfg(test)]
pub(crate) mod testing;

use super::{BulletinRule, Rule};
use crate::model::{Article, Bulletin, Profile};

/// Rules over one article.
pub const ARTICLE_RULES: &[Rule] = &[
    chinh_ta::RULE,
    chu_to_hop::RULE,
    kieu_bo_dau::RULE,
    ngoac_kep::RULE,
    dau_cach_kep::RULE,
    dau_cach_truoc_dau_cau::RULE,
    thieu_dau_cach_sau_dau_cau::RULE,
    viet_tat::BEFORE_DEFINITION,
    viet_tat::UNDEFINED,
    ngay_thang::RULE,
    anh_thieu_chu_thich::RULE,
    anh_do_phan_giai::RULE,
    so_ky_hieu::RULE,
    dia_danh_ngay_thang::RULE,
    thong_tin_don_vi::RULE,
    trich_yeu::RULE,
    noi_nhan::RULE,
    nguoi_ky::RULE,
];

/// Rules over a bulletin issue and its articles.
pub const BULLETIN_RULES: &[BulletinRule] = &[
    ban_tin_mang_set::RULE,
    ban_tin_giay_phep::RULE,
    ban_tin_kho_giay::RULE,
    ban_tin_noi_bo::RULE,
    ban_tin_bai::RULE,
];

/// What a bulletin rule reads.
pub struct BulletinContext<'a> {
    pub bulletin: &'a Bulletin,
    /// The articles in print order.
    pub articles: &'a [Article],
    pub profile: &'a Profile,
    /// Whether the template prints the colophon (`bulletin.show`),
    /// where the licence lines go.
    pub colophon_shown: bool,
}
