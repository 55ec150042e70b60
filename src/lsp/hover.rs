//! The help shown on hover, as Markdown: a requirement with its criterion, a rule's
//! explanation (the text of `ldm check --explain`), a field's description.

use crate::referentiel::{Critere, Exigence};
use crate::rule::Rule;

/// A requirement of the cahier des charges and the criterion it belongs to.
pub fn requirement(c: &Critere, e: &Exigence) -> String {
    let mut out = format!(
        "**Exigence {}**\u{a0}: {}\n\nCritère {}\u{a0}: {}",
        e.id, e.texte, c.numero, c.intitule
    );
    if e.reseau {
        out.push_str("\n\n_Demandée seulement aux candidatures en réseau._");
    }
    if let Some(o) = c.origine {
        out.push_str(&format!("\n\n_({})_", o.label()));
    }
    out
}

/// A rule: its title and its explanation.
pub fn rule(r: Rule) -> String {
    crate::typo::french(&format!(
        "**{}** (`{}`)\n\n{}\n\n« ldm check --explain {} » affiche cette explication.",
        r.titre(),
        r.name(),
        r.explication(),
        r.name()
    ))
}

/// A field and its description.
pub fn field(name: &str, description: &str) -> String {
    format!("**{name}**\u{a0}: {description}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_requirement_names_its_criterion() {
        let ed = crate::referentiel::embedded("national-2026")
            .unwrap()
            .unwrap();
        let (c, e) = ed.exigence("4.1").unwrap();
        let text = requirement(c, e);
        assert!(text.starts_with("**Exigence 4.1**\u{a0}: "), "{text}");
        assert!(
            text.contains(&format!("Critère 4\u{a0}: {}", c.intitule)),
            "{text}"
        );
        let text = rule(Rule::ChampInconnu);
        let explication = crate::typo::french(Rule::ChampInconnu.explication());
        assert!(text.contains(&explication), "{text}");
    }
}
