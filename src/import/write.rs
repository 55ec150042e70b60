//! The dossier read from Word written as ldm's files, with the model's field names
//! (docs/format.md): ldm.toml, etablissement.md, each criterion's critere.md, one file per
//! action and engagement; what must be checked is said in `# À vérifier` comments.

use super::{Critere, Dossier, Fiche, Identite, Indicateur, Kind, Person};
use crate::text::slugify;
use std::collections::BTreeSet;
use std::fmt::Write;

/// A file to write, by its path from the dossier's root (with `/`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct File {
    pub path: String,
    pub content: String,
}

pub fn files(d: &Dossier) -> Vec<File> {
    let mut out = vec![
        File {
            path: "ldm.toml".into(),
            content: toml(&d.identite),
        },
        File {
            path: "etablissement.md".into(),
            content: etablissement(d),
        },
    ];
    let edition = crate::referentiel::embedded(&edition(&d.identite)).and_then(Result::ok);
    for c in &d.criteres {
        let slug = edition
            .as_ref()
            .and_then(|e| e.critere(c.numero))
            .map_or_else(
                || format!("{}-critere", c.numero),
                |k| format!("{}-{}", k.numero, k.slug),
            );
        let dir = format!("criteres/{slug}");
        out.push(File {
            path: format!("{dir}/critere.md"),
            content: critere(c),
        });
        let mut taken = BTreeSet::new();
        for f in &c.fiches {
            let folder = if f.kind == Kind::Action {
                "actions"
            } else {
                "engagements"
            };
            let base = match slugify(&f.denomination) {
                s if s.is_empty() => format!("fiche-{}", f.n),
                s => s,
            };
            let mut name = base.clone();
            let mut k = 2;
            while !taken.insert(format!("{folder}/{name}")) {
                name = format!("{base}-{k}");
                k += 1;
            }
            out.push(File {
                path: format!("{dir}/{folder}/{name}.md"),
                content: fiche(f, c.numero),
            });
        }
    }
    out
}

/// A YAML (and TOML) double-quoted string: JSON's escaping is valid in both.
fn q(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| "\"\"".into())
}

fn edition(id: &Identite) -> String {
    let known = crate::referentiel::embedded_ids().any(|e| e == id.edition);
    if known {
        id.edition.clone()
    } else {
        crate::model::config::DEFAULT_EDITION.to_string()
    }
}

/// A year as TOML writes it: a number, or a school year in quotes.
fn toml_year(y: &str) -> String {
    if y.len() == 4 && y.parse::<u32>().is_ok() {
        y.to_string()
    } else {
        q(y)
    }
}

fn toml(id: &Identite) -> String {
    let f = crate::text::fold(&id.nom);
    let (kind, guessed) = if f.contains("polyvalent") {
        ("LPO", false)
    } else if f.contains("erea") || f.contains("regional d'enseignement adapte") {
        ("EREA", false)
    } else if f.contains("professionnel") {
        ("LP", false)
    } else {
        ("LP", true)
    };
    let mut s = String::from(
        "# Dossier importé d'un fichier Word par « ldm import » : relisez-le, puis « ldm check ».\n",
    );
    for n in &id.notes {
        let _ = writeln!(s, "# À vérifier : {}", one_line(n));
    }
    let _ = writeln!(s, "\n[etablissement]");
    for (k, v) in [
        ("nom", &id.nom),
        ("uai", &id.uai),
        ("academie", &id.academie),
    ] {
        let _ = writeln!(s, "{k} = {}", q(or_todo(v)));
    }
    if !id.ville.is_empty() {
        let _ = writeln!(s, "ville = {}", q(&id.ville));
    }
    let _ = writeln!(s, "# À vérifier : le statut n'est pas dans le fichier Word");
    let _ = writeln!(s, "statut = \"public\"");
    if guessed {
        let _ = writeln!(s, "# À vérifier : le type n'est pas dans le fichier Word");
    }
    let _ = writeln!(s, "type = {}", q(kind));
    let _ = writeln!(s, "denomination = {}", q(or_todo(&id.denomination)));
    let _ = writeln!(s, "\n[candidature]");
    let nature = if id.nature.is_empty() {
        "renouvellement"
    } else {
        &id.nature
    };
    let _ = writeln!(s, "nature = {}", q(nature));
    if id.annee.is_empty() {
        let _ = writeln!(
            s,
            "# À vérifier : année de la campagne non lue\nannee = \"À compléter\""
        );
    } else {
        let _ = writeln!(s, "annee = {}", toml_year(&id.annee));
    }
    if !id.precedente.is_empty() {
        let _ = writeln!(s, "precedente = {}", toml_year(&id.precedente));
    }
    let reseau: Vec<String> = id.reseau.iter().map(|r| partenaire(r)).collect();
    let _ = writeln!(s, "reseau = [{}]", reseau.join(", "));
    let _ = writeln!(s, "\n[referentiel]");
    if edition(id) != id.edition && !id.edition.is_empty() {
        let _ = writeln!(
            s,
            "# À vérifier : édition lue dans le fichier Word : « {} »",
            one_line(&id.edition)
        );
    }
    let _ = writeln!(s, "edition = {}", q(&edition(id)));
    s
}

