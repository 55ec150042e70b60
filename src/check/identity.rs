//! Identity rules: UAI format and check letter, campaign years.

use super::Ctx;
use crate::diagnostic::{Diagnostic, Rule};
use crate::model::config::{Candidature, Config, Nature};
use crate::model::query::YEARS;

const UAI_LETTERS: &[u8; 23] = b"ABCDEFGHJKLMNPRSTUVWXYZ";

/// What is wrong with a UAI, if anything.
#[derive(Debug, PartialEq, Eq)]
pub enum UaiProblem {
    /// Not 7 digits and a letter.
    Format,
    /// Right shape, wrong letter: the expected one.
    Letter(char),
}

/// Checks a UAI: 7 digits, then the letter of rank (number mod 23).
pub fn check_uai(uai: &str) -> Result<(), UaiProblem> {
    let b = uai.as_bytes();
    if b.len() != 8 || !b[..7].iter().all(u8::is_ascii_digit) || !b[7].is_ascii_alphabetic() {
        return Err(UaiProblem::Format);
    }
    let n: u32 = uai[..7].parse().map_err(|_| UaiProblem::Format)?;
    let expected = UAI_LETTERS[(n % 23) as usize] as char;
    if b[7] as char == expected {
        Ok(())
    } else {
        Err(UaiProblem::Letter(expected))
    }
}

pub fn check(ctx: &mut Ctx) {
    let Some(config) = &ctx.dossier.config else {
        return;
    };
    uai_codes(ctx, config);
    campaign_years(ctx, config);
    previous_label(ctx, &config.candidature);
    follow_up_year(ctx, config);
}

/// `suivi-hors-label`: the bilan annuel's year falls within the five years of the label
/// granted at the campaign.
fn follow_up_year(ctx: &mut Ctx, config: &Config) {
    use crate::model::config::LABEL_YEARS;
    let Some(suivi) = &config.suivi else {
        return;
    };
    let (annee, year) = (*config.candidature.annee.get_ref(), *suivi.annee.get_ref());
    let end = annee.saturating_add(LABEL_YEARS);
    // An impossible year is already a finding (`annee-invalide`).
    if !YEARS.contains(&annee) || !YEARS.contains(&year) || year <= end {
        return;
    }
    let pos = ctx.toml_pos(&suivi.annee);
    ctx.push(
        Diagnostic::new(
            Rule::SuiviHorsLabel,
            format!("le bilan annuel {year} est après la fin du label {annee}-{end}"),
        )
        .at("ldm.toml", pos)
        .help(format!(
            "le label obtenu à la campagne {annee} court jusqu'en {end} : vérifiez [suivi] annee et [candidature] annee, ou préparez le renouvellement (campagne {end})"
        )),
    );
}

/// `uai-invalide`, `uai-cle-incorrecte`: the school's UAI and those of its network are
/// 7 digits and the right check letter. A UAI left « À compléter » is reported as such.
fn uai_codes(ctx: &mut Ctx, config: &Config) {
    let own = config.etablissement.uai.clone();
    let mut uais = vec![(own, "l'UAI de l'établissement")];
    uais.extend(config.candidature.reseau.iter().map(|u| {
        let uai = toml::Spanned::new(u.span(), u.get_ref().uai().to_string());
        (uai, "l'UAI d'un établissement du réseau")
    }));
    for (uai, what) in &uais {
        let value = uai.get_ref().trim();
        if super::text::is_placeholder(value) {
            continue; // reported once, as text left to complete
        }
        let pos = ctx.toml_pos(uai);
        match check_uai(value) {
            Ok(()) => {}
            Err(UaiProblem::Format) => ctx.push(
                Diagnostic::new(Rule::UaiInvalide, format!("{what} « {value} » n'a pas la forme 7 chiffres + 1 lettre"))
                    .at("ldm.toml", pos)
                    .help("un UAI s'écrit comme 0271234V (il figure sur les courriers du rectorat et dans l'annuaire de l'éducation)"),
            ),
            Err(UaiProblem::Letter(l)) => ctx.push(
                Diagnostic::new(Rule::UaiCleIncorrecte, format!("la lettre de contrôle de {what} « {value} » est fausse"))
                    .at("ldm.toml", pos)
                    .help(format!("pour les chiffres {}, la lettre est « {l} » ; vérifiez les chiffres et la lettre", &value[..7])),
            ),
        }
    }
}

