//! What a template file may say: every number within a range that still
//! prints a readable page, and a message in Vietnamese that names the field
//! when it does not. A file from another office goes through here before
//! anything is stored.

use super::file::{FORMAT, TemplateFile};
use super::parts::{validate_blocks, validate_spacing};
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
        "Trường «{field}» của tệp mẫu trình bày (dòng {line}) chỉ nhận true (in phần này) hoặc false (không in). Hãy sửa lại giá trị."
    )]
    NotYesNo { field: String, line: usize },
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
    #[error(
        "Mẫu trình bày «{name}» phải có đúng một trong ba phần «report» (văn bản của Đảng), «article» (bài viết) hoặc «bulletin» (bản tin). Hãy xem một mẫu đi kèm (bantin template export report -o mau.yaml) để biết cách viết."
    )]
    Kind { name: String },
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
            TemplateError::Kind { .. } => Some("report"),
            TemplateError::UnknownField { field, .. }
            | TemplateError::MissingField { field }
            | TemplateError::WrongType { field, .. }
            | TemplateError::NotYesNo { field, .. }
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
        } else if msg.starts_with("invalid") && msg.contains("expected a boolean") {
            TemplateError::NotYesNo {
                field: if path.is_empty() { ".".into() } else { path },
                line,
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
pub(super) struct Check<'a> {
    pub(super) name: &'a str,
}

impl Check<'_> {
    pub(super) fn range(
        &self,
        field: &str,
        value: f32,
        min: f32,
        max: f32,
        unit: &'static str,
    ) -> R {
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

    pub(super) fn size(&self, field: &str, pt: f32) -> R {
        self.range(field, pt, 6.0, 72.0, " pt")
    }

    pub(super) fn indent(&self, field: &str, mm: f32) -> R {
        self.range(field, mm, 0.0, 50.0, " mm")
    }

    pub(super) fn invalid(&self, field: &str, problem: impl Into<String>) -> TemplateError {
        TemplateError::Invalid {
            name: self.name.into(),
            field: field.into(),
            problem: problem.into(),
        }
    }

    /// Paper 50–1000 mm, margins ≥ 0 leaving a text block of `MIN_TEXT_MM`.
    pub(super) fn page(&self, at: &str, paper: Option<Paper>, m: &Margins) -> R {
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

pub(super) type R = Result<(), TemplateError>;

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
            return Err(TemplateError::Kind {
                name: self.name.clone(),
            });
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
        let blocks = self.blocks.as_ref().ok_or(TemplateError::MissingField {
            field: "blocks".into(),
        })?;
        validate_blocks(&c, "blocks.", blocks)?;
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
            report_gaps(&c, r)?;
        }
        if let Some(a) = &self.article {
            c.size("article.title_size", a.title_size)?;
            c.size("article.author_size", a.author_size)?;
            validate_spacing(&c, "article.spacing.", &a.spacing)?;
        }
        Ok(())
    }
}

fn report_gaps(c: &Check, r: &super::ReportStyle) -> R {
    c.range(
        "report.signature_line_em",
        r.signature_line_em,
        0.5,
        5.0,
        "",
    )?;
    c.range("report.rule_pt", r.rule_pt, 0.0, 5.0, " pt")?;
    c.range(
        "report.recipients_rule_pt",
        r.recipients_rule_pt,
        0.0,
        5.0,
        " pt",
    )?;
    for (f, v) in [
        ("report.national_rule_gap_pt", r.national_rule_gap_pt),
        ("report.date_gap_pt", r.date_gap_pt),
        ("report.head_gap_pt", r.head_gap_pt),
        ("report.title_space_pt", r.title_space_pt),
        ("report.summary_rule_gap_pt", r.summary_rule_gap_pt),
        ("report.title_gap_pt", r.title_gap_pt),
        ("report.recipients_rule_gap_pt", r.recipients_rule_gap_pt),
        ("report.signature_space_pt", r.signature_space_pt),
    ] {
        c.range(f, v, 0.0, 72.0, " pt")?;
    }
    Ok(())
}