/// A co-candidate as the annex shows it (« Nom (Ville, UAI) », or its UAI) in TOML.
fn partenaire(shown: &str) -> String {
    let Some((nom, rest)) = shown.split_once(" (") else {
        return q(shown);
    };
    let inner = rest.trim_end_matches(')');
    let (ville, uai) = match inner.rsplit_once(", ") {
        Some((v, u)) => (Some(v), u),
        None => (None, inner),
    };
    let ville = ville.map_or(String::new(), |v| format!(", ville = {}", q(v)));
    format!("{{ uai = {}, nom = {}{ville} }}", q(uai), q(nom))
}

/// A comment's text on one line: a line break would end the comment and leave the
/// rest as YAML or TOML.
fn one_line(s: &str) -> String {
    s.replace(['\n', '\r'], " ")
}

fn or_todo(s: &str) -> &str {
    if s.trim().is_empty() {
        "À compléter"
    } else {
        s
    }
}

fn person(p: &Person) -> String {
    format!(
        "{{nom: {}, prenom: {}, fonction: {}}}",
        q(&p.nom),
        q(&p.prenom),
        q(&p.fonction)
    )
}

fn people(s: &mut String, key: &str, ps: &[Person]) {
    if ps.is_empty() {
        return;
    }
    let _ = writeln!(s, "{key}:");
    for p in ps {
        let _ = writeln!(s, "  - {}", person(p));
    }
}

fn section(s: &mut String, level: &str, title: &str, md: &str) {
    let _ = write!(s, "\n{level} {title}\n\n");
    if md.trim().is_empty() {
        s.push_str("À compléter\n");
    } else {
        let _ = writeln!(s, "{}", md.trim_end());
    }
}

fn etablissement(d: &Dossier) -> String {
    let mut s = String::from("---\n");
    if let Some(p) = &d.chef {
        let _ = writeln!(s, "chef_etablissement: {}", person(p));
    }
    if let Some(p) = &d.ddfpt {
        let _ = writeln!(s, "ddfpt: {}", person(p));
    }
    people(&mut s, "comite_pilotage", &d.comite);
    s.push_str("---\n");
    section(&mut s, "#", "Contexte", &d.contexte);
    section(
        &mut s,
        "#",
        "Articulation avec les autres démarches",
        &d.articulation,
    );
    section(&mut s, "#", "Pilotage de la démarche", &d.pilotage);
    s
}

fn critere(c: &Critere) -> String {
    let mut s = String::from("---\n");
    for n in &c.notes {
        let _ = writeln!(s, "# À vérifier : {}", one_line(n));
    }
    match c.coordonnateurs.as_slice() {
        [] => s.push_str("# À vérifier : aucun coordonnateur lu\ncoordonnateur: {nom: \"À compléter\", prenom: \"À compléter\", fonction: \"À compléter\"}\n"),
        [one] => {
            let _ = writeln!(s, "coordonnateur: {}", person(one));
        }
        many => people(&mut s, "coordonnateur", many),
    }
    people(&mut s, "membres", &c.membres);
    if !c.transversalite.is_empty() {
        s.push_str("transversalite:\n");
        for (k, v) in &c.transversalite {
            let _ = writeln!(s, "  {k}: {}", q(v));
        }
    }
    s.push_str("---\n");
    section(&mut s, "#", "État des lieux", &c.etat_des_lieux);
    section(&mut s, "#", "Objectif général", &c.objectif_general);
    if let Some(st) = &c.strategie_reseau {
        section(&mut s, "#", "Stratégie commune du réseau", st);
    }
    s
}

