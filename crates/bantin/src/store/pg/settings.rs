//! A unit's settings on the shared library: its profile (name, superior
//! body, …) as `profile.<key>` rows, like the local `settings` table. Each
//! unit sees and changes only its own (row-level security).

use super::{Shared, err};
use crate::model::Profile;
use crate::store::Result;

impl Shared {
    pub(crate) fn profile(&self) -> Result<Profile> {
        self.read(|c| {
            let mut profile = Profile::default();
            for r in c
                .query(
                    "SELECT key, value FROM settings WHERE key LIKE 'profile.%' ORDER BY key",
                    &[],
                )
                .map_err(err)?
            {
                let key: &str = r.get(0);
                profile
                    .fields
                    .insert(key.trim_start_matches("profile.").to_string(), r.get(1));
            }
            Ok(profile)
        })
    }

    pub(crate) fn set_profile_field(&self, key: &str, value: &str) -> Result<()> {
        self.write(|tx| {
            tx.execute(
                "INSERT INTO settings (key, value) VALUES ($1, $2)
                 ON CONFLICT (unit, key) DO UPDATE SET value = EXCLUDED.value",
                &[&format!("profile.{key}"), &value],
            )
            .map_err(err)?;
            Ok(())
        })
    }
}
