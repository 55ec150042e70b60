//! The format of every document a verb writes: `--format` and the `-o` file's extension
//! agree or the verb refuses with one French sentence and exit 2 (never HTML in a `.pdf`);
//! the shell completions offer every format with its French help. Values are French
//! (`--format humain`, `--deny avertissements`, `--ci aucun`); the English ones of earlier
//! versions still work, hidden from help and completions.

use crate::common::*;
use std::path::Path;

/// A verb that writes a document: its arguments before `-o` and the formats it offers.
struct Verb {
    args: &'static [&'static str],
    offered: &'static [&'static str],
}

const VERBS: &[Verb] = &[
    Verb {
        args: &["render", "."],
        offered: &["html", "md", "pdf", "docx"],
    },
    Verb {
        args: &["render", ".", "--preuves"],
        offered: &["html", "md", "pdf", "zip"],
    },
    Verb {
        args: &["audit", "render", "."],
        offered: &["html", "md", "pdf", "docx"],
    },
    Verb {
        args: &["progress", "."],
        offered: &["texte", "md", "html", "json", "pdf", "docx"],
    },
    Verb {
        args: &["bilan", ".", "--annee", "2025"],
        offered: &["html", "md", "pdf", "docx"],
    },
    Verb {
        args: &["diff", "../lycee-marie-marvingt-2021", "."],
        offered: &["texte", "md", "html", "json", "pdf", "docx"],
    },
];

/// The extension of a format's file (`texte` writes `.txt`).
fn extension(format: &str) -> &str {
    if format == "texte" { "txt" } else { format }
}

/// True when `bytes` are a file of `format`, by its first bytes as `file` would judge.
fn is_kind(bytes: &[u8], format: &str) -> bool {
    let text = std::str::from_utf8(bytes).ok();
    let starts = |p: &str| text.is_some_and(|t| t.trim_start().starts_with(p));
    match format {
        "pdf" => bytes.starts_with(b"%PDF-"),
        "docx" | "zip" => bytes.starts_with(b"PK\x03\x04"),
        "html" => starts("<!DOCTYPE html") || starts("<!doctype html"),
        "json" => starts("{"),
        _ => text.is_some_and(|t| !t.contains("<html") && !t.trim_start().starts_with('{')),
    }
}

/// Runs `verb -o out.EXT --format FORMAT` on the example: (exit code, stderr, bytes written).
fn write(verb: &Verb, ext: &str, format: &str, out: &Path) -> (i32, String, Option<Vec<u8>>) {
    let file = out.join(format!("sortie-{format}.{ext}"));
    let run = Ldm::new()
        .current_dir(example())
        .env("SOURCE_DATE_EPOCH", "1767225600")
        .args(verb.args)
        .args(["--format", format, "-o"])
        .arg(&file)
        .run();
    (run.code, run.stderr, std::fs::read(&file).ok())
}

#[test]
fn every_verb_that_writes_refuses_a_contradiction_and_writes_the_kind_announced() {
    let out = tempfile::tempdir().unwrap();
    let extensions = ["html", "md", "pdf", "docx", "zip", "json", "txt"];
    for (n, verb) in VERBS.iter().enumerate() {
        let out = out.path().join(n.to_string());
        std::fs::create_dir(&out).unwrap();
        for ext in extensions {
            for format in verb.offered {
                let (code, stderr, bytes) = write(verb, ext, format, &out);
                let what = format!("{:?} --format {format} -o x.{ext}", verb.args);
                let announced = verb.offered.iter().find(|f| extension(f) == ext);
                match announced {
                    // Built without the PDF engine (`--no-default-features`): said, not written.
                    Some(f) if f == format && *f == "pdf" && !cfg!(feature = "pdf") => {
                        assert_eq!(code, 2, "{what}");
                        assert!(stderr.contains("sans le PDF"), "{what}: {stderr}");
                    }
                    Some(f) if f == format => {
                        assert_eq!(code, 0, "{what}: {stderr}");
                        let bytes = bytes.unwrap_or_default();
                        assert!(is_kind(&bytes, format), "{what}: pas un fichier {format}");
                    }
                    Some(f) => {
                        assert_eq!(code, 2, "{what}");
                        let want = format!("mais --format {format} écrit un fichier");
                        assert!(stderr.contains(&fr(&want)), "{what}: {stderr}");
                        let change = format!(
                            "changez l'extension en .{} ou le format en {f}",
                            extension(format)
                        );
                        assert!(stderr.contains(&change), "{what}: {stderr}");
                        assert!(bytes.is_none(), "{what}: un fichier a été écrit");
                    }
                    None => {
                        assert_eq!(code, 2, "{what}");
                        let want = "un format que cette commande n'écrit pas";
                        assert!(stderr.contains(&fr(want)), "{what}: {stderr}");
                        assert!(bytes.is_none(), "{what}: un fichier a été écrit");
                    }
                }
            }
        }
    }
}

#[test]
fn the_extension_alone_chooses_the_format() {
    let out = tempfile::tempdir().unwrap();
    let file = out.path().join("rapport.docx");
    Ldm::new()
        .current_dir(example())
        .args(["audit", "render", ".", "-o"])
        .arg(&file)
        .run()
        .success();
    assert!(std::fs::read(&file).unwrap().starts_with(b"PK\x03\x04"));
    let file = out.path().join("comparaison.json");
    Ldm::new()
        .current_dir(example())
        .args(["diff", "../lycee-marie-marvingt-2021", ".", "-o"])
        .arg(&file)
        .run()
        .success();
    assert!(std::fs::read_to_string(&file).unwrap().starts_with('{'));
}

