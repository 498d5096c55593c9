//! What a template file may say: every number within a range that still
//! prints a readable page, and a message in Vietnamese that names the field
//! when it does not. A file from another office goes through here before
//! anything is stored.

use super::file::{BulletinFile, FORMAT, PaperClassFile, TemplateFile};
use super::{Margins, Paper};

/// Smallest text block (width and height) a template may leave, in mm.
pub const MIN_TEXT_MM: f32 = 50.0;

/// Why a template file was refused.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum TemplateError {
    #[error(
        "Tệp mẫu trình bày không đọc được ở dòng {line}, cột {column}. Hãy kiểm tra cách viết YAML của tệp (dấu hai chấm, thụt lề)."
    )]
    Syntax { line: usize, column: usize },
    #[error(
        "Tệp mẫu trình bày có trường lạ «{field}» (dòng {line}). Hãy xóa trường này hoặc sửa lại tên; các trường được phép ở đó: {expected}."
    )]
    UnknownField {
        field: String,
        expected: String,
        line: usize,
    },
    #[error("Tệp mẫu trình bày thiếu trường «{field}». Hãy thêm trường này rồi nhập lại.")]
    MissingField { field: String },
    #[error(
        "Trường «{field}» của tệp mẫu trình bày có giá trị sai kiểu (dòng {line}). Hãy ghi một số, một chữ hoặc true/false như tệp mẫu gốc."
    )]
    WrongType { field: String, line: usize },
    #[error(
        "Tệp mẫu trình bày ghi định dạng {found} (trường «format»); bản Bản Tin này chỉ đọc được định dạng {supported}. Hãy xin tệp ở định dạng {supported} hoặc cập nhật Bản Tin."
    )]
    Format { found: u32, supported: u32 },
    #[error(
        "Mẫu trình bày «{name}»: trường «{field}» là {value}{unit}, ngoài khoảng cho phép (từ {min} đến {max}{unit}). Hãy sửa giá trị này."
    )]
    OutOfRange {
        name: String,
        field: String,
        value: f32,
        min: f32,
        max: f32,
        unit: &'static str,
    },
    #[error("Mẫu trình bày «{name}»: trường «{field}» {problem}")]
    Invalid {
        name: String,
        field: String,
        problem: String,
    },
}

impl TemplateError {
    /// The field the error is about, when there is one.
    pub fn field(&self) -> Option<&str> {
        match self {
            TemplateError::Syntax { .. } => None,
            TemplateError::Format { .. } => Some("format"),
            TemplateError::UnknownField { field, .. }
            | TemplateError::MissingField { field }
            | TemplateError::WrongType { field, .. }
            | TemplateError::OutOfRange { field, .. }
            | TemplateError::Invalid { field, .. } => Some(field),
        }
    }

    /// serde's messages are English; only their facts (the field, the line)
    /// are kept.
    pub(super) fn from_yaml(e: serde_norway::Error) -> TemplateError {
        let (line, column) = e
            .location()
            .map(|l| (l.line(), l.column()))
            .unwrap_or((0, 0));
        let text = e.to_string();
        let text = text.split(" at line ").next().unwrap_or(&text);
        // "margins: unknown field `x`, expected …": the path comes first.
        let (path, msg) = match text.split_once(": ") {
            Some((p, m)) if !p.contains(' ') => (p.to_string(), m),
            _ => (String::new(), text),
        };
        let join = |f: &str| {
            if path.is_empty() || path == "." {
                f.to_string()
            } else {
                format!("{path}.{f}")
            }
        };
        let quoted: Vec<&str> = msg.split('`').skip(1).step_by(2).collect();
        if msg.starts_with("unknown field") {
            let field = quoted.first().copied().unwrap_or("");
            let expected = quoted.get(1..).unwrap_or(&[]).join(", ");
            TemplateError::UnknownField {
                field: join(field),
                expected,
                line,
            }
        } else if msg.starts_with("missing field") {
            TemplateError::MissingField {
                field: join(quoted.first().copied().unwrap_or("")),
            }
        } else if msg.starts_with("invalid") || msg.starts_with("unknown variant") {
            TemplateError::WrongType {
                field: if path.is_empty() { ".".into() } else { path },
                line,
            }
        } else {
            TemplateError::Syntax { line, column }
        }
    }
}

/// Checks ranges for one template; `name` goes into every message.
struct Check<'a> {
    name: &'a str,
}

