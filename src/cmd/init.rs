//! `ldm init`: scaffold a new dossier.

use super::EXIT_FAILURE;
use clap::ValueEnum;
use ldm::fsutil::Written;
use ldm::model::annee::Calendrier;
use ldm::scaffold::{self, Ci, Identity};
use std::path::PathBuf;
use std::process::ExitCode;

const TODO: &str = "À compléter";

#[derive(Clone, Copy, ValueEnum)]
enum Statut {
    Public,
    PriveSousContrat,
}

#[derive(Clone, Copy, ValueEnum)]
enum Type {
    #[value(name = "LP")]
    Lp,
    #[value(name = "LPO")]
    Lpo,
    #[value(name = "EREA")]
    Erea,
    #[value(name = "LEA")]
    Lea,
}

#[derive(Clone, Copy, ValueEnum)]
enum Nature {
    PremiereDemande,
    Renouvellement,
}

#[derive(Clone, Copy, ValueEnum)]
enum CiArg {
    None,
    Gitlab,
    Github,
}

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
    #[arg(long, value_enum, default_value = "public")]
    statut: Statut,
    /// Type d'établissement : LP (par défaut), LPO, EREA ou LEA
    #[arg(long = "type", value_name = "TYPE", value_enum, default_value = "LP")]
    type_etablissement: Type,
    /// Édition du cahier des charges : national-2026 (par défaut), aix-marseille-2026, ou le
    /// chemin d'un fichier .yaml
    #[arg(long, default_value = ldm::model::config::DEFAULT_EDITION)]
    edition: String,
    /// Nature de la candidature : premiere-demande (par défaut) ou renouvellement
    #[arg(long, value_enum, default_value = "premiere-demande")]
    nature: Nature,
    /// Année de la campagne, ex. 2026 ou 2025-2026 (par défaut : l'année en cours)
    #[arg(long, value_parser = ldm::model::query::parse_year_written)]
    annee: Option<(i64, Calendrier)>,
    /// Candidature en réseau (ajoute la section « Stratégie commune du réseau » aux critères concernés)
    #[arg(long)]
    reseau: bool,
    /// Intégration continue du dépôt git : none (par défaut), gitlab (.gitlab-ci.yml) ou
    /// github (.github/workflows/ldm.yml)
    #[arg(long, value_enum, default_value = "none")]
    ci: CiArg,
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
    if let Some(old) = a.depuis.clone() {
        return renew(&a, &old);
    }
    if let Some(problem) = a.uai.as_deref().and_then(uai_problem) {
        eprintln_fr!("{problem}");
        return Ok(ExitCode::from(EXIT_FAILURE));
    }
    let Some(edition) = edition(&a.edition, &a.dossier) else {
        return Ok(ExitCode::from(EXIT_FAILURE));
    };
    let id = Identity {
        nom: a.etablissement.unwrap_or_else(|| TODO.into()),
        uai: a.uai.unwrap_or_else(|| TODO.into()),
        academie: a.academie.unwrap_or_else(|| TODO.into()),
        ville: None,
        statut: value_name(a.statut),
        type_etablissement: value_name(a.type_etablissement),
        denomination: a.denomination.unwrap_or_else(|| TODO.into()),
        nature: value_name(a.nature),
        annee: a.annee.map_or_else(scaffold::current_year, |(y, _)| y),
        calendrier: a.annee.map_or(Calendrier::Civil, |(_, c)| c),
        precedente: None,
        edition: a.edition,
        reseau: a.reseau,
        partenaires: Vec::new(),
        ci: ci(a.ci),
    };
    match scaffold::init(&a.dossier, &id, &edition, a.force) {
        Ok(files) => {
            for (rel, w) in &files {
                if *w == Written::Kept {
                    println_fr!("conservé (existant) : {rel}");
                }
            }
            let created: Vec<&str> = files
                .iter()
                .filter(|(_, w)| *w == Written::Created)
                .map(|(rel, _)| rel.as_str())
                .collect();
            println_fr!(
                "Dossier « {} », édition {} ({} critères) : {}{}",
                super::shown(&a.dossier),
                edition.id,
                edition.criteres.len(),
                created_line(created.len()),
                if created.is_empty() {
                    ".".to_string()
                } else {
                    format!(" :\n  {}", created.join("\n  "))
                }
            );
            starters_line(&created);
            println_fr!(
                "Étape suivante : remplacer les « À compléter », puis « ldm check {} ».",
                super::shown(&a.dossier)
            );
            if let Some((path, _)) = id.ci.file() {
                println_fr!("{}", ci_next_step(path));
            }
            Ok(ExitCode::SUCCESS)
        }
        Err(e) => {
            eprintln_fr!("erreur\u{a0}: {e}");
            Ok(ExitCode::from(EXIT_FAILURE))
        }
    }
}

