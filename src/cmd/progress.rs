//! `ldm progress`: the indicators at a reference year (the bilan annuel).

use super::EXIT_FAILURE;
use ldm::ops::output::{self, Kind};
use ldm::progress::{self, Progress, document, term};
use ldm::workspace::Workspace;
use std::path::PathBuf;
use std::process::ExitCode;

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
    /// Format : term (tableau avec barres), md (bilan annuel en Markdown), html (tableau de
    /// bord imprimable, autonome), json (tous les chiffres) ou pdf (tableau de bord A4,
    /// produit par ldm seul). Par défaut : celui qu'annonce l'extension du fichier -o, sinon term
    #[arg(long, value_parser = super::format_values(output::PROGRESS))]
    format: Option<Kind>,
    #[command(flatten)]
    output: super::Output,
}

pub fn run(mut a: Args) -> anyhow::Result<ExitCode> {
    let format = match super::output_kind(a.format, a.output.path.as_deref(), output::PROGRESS) {
        Ok(f) => f,
        Err(code) => return Ok(code),
    };
    if format == Kind::Pdf && a.output.path.is_none() && super::stdout_is_terminal() {
        eprintln_fr!(
            "erreur : un PDF ne s'affiche pas dans le terminal ; indiquez le fichier à écrire, par exemple -o tableau-de-bord.pdf"
        );
        return Ok(ExitCode::from(EXIT_FAILURE));
    }
    a.dossier = super::scope::dossier_root(&a.dossier);
    let Workspace {
        dossier, edition, ..
    } = Workspace::load(&a.dossier)?;
    let Some(annee) = a.annee.or_else(|| progress::default_year(&dossier)) else {
        eprintln_fr!(
            "erreur\u{a0}: année de référence inconnue (ldm.toml illisible) ; indiquez-la avec --annee, ou lancez « ldm check » pour corriger ldm.toml"
        );
        return Ok(ExitCode::from(EXIT_FAILURE));
    };
    if let Some(campagne) = dossier.annee() {
        // Two labels of five years back (the measures' baselines), the new label ahead.
        let (debut, fin) = (campagne.saturating_sub(10), campagne.saturating_add(5));
        if !(debut..=fin).contains(&annee) {
            eprintln_fr!(
                "erreur\u{a0}: l'année {annee} est hors de la campagne {campagne} ; choisissez --annee de {debut} (deux labels plus tôt) à {fin} (la fin du label)"
            );
            return Ok(ExitCode::from(EXIT_FAILURE));
        }
    }
    if let Some(n) = a.critere
        && edition.critere(n).is_none()
        && !dossier.criteres.iter().any(|c| c.numero == n)
    {
        eprintln_fr!("erreur\u{a0}: le dossier n'a pas de critère {n}");
        return Ok(ExitCode::from(EXIT_FAILURE));
    }
    let p = progress::compute(&dossier, &edition, annee, a.critere);
    let color = a.output.path.is_none() && super::color_stdout();
    let mut out = String::new();
    match format {
        // French typography on the whole text: spaces are replaced one for one, so the
        // table's columns stay aligned.
        Kind::Term => {
            term::write(&mut out, &p, color);
            out = ldm::typo::french(&out);
        }
        Kind::Md => out = document::markdown(&p),
        Kind::Html => out = document::html(&p),
        Kind::Json => {
            out = super::json_document(ldm::progress::JSON_VERSION, &p)?;
        }
        Kind::Pdf => return super::deliver(pdf(&p)?, a.output.path.as_deref(), a.output.force),
        // `output::PROGRESS` offers no other format.
        other => anyhow::bail!("le tableau de bord ne s'écrit pas en {}", other.value()),
    }
    super::deliver(&out, a.output.path.as_deref(), a.output.force)
}

#[cfg(feature = "pdf")]
fn pdf(p: &Progress) -> anyhow::Result<Vec<u8>> {
    Ok(document::pdf(p, super::pdf_date())?)
}

#[cfg(not(feature = "pdf"))]
fn pdf(_: &Progress) -> anyhow::Result<Vec<u8>> {
    anyhow::bail!("cette version de ldm a été construite sans le PDF (fonctionnalité « pdf »)")
}
