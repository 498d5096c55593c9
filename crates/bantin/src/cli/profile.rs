//! `bantin profile show|set`: the organisation profile reports and
//! bulletins print.

use bantin::model::{PROFILE_KEYS, Profile};
use bantin::store::Library;
use clap::Subcommand;

use super::CliError;
use super::output::Out;

#[derive(Subcommand, Debug)]
pub enum ProfileAction {
    /// In thông tin đơn vị
    Show {
        #[arg(long)]
        json: bool,
    },
    /// Đặt một trường (xem danh sách bằng "bantin profile show")
    Set { key: String, value: String },
}

pub fn run(lib: &Library, action: ProfileAction, out: &mut Out) -> Result<(), CliError> {
    match action {
        ProfileAction::Show { json } => out.profile(&lib.profile()?, json),
        ProfileAction::Set { key, value } => {
            if !Profile::is_known_key(&key) {
                return Err(CliError::Message(format!(
                    "Không có trường \"{key}\" trong thông tin đơn vị. Các trường: {}.",
                    PROFILE_KEYS
                        .iter()
                        .map(|(k, _)| *k)
                        .collect::<Vec<_>>()
                        .join(", ")
                )));
            }
            lib.set_profile_field(&key, &value)?;
            out.line(&format!("{key}\t{value}"));
        }
    }
    Ok(())
}
