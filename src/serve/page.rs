//! The page's files, embedded from `web/serve/`: plain HTML, CSS and JavaScript, no
//! framework, no external resource. `http.js` is the only one that knows the backend
//! (this server); a static page can load another adapter in its place.

/// One file of the page.
pub struct Fichier {
    /// Its name in the page's folder (`app.js`).
    pub nom: &'static str,
    pub type_mime: &'static str,
    pub texte: &'static str,
}

/// Every file of the page; the first is the page itself.
pub const FICHIERS: &[Fichier] = &[
    Fichier {
        nom: "index.html",
        type_mime: "text/html; charset=utf-8",
        texte: include_str!("../../web/serve/index.html"),
    },
    Fichier {
        nom: "app.css",
        type_mime: "text/css; charset=utf-8",
        texte: include_str!("../../web/serve/app.css"),
    },
    Fichier {
        nom: "app.js",
        type_mime: "text/javascript; charset=utf-8",
        texte: include_str!("../../web/serve/app.js"),
    },
    Fichier {
        nom: "http.js",
        type_mime: "text/javascript; charset=utf-8",
        texte: include_str!("../../web/serve/http.js"),
    },
];

/// The file named `nom` (`""` is the page itself).
pub fn fichier(nom: &str) -> Option<&'static Fichier> {
    let nom = if nom.is_empty() { "index.html" } else { nom };
    FICHIERS.iter().find(|f| f.nom == nom)
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_page_loads_only_its_own_files() {
        let page = super::fichier("").unwrap().texte;
        for f in super::FICHIERS {
            assert!(
                !f.texte.contains("http://") && !f.texte.contains("https://"),
                "{}",
                f.nom
            );
        }
        assert!(page.contains("src=\"http.js\"") && page.contains("src=\"app.js\""));
        assert!(super::fichier("../Cargo.toml").is_none());
    }
}
