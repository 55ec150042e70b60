//! French wording for clap's own errors: clap has no localisation, so we rebuild the
//! message from the error's structured context.

use clap::error::{ContextKind, ContextValue, ErrorKind};

fn ctx(e: &clap::Error, kind: ContextKind) -> Option<String> {
    e.get(kind).map(|v| match v {
        ContextValue::String(s) => s.clone(),
        ContextValue::Strings(v) => v.join(", "),
        ContextValue::StyledStr(s) => s.to_string(),
        ContextValue::StyledStrs(v) => v
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join(", "),
        ContextValue::Number(n) => n.to_string(),
        ContextValue::Bool(b) => b.to_string(),
        _ => String::new(),
    })
}

/// Clap's suggestions, closest first (clap lists them closest last), each quoted:
/// « check » or « check » ou « schema ».
fn suggestions(e: &clap::Error, kind: ContextKind) -> Option<String> {
    let mut names: Vec<String> = match e.get(kind)? {
        ContextValue::String(s) => vec![s.clone()],
        ContextValue::Strings(v) => v.clone(),
        ContextValue::StyledStr(s) => vec![s.to_string()],
        ContextValue::StyledStrs(v) => v.iter().map(ToString::to_string).collect(),
        _ => return None,
    };
    names.reverse();
    let quoted: Vec<String> = names.iter().map(|n| format!("« {n} »")).collect();
    match quoted.split_last()? {
        (last, []) => Some(last.clone()),
        (last, rest) => Some(format!("{} ou {last}", rest.join(", "))),
    }
}

/// The French message for a usage error, with a hint when clap has one.
pub fn message(e: &clap::Error) -> String {
    let arg = ctx(e, ContextKind::InvalidArg).unwrap_or_default();
    let value = ctx(e, ContextKind::InvalidValue).unwrap_or_default();
    let mut msg = match e.kind() {
        // `--uai` at the end of the line: clap reports an empty value.
        ErrorKind::InvalidValue if value.is_empty() => {
            format!("valeur manquante pour {arg}")
        }
        ErrorKind::InvalidValue => format!("valeur « {value} » invalide pour {arg}"),
        ErrorKind::UnknownArgument => format!("argument inattendu « {arg} »"),
        ErrorKind::InvalidSubcommand => {
            format!(
                "commande inconnue « {} »",
                ctx(e, ContextKind::InvalidSubcommand).unwrap_or_default()
            )
        }
        ErrorKind::MissingRequiredArgument => format!("argument obligatoire manquant : {arg}"),
        ErrorKind::MissingSubcommand => {
            "indiquez une commande (« ldm --help » les liste)".to_string()
        }
        ErrorKind::ValueValidation => format!("valeur « {value} » invalide pour {arg}"),
        ErrorKind::TooManyValues | ErrorKind::WrongNumberOfValues | ErrorKind::TooFewValues => {
            format!("nombre de valeurs incorrect pour {arg}")
        }
        ErrorKind::ArgumentConflict => format!(
            "{arg} ne peut pas être utilisé avec {}",
            ctx(e, ContextKind::PriorArg).unwrap_or_default()
        ),
        _ => "arguments invalides".to_string(),
    };
    if let Some(valid) = ctx(e, ContextKind::ValidValue).filter(|v| !v.is_empty()) {
        msg.push_str(&format!("\naide\u{a0}: valeurs possibles : {valid}"));
    }
    for k in [
        ContextKind::SuggestedArg,
        ContextKind::SuggestedValue,
        ContextKind::SuggestedSubcommand,
    ] {
        if let Some(s) = suggestions(e, k) {
            msg.push_str(&format!("\naide\u{a0}: vouliez-vous dire {s} ?"));
        }
    }
    msg.push_str(&help_hint(e));
    msg
}

/// Where to read the options: the help of the command the user typed (« ldm new --help »),
/// taken from clap's usage line, or the general one when clap gives none.
fn help_hint(e: &clap::Error) -> String {
    let usage = ctx(e, ContextKind::Usage).unwrap_or_default();
    let path: Vec<&str> = usage
        .split_whitespace()
        .skip_while(|w| *w != "ldm")
        .take_while(|w| !w.starts_with(['[', '<', '-']))
        .collect();
    match path.as_slice() {
        [] | [_] => "\n« ldm --help » ou « ldm <commande> --help » décrit les options.".into(),
        words => format!("\n« {} --help » décrit ses options.", words.join(" ")),
    }
}
