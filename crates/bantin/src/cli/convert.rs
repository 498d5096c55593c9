//! `bantin convert`: an old TCVN3 or VNI text file to Unicode, on its own.
//!
//! The file may hold the raw 8-bit bytes (saved by an old editor) or the
//! same characters already as UTF-8 (copied out of a document whose font was
//! lost); both read the same. Detection that is not sure converts nothing
//! and says which `--from` to pass.

use std::path::PathBuf;

use bantin::text::legacy::{self, Encoding, SURE};

use super::CliError;
use super::output::Out;

#[derive(clap::Args, Debug)]
pub struct ConvertArgs {
    /// Bảng mã của tệp: tcvn3, tcvn3h (phông chữ hoa .VnTimeH), vni hoặc auto (tự nhận)
    #[arg(long, default_value = "auto", value_name = "BẢNG MÃ")]
    from: String,
    #[arg(value_name = "TỆP")]
    file: PathBuf,
    /// Ghi ra tệp này (mặc định: in ra màn hình)
    #[arg(short = 'o', long = "output", value_name = "TỆP")]
    output: Option<PathBuf>,
}

pub fn run(args: ConvertArgs, out: &mut Out) -> Result<i32, CliError> {
    let bytes = std::fs::read(&args.file).map_err(|e| {
        CliError::Message(format!(
            "Không đọc được tệp \"{}\".\n{e}",
            args.file.display()
        ))
    })?;
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
    let text = match std::str::from_utf8(bytes) {
        Ok(text) => text.to_owned(),
        Err(_) => legacy::chars_from_bytes(bytes),
    };
    let encoding = match args.from.to_ascii_lowercase().as_str() {
        "tcvn3" => Encoding::Tcvn3,
        "tcvn3h" => Encoding::Tcvn3Capitals,
        "vni" => Encoding::Vni,
        "auto" => detected(&text)?,
        other => {
            return Err(CliError::Message(format!(
                "Không có bảng mã \"{other}\"; hãy dùng tcvn3, tcvn3h, vni hoặc auto."
            )));
        }
    };
    let unicode = legacy::decode(&text, encoding);
    match &args.output {
        Some(path) => {
            bantin::export::write_atomically(path, unicode.as_bytes())?;
            out.line(&format!("{}\tđã chuyển từ {encoding}", path.display()));
        }
        None => out.line(unicode.strip_suffix('\n').unwrap_or(&unicode)),
    }
    Ok(0)
}

fn detected(text: &str) -> Result<Encoding, CliError> {
    match legacy::detect(text) {
        Some((encoding, confidence)) if confidence >= SURE => Ok(encoding),
        Some((encoding, confidence)) => Err(CliError::Message(format!(
            "Chưa chắc tệp này dùng bảng mã nào (có vẻ là {encoding}, độ tin cậy {:.0}%), nên chưa chuyển. \
             Nếu đúng, hãy chạy lại với --from {}.",
            confidence * 100.0,
            if encoding == Encoding::Vni { "vni" } else { "tcvn3" },
        ))),
        None => Err(CliError::Message(
            "Tệp này không giống văn bản TCVN3 hay VNI (có thể đã là Unicode), nên không chuyển gì. \
             Nếu chắc chắn là mã cũ, hãy chỉ rõ bằng --from tcvn3 hoặc --from vni."
                .into(),
        )),
    }
}
