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
    use clap::builder::PossibleValue;
    use clap::builder::TypedValueParser;
    let values = offered
        .iter()
        .map(|k| PossibleValue::new(k.value()).aliases(k.english()));
    clap::builder::PossibleValuesParser::new(values)
        .try_map(|v| Kind::of_value(&v).ok_or("format inconnu"))
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