fn fiche(f: &Fiche, numero: u32) -> String {
    let mut s = String::from("---\n");
    for n in &f.notes {
        let _ = writeln!(s, "# À vérifier : {}", one_line(n));
    }
    let _ = writeln!(s, "denomination: {}", q(or_todo(&f.denomination)));
    match &f.periode {
        Some((d, e)) => {
            let _ = writeln!(s, "periode: {{debut: {d}, fin: {e}}}");
        }
        None => s.push_str("# À vérifier : durée non lue\n"),
    }
    if f.kind == Kind::Action {
        match f.perenne {
            Some(p) => {
                let _ = writeln!(s, "perenne: {p}");
            }
            None => s.push_str("# À vérifier : « action pérenne » non lue\n"),
        }
    } else {
        people(&mut s, "animateur", &f.animateur);
    }
    let ex: Vec<String> = f.exigences.iter().map(|e| q(e)).collect();
    let _ = writeln!(s, "exigences: [{}]", ex.join(", "));
    // The annex names the requirements, not the criteria served: those of another
    // criterion say the fiche serves it too.
    let mut others: Vec<u32> = f
        .exigences
        .iter()
        .filter_map(|e| e.split('.').next()?.parse().ok())
        .filter(|x| *x != numero)
        .collect();
    others.sort_unstable();
    others.dedup();
    if !others.is_empty() {
        let list: Vec<String> = others.iter().map(u32::to_string).collect();
        let _ = writeln!(
            s,
            "criteres_associes: [{}]  # À vérifier : déduit des exigences",
            list.join(", ")
        );
    }
    objectifs(&mut s, f);
    if !f.preuves.is_empty() {
        s.push_str("preuves:\n");
        for p in &f.preuves {
            let _ = writeln!(s, "  - {}", q(p));
        }
    }
    s.push_str("---\n");
    body(&mut s, f);
    s
}

fn objectifs(s: &mut String, f: &Fiche) {
    s.push_str("objectifs:\n");
    for o in &f.objectifs {
        let _ = writeln!(s, "  - intitule: {}", q(&o.intitule));
        if f.kind == Kind::Action && !o.plus_value.is_empty() {
            let _ = writeln!(s, "    plus_value: {}", q(&o.plus_value));
        }
        s.push_str("    indicateurs:\n");
        for i in &o.indicateurs {
            indicateur(s, i);
        }
    }
}

fn indicateur(s: &mut String, i: &Indicateur) {
    let _ = writeln!(s, "      - intitule: {}", q(&i.intitule));
    for n in &i.notes {
        let _ = writeln!(s, "        # À vérifier : {}", one_line(n));
    }
    if let Some(u) = &i.unite {
        let _ = writeln!(s, "        unite: {u}");
    }
    if let Some(c) = &i.cible {
        let _ = writeln!(s, "        cible: {c}");
    }
    match i.sens {
        Some(sens) => {
            let _ = writeln!(s, "        sens: {sens}");
        }
        // A Word file without ldm's target line: the name says the direction, as check
        // reads it.
        None if crate::check::measures::should_fall(&i.intitule) => {
            s.push_str("        sens: baisse  # À vérifier : déduit de l'intitulé\n");
        }
        None => {}
    }
    if i.mesures.is_empty() {
        s.push_str("        mesures: {}\n");
        return;
    }
    s.push_str("        mesures:\n");
    for (y, v) in &i.mesures {
        let _ = writeln!(s, "          {y}: {v}");
    }
}

const SUBSECTIONS: [&str; 4] = [
    "Moyens engagés",
    "Calendrier",
    "Lieux",
    "Modalités d'organisation",
];

fn body(s: &mut String, f: &Fiche) {
    let get = |name: &str| {
        f.sections
            .iter()
            .find(|(n, _)| n == name)
            .map_or("", |(_, m)| m.as_str())
    };
    section(s, "#", "Description", get("Description"));
    s.push_str("\n# Mise en œuvre\n");
    for n in SUBSECTIONS {
        section(s, "##", n, get(n));
    }
    if f.kind == Kind::Action {
        for n in ["Points forts", "Axes de progrès", "Conclusion"] {
            section(s, "#", n, get(n));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::{Critere, Objectif};

    #[test]
    fn a_note_written_on_two_lines_stays_one_comment() {
        let ind = Indicateur {
            intitule: "Taux".into(),
            mesures: vec![("2024".into(), "\"80\\nà 85\"".into())],
            notes: vec!["2024 : « 80\nà 85 »".into()],
            ..Indicateur::default()
        };
        let f = Fiche {
            objectifs: vec![Objectif {
                intitule: "O".into(),
                indicateurs: vec![ind],
                ..Objectif::default()
            }],
            ..Fiche::default()
        };
        let d = Dossier {
            criteres: vec![Critere {
                numero: 1,
                fiches: vec![f],
                ..Critere::default()
            }],
            ..Dossier::default()
        };
        let fiche = &files(&d)[3].content;
        assert!(
            fiche.contains("# À vérifier : 2024 : « 80 à 85 »"),
            "{fiche}"
        );
        assert!(!fiche.lines().any(|l| l.starts_with("à 85")), "{fiche}");
    }
}