/// `ldm init --depuis`: the renewal made from the previous dossier, written, and what
/// became of the previous dossier's fiches.
fn renew(a: &Args, old: &std::path::Path) -> anyhow::Result<ExitCode> {
    use ldm::scaffold::renouvellement::{self, Options};
    let ws = ldm::workspace::Workspace::load(old)?;
    let Some(edition) = edition(&a.edition, &a.dossier) else {
        return Ok(ExitCode::from(EXIT_FAILURE));
    };
    let o = Options {
        edition: &edition,
        edition_name: a.edition.clone(),
        annee: a.annee,
        ci: ci(a.ci),
    };
    let written = renouvellement::renouveler(&ws, &o)
        .and_then(|r| renouvellement::write(&a.dossier, &r, a.force).map(|w| (r, w)));
    let (r, files) = match written {
        Ok(x) => x,
        Err(e) => {
            eprintln_fr!("erreur\u{a0}: {e}");
            return Ok(ExitCode::from(EXIT_FAILURE));
        }
    };
    let created = files.iter().filter(|(_, w)| *w == Written::Created).count();
    println_fr!(
        "Renouvellement {} de « {} » (campagne {}) dans « {} », édition {} : {}.",
        r.annee,
        super::shown(old),
        r.precedente,
        super::shown(&a.dossier),
        edition.id,
        created_line(created)
    );
    println_fr!(
        "Repris : {} devenus des actions dont rendre compte (« suite_de »), {} en cours, {}.",
        count(r.engagements.len(), "engagement", "engagements"),
        count(r.actions.len(), "action", "actions"),
        count(r.preuves, "pièce justificative", "pièces justificatives")
    );
    for p in &r.non_reprises {
        println_fr!("non reprise (fiche illisible, à corriger puis reprendre à la main) : {p}");
    }
    for dir in &r.sans_critere {
        println_fr!(
            "sans critère dans l'édition {} (fiches gardées sous l'ancien nom, à déplacer) : {dir}",
            edition.id
        );
    }
    println_fr!(
        "Étape suivante : remplacer les « À compléter » (les textes de {} sont en commentaire à côté), ajouter les mesures de {}, puis « ldm check {} ».",
        r.precedente,
        r.annee,
        super::shown(&a.dossier)
    );
    Ok(ExitCode::SUCCESS)
}

/// « 0 action », « 1 action », « 3 actions ».
fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n > 1 { many } else { one })
}

/// The edition named by `--edition`, or `None` after saying why it cannot be used.
fn edition(name: &str, dossier: &std::path::Path) -> Option<ldm::referentiel::Edition> {
    match ldm::referentiel::resolve(name, &ldm::vfs::Disk::new(dossier)) {
        Ok(e) => Some(e),
        Err(d) => {
            eprintln_fr!(
                "erreur\u{a0}: {}{}",
                d.message,
                d.help
                    .map_or(String::new(), |h| format!("\naide\u{a0}: {h}"))
            );
            None
        }
    }
}

fn ci(c: CiArg) -> Ci {
    match c {
        CiArg::None => Ci::None,
        CiArg::Gitlab => Ci::Gitlab,
        CiArg::Github => Ci::Github,
    }
}

/// Names the starter fiches just written, so that none is forgotten in the dossier.
fn starters_line(created: &[&str]) {
    let n = created.iter().filter(|r| scaffold::is_starter(r)).count();
    if n == 0 {
        return;
    }
    let [action, engagement] = scaffold::STARTERS;
    println_fr!(
        "Fiches de départ ({n}) : {action} et {engagement} dans chaque critère, à compléter (et renommer) ou à supprimer une fois vos fiches créées avec « ldm new »."
    );
}

/// « 0 fichier créé », « 1 fichier créé », « 3 fichiers créés ».
fn created_line(n: usize) -> String {
    if n > 1 {
        format!("{n} fichiers créés")
    } else {
        format!("{n} fichier créé")
    }
}

fn value_name(v: impl ValueEnum) -> String {
    v.to_possible_value()
        .map_or_else(String::new, |p| p.get_name().to_string())
}

/// What the school still has to do for its CI file: nothing when this build knows where
/// its release is published, else give the download address (or ldm's git repository).
fn ci_next_step(path: &str) -> String {
    let version = env!("CARGO_PKG_VERSION");
    match ldm::release::download_base() {
        Some(url) => format!(
            "Intégration continue\u{a0}: {path} télécharge ldm {version} depuis {url} (variable LDM_TELECHARGEMENT)\u{a0}; le dossier doit être à la racine du dépôt."
        ),
        None => format!(
            "Intégration continue\u{a0}: indiquez dans {path} (variable LDM_TELECHARGEMENT) l'adresse des binaires de ldm {version}, de la forme <dépôt de ldm>/releases/download/v{version}, ou l'adresse du dépôt git de ldm (variable LDM_DEPOT)\u{a0}; le dossier doit être à la racine du dépôt."
        ),
    }
}

/// What is wrong with the UAI given to `--uai`, as `ldm check` says it of ldm.toml (the
/// same check): written now rather than found at the first check.
fn uai_problem(uai: &str) -> Option<String> {
    use ldm::check::identity::{UaiProblem, check_uai};
    let uai = uai.trim();
    match check_uai(uai).err()? {
        UaiProblem::Format => Some(format!(
            "erreur\u{a0}: l'UAI « {uai} » n'a pas la forme 7 chiffres + 1 lettre\naide\u{a0}: un UAI s'écrit comme 0271234V (il figure sur les courriers du rectorat et dans l'annuaire de l'éducation)"
        )),
        UaiProblem::Letter(l) => Some(format!(
            "erreur\u{a0}: la lettre de contrôle de l'UAI « {uai} » est fausse\naide\u{a0}: pour les chiffres {}, la lettre est « {l} »\u{202f}; vérifiez les chiffres et la lettre",
            &uai[..7]
        )),
    }
}