impl Check<'_> {
    fn range(&self, field: &str, value: f32, min: f32, max: f32, unit: &'static str) -> R {
        if value.is_finite() && (min..=max).contains(&value) {
            Ok(())
        } else {
            Err(TemplateError::OutOfRange {
                name: self.name.into(),
                field: field.into(),
                value,
                min,
                max,
                unit,
            })
        }
    }

    fn size(&self, field: &str, pt: f32) -> R {
        self.range(field, pt, 6.0, 72.0, " pt")
    }

    fn indent(&self, field: &str, mm: f32) -> R {
        self.range(field, mm, 0.0, 50.0, " mm")
    }

    fn invalid(&self, field: &str, problem: impl Into<String>) -> TemplateError {
        TemplateError::Invalid {
            name: self.name.into(),
            field: field.into(),
            problem: problem.into(),
        }
    }

    /// Paper 50–1000 mm, margins ≥ 0 leaving a text block of `MIN_TEXT_MM`.
    fn page(&self, at: &str, paper: Option<Paper>, m: &Margins) -> R {
        if let Some(p) = paper {
            self.range(
                &format!("{at}paper.width_mm"),
                p.width_mm,
                50.0,
                1000.0,
                " mm",
            )?;
            self.range(
                &format!("{at}paper.height_mm"),
                p.height_mm,
                50.0,
                1000.0,
                " mm",
            )?;
        }
        for (f, v) in [
            ("top_mm", m.top_mm),
            ("bottom_mm", m.bottom_mm),
            ("left_mm", m.left_mm),
            ("right_mm", m.right_mm),
        ] {
            self.range(&format!("{at}margins.{f}"), v, 0.0, 300.0, " mm")?;
        }
        let Some(p) = paper else { return Ok(()) };
        let w = p.width_mm - m.left_mm - m.right_mm;
        if w < MIN_TEXT_MM {
            return Err(self.invalid(
                &format!("{at}margins.left_mm"),
                format!(
                    "cùng lề phải chỉ để lại {w:.1} mm chiều ngang cho chữ trên khổ giấy rộng {} mm; cần ít nhất {MIN_TEXT_MM} mm. Hãy giảm lề trái hoặc lề phải.",
                    p.width_mm
                ),
            ));
        }
        let h = p.height_mm - m.top_mm - m.bottom_mm;
        if h < MIN_TEXT_MM {
            return Err(self.invalid(
                &format!("{at}margins.top_mm"),
                format!(
                    "cùng lề dưới chỉ để lại {h:.1} mm chiều dọc cho chữ trên khổ giấy cao {} mm; cần ít nhất {MIN_TEXT_MM} mm. Hãy giảm lề trên hoặc lề dưới.",
                    p.height_mm
                ),
            ));
        }
        Ok(())
    }
}

type R = Result<(), TemplateError>;

