//! The help of every command, at every depth, is French.

/// Every command's path from the root: `["audit", "render"]`…
fn paths(c: &clap::Command, above: &[String], out: &mut Vec<Vec<String>>) {
    for sub in c.get_subcommands() {
        let mut path = above.to_vec();
        path.push(sub.get_name().to_string());
        paths(sub, &path, out);
        out.push(path);
    }
}

#[test]
fn the_help_of_every_command_at_every_depth_is_french() {
    let mut all = vec![Vec::new()];
    paths(&super::command(), &[], &mut all);
    assert!(all.iter().any(|p| p == &["audit", "render"]), "{all:?}");
    let english = [
        "Usage:",
        "Arguments:",
        "Commands:",
        "Options:",
        "[default",
        "[possible values",
        "Print help",
    ];
    for path in all {
        let mut argv = vec!["ldm".to_string()];
        argv.extend(path.iter().cloned());
        argv.push("--help".into());
        let help = match super::command().try_get_matches_from(&argv) {
            Err(e) => e.render().to_string(),
            Ok(_) => panic!("{argv:?} n'affiche pas d'aide"),
        };
        for word in english {
            assert!(!help.contains(word), "{argv:?} : « {word} » dans\n{help}");
        }
        assert!(help.contains("Usage\u{a0}:"), "{argv:?}\n{help}");
        let options = help.matches("Options\u{a0}:").count();
        assert!(
            options <= 1,
            "{argv:?} : {options} sections Options\n{help}"
        );
    }
}

/// The command line only parses and prints (issue 30): each verb's file stays small, its
/// decisions in `ldm::ops`; and no enum of the library is copied here for clap.
#[test]
fn every_file_of_the_command_line_is_under_120_lines_and_mirrors_no_enum() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/cmd");
    let mut seen = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap();
        let lines = text.lines().count();
        assert!(lines < 120, "{} : {lines} lignes", path.display());
        // The values of a library type come through `choice`, `format_values` or
        // `toml_values`; clap's derive is left to what only the command line has.
        // Split so that this file does not find itself.
        for derived in text.split(&["Value", "Enum)]"].concat()).skip(1) {
            let name = derived
                .split("enum ")
                .nth(1)
                .and_then(|r| r.split(' ').next());
            assert!(
                matches!(name, Some("Deny" | "ShellArg")),
                "{} : enum {name:?} dérive ValueEnum",
                path.display()
            );
        }
        seen += 1;
    }
    assert!(seen > 20, "{seen} fichiers dans src/cmd");
}
