//! `ldm bilan`: the bilan annuel of one year — the figures of that year and the comité
//! de pilotage's text from `bilans/<année>.md` — and `ldm check` on those files.

use crate::common::*;

const COMITE: &str = "criteres/1-offre-de-formation/actions/comite-annuel-offre-de-formation.md";

#[test]
fn le_bilan_2024_de_l_exemple_a_les_mesures_de_l_annee_et_le_texte_du_comite() {
    let md = run(example(), &["bilan", "--annee", "2024", "--format", "md"]);
    md.success()
        .stdout_has("# Bilan annuel 2024 — Lycée polyvalent Marie Marvingt")
        .stdout_has("Le comité de l'offre de formation tient ses trois réunions annuelles")
        .stdout_has("| Nombre de réunions annuelles du comité de l'offre de formation | 1 (2021) | 3 (2024) | 3 (hausse) | 100 % | 60 % | atteint |")
        .stdout_has("## Décisions")
        .stdout_has("## Priorités pour l'année suivante")
        .stdout_lacks("(2026)");
    // The committee's analysis of a criterion sits under that criterion's heading.
    let at = |s: &str| md.stdout.find(&fr(s)).unwrap();
    assert!(at("## Critère 4") < at("Le job dating réunit 27 entreprises"));
    assert!(at("Le job dating réunit 27 entreprises") < at("## Critère 5"));

    let html = run(example(), &["bilan", "--annee", "2025"]);
    html.success()
        .stdout_has("<meta name=\"generator\" content=\"ldm\">")
        .stdout_has("Le rectorat a accepté la coloration fret aérien")
        .stdout_has("<td>atteint</td>");
}

#[test]
fn le_bilan_d_une_annee_est_le_meme_depuis_la_revision_git_de_cette_annee() {
    let d = TempDossier::copy(&example(), "lycee");
    git(d.path(), &["init", "-q"]);
    git(d.path(), &["add", "-A"]);
    git(d.path(), &["commit", "-qm", "bilan 2024"]);
    git(d.path(), &["tag", "bilan-2024"]);
    // A year later: a measure of 2025, a committee's text of 2025.
    d.edit(
        COMITE,
        "          2024: 3\n",
        "          2024: 3\n          2025: 2\n",
    );
    d.write(
        "bilans/2025.md",
        "# Analyse\n\n# Décisions\n\nAucune.\n\n# Priorités pour l'année suivante\n\nAucune.\n",
    );
    git(d.path(), &["commit", "-qam", "2025"]);
    let today = d
        .ldm()
        .args(["bilan", "--annee", "2024", "--format", "md"])
        .run();
    let then = d
        .ldm()
        .args([
            "bilan",
            "--annee",
            "2024",
            "--format",
            "md",
            "--git",
            "bilan-2024",
        ])
        .run();
    today.success();
    then.success();
    assert_eq!(today.stdout, then.stdout);
    let later = d
        .ldm()
        .args(["bilan", "--annee", "2025", "--format", "md"])
        .run();
    later.success().stdout_has("| 1 (2021) | 2 (2025) |");
    // The revision is read, not the working tree: it has no measure of 2025.
    let before = d
        .ldm()
        .args([
            "bilan",
            "--annee",
            "2025",
            "--format",
            "md",
            "--git",
            "bilan-2024",
        ])
        .run();
    before.success().stdout_lacks("| 1 (2021) | 2 (2025) |");
}

#[test]
fn ldm_check_situe_ce_qui_manque_dans_un_bilan() {
    let d = TempDossier::copy(&example(), "lycee");
    d.remove("bilans/2025.md");
    d.ldm()
        .args(["bilan", "--annee", "2025", "--nouveau"])
        .run()
        .success()
        .stdout_has("écrit : bilans/2025.md");
    d.ldm()
        .args(["bilan", "--annee", "2025", "--nouveau"])
        .run()
        .code(2)
        .stderr_has("bilans/2025.md existe déjà");
    let line = d
        .read("bilans/2025.md")
        .lines()
        .position(|l| l == "À compléter")
        .unwrap()
        + 1;
    d.edit("bilans/2024.md", "# Décisions", "# Choix");
    d.write("bilans/bilan-2023.md", "# Analyse\n");
    let out = d.ldm().args(["check", "--format", "json"]).run();
    let found = out.code(1).findings();
    let has = |rule: &str, file: &str| found.iter().any(|(r, f, _)| r == rule && f == file);
    assert!(
        found.contains(&(
            "texte-a-completer".into(),
            "bilans/2025.md".into(),
            line as u64
        )),
        "{out}"
    );
    assert!(has("section-manquante", "bilans/2024.md"), "{out}");
    assert!(has("fichier-ignore", "bilans/bilan-2023.md"), "{out}");
}
