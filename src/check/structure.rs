//! Structure rules: criteria folders, required sections, fields out of context.

use super::Ctx;
use crate::diagnostic::{Diagnostic, Pos, Rule};
use crate::model::{Doc, Kind, Section, sections};
use crate::text::{fold, suggest};

pub fn check(ctx: &mut Ctx) {
    criteria_folders(ctx);
    let d = ctx.dossier;
    if let Some(e) = &d.etablissement {
        check_sections(ctx, e, sections::ETABLISSEMENT, &[]);
    }
    for c in &d.criteres {
        if let Some(doc) = &c.critere {
            // The network section is always allowed; coverage::check requires it when relevant.
            check_sections(ctx, doc, sections::CRITERE, &[sections::STRATEGIE_RESEAU]);
        }
        for (kind, e) in c.entities() {
            let expected = match kind {
                Kind::Action => sections::ACTION,
                Kind::Engagement => sections::ENGAGEMENT,
            };
            check_sections(ctx, e, expected, &[]);
            out_of_context(ctx, kind, e);
        }
    }
}

/// Every criterion of the edition has one folder; every folder is a criterion.
fn criteria_folders(ctx: &mut Ctx) {
    let d = ctx.dossier;
    let at = d
        .config
        .as_ref()
        .and_then(|c| c.referentiel.as_ref())
        .map_or(Pos::start(), |r| ctx.toml_pos(&r.edition));
    let edition_id = ctx.edition.id.clone();
    for c in &ctx.edition.criteres {
        if !d.criteres.iter().any(|f| f.numero == c.numero) {
            ctx.diags.push(
                Diagnostic::new(Rule::CritereManquant, format!("le critère {} « {} » n'a pas de dossier", c.numero, c.intitule))
                    .at("ldm.toml", at)
                    .help(format!(
                        "l'édition {edition_id} demande ce critère : créez « criteres/{}-{}/critere.md » (« ldm init --force » le fait sans rien écraser)",
                        c.numero, c.slug
                    )),
            );
        }
    }
    let mut seen: Vec<u32> = Vec::new();
    for f in &d.criteres {
        if ctx.edition.critere(f.numero).is_none() {
            let nums: Vec<String> = ctx
                .edition
                .criteres
                .iter()
                .map(|c| c.numero.to_string())
                .collect();
            ctx.diags.push(
                Diagnostic::new(Rule::CritereInconnu, format!("l'édition {edition_id} n'a pas de critère {}", f.numero))
                    .in_file(&f.dir)
                    .help(format!("critères de l'édition : {} ; renommez le dossier ou changez d'édition dans ldm.toml", nums.join(", "))),
            );
        }
        if seen.contains(&f.numero) {
            ctx.diags.push(
                Diagnostic::new(
                    Rule::CritereEnDouble,
                    format!(
                        "un autre dossier porte déjà le numéro de critère {}",
                        f.numero
                    ),
                )
                .in_file(&f.dir)
                .help("regroupez les actions et engagements du critère dans un seul dossier"),
            );
        }
        seen.push(f.numero);
    }
}

/// Required top-level sections (with their required subsections), in any order.
/// The required subsections `subs` of section `s` (its `children`): each present, and
/// not empty unless deeper headings hold its text.
fn check_subsections(ctx: &mut Ctx, path: &str, s: &Section, children: &[&Section], subs: &[&str]) {
    for sub in subs {
        match children
            .iter()
            .find(|c| c.level == 2 && fold(&c.title) == fold(sub))
        {
            None => ctx.push(missing_sub(path, s, children, subs, sub)),
            Some(c)
                if is_blank(&c.body)
                    && !children.iter().any(|g| g.level > 2 && g.line > c.line) =>
            {
                ctx.push(empty(path, c.line, &c.title))
            }
            Some(_) => {}
        }
    }
}

/// A top-level section of no expected title, with the nearest expected one if any.
fn unknown_section(path: &str, s: &Section, known: &[&str]) -> Diagnostic {
    let d = Diagnostic::new(
        Rule::SectionInconnue,
        format!("section « {} » inattendue", s.title),
    )
    .at(
        path,
        Pos::new(s.line, 1, s.title.chars().count() as u32 + 2),
    );
    d.help(match suggest(&s.title, known.iter().copied()) {
        Some(k) => format!(
            "vouliez-vous dire « # {k} » ? Sections attendues : {}",
            known.join(", ")
        ),
        None => format!(
            "sections attendues : {} ; pour un intertitre, utilisez « ### »",
            known.join(", ")
        ),
    })
}

