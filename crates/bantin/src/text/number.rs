//! Numbers in Vietnamese notation: '.' groups thousands, ',' is the decimal
//! separator ("1.234,5", "98,5%").
//!
//! Built by hand on top of Rust's own rounding (`{:.N}`) instead of a locale
//! library, since the only locale we ever need is this one and the rules are
//! two characters long. Percentages take a value already in percent
//! (12.5 → "12,5%"), because the statistics editors paste are written that
//! way; a negative value that rounds to zero is shown without a sign so a
//! table never reads "-0,0%".

/// "8.360", "1.234.567", "-12.000", "999".
pub fn format_integer(n: i64) -> String {
    let mut out = String::new();
    if n < 0 {
        out.push('-');
    }
    // unsigned_abs avoids overflow on i64::MIN.
    push_grouped(&mut out, &n.unsigned_abs().to_string());
    out
}

/// `x` rounded to `decimals` places: 12.5 → "12,5", 1234.5 → "1.234,5".
/// Non-finite values come out as "NaN", "∞", "-∞".
pub fn format_decimal(x: f64, decimals: usize) -> String {
    if x.is_nan() {
        return "NaN".to_owned();
    }
    if x.is_infinite() {
        return if x > 0.0 { "∞" } else { "-∞" }.to_owned();
    }
    let plain = format!("{:.*}", decimals, x.abs());
    let (int_part, frac_part) = plain.split_once('.').unwrap_or((&plain, ""));
    let mut out = String::with_capacity(plain.len() + plain.len() / 3 + 1);
    let rounds_to_zero = plain.bytes().all(|b| b == b'0' || b == b'.');
    if x < 0.0 && !rounds_to_zero {
        out.push('-');
    }
    push_grouped(&mut out, int_part);
    if !frac_part.is_empty() {
        out.push(',');
        out.push_str(frac_part);
    }
    out
}

/// `x` is already a percentage: 12.5 → "12,5%".
pub fn format_percent(x: f64, decimals: usize) -> String {
    let mut s = format_decimal(x, decimals);
    s.push('%');
    s
}

/// Appends ASCII `digits` with a '.' before every group of three from the
/// right.
fn push_grouped(out: &mut String, digits: &str) {
    let len = digits.len();
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (len - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(ch);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn integers() {
        assert_eq!(format_integer(0), "0");
        assert_eq!(format_integer(999), "999");
        assert_eq!(format_integer(1000), "1.000");
        assert_eq!(format_integer(8360), "8.360");
        assert_eq!(format_integer(12_000), "12.000");
        assert_eq!(format_integer(123_456), "123.456");
        assert_eq!(format_integer(1_234_567), "1.234.567");
        assert_eq!(format_integer(-12_000), "-12.000");
        assert_eq!(format_integer(-999), "-999");
        assert_eq!(format_integer(i64::MAX), "9.223.372.036.854.775.807");
        assert_eq!(format_integer(i64::MIN), "-9.223.372.036.854.775.808");
    }

    #[test]
    fn decimals() {
        assert_eq!(format_decimal(12.5, 1), "12,5");
        assert_eq!(format_decimal(1234.5, 1), "1.234,5");
        assert_eq!(format_decimal(1234.5, 2), "1.234,50");
        assert_eq!(format_decimal(1234.56, 0), "1.235");
        assert_eq!(format_decimal(0.25, 3), "0,250");
        assert_eq!(format_decimal(-1_234_567.891, 2), "-1.234.567,89");
        assert_eq!(format_decimal(999.96, 1), "1.000,0");
        assert_eq!(format_decimal(-0.001, 2), "0,00");
        assert_eq!(format_decimal(-0.0, 1), "0,0");
        assert_eq!(format_decimal(f64::NAN, 1), "NaN");
        assert_eq!(format_decimal(f64::NEG_INFINITY, 1), "-∞");
    }

    #[test]
    fn percents() {
        assert_eq!(format_percent(12.5, 1), "12,5%");
        assert_eq!(format_percent(98.5, 1), "98,5%");
        assert_eq!(format_percent(100.0, 0), "100%");
        assert_eq!(format_percent(1234.0, 1), "1.234,0%");
        assert_eq!(format_percent(-3.25, 2), "-3,25%");
    }
}
