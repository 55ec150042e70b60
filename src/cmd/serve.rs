//! `ldm serve`: the dossier live in the browser while the team writes it.

use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct Args {
    /// Dossier de labellisation (par défaut : celui qui contient le dossier courant)
    #[arg(default_value = ".")]
    dossier: PathBuf,
    /// Port à écouter sur 127.0.0.1 (par défaut : un port libre, choisi par le système)
    #[arg(long, value_name = "PORT")]
    port: Option<u16>,
    /// Ouvrir la page dans le navigateur par défaut
    #[arg(long)]
    ouvrir: bool,
    /// Éditeur qu'ouvrent les liens des constats, à la ligne : vscode, vscodium, ou une
    /// adresse avec {fichier} et {ligne} (« monediteur://open?file={fichier}&line={ligne} »)
    #[arg(long, value_name = "EDITEUR")]
    editeur: Option<String>,
}

#[cfg(feature = "serve")]
pub fn run(a: Args) -> anyhow::Result<ExitCode> {
    use ldm::serve::http::{Options, Serveur};
    let editeur = match a.editeur.as_deref().map(ldm::serve::state::editeur) {
        Some(Err(message)) => {
            eprintln_fr!("erreur\u{a0}: {message}");
            return Ok(ExitCode::from(super::EXIT_FAILURE));
        }
        other => other.and_then(Result::ok),
    };
    let root = ldm::ops::scope::dossier_root(&a.dossier);
    let options = Options {
        port: a.port.unwrap_or(0),
        editeur,
    };
    let serveur = Serveur::ouvrir(&root, options)?;
    let url = format!("http://{}/", serveur.adresse());
    // Ctrl-C is handled before the address is printed: whoever reads the address may
    // stop the server at once, and must find it ready to stop cleanly.
    let arret = serveur.arret();
    ctrlc::set_handler(move || arret.arreter())?;
    println_fr!(
        "ldm serve\u{a0}: le dossier « {} » est visible à l'adresse {url}\nLa page suit chaque enregistrement. Ctrl-C pour arrêter.",
        root.display()
    );
    // The address is what a script or a test waits for: send it now, not at exit.
    std::io::Write::flush(&mut std::io::stdout())?;
    if a.ouvrir
        && let Err(e) = opener::open_browser(&url)
    {
        eprintln_fr!("avertissement\u{a0}: navigateur non ouvert ({e})\u{202f}; ouvrez {url}");
    }
    serveur.servir()?;
    println_fr!("ldm serve\u{a0}: arrêté");
    Ok(ExitCode::SUCCESS)
}

#[cfg(not(feature = "serve"))]
pub fn run(_: Args) -> anyhow::Result<ExitCode> {
    anyhow::bail!(
        "cette version de ldm a été construite sans le serveur (fonctionnalité « serve »)"
    )
}