/// `annee-invalide`: the campaign year, the previous label's and the bilan annuel's
/// are plausible four-digit years.
fn campaign_years(ctx: &mut Ctx, config: &Config) {
    let cand = &config.candidature;
    let years = [
        Some((&cand.annee, "l'année de candidature", "annee = 2026")),
        cand.precedente
            .as_ref()
            .map(|p| (p, "l'année du label précédent", "precedente = 2021")),
        config
            .suivi
            .as_ref()
            .map(|s| (&s.annee, "l'année du bilan annuel", "annee = 2027")),
    ];
    for (year, what, example) in years.into_iter().flatten() {
        let value = *year.get_ref();
        if !YEARS.contains(&value) {
            let pos = ctx.toml_pos(year);
            ctx.push(
                Diagnostic::new(
                    Rule::AnneeInvalide,
                    format!("{what} {value} est impossible"),
                )
                .at("ldm.toml", pos)
                .help(format!(
                    "indiquez l'année sur quatre chiffres, par exemple « {example} »"
                )),
            );
        }
    }
}

/// `label-precedent-manquant`, `label-precedent-incoherent`: a renewal gives the year of
/// the current label, five years before the campaign; a first application gives none.
fn previous_label(ctx: &mut Ctx, cand: &Candidature) {
    let annee = *cand.annee.get_ref();
    let plausible = |y: &toml::Spanned<i64>| YEARS.contains(y.get_ref());
    // An impossible year is already a finding; arithmetic on it would only wrap.
    if !YEARS.contains(&annee) || cand.precedente.as_ref().is_some_and(|p| !plausible(p)) {
        return;
    }
    match (cand.nature.get_ref(), &cand.precedente) {
        (Nature::Renouvellement, None) => {
            let pos = ctx.toml_pos(&cand.nature);
            ctx.push(
                Diagnostic::new(
                    Rule::LabelPrecedentManquant,
                    "renouvellement sans l'année du label précédent",
                )
                .at("ldm.toml", pos)
                .help(format!(
                    "ajoutez « precedente = {} » dans [candidature]",
                    annee - 5
                )),
            );
        }
        (Nature::Renouvellement, Some(p)) if annee - p.get_ref() != 5 => {
            let pos = ctx.toml_pos(p);
            ctx.push(
                Diagnostic::new(
                    Rule::LabelPrecedentIncoherent,
                    format!("label précédent en {}, renouvellement en {annee} : {} ans d'écart au lieu de 5", p.get_ref(), annee - p.get_ref()),
                )
                .at("ldm.toml", pos)
                .help(format!("le label dure 5 ans : pour une campagne {annee}, le label précédent date de {}", annee - 5)),
            );
        }
        (Nature::PremiereDemande, Some(p)) => {
            let pos = ctx.toml_pos(p);
            ctx.push(
                Diagnostic::new(
                    Rule::LabelPrecedentIncoherent,
                    "une première demande n'a pas de label précédent",
                )
                .at("ldm.toml", pos)
                .help("retirez « precedente » ou indiquez « nature = \"renouvellement\" »"),
            );
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uai_check_letters() {
        // 271234 mod 23 = 18 → 'V'
        let cases = [
            ("0271234V", Ok(())),
            ("0271234X", Err(UaiProblem::Letter('V'))),
            ("0000000A", Ok(())),
            ("027123L", Err(UaiProblem::Format)),
            ("027123AL", Err(UaiProblem::Format)),
            ("", Err(UaiProblem::Format)),
            ("0271234é", Err(UaiProblem::Format)),
        ];
        for (uai, want) in cases {
            assert_eq!(check_uai(uai), want, "{uai}");
        }
    }
}
