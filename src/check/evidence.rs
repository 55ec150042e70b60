//! Evidence rules: cited files exist, stay inside the dossier, and are all cited.

use super::Ctx;
use crate::diagnostic::{Diagnostic, Rule};
use crate::model::query::{Cited, cited_evidence, evidence_path};
use crate::text::suggest;
use crate::vfs::Kind;
use std::collections::{BTreeMap, BTreeSet};

pub fn check(ctx: &mut Ctx) {
    let d = ctx.dossier;
    let mut cited = BTreeSet::new();
    // Each file is read once, however many fiches cite it.
    let mut excesses = BTreeMap::new();
    for c in cited_evidence(d) {
        let (e, raw) = (c.fiche, c.written.value.trim());
        let pos = e.pos(c.written);
        let nfc = match c.cited() {
            // A page on line is never fetched: only its address's form is checked.
            Cited::Page(link) => {
                if let Err(why) = link.check() {
                    ctx.diags.push(bad_address(&e.path, pos, link.adresse, why));
                }
                continue;
            }
            Cited::Outside(why) => {
                ctx.diags.push(
                    Diagnostic::new(Rule::PreuveHorsDossier, format!("la preuve « {raw} » est hors du dossier{}", why.detail()))
                        .at(&e.path, pos)
                        .help("copiez le fichier dans « preuves/ » et citez-le par un chemin depuis la racine du dossier, sans « .. »"),
                );
                continue;
            }
            Cited::File(path) => path.to_string(),
        };
        // The listed file, else the path as written (a file outside preuves/).
        let kind = d.preuves.get(&nfc).cloned().or_else(|| d.files.kind(&nfc));
        match kind {
            Some(Kind::File { .. }) => {
                let excess = excesses
                    .entry(nfc.clone())
                    .or_insert_with(|| over_bounds(d, &nfc));
                if let Some(excess) = excess {
                    ctx.diags.push(too_large(&e.path, pos, raw, excess));
                }
            }
            // A symbolic link may lead out of the dossier even with a clean path.
            Some(Kind::Outside { .. }) => ctx.diags.push(
                Diagnostic::new(
                    Rule::PreuveHorsDossier,
                    format!("la preuve « {raw} » est un lien vers un fichier hors du dossier"),
                )
                .at(&e.path, pos)
                .help("remplacez le lien symbolique par une copie du fichier"),
            ),
            _ => {
                ctx.diags.push(missing(d, &e.path, pos, raw, &nfc));
                continue;
            }
        }
        cited.insert(nfc);
    }
    // A fiche ldm could not read may cite them: the summary asks to fix it first.
    let unknown_citations = !d.fiches_a_corriger().is_empty();
    for p in d.preuves.keys() {
        // A file whose name the rule refuses (`a\b.pdf` on Linux) cannot be cited at all.
        if let Err(why) = evidence_path(p) {
            ctx.diags.push(
                Diagnostic::new(Rule::PreuveHorsDossier, format!("le nom du fichier « {p} » n'est pas un chemin de preuve{}", why.detail()))
                    .in_file(p)
                    .help("renommez le fichier avec des lettres, des chiffres, « - » et « _ » : l'annexe et l'archive des preuves le laissent de côté"),
            );
            continue;
        }
        if !cited.contains(p) && !unknown_citations {
            ctx.diags.push(
                Diagnostic::new(Rule::PreuveNonCitee, format!("« {p} » n'est citée par aucune action ni aucun engagement"))
                    .in_file(p)
                    .help("ajoutez ce chemin dans « preuves » de la fiche qu'il prouve, ou retirez le fichier"),
            );
        }
    }
}

/// Whether the file at `nfc` is over a bound of the evidence annex's decoders (only the
/// kinds the annex reproduces are read).
fn over_bounds(d: &crate::model::Dossier, nfc: &str) -> Option<crate::bounds::Excess> {
    let ext = nfc.rsplit_once('.')?.1.to_ascii_lowercase();
    if !matches!(
        ext.as_str(),
        "png" | "jpg" | "jpeg" | "gif" | "webp" | "svg" | "pdf" | "csv"
    ) {
        return None;
    }
    let bytes = d.files.read_up_to(nfc, crate::vfs::MAX_EVIDENCE).ok()?;
    crate::bounds::assess(&ext, &bytes)
}

/// `preuve-hors-limites` at the citation.
fn too_large(
    file: &str,
    pos: crate::diagnostic::Pos,
    raw: &str,
    excess: &crate::bounds::Excess,
) -> Diagnostic {
    Diagnostic::new(
        Rule::PreuveHorsLimites,
        format!("la preuve « {raw} » est {}", excess.sentence()),
    )
    .at(file, pos)
    .help("l'annexe des preuves la nomme sans la reproduire (ou coupe le tableau) et l'archive des preuves la garde entière ; réduisez-la si l'auditeur doit la lire dans l'annexe")
}

/// `preuve-adresse-invalide` at the cited address.
fn bad_address(file: &str, pos: crate::diagnostic::Pos, adresse: &str, why: &str) -> Diagnostic {
    Diagnostic::new(
        Rule::PreuveAdresseInvalide,
        format!("l'adresse « {adresse} » de la preuve est mal formée : {why}"),
    )
    .at(file, pos)
    .help("recopiez l'adresse depuis la barre du navigateur : « https://… » sans espace ; ldm ne l'ouvre pas, il en vérifie la forme")
}

/// A cited file that does not exist, with the closest evidence file by name.
fn missing(
    d: &crate::model::Dossier,
    file: &str,
    pos: crate::diagnostic::Pos,
    raw: &str,
    nfc: &str,
) -> Diagnostic {
    // Compare file names, not paths: files of one folder share a long prefix that
    // would make any of them look « close ».
    let name = nfc.rsplit('/').next().unwrap_or(nfc);
    let close = suggest(
        name,
        d.preuves.keys().map(|k| k.rsplit('/').next().unwrap_or(k)),
    )
    .and_then(|n| {
        d.preuves
            .keys()
            .find(|k| k.ends_with(&format!("/{n}")) || *k == n)
    });
    let help = match close {
        Some(s) => format!("vouliez-vous dire « {s} » ? Les chemins partent de la racine du dossier"),
        None => "vérifiez le chemin : il part de la racine du dossier, par exemple « preuves/4-partenariats/convention.pdf »".to_string(),
    };
    Diagnostic::new(
        Rule::PreuveIntrouvable,
        format!("la preuve « {raw} » est introuvable"),
    )
    .at(file, pos)
    .help(help)
}