impl TemplateFile {
    pub(super) fn validate(&self) -> R {
        if self.format != FORMAT {
            return Err(TemplateError::Format {
                found: self.format,
                supported: FORMAT,
            });
        }
        let c = Check { name: &self.name };
        let name_ok = !self.name.is_empty()
            && self.name.len() <= 80
            && self
                .name
                .chars()
                .all(|ch| ch.is_ascii_lowercase() || ch.is_ascii_digit() || "-/._".contains(ch));
        if !name_ok {
            return Err(c.invalid(
                "name",
                "phải là chữ thường không dấu, số, «-», «/», «.» hoặc «_» (tối đa 80 ký tự), ví dụ report/hd36-2018.",
            ));
        }
        if self.version == 0 {
            return Err(c.invalid("version", "phải từ 1 trở lên."));
        }
        if self.title.trim().is_empty() {
            return Err(c.invalid(
                "title",
                "không được để trống: hãy ghi tên mẫu bằng tiếng Việt.",
            ));
        }
        if self.source.trim().is_empty() {
            return Err(c.invalid(
                "source",
                "không được để trống: hãy ghi văn bản hướng dẫn mà mẫu tuân theo.",
            ));
        }
        let fronts = [
            self.report.is_some(),
            self.article.is_some(),
            self.bulletin.is_some(),
        ];
        if fronts.iter().filter(|x| **x).count() != 1 {
            return Err(c.invalid(
                "report",
                "— tệp phải có đúng một trong ba phần «report», «article» hoặc «bulletin».",
            ));
        }
        if let Some(b) = &self.bulletin {
            for f in ["page", "text", "page_numbers"] {
                let present = match f {
                    "page" => self.page.is_some(),
                    "text" => self.text.is_some(),
                    _ => self.page_numbers.is_some(),
                };
                if present {
                    return Err(c.invalid(
                        f,
                        "không dùng trong mẫu bản tin: khổ giấy và cỡ chữ của bản tin nằm trong phần «bulletin».",
                    ));
                }
            }
            return self.validate_bulletin(&c, b);
        }
        let page = self.page.as_ref().ok_or(TemplateError::MissingField {
            field: "page".into(),
        })?;
        let text = self.text.as_ref().ok_or(TemplateError::MissingField {
            field: "text".into(),
        })?;
        let numbers = self
            .page_numbers
            .as_ref()
            .ok_or(TemplateError::MissingField {
                field: "page_numbers".into(),
            })?;
        c.page("page.", Some(page.paper), &page.margins)?;
        c.size("text.body_size", text.body_size)?;
        c.range("text.leading", text.leading, 1.0, 3.0, "")?;
        c.indent("text.first_indent_mm", text.first_indent_mm)?;
        c.range("text.para_space", text.para_space, 0.0, 72.0, " pt")?;
        for (k, s) in text.heading_sizes.iter().enumerate() {
            c.size(&format!("text.heading_sizes[{k}]"), *s)?;
        }
        c.size("text.table_size", text.table_size)?;
        c.size("text.caption_size", text.caption_size)?;
        c.size("text.footnote_size", text.footnote_size)?;
        c.size("text.code_size", text.code_size)?;
        c.indent("text.list_indent_mm", text.list_indent_mm)?;
        c.indent("text.quote_indent_mm", text.quote_indent_mm)?;
        if text.bullet.chars().count() != 1 {
            return Err(c.invalid("text.bullet", "phải là đúng một ký tự, ví dụ «-» hoặc «–»."));
        }
        c.range(
            "page_numbers.from_page",
            numbers.from_page as f32,
            1.0,
            1000.0,
            "",
        )?;
        c.range(
            "page_numbers.from_edge_mm",
            numbers.from_edge_mm,
            0.0,
            page.paper.height_mm / 2.0,
            " mm",
        )?;
        c.size("page_numbers.size", numbers.size)?;
        if let Some(r) = &self.report {
            c.range("report.left_column", r.left_column, 0.2, 0.8, "")?;
            for (f, v) in [
                ("report.national_size", r.national_size),
                ("report.header_size", r.header_size),
                ("report.type_name_size", r.type_name_size),
                ("report.summary_size", r.summary_size),
                ("report.recipients_heading_size", r.recipients_heading_size),
                ("report.recipients_size", r.recipients_size),
                ("report.signature_size", r.signature_size),
            ] {
                c.size(f, v)?;
            }
            c.range(
                "report.summary_rule_mm",
                r.summary_rule_mm,
                0.0,
                200.0,
                " mm",
            )?;
            c.range(
                "report.signature_lines",
                r.signature_lines as f32,
                0.0,
                12.0,
                "",
            )?;
        }
        if let Some(a) = &self.article {
            c.size("article.title_size", a.title_size)?;
            c.size("article.author_size", a.author_size)?;
        }
        Ok(())
    }

