//! Where this build of ldm is published: the address of its repository, when the build
//! was told it (`LDM_DEPOT` set while compiling, as release.yml does), and the download
//! address of this version's binaries that follows from it.
//!
//! ldm names no repository of its own otherwise: a build without `LDM_DEPOT` leaves the
//! address to the school (the CI files' `LDM_TELECHARGEMENT`, README « Installer ldm »).

/// The repository's web address (`https://…`, no trailing `/` or `.git`), if known.
pub fn repository() -> Option<String> {
    web_address(option_env!("LDM_DEPOT")?)
}

/// Where the CI files download this version's binaries and `SHA256SUMS` from, if known:
/// `<dépôt>/releases/download/v<version>` (the form of GitHub, Forgejo and Gitea).
pub fn download_base() -> Option<String> {
    let repo = repository()?;
    Some(format!(
        "{repo}/releases/download/v{}",
        env!("CARGO_PKG_VERSION")
    ))
}

/// An `http(s)` address without its trailing `/` or `.git`; `None` for anything else (an
/// SSH address of the git repository is no web page to link to).
fn web_address(given: &str) -> Option<String> {
    let s = given.trim().trim_end_matches('/');
    let s = s.strip_suffix(".git").unwrap_or(s);
    let has_host = ["https://", "http://"]
        .iter()
        .any(|p| s.strip_prefix(p).is_some_and(|rest| !rest.is_empty()));
    has_host.then(|| s.to_string())
}

#[cfg(test)]
mod tests {
    use super::web_address;

    #[test]
    fn only_web_addresses_are_kept_and_trimmed() {
        assert_eq!(
            web_address(" https://forge.example/ac/ldm.git/ ").as_deref(),
            Some("https://forge.example/ac/ldm")
        );
        assert_eq!(web_address("git@forge.example:ac/ldm.git"), None);
        assert_eq!(web_address("https://"), None);
        assert_eq!(web_address(""), None);
    }
}
