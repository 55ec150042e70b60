//! `critere-nom-different`: a criterion folder is matched by its number, so its name must
//! not name another criterion of the edition (an older cahier des charges, an académie's
//! list, a school's referentiel.yaml numbering criteria otherwise).

use super::Ctx;
use crate::diagnostic::{Diagnostic, Rule};
use crate::referentiel::Critere;
use crate::text::{fold, slugify};

/// Words that say nothing of a criterion (« accueil-des-publics »).
const LINKS: &[&str] = &[
    "a", "au", "aux", "d", "de", "des", "du", "en", "et", "l", "la", "le", "les", "pour",
];

/// `critere-nom-different`: each folder `criteres/<n>-<nom>` whose name contradicts the
/// edition's criterion `n`, at the folder, naming that criterion and the expected name.
pub fn check(ctx: &mut Ctx) {
    let mut found = Vec::new();
    for f in &ctx.dossier.criteres {
        let Some(c) = ctx.edition.critere(f.numero) else {
            continue; // `critere-inconnu`
        };
        let name = folder_name(&f.dir);
        let words = words(name);
        if words.is_empty() || names(&words, c) {
            continue;
        }
        let expected = format!("criteres/{}-{}", c.numero, c.slug);
        let other = ctx
            .edition
            .criteres
            .iter()
            .find(|o| o.numero != c.numero && names(&words, o))
            .map_or(String::new(), |o| {
                format!(
                    " ; son nom est celui du critère {} « {} » : si ses fiches y répondent, déplacez-les dans son dossier",
                    o.numero, o.intitule
                )
            });
        found.push(
            Diagnostic::new(
                Rule::CritereNomDifferent,
                format!(
                    "le dossier « {} » porte le numéro {}, qui est dans l'édition {} le critère « {} »",
                    f.dir, c.numero, ctx.edition.id, c.intitule
                ),
            )
            .in_file(&f.dir)
            .help(format!(
                "ses fiches seraient présentées sous ce critère : renommez le dossier « {expected} » s'il y répond{other}, ou choisissez dans ldm.toml l'édition dont il suit la numérotation"
            )),
        );
    }
    ctx.diags.extend(found);
}

/// `criteres/4-partenariats` → `partenariats` (empty for `criteres/4`).
fn folder_name(dir: &str) -> &str {
    let last = dir.rsplit('/').next().unwrap_or(dir);
    let name = last.trim_start_matches(|c: char| c.is_ascii_digit());
    name.strip_prefix('-').unwrap_or(name)
}

/// The meaningful words of a name, accent- and case-folded, without plural marks.
fn words(name: &str) -> Vec<String> {
    fold(name)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty() && !LINKS.contains(w))
        .map(|w| w.trim_end_matches(['s', 'x']).to_string())
        .filter(|w| !w.is_empty())
        .collect()
}

/// Whether a folder's words name criterion `c`: they all come from its slug or title, or
/// they hold every word of its slug (« partenariats-entreprises » for « partenariats »).
fn names(folder: &[String], c: &Critere) -> bool {
    let slug = words(&c.slug);
    let mut known = slug.clone();
    known.extend(words(&slugify(&c.intitule)));
    folder.iter().all(|w| known.contains(w))
        || (!slug.is_empty() && slug.iter().all(|w| folder.contains(w)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn critere(slug: &str, intitule: &str) -> Critere {
        Critere {
            numero: 4,
            slug: slug.into(),
            intitule: intitule.into(),
            ..Critere::default()
        }
    }

    #[test]
    fn a_folder_names_its_criterion_by_slug_title_or_more_words() {
        let c = critere("partenariats", "Partenariats avec le monde professionnel");
        for name in [
            "4-partenariats",
            "4-Partenariat",
            "4-partenariats-entreprises",
            "4-monde-professionnel",
        ] {
            assert!(names(&words(folder_name(name)), &c), "{name}");
        }
        let vae = critere("vae", "Validation des acquis de l'expérience");
        assert!(!names(&words("partenariats"), &vae));
        assert!(names(&words("validation-des-acquis"), &vae));
        assert_eq!(folder_name("criteres/4"), "");
    }
}