    fn validate_bulletin(&self, c: &Check, b: &BulletinFile) -> R {
        c.range(
            "bulletin.small_paper_below_mm",
            b.small_paper_below_mm,
            50.0,
            1000.0,
            " mm",
        )?;
        c.range("bulletin.leading", b.leading, 1.0, 3.0, "")?;
        if b.bullet.chars().count() != 1 {
            return Err(c.invalid("bulletin.bullet", "phải là đúng một ký tự, ví dụ «–»."));
        }
        c.range("bulletin.para_space_em", b.para_space_em, 0.0, 3.0, "")?;
        c.range("bulletin.article_gap_em", b.article_gap_em, 0.0, 10.0, "")?;
        c.range(
            "bulletin.page_numbers_from_page",
            b.page_numbers_from_page as f32,
            1.0,
            1000.0,
            "",
        )?;
        c.range(
            "bulletin.page_number_in_bottom_margin",
            b.page_number_in_bottom_margin,
            0.0,
            1.0,
            "",
        )?;
        c.range(
            "bulletin.running_head_in_top_margin",
            b.running_head_in_top_margin,
            0.0,
            1.0,
            "",
        )?;
        for (at, col) in [
            ("one_column", &b.one_column),
            ("two_columns", &b.two_columns),
        ] {
            c.range(
                &format!("bulletin.{at}.title_offset"),
                col.title_offset,
                -6.0,
                36.0,
                " pt",
            )?;
            c.indent(
                &format!("bulletin.{at}.first_indent_mm"),
                col.first_indent_mm,
            )?;
            c.indent(&format!("bulletin.{at}.list_indent_mm"), col.list_indent_mm)?;
            c.indent(
                &format!("bulletin.{at}.quote_indent_mm"),
                col.quote_indent_mm,
            )?;
        }
        c.range(
            "bulletin.licensed.max_pages",
            b.licensed.max_pages as f32,
            1.0,
            1000.0,
            "",
        )?;
        c.range(
            "bulletin.licensed.max_width_mm",
            b.licensed.max_width_mm,
            50.0,
            1000.0,
            " mm",
        )?;
        c.range(
            "bulletin.licensed.max_height_mm",
            b.licensed.max_height_mm,
            50.0,
            1000.0,
            " mm",
        )?;
        validate_class(c, "bulletin.large.", &b.large)?;
        validate_class(c, "bulletin.small.", &b.small)?;
        // Every size the offsets give, on every paper a bulletin can use.
        for paper in crate::model::PaperSize::ALL {
            let (width_mm, height_mm) = paper.size_mm();
            let p = Paper {
                width_mm,
                height_mm,
            };
            let class = if width_mm < b.small_paper_below_mm {
                "small"
            } else {
                "large"
            };
            let m = if class == "small" {
                &b.small.margins
            } else {
                &b.large.margins
            };
            c.page(&format!("bulletin.{class}."), Some(p), m)?;
            for columns in [1, 2] {
                let t = b.template(&self.name, p, columns);
                let super::Front::Bulletin(st) = &t.front else {
                    continue;
                };
                let sizes = [
                    (
                        "size_offsets.headings",
                        t.heading_sizes.iter().copied().fold(72.0, f32::min),
                    ),
                    (
                        "size_offsets.headings",
                        t.heading_sizes.iter().copied().fold(6.0, f32::max),
                    ),
                    ("size_offsets.table", t.table_size),
                    ("size_offsets.caption", t.caption_size),
                    ("size_offsets.footnote", t.footnote_size),
                    ("size_offsets.code", t.code_size),
                    ("size_offsets.page_number", t.page_numbers.size),
                    ("size_offsets.author", st.author_size),
                    ("size_offsets.contents", st.contents_size),
                    ("size_offsets.running_head", st.running_size),
                    ("size_offsets.colophon", st.colophon_size),
                ];
                for (f, v) in sizes {
                    c.size(&format!("bulletin.{f}"), v)?;
                }
                let at = if columns == 1 {
                    "one_column"
                } else {
                    "two_columns"
                };
                c.size(&format!("bulletin.{at}.title_offset"), st.title_size)?;
                let col_mm = (t.text_width() / super::MM - st.gutter_mm * (columns - 1) as f32)
                    / columns as f32;
                if col_mm < 30.0 {
                    return Err(c.invalid(
                        &format!("bulletin.{class}.gutter_mm"),
                        format!(
                            "để lại cột chữ chỉ rộng {col_mm:.1} mm khi in {columns} cột; cần ít nhất 30 mm. Hãy giảm khoảng cách cột hoặc lề."
                        ),
                    ));
                }
            }
        }
        Ok(())
    }
}

fn validate_class(c: &Check, at: &str, k: &PaperClassFile) -> R {
    c.page(at, None, &k.margins)?;
    c.range(&format!("{at}gutter_mm"), k.gutter_mm, 0.0, 50.0, " mm")?;
    c.size(&format!("{at}name_size"), k.name_size)?;
    c.size(&format!("{at}kicker_size"), k.kicker_size)?;
    c.size(&format!("{at}masthead_size"), k.masthead_size)?;
    c.size(&format!("{at}body_size_one_column"), k.body_size_one_column)?;
    c.size(
        &format!("{at}body_size_two_columns"),
        k.body_size_two_columns,
    )
}