#[test]
fn a_word_processor_format_is_named_and_refused() {
    let out = tempfile::tempdir().unwrap();
    let run = Ldm::new()
        .current_dir(example())
        .args(["audit", "render", ".", "-o"])
        .arg(out.path().join("rapport.odt"))
        .run();
    run.code(2)
        .stderr_has("ldm n'écrit pas de fichier .odt ; écrivez un .docx");
}

/// The first of `fish`'s completions of `line`, as a person pressing Tab sees them.
fn fish_completions(line: &str) -> Option<String> {
    let fish = program(&["fish"], "fish")?;
    let bin = assert_cmd::cargo::cargo_bin("ldm");
    let script = format!(
        "source ({} completions fish | psub); complete -C\"{line}\"",
        bin.display()
    );
    let out = std::process::Command::new(fish)
        .args(["--no-config", "-c", &script])
        .output()
        .expect("fish runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    Some(String::from_utf8(out.stdout).expect("UTF-8"))
}

#[test]
fn fish_offers_every_check_format_with_its_french_help() {
    let Some(got) = fish_completions("ldm check --format ") else {
        return;
    };
    let formats = [
        "humain", "court", "json", "gitlab", "github", "sarif", "junit", "resume",
    ];
    for english in ["human", "short"] {
        assert!(
            !got.lines().any(|l| l.starts_with(english)),
            "{english} :\n{got}"
        );
    }
    for f in formats {
        let line = got.lines().find(|l| l.split('\t').next() == Some(f));
        let line = line.unwrap_or_else(|| panic!("{f} absent de :\n{got}"));
        assert!(
            line.split('\t').nth(1).is_some_and(|h| !h.is_empty()),
            "{line}"
        );
    }
    assert!(
        got.contains("la variable GITHUB_STEP_SUMMARY"),
        "l'aide de github est tronquée par l'interpréteur :\n{got}"
    );
    let audit = fish_completions("ldm audit render --format ").unwrap_or_default();
    for f in ["html", "md", "pdf", "docx"] {
        assert!(
            audit.lines().any(|l| l.starts_with(f)),
            "{f} absent de :\n{audit}"
        );
    }
}

/// What a run printed and returned, to compare two spellings of one command.
fn seen(out: &Output) -> (i32, String) {
    (out.code, out.stdout.clone())
}

#[test]
fn french_values_are_shown_and_the_english_ones_still_work() {
    let d = fixture("avertissements");
    for (fr, en) in [
        (
            ["check", "--format", "court"],
            ["check", "--format", "short"],
        ),
        (
            ["check", "--format", "humain"],
            ["check", "--format", "human"],
        ),
        (
            ["check", "--deny", "avertissements"],
            ["check", "--deny", "warnings"],
        ),
        (
            ["progress", "--format", "texte"],
            ["progress", "--format", "term"],
        ),
    ] {
        let french = run(&d, &fr);
        assert_eq!(seen(&french), seen(&run(&d, &en)), "{fr:?} / {en:?}");
    }
    // The warnings fail the check with either spelling, and only when asked.
    run(&d, &["check", "--deny", "avertissements"]).code(1);
    run(&d, &["check"]).code(0);
    let ex = example();
    let fr = run(&ex, &["audit", "resume", ".", "--format", "texte"]);
    let en = run(&ex, &["audit", "resume", ".", "--format", "term"]);
    assert_eq!(seen(&fr.success().clone()), seen(&en));
    let fr = run(
        &ex,
        &[
            "diff",
            "../lycee-marie-marvingt-2021",
            ".",
            "--format",
            "texte",
        ],
    );
    let en = run(
        &ex,
        &[
            "diff",
            "../lycee-marie-marvingt-2021",
            ".",
            "--format",
            "term",
        ],
    );
    assert_eq!(seen(&fr.success().clone()), seen(&en));
}

#[test]
fn init_ci_takes_aucun_and_still_none() {
    let tmp = tempfile::tempdir().unwrap();
    for (name, value) in [("a", "aucun"), ("b", "none")] {
        run(
            tmp.path(),
            &["init", name, "--annee", "2026", "--ci", value],
        )
        .success();
        assert!(!tmp.path().join(name).join(".gitlab-ci.yml").exists());
        assert!(tmp.path().join(name).join("ldm.toml").is_file());
    }
}

#[test]
fn help_and_errors_list_the_french_values_only() {
    let tmp = tempfile::tempdir().unwrap();
    let help = |args: &[&str]| run(tmp.path(), args).success().stdout.clone();
    let check = help(&["check", "--help"]);
    for v in ["humain", "court", "--deny avertissements"] {
        assert!(check.contains(v), "{v} :\n{check}");
    }
    for (args, english) in [
        (
            &["check", "--help"][..],
            &["human", "short", "warnings"][..],
        ),
        (&["progress", "--help"], &["term"]),
        (&["diff", "--help"], &["term"]),
        (&["audit", "resume", "--help"], &["term"]),
        (&["audit", "check", "--help"], &["human", "short"]),
        (&["audit", "comparer", "--help"], &["term"]),
        (&["import", "--help"], &["human"]),
        (&["init", "--help"], &["none"]),
    ] {
        let text = help(args);
        for word in english {
            let found = text
                .split(|c: char| !c.is_alphanumeric())
                .any(|w| w == *word);
            assert!(!found, "{args:?} : « {word} » dans\n{text}");
        }
    }
    assert!(help(&["init", "--help"]).contains("aucun (par défaut)"));
    let out = run(tmp.path(), &["check", "--format", "humai"]);
    out.code(2).stderr_has("humain, court, json");
    assert!(!out.stderr.contains("human,"), "{out}");
    run(tmp.path(), &["progress", "--format", "text"])
        .code(2)
        .stderr_has("texte");
}
