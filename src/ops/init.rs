//! `init`'s request decided once: the UAI checked as `check` checks it, the edition
//! resolved, the dossier (or the renewal from the previous one) written without
//! overwriting, and what to tell the school about what was written and what comes next.

use crate::fsutil::Written;
use crate::model::annee::Calendrier;
use crate::referentiel::Edition;
use crate::scaffold::{self, Ci, Identity};
use std::path::{Path, PathBuf};

const TODO: &str = "À compléter";

/// What `ldm init` is asked to create; identity values left out stay « À compléter ».
#[derive(Debug, Clone, Default)]
pub struct Request {
    pub dossier: PathBuf,
    pub etablissement: Option<String>,
    pub uai: Option<String>,
    pub academie: Option<String>,
    pub denomination: Option<String>,
    /// `ldm.toml`'s values (`public`, `LP`, `premiere-demande`…).
    pub statut: String,
    pub type_etablissement: String,
    pub nature: String,
    /// The edition's id or a `.yaml` file.
    pub edition: String,
    pub annee: Option<(i64, Calendrier)>,
    pub reseau: bool,
    pub ci: Ci,
    /// Complete a folder that is not empty, never changing a file in it.
    pub force: bool,
}

/// A new dossier: its lines for the school (stdout), each file kept told first.
pub fn init(req: Request) -> anyhow::Result<Vec<String>> {
    if let Some(problem) = req.uai.as_deref().and_then(uai_problem) {
        anyhow::bail!(problem);
    }
    let edition = edition(&req.edition, &req.dossier)?;
    let id = Identity {
        nom: req.etablissement.unwrap_or_else(|| TODO.into()),
        uai: req.uai.unwrap_or_else(|| TODO.into()),
        academie: req.academie.unwrap_or_else(|| TODO.into()),
        ville: None,
        statut: req.statut,
        type_etablissement: req.type_etablissement,
        denomination: req.denomination.unwrap_or_else(|| TODO.into()),
        nature: req.nature,
        annee: req.annee.map_or_else(scaffold::current_year, |(y, _)| y),
        calendrier: req.annee.map_or(Calendrier::Civil, |(_, c)| c),
        precedente: None,
        edition: req.edition,
        reseau: req.reseau,
        partenaires: Vec::new(),
        ci: req.ci,
    };
    // `{e}` alone: an I/O failure's source is already said in French in the message.
    let files = scaffold::init(&req.dossier, &id, &edition, req.force)
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    Ok(told(&req.dossier, &edition, &files, id.ci))
}

/// The lines telling what `init` wrote and what comes next.
fn told(dossier: &Path, edition: &Edition, files: &[(String, Written)], ci: Ci) -> Vec<String> {
    let shown = crate::fsutil::shown(dossier);
    let mut lines: Vec<String> = files
        .iter()
        .filter(|(_, w)| *w == Written::Kept)
        .map(|(rel, _)| format!("conservé (existant) : {rel}"))
        .collect();
    let created: Vec<&str> = files
        .iter()
        .filter(|(_, w)| *w == Written::Created)
        .map(|(rel, _)| rel.as_str())
        .collect();
    lines.push(format!(
        "Dossier « {shown} », édition {} ({} critères) : {}{}",
        edition.id,
        edition.criteres.len(),
        created_line(created.len()),
        if created.is_empty() {
            ".".to_string()
        } else {
            format!(" :\n  {}", created.join("\n  "))
        }
    ));
    lines.extend(starters_line(&created));
    lines.push(format!(
        "Étape suivante : remplacer les « À compléter », puis « ldm check {shown} »."
    ));
    lines.extend(ci.file().map(|(path, _)| ci_next_step(path)));
    lines
}

