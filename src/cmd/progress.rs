//! `ldm progress`: the indicators at a reference year (the bilan annuel).

use super::EXIT_FAILURE;
use ldm::progress::{self, html, md, term};
use ldm::workspace::Workspace;
use std::path::PathBuf;
use std::process::ExitCode;

use super::DocFormat as Format;

#[derive(clap::Args)]
pub struct Args {
    /// Dossier de labellisation (par défaut : celui qui contient le dossier courant)
    #[arg(default_value = ".")]
    dossier: PathBuf,
    /// Année de référence : l'état tel qu'il était connu cette année-là (les mesures
    /// postérieures sont ignorées). Par défaut : [suivi] annee de ldm.toml, sinon l'année de candidature
    #[arg(long, value_name = "ANNEE", value_parser = ldm::model::query::parse_year)]
    annee: Option<i64>,
    /// Se limiter à un critère (son numéro)
    #[arg(long, value_name = "N")]
    critere: Option<u32>,
    /// Format : term (par défaut : tableau avec barres), md (bilan annuel en Markdown),
    /// html (tableau de bord imprimable, autonome) ou json (tous les chiffres)
    #[arg(long, value_enum, default_value = "term")]
    format: Format,
    #[command(flatten)]
    output: super::Output,
}

pub fn run(mut a: Args) -> anyhow::Result<ExitCode> {
    a.dossier = super::scope::dossier_root(&a.dossier);
    let Workspace {
        dossier, edition, ..
    } = Workspace::load(&a.dossier)?;
    let Some(annee) = a.annee.or_else(|| progress::default_year(&dossier)) else {
        eprintln!(
            "erreur\u{a0}: année de référence inconnue (ldm.toml illisible) ; indiquez-la avec --annee, ou lancez « ldm check » pour corriger ldm.toml"
        );
        return Ok(ExitCode::from(EXIT_FAILURE));
    };
    if let Some(campagne) = dossier.annee() {
        // Two labels of five years back (the measures' baselines), the new label ahead.
        let (debut, fin) = (campagne.saturating_sub(10), campagne.saturating_add(5));
        if !(debut..=fin).contains(&annee) {
            eprintln!(
                "erreur\u{a0}: l'année {annee} est hors de la campagne {campagne} ; choisissez --annee de {debut} (deux labels plus tôt) à {fin} (la fin du label)"
            );
            return Ok(ExitCode::from(EXIT_FAILURE));
        }
    }
    if let Some(n) = a.critere
        && edition.critere(n).is_none()
        && !dossier.criteres.iter().any(|c| c.numero == n)
    {
        eprintln!("erreur\u{a0}: le dossier n'a pas de critère {n}");
        return Ok(ExitCode::from(EXIT_FAILURE));
    }
    let p = progress::compute(&dossier, &edition, annee, a.critere);
    let color = a.output.path.is_none() && super::color_stdout();
    let mut out = String::new();
    match a.format {
        Format::Term => term::write(&mut out, &p, color),
        Format::Md => md::write(&mut out, &p),
        // A template error names its file and line; main reports it and exits 2.
        Format::Html => out = html::render(&p, Some(dossier.files.as_ref()))?,
        Format::Json => {
            out = super::json_document(&p)?;
        }
    }
    super::deliver(&out, a.output.path.as_deref(), a.output.force)
}