fn check_sections<F>(ctx: &mut Ctx, doc: &Doc<F>, expected: &[(&str, &[&str])], optional: &[&str]) {
    let body_line = doc
        .sections
        .first()
        .map_or_else(|| last_line(ctx, &doc.path), |s| s.line);
    let known: Vec<&str> = expected
        .iter()
        .map(|(t, _)| *t)
        .chain(optional.iter().copied())
        .collect();
    let present = |t: &str| {
        doc.sections
            .iter()
            .any(|s| s.level == 1 && fold(&s.title) == fold(t))
    };
    // Headings that misspell a required, missing title (« # Points fort »): one finding,
    // the missing section at the misspelled heading with « vouliez-vous dire ».
    let mut misspelled: Vec<(String, Diagnostic)> = Vec::new();
    for (i, s) in doc.sections.iter().enumerate() {
        if s.level != 1 {
            continue;
        }
        let children = doc.sections[i + 1..].iter().take_while(|c| c.level > 1);
        match expected.iter().find(|(t, _)| fold(t) == fold(&s.title)) {
            Some((_, subs)) if !subs.is_empty() => {
                check_subsections(ctx, &doc.path, s, &children.collect::<Vec<_>>(), subs)
            }
            Some(_) => {
                if is_blank(&s.body) && children.count() == 0 {
                    ctx.push(empty(&doc.path, s.line, &s.title));
                }
            }
            None if optional.iter().any(|t| fold(t) == fold(&s.title)) => {}
            None if let Some(k) =
                suggest(&s.title, expected.iter().map(|(t, _)| *t)).filter(|k| !present(k)) =>
            {
                let at = Pos::new(s.line, 1, s.title.chars().count() as u32 + 2);
                let d = missing(&doc.path, at, k, false).help(format!(
                    "vouliez-vous dire « # {k} » ? Le titre « # {} » n'est pas reconnu",
                    s.title
                ));
                misspelled.push((fold(k), d));
            }
            None => ctx.push(unknown_section(&doc.path, s, &known)),
        }
    }
    for (title, _) in expected {
        if present(title) {
            continue;
        }
        let (here, rest): (Vec<_>, Vec<_>) =
            misspelled.into_iter().partition(|(k, _)| *k == fold(title));
        misspelled = rest;
        if here.is_empty() {
            ctx.push(missing(&doc.path, Pos::new(body_line, 1, 1), title, false));
        }
        for (_, d) in here {
            ctx.push(d);
        }
    }
}

/// A required subsection `sub` of `parent` that is absent: at the written subsection
/// that misspells it (« ## Calendriers »), with « vouliez-vous dire », else at `parent`.
fn missing_sub(
    path: &str,
    parent: &Section,
    children: &[&Section],
    subs: &[&str],
    sub: &str,
) -> Diagnostic {
    let known = |t: &str| subs.iter().any(|x| fold(x) == fold(t));
    let absent = subs.iter().copied().filter(|x| {
        !children
            .iter()
            .any(|c| c.level == 2 && fold(&c.title) == fold(x))
    });
    let absent: Vec<&str> = absent.collect();
    let written = children.iter().find(|c| {
        c.level == 2 && !known(&c.title) && suggest(&c.title, absent.iter().copied()) == Some(sub)
    });
    let Some(c) = written else {
        let at = Pos::new(parent.line, 1, parent.title.chars().count() as u32 + 2);
        return missing(path, at, sub, true);
    };
    let at = Pos::new(c.line, 1, c.title.chars().count() as u32 + 3);
    missing(path, at, sub, true).help(format!(
        "vouliez-vous dire « ## {sub} » ? Le titre « ## {} » n'est pas reconnu ; son texte figure dans l'annexe sous « {sub} »",
        c.title
    ))
}

fn missing(path: &str, pos: Pos, title: &str, sub: bool) -> Diagnostic {
    let hashes = if sub { "##" } else { "#" };
    Diagnostic::new(
        Rule::SectionManquante,
        format!("section « {title} » absente"),
    )
    .at(path, pos)
    .help(format!(
        "ajoutez un titre « {hashes} {title} » suivi du texte de l'équipe"
    ))
}

fn empty(path: &str, line: u32, title: &str) -> Diagnostic {
    Diagnostic::new(Rule::SectionVide, format!("section « {title} » vide"))
        .at(path, Pos::new(line, 1, title.chars().count() as u32 + 2))
        .help("écrivez sous ce titre le texte de l'équipe (les commentaires <!-- … --> ne comptent pas)")
}

fn is_blank(body: &str) -> bool {
    crate::markup::blank_comments(body).trim().is_empty()
}

fn last_line(ctx: &Ctx, path: &str) -> u32 {
    ctx.dossier
        .sources
        .get(path)
        .map_or(1, |s| s.text.trim_end().lines().count().max(1) as u32)
}

/// Fields that belong to the other kind of file.
fn out_of_context(ctx: &mut Ctx, kind: Kind, e: &Doc<crate::model::front::EntityFront>) {
    let Some(f) = &e.front else { return };
    let mut flag = |pos: Pos, field: &str, why: &str| {
        ctx.diags.push(
            Diagnostic::new(
                Rule::ChampHorsContexte,
                format!("« {field} » n'a pas de sens pour {}", kind.with_article()),
            )
            .at(&e.path, pos)
            .help(why.to_string()),
        )
    };
    match kind {
        Kind::Action => {
            if let Some(a) = f.animateur.as_ref().and_then(|ps| ps.first()) {
                flag(
                    e.pos(&a.nom),
                    "animateur",
                    "l'animateur est une case de l'engagement ; l'équipe d'une action est celle du critère",
                );
            }
        }
        Kind::Engagement => {
            if let Some(p) = &f.perenne {
                flag(
                    e.pos(p),
                    "perenne",
                    "« action pérenne » est une case de l'action réalisée ; retirez-la de l'engagement",
                );
            }
            for o in &f.objectifs {
                if let Some(p) = &o.plus_value {
                    flag(
                        e.pos(p),
                        "plus_value",
                        "un engagement n'a pas encore de résultats : la plus-value se décrit dans l'action, une fois réalisée",
                    );
                }
            }
        }
    }
}