/// `ldm init --depuis`: the renewal made from the previous dossier `old`, written, and
/// the lines telling what became of the previous dossier's fiches.
pub fn renew(req: Request, old: &Path) -> anyhow::Result<Vec<String>> {
    use scaffold::renouvellement::{self, Options};
    let ws = crate::workspace::Workspace::load(old)?;
    let edition = edition(&req.edition, &req.dossier)?;
    let o = Options {
        edition: &edition,
        edition_name: req.edition.clone(),
        annee: req.annee,
        ci: req.ci,
    };
    let fail = |e: scaffold::ScaffoldError| anyhow::anyhow!("{e}");
    let r = renouvellement::renouveler(&ws, &o).map_err(fail)?;
    let files = renouvellement::write(&req.dossier, &r, req.force).map_err(fail)?;
    let created = files.iter().filter(|(_, w)| *w == Written::Created).count();
    let (old, new) = (
        crate::fsutil::shown(old),
        crate::fsutil::shown(&req.dossier),
    );
    let mut lines = vec![
        format!(
            "Renouvellement {} de « {old} » (campagne {}) dans « {new} », édition {} : {}.",
            r.annee,
            r.precedente,
            edition.id,
            created_line(created)
        ),
        format!(
            "Repris : {} devenus des actions dont rendre compte (« suite_de »), {} en cours, {}.",
            count(r.engagements.len(), "engagement", "engagements"),
            count(r.actions.len(), "action", "actions"),
            count(r.preuves, "pièce justificative", "pièces justificatives")
        ),
    ];
    lines.extend(r.non_reprises.iter().map(|p| {
        format!("non reprise (fiche illisible, à corriger puis reprendre à la main) : {p}")
    }));
    lines.extend(r.sans_critere.iter().map(|dir| {
        format!(
            "sans critère dans l'édition {} (fiches gardées sous l'ancien nom, à déplacer) : {dir}",
            edition.id
        )
    }));
    lines.push(format!(
        "Étape suivante : remplacer les « À compléter » (les textes de {} sont en commentaire à côté), ajouter les mesures de {}, puis « ldm check {new} ».",
        r.precedente, r.annee
    ));
    Ok(lines)
}

/// « 0 action », « 1 action », « 3 actions ».
fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n > 1 { many } else { one })
}

/// The edition named by `--edition`, or why it cannot be used.
fn edition(name: &str, dossier: &Path) -> anyhow::Result<Edition> {
    crate::referentiel::resolve(name, &crate::vfs::Disk::new(dossier)).map_err(|d| {
        let help = d.help.map_or(String::new(), |h| format!("\naide : {h}"));
        anyhow::anyhow!("{}{help}", d.message)
    })
}

/// Names the starter fiches just written, so that none is forgotten in the dossier.
fn starters_line(created: &[&str]) -> Option<String> {
    let n = created.iter().filter(|r| scaffold::is_starter(r)).count();
    let [action, engagement] = scaffold::STARTERS;
    (n > 0).then(|| format!(
        "Fiches de départ ({n}) : {action} et {engagement} dans chaque critère, à compléter (et renommer) ou à supprimer une fois vos fiches créées avec « ldm new »."
    ))
}

/// « 0 fichier créé », « 1 fichier créé », « 3 fichiers créés ».
fn created_line(n: usize) -> String {
    if n > 1 {
        format!("{n} fichiers créés")
    } else {
        format!("{n} fichier créé")
    }
}

/// What the school still has to do for its CI file: nothing when this build knows where
/// its release is published, else give the download address (or ldm's git repository).
fn ci_next_step(path: &str) -> String {
    let version = env!("CARGO_PKG_VERSION");
    match crate::release::download_base() {
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
pub fn uai_problem(uai: &str) -> Option<String> {
    use crate::check::identity::{UaiProblem, check_uai};
    let uai = uai.trim();
    match check_uai(uai).err()? {
        UaiProblem::Format => Some(format!(
            "l'UAI « {uai} » n'a pas la forme 7 chiffres + 1 lettre\naide\u{a0}: un UAI s'écrit comme 0271234V (il figure sur les courriers du rectorat et dans l'annuaire de l'éducation)"
        )),
        UaiProblem::Letter(l) => Some(format!(
            "la lettre de contrôle de l'UAI « {uai} » est fausse\naide\u{a0}: pour les chiffres {}, la lettre est « {l} »\u{202f}; vérifiez les chiffres et la lettre",
            &uai[..7]
        )),
    }
}
