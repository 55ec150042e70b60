//! `--format` for the verbs that write documents: the application layer's formats as
//! clap's values, and its decision printed as the command line prints refusals.

use super::EXIT_FAILURE;
use ldm::ops::output::Kind;
use std::process::ExitCode;

/// clap's parser of `--format` for a verb that writes the formats `offered`: the values
/// are the application layer's kinds (`ldm::ops::output`), so no enum is mirrored here;
/// a former English value is a hidden alias.
pub fn format_values(
    offered: &'static [Kind],
) -> impl clap::builder::TypedValueParser<Value = Kind> {
    choice(offered, Kind::value, Kind::english)
}

/// clap's parser of a value among a library enum's `all`: `value` is the word typed,
/// `english` a former English word kept as a hidden alias. The values are the library's,
/// so no enum is mirrored in `cmd`.
pub fn choice<T: Copy + Send + Sync + 'static>(
    all: &'static [T],
    value: fn(T) -> &'static str,
    english: fn(T) -> Option<&'static str>,
) -> impl clap::builder::TypedValueParser<Value = T> {
    use clap::builder::{PossibleValue, PossibleValuesParser, TypedValueParser};
    let values = all
        .iter()
        .map(move |k| PossibleValue::new(value(*k)).aliases(english(*k)));
    PossibleValuesParser::new(values).try_map(move |v| {
        all.iter()
            .copied()
            .find(|k| value(*k) == v || english(*k) == Some(v.as_str()))
            .ok_or("valeur inconnue")
    })
}

/// clap's parser of a value of `ldm.toml` whose type `T` the library defines: the values
/// are its schema's (`enum`), as `check` accepts them, so no enum is mirrored in `cmd`.
pub fn toml_values<T: schemars::JsonSchema>() -> clap::builder::PossibleValuesParser {
    let schema = schemars::schema_for!(T);
    let values = schema
        .get("enum")
        .and_then(|v| v.as_array())
        .into_iter()
        .flatten()
        .filter_map(|v| v.as_str())
        // clap keeps `&'static str`s; the command is built a few times per run at most.
        .map(|v| clap::builder::PossibleValue::new(&*Box::leak(Box::<str>::from(v))));
    clap::builder::PossibleValuesParser::new(values)
}

/// The format to write (`ldm::ops::output::choose`); a refusal is printed and becomes the
/// exit status 2, the same sentence for every verb.
pub fn output_kind(
    asked: Option<Kind>,
    output: Option<&std::path::Path>,
    offered: &'static [Kind],
) -> Result<Kind, ExitCode> {
    ldm::ops::output::choose(asked, output, offered).map_err(|refusal| {
        eprintln_fr!("erreur\u{a0}: {refusal}");
        ExitCode::from(EXIT_FAILURE)
    })
}
