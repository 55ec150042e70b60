//! The skeleton `ldm audit init` writes: `audit.toml` with the dossier's identity,
//! `plan.md`, and one file per criterion pre-filled with its requirements (each with its
//! text as a comment, to judge). Texts only; the command writes them, never over a file.

use super::{DIR, critere_file_in, quoted};
use crate::referentiel::{Critere, Echelles};
use crate::workspace::Workspace;
use std::fmt::Write;

/// The files of a new audit: (path relative to the dossier, text).
pub fn skeleton(ws: &Workspace, echelles: &Echelles) -> Vec<(String, String)> {
    let mut files = vec![
        (format!("{DIR}/audit.toml"), fiche(ws)),
        (format!("{DIR}/plan.md"), crate::typo::french(PLAN)),
    ];
    files.extend(criteres(ws, echelles, DIR));
    files
}

/// One file per criterion in `folder/criteres/` (the audit's, or the self-assessment's,
/// which has only these).
pub fn criteres(ws: &Workspace, echelles: &Echelles, folder: &str) -> Vec<(String, String)> {
    let en_reseau = super::en_reseau(ws);
    (ws.edition.criteres.iter())
        .map(|c| {
            (
                critere_file_in(folder, c.numero, &c.slug),
                // ldm's comments and the referentiel's texts; no value of the school's.
                crate::typo::french(&critere(c, en_reseau, echelles)),
            )
        })
        .collect()
}

/// A TOML or YAML string: JSON's quoting is valid in both.
fn q(s: &str) -> String {
    serde_json::Value::from(s).to_string()
}

fn fiche(ws: &Workspace) -> String {
    let etab = ws.dossier.config.as_ref().map(|c| &c.etablissement);
    let nom = etab.map_or(String::new(), |e| e.nom.get_ref().clone());
    let uai = etab.map_or(String::new(), |e| e.uai.get_ref().clone());
    // French typography on ldm's text only, before the school's values are put in.
    crate::typo::french(FICHE)
        .replace("{nom}", &q(&nom))
        .replace("{uai}", &q(&uai))
        .replace("{edition}", &q(&ws.edition.id))
}

/// `audit.toml`'s skeleton; `{nom}`, `{uai}` and `{edition}` are filled in by `fiche`.
const FICHE: &str = r#"# Audit du label « Lycée des métiers » (écrit par « ldm audit init »).
# « ldm audit check » vérifie l'audit, « ldm audit render » produit le rapport.

[etablissement]
nom = {nom}
uai = {uai}
edition = {edition}

[visite]
date = ""  # le jour de la visite, « 2026-03-12 »
lieu = ""

# Un bloc [[auditeurs]] par auditeur ; role : « inspecteur » ou « professionnel ».
[[auditeurs]]
nom = ""
prenom = ""
role = "inspecteur"
fonction = ""

[[auditeurs]]
nom = ""
prenom = ""
role = "professionnel"
fonction = ""

[avis]
# « favorable », « favorable avec réserves », « ajournement » ou « défavorable »
proposition = ""
motivation = """
"""
"#;

const PLAN: &str = "# Plan d'audit

<!-- Une ligne par créneau : l'horaire, les personnes rencontrées (direction, équipes des critères, apprenants, partenaires), les critères examinés. -->

| Horaire | Personnes rencontrées | Critères |
|---|---|---|
| | | |
";

fn critere(c: &Critere, en_reseau: bool, s: &Echelles) -> String {
    let mut out = String::new();
    let non_evalue = s
        .conformite
        .iter()
        .find(|n| n.non_evalue)
        .map_or("", |n| n.valeur.as_str());
    let _ = writeln!(out, "---");
    let _ = writeln!(out, "# Critère {} — {}", c.numero, c.intitule);
    let _ = writeln!(
        out,
        "# conformite : {} ; efficacite : {}",
        quoted(&s.conformite, |n| !n.non_evalue),
        quoted(&s.efficacite, |_| true)
    );
    let _ = writeln!(
        out,
        "# preuves : les numéros de la liste des preuves de l'annexe (ldm render)"
    );
    let _ = writeln!(out, "critere: {}", c.numero);
    let _ = writeln!(out, "exigences:");
    for e in c.exigences_demandees(en_reseau) {
        let _ = writeln!(out, "  # {} — {}", e.id, e.texte.replace('\n', " "));
        let _ = writeln!(out, "  - id: {}", q(&e.id));
        let _ = writeln!(out, "    conformite: {}", q(non_evalue));
        let _ = writeln!(out, "    efficacite:");
        let _ = writeln!(out, "    constats:");
        let _ = writeln!(out, "    preuves: []");
    }
    let _ = writeln!(
        out,
        "# Un écart par exigence non conforme ou partiellement conforme :"
    );
    let _ = writeln!(
        out,
        "#   - niveau: {}   ({})",
        s.ecarts.first().map_or("", |n| n.valeur.as_str()),
        quoted(&s.ecarts, |_| true)
    );
    let first = c.exigences.first().map_or("", |e| e.id.as_str());
    let _ = writeln!(out, "#     exigence: {}", q(first));
    let _ = writeln!(out, "#     constat: ce que l'auditeur a vu");
    let _ = writeln!(
        out,
        "#     correction: ce que l'établissement doit corriger"
    );
    let _ = writeln!(out, "#     echeance: 2027-06-30");
    let _ = writeln!(out, "#     preuves: []");
    let _ = writeln!(out, "ecarts: []");
    let _ = writeln!(out, "points_forts: []");
    let _ = writeln!(out, "---");
    let _ = writeln!(out);
    let _ = writeln!(out, "# Conclusion");
    let _ = writeln!(out);
    let _ = writeln!(
        out,
        "<!-- La conclusion de l'auditeur sur le critère : conformité et efficacité de la démarche. -->"
    );
    out
}
