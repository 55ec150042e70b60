//! `ldm check --explain`: the catalogue of the rules by family, or one rule's
//! explanation, in French typography.

use crate::rule::Rule;
use std::fmt::Write;

/// The catalogue when `name` is empty, else the rule's explanation; `Err` is the French
/// sentence for an unknown rule, with the nearest name.
pub fn text(name: &str) -> Result<String, String> {
    let mut text = String::new();
    if name.is_empty() {
        let mut famille = None;
        for r in Rule::ALL {
            if famille != Some(r.famille()) {
                famille = Some(r.famille());
                let _ = writeln!(text, "\n{}", r.famille().label().to_uppercase());
            }
            let _ = writeln!(
                text,
                "  {:<28} {:<14} {}",
                r.name(),
                r.severity(),
                r.titre()
            );
        }
        let _ = writeln!(
            text,
            "\n« ldm check --explain <règle> » explique une règle."
        );
    } else if let Some(r) = Rule::from_name(name) {
        let _ = writeln!(
            text,
            "{} ({}, famille {})\n\n{}\n\n{}",
            r.name(),
            r.severity(),
            r.famille(),
            r.titre(),
            r.explication()
        );
    } else {
        let hint = crate::text::suggest(name, Rule::ALL.iter().map(|r| r.name()))
            .map_or(String::new(), |s| format!(" ; vouliez-vous dire « {s} » ?"));
        return Err(crate::typo::french(&format!(
            "règle inconnue « {name} »{hint}\n« ldm check --explain » liste toutes les règles."
        )));
    }
    Ok(crate::typo::french(&text))
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_catalogue_one_rule_and_an_unknown_name() {
        let all = super::text("").unwrap();
        assert!(all.contains("type-invalide"), "{all}");
        let one = super::text("type-invalide").unwrap();
        assert!(one.starts_with("type-invalide (erreur, famille"), "{one}");
        let err = super::text("type-invalid").unwrap_err();
        assert!(
            err.contains(&crate::typo::french("vouliez-vous dire « type-invalide »")),
            "{err}"
        );
    }
}
