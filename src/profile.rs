//! Where a profile keeps its files: settings, the store, trusted certificates.
//!
//! The default profile follows the platform's conventions (via `directories`):
//! settings in the config dir, mail in the *data* dir (never the cache dir: for
//! POP accounts the store is the only copy of the user's mail). `--profile DIR`
//! (or `BREV_PROFILE`) keeps everything of that profile in `DIR`, like
//! Thunderbird's profiles; its passwords get their own keyring namespace.

use std::path::{Path, PathBuf};

/// The files of one profile.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Profile {
    config_dir: PathBuf,
    data_dir: PathBuf,
    /// Set for a `--profile DIR` profile: its canonical directory.
    custom: Option<PathBuf>,
}

#[derive(Debug, thiserror::Error)]
pub enum ProfileError {
    #[error("no home directory found to keep Brev's files in")]
    NoHome,
    #[error("cannot create {path}: {source}")]
    Create {
        path: PathBuf,
        source: std::io::Error,
    },
}

impl ProfileError {
    pub fn user_message(&self) -> String {
        match self {
            ProfileError::NoHome => crate::fl!("profile-no-home"),
            ProfileError::Create { path, source } => crate::fl!(
                "profile-cannot-create",
                path = path.display().to_string(),
                reason = source.to_string()
            ),
        }
    }
}

impl Profile {
    /// The profile in `dir`, or the user's default profile when `dir` is None.
    pub fn resolve(dir: Option<&Path>) -> Result<Profile, ProfileError> {
        match dir {
            Some(dir) => Profile::at(dir),
            None => Profile::default_dirs(),
        }
    }

    /// The user's default profile, in the platform's directories.
    pub fn default_dirs() -> Result<Profile, ProfileError> {
        let dirs = directories::ProjectDirs::from("", "", "Brev").ok_or(ProfileError::NoHome)?;
        Ok(Profile {
            config_dir: dirs.config_dir().to_path_buf(),
            data_dir: dirs.data_dir().to_path_buf(),
            custom: None,
        })
    }

    /// A profile that keeps everything in `dir` (created if missing).
    pub fn at(dir: &Path) -> Result<Profile, ProfileError> {
        create_dir(dir)?;
        let dir = dir.canonicalize().map_err(|source| ProfileError::Create {
            path: dir.to_path_buf(),
            source,
        })?;
        Ok(Profile {
            config_dir: dir.clone(),
            data_dir: dir.clone(),
            custom: Some(dir),
        })
    }

    /// Create the profile's directories when missing.
    pub fn ensure_dirs(&self) -> Result<(), ProfileError> {
        create_dir(&self.config_dir)?;
        create_dir(&self.data_dir)
    }

    pub fn config_dir(&self) -> &Path {
        &self.config_dir
    }

    pub fn data_dir(&self) -> &Path {
        &self.data_dir
    }

    /// The settings and accounts (TOML).
    pub fn config_file(&self) -> PathBuf {
        self.config_dir.join("config.toml")
    }

    /// The mail store (SQLite).
    pub fn store_file(&self) -> PathBuf {
        self.data_dir.join("brev.sqlite3")
    }

    /// Passwords, only when the user opted in to a file instead of the keyring.
    pub fn password_file(&self) -> PathBuf {
        self.config_dir.join("passwords.toml")
    }

    /// The keyring service name: profiles never see each other's passwords.
    pub fn keyring_service(&self) -> String {
        match &self.custom {
            Some(dir) => format!("brev:{}", dir.display()),
            None => "brev".to_owned(),
        }
    }
}

fn create_dir(path: &Path) -> Result<(), ProfileError> {
    std::fs::create_dir_all(path).map_err(|source| ProfileError::Create {
        path: path.to_path_buf(),
        source,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn custom_profile_keeps_everything_in_its_dir() {
        let dir = tempfile::tempdir().unwrap();
        let p = Profile::at(&dir.path().join("p1")).unwrap();
        let root = dir.path().join("p1").canonicalize().unwrap();
        assert_eq!(p.config_file(), root.join("config.toml"));
        assert_eq!(p.store_file(), root.join("brev.sqlite3"));
        assert!(p.keyring_service().starts_with("brev:"));
        let other = Profile::at(&dir.path().join("p2")).unwrap();
        assert_ne!(p.keyring_service(), other.keyring_service());
    }

    #[test]
    fn default_profile_keeps_mail_in_data_dir_not_cache() {
        if let Ok(p) = Profile::default_dirs() {
            let dirs = directories::ProjectDirs::from("", "", "Brev").unwrap();
            assert!(!p.store_file().starts_with(dirs.cache_dir()));
            assert!(p.store_file().starts_with(dirs.data_dir()));
            assert_eq!(p.keyring_service(), "brev");
        }
    }
}
