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
