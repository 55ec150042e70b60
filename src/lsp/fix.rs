//! The « vouliez-vous dire » suggestions of findings as edits: the rules write the
//! suggestion in their help (« vouliez-vous dire « cible » ? … »), at the spot they
//! underline, so applying one replaces that spot.

/// The suggestion a finding's help carries, if any.
/// Helps have French typography (a narrow no-break space inside « »), older texts an
/// ordinary space: both are read.
pub fn suggestion(help: &str) -> Option<&str> {
    let rest = help.split("vouliez-vous dire «").nth(1)?;
    let rest = rest.strip_prefix([' ', crate::typo::NNBSP])?;
    let s = rest[..rest.find('»')?].strip_suffix([' ', crate::typo::NNBSP])?;
    (!s.is_empty()).then_some(s)
}

/// The text that replaces `spot` (the underlined text) to apply `suggestion`: the quotes
/// around a quoted value are kept.
pub fn replacement(spot: &str, suggestion: &str) -> String {
    for q in ['"', '\''] {
        if spot.len() >= 2 && spot.starts_with(q) && spot.ends_with(q) {
            return format!("{q}{suggestion}{q}");
        }
    }
    suggestion.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggestions_are_read_from_the_help_and_keep_quotes() {
        let help = "vouliez-vous dire « cible » ? Champs possibles ici : cible, intitule";
        assert_eq!(suggestion(help), Some("cible"));
        assert_eq!(
            suggestion("vouliez-vous dire « # Description » ? Le titre"),
            Some("# Description")
        );
        assert_eq!(suggestion("champs possibles ici : a, b"), None);
        let typographic = crate::typo::french(help);
        assert_eq!(suggestion(&typographic), Some("cible"));
        assert_eq!(
            replacement("\"preuves/a.pdf\"", "preuves/b.pdf"),
            "\"preuves/b.pdf\""
        );
        assert_eq!(replacement("nombr", "nombre"), "nombre");
    }
}
