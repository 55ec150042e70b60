//! `ldm init`: scaffold a new dossier, or the renewal from the previous one
//! (`ldm::ops::init` decides and words it; this file parses and prints).

use ldm::model::annee::Calendrier;
use ldm::model::config;
use ldm::ops::init::{self, Request};
use ldm::scaffold::Ci;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct Args {
    /// Dossier à créer (par défaut : le dossier courant)
    #[arg(default_value = ".")]
    dossier: PathBuf,
    /// Nom de l'établissement (sinon « À compléter »)
    #[arg(long, value_name = "NOM")]
    etablissement: Option<String>,
    /// UAI de l'établissement (7 chiffres + lettre)
    #[arg(long)]
    uai: Option<String>,
    /// Académie
    #[arg(long)]
    academie: Option<String>,
    /// Dénomination du label (« Lycée des métiers de … »)
    #[arg(long)]
    denomination: Option<String>,
    /// Statut : public (par défaut) ou prive-sous-contrat
    #[arg(long, value_parser = super::toml_values::<config::Statut>(), default_value = "public")]
    statut: String,
    /// Type d'établissement : LP (par défaut), LPO, EREA ou LEA
    #[arg(long = "type", value_name = "TYPE", default_value = "LP",
        value_parser = super::toml_values::<config::TypeEtablissement>())]
    type_etablissement: String,
    /// Édition du cahier des charges : national-2026 (par défaut), aix-marseille-2026, ou le
    /// chemin d'un fichier .yaml
    #[arg(long, default_value = ldm::model::config::DEFAULT_EDITION)]
    edition: String,
    /// Nature de la candidature : premiere-demande (par défaut) ou renouvellement
    #[arg(long, value_parser = super::toml_values::<config::Nature>(), default_value = "premiere-demande")]
    nature: String,
    /// Année de la campagne, ex. 2026 ou 2025-2026 (par défaut : l'année en cours)
    #[arg(long, value_parser = ldm::model::query::parse_year_written)]
    annee: Option<(i64, Calendrier)>,
    /// Candidature en réseau (ajoute la section « Stratégie commune du réseau » aux critères concernés)
    #[arg(long)]
    reseau: bool,
    /// Intégration continue du dépôt git : aucun (par défaut), gitlab (.gitlab-ci.yml) ou
    /// github (.github/workflows/ldm.yml)
    #[arg(long, value_parser = super::choice(&Ci::ALL, Ci::value, Ci::english), default_value = "aucun")]
    ci: Ci,
    /// Renouvellement : créer le dossier de la nouvelle campagne depuis le dossier précédent
    /// (identité, équipes, engagements devenus actions avec « suite_de », actions en cours,
    /// mesures ; le dossier précédent n'est pas modifié)
    #[arg(long, value_name = "ANCIEN", conflicts_with_all = ["etablissement", "uai", "academie", "denomination", "statut", "type_etablissement", "nature", "reseau"])]
    depuis: Option<PathBuf>,
    /// Compléter un dossier non vide : ajoute les fichiers manquants, ne modifie aucun fichier existant
    #[arg(long)]
    force: bool,
}

pub fn run(a: Args) -> anyhow::Result<ExitCode> {
    let depuis = a.depuis;
    let req = Request {
        dossier: a.dossier,
        etablissement: a.etablissement,
        uai: a.uai,
        academie: a.academie,
        denomination: a.denomination,
        statut: a.statut,
        type_etablissement: a.type_etablissement,
        nature: a.nature,
        edition: a.edition,
        annee: a.annee,
        reseau: a.reseau,
        ci: a.ci,
        force: a.force,
    };
    let lines = match depuis {
        Some(old) => init::renew(req, &old)?,
        None => init::init(req)?,
    };
    for line in lines {
        println_fr!("{line}");
    }
    Ok(ExitCode::SUCCESS)
}
