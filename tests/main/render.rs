//! `ldm render`: the annex in HTML and Markdown — snapshots, safety, structure,
//! template overrides, and printing in a real browser.

use crate::common::*;

use scraper::{Html, Selector};
use std::path::Path;

/// The annex on stdout.
fn render(dir: &Path, format: &str) -> String {
    run(dir, &["render", ".", "--format", format, "-o", "-"])
        .success()
        .stdout
        .clone()
}

#[test]
fn snapshots_of_the_example_annex() {
    let html = render(&example(), "html");
    let md = render(&example(), "md");
    insta::assert_snapshot!("annexe_html", html);
    insta::assert_snapshot!("annexe_md", md);
    assert_eq!(html, render(&example(), "html"), "same dossier, same bytes");
    assert_eq!(md, render(&example(), "md"));
}

#[test]
fn the_annex_follows_the_guide() {
    let html = render(&example(), "html");
    for heading in [
        "ÉTAT DES LIEUX DU CRITÈRE 4",
        "OBJECTIF GÉNÉRAL DU CRITÈRE 4",
        "TRANSVERSALITÉ DE LA DÉMARCHE QUALITÉ : CRITÈRE 4",
        "ÉQUIPE CRITÈRE 4",
        "Critère 4 : action 1",
        "OBJECTIFS INDICATEURS ÉVALUATION",
        "MISE EN ŒUVRE (moyens engagés, calendrier, lieux, modalités d'organisation)",
        "Critère 4 : engagement 1",
        "PLANIFICATION - OBJECTIFS - INDICATEURS - ÉVALUATION",
        "Liste des preuves",
        "Le collectif de travail",
    ] {
        // The annex is in French typography: « : » follows a no-break space.
        let heading = ldm::typo::french(heading);
        assert!(html.contains(&heading), "missing « {heading} »");
    }
    // The measure columns carry their years; a dash where no measure exists yet.
    assert!(html.contains(
        "<th scope=\"col\" class=\"n\">Mesure début (2021)</th><th scope=\"col\" class=\"n\">Mesure suivi 2 (2024)</th><th scope=\"col\" class=\"n\">Mesure fin (2026)</th>"
    ));
    assert!(html.contains("<th scope=\"col\" class=\"n\">Mesure à 2026</th>"));
    // Every evidence file is listed with who cites it.
    let doc = Html::parse_document(&html);
    let rows = Selector::parse("#preuves + table tbody tr").unwrap();
    let d = ldm::load::load(&example()).unwrap();
    assert_eq!(doc.select(&rows).count(), d.preuves.len());
}

#[test]
fn markdown_tables_parse_back_with_the_expected_rows() {
    let md = render(&example(), "md");
    let d = ldm::load::load(&example()).unwrap();
    let arena = comrak::Arena::new();
    let mut opts = comrak::Options::default();
    opts.extension.table = true;
    let doc = comrak::parse_document(&arena, &md, &opts);
    // Tables in document order, each with its number of body rows.
    let tables: Vec<usize> = doc
        .descendants()
        .filter(|n| matches!(n.data().value, comrak::nodes::NodeValue::Table(_)))
        .map(|t| t.children().count() - 1)
        .collect();
    let actions: usize = d.criteres.iter().map(|c| c.actions.len()).sum();
    let engagements: usize = d.criteres.iter().map(|c| c.engagements.len()).sum();
    // Cover, synopsis; per criterion transversalité and équipe; per action 4 tables,
    // per engagement 3; evidence and people.
    assert_eq!(
        tables.len(),
        2 + 2 * d.criteres.len() + 4 * actions + 3 * engagements + 2
    );
    // Each action's indicator table has one row per indicator.
    let mut i = 2;
    for c in &d.criteres {
        assert_eq!(tables[i], 4, "transversalité of criterion {}", c.numero);
        i += 2;
        for a in &c.actions {
            let f = a.front.as_ref().unwrap();
            let indicators: usize = f.objectifs.iter().map(|o| o.indicateurs.len().max(1)).sum();
            assert_eq!(tables[i + 1], indicators, "{}", a.id());
            assert_eq!((tables[i + 2], tables[i + 3]), (1, 1), "{}", a.id());
            i += 4;
        }
        i += 3 * c.engagements.len();
    }
}

#[test]
fn markup_in_fields_and_prose_is_text_and_nothing_is_fetched() {
    let d = TempDossier::fixture("valide");
    let job = "criteres/2-partenariats/actions/job-dating.md";
    d.edit(
        job,
        "denomination: \"Job dating",
        "denomination: \"<script>alert('champ')</script> Job dating",
    );
    d.edit(
        job,
        "# Description\n",
        "# Description\n\n<script>alert('prose')</script> <img src=x onerror=alert(1)>\n\nVoir ![logo](https://exemple.fr/logo.png) et [site](https://exemple.fr/page).\n",
    );
    d.edit(
        "criteres/2-partenariats/critere.md",
        "nom: \"Garcia\"",
        "nom: \"<img src=x onerror=alert(2)>\"",
    );
    let html = render(d.path(), "html");
    let doc = Html::parse_document(&html);
    let all = |sel: &str| doc.select(&Selector::parse(sel).unwrap()).count();
    assert_eq!(all("script"), 0, "a script element made it through");
    assert_eq!(all("img"), 0);
    assert_eq!(all("[onerror]"), 0);
    for el in doc.select(&Selector::parse("[src], [href]").unwrap()) {
        for attr in ["src", "href"] {
            if let Some(v) = el.value().attr(attr) {
                assert!(v.starts_with('#'), "external {attr}={v}");
            }
        }
    }
    let text: String = doc.root_element().text().collect();
    for shown in [
        "<script>alert('champ')</script>",
        "<script>alert('prose')</script>",
        "<img src=x onerror=alert(1)>",
        "<img src=x onerror=alert(2)>",
        "site (https://exemple.fr/page)",
    ] {
        assert!(text.contains(shown), "« {shown} » not shown as text");
    }
    // In Markdown, fields are escaped too.
    let md = render(d.path(), "md");
    assert!(md.contains(r"\<script\>alert('champ')\</script\> Job dating"));
}

#[test]
fn a_schools_stylesheet_follows_ldm_s_styles_and_cannot_close_them() {
    let d = TempDossier::fixture("valide");
    let md = render(d.path(), "md");
    d.write(
        "templates/annexe.css",
        "h2 { color: #7a1f1f; }\n</style><script>alert(1)</script>",
    );
    let html = render(d.path(), "html");
    let at = |s: &str| html.find(s).unwrap_or_else(|| panic!("{s} missing"));
    assert!(
        at("h2 { color: #7a1f1f; }") > at(".legende {"),
        "after ldm's own"
    );
    assert!(!html.contains("<script>"), "the page's style is not closed");
    assert!(html.contains("ÉQUIPE CRITÈRE 2"));
    assert_eq!(
        render(d.path(), "md"),
        md,
        "a stylesheet is the HTML's alone"
    );
}

#[test]
fn default_output_is_outside_the_sources_and_foreign_files_are_kept() {
    let d = TempDossier::fixture("valide");
    let dir = d.path();
    run(dir, &["render", "."])
        .success()
        .stderr_has("annexe/annexe.html");
    assert!(dir.join("annexe/annexe.html").is_file());
    // Rendering again replaces ldm's own file.
    run(dir, &["render", "."]).success();
    // A file someone wrote is never replaced without --force.
    d.write("annexe/annexe.md", "notes\n");
    run(dir, &["render", ".", "--format", "md"])
        .code(2)
        .stderr_has("n'a pas été produit par ldm");
    assert_eq!(d.read("annexe/annexe.md"), "notes\n");
    // The annex folder is not part of the dossier: check ignores it.
    run(dir, &["check", "."]).success();
}

#[test]
fn selected_criteria_only() {
    run(
        example(),
        &["render", ".", "--critere", "4", "7", "-o", "-"],
    )
    .success()
    .stdout_has("id=\"critere-4\"")
    .stdout_has("id=\"critere-7\"")
    .stdout_lacks("id=\"critere-1\"");
    run(example(), &["render", ".", "--critere", "12"])
        .code(2)
        .stderr_has("pas de critère 12");
}

#[test]
fn the_annex_prints_to_pdf_with_more_pages_than_criteria() {
    let Some(browser) = chromium() else { return };
    let tmp = tempfile::tempdir().unwrap();
    let html = tmp.path().join("annexe.html");
    let pdf = tmp.path().join("annexe.pdf");
    run(example(), &["render", ".", "-o", html.to_str().unwrap()]).success();
    let pages = print_to_pdf(browser, &html, &pdf);
    assert!(pages > 8, "{pages} pages for 8 criteria");
}

/// The texts of the cells `sel` inside the element `scope` of an HTML page.
/// The part of the page from the heading `id` to the next heading of its level or
/// above (a criterion, a fiche), as a page of its own.
fn part(html: &str, id: &str) -> String {
    let at = html
        .find(&format!("id=\"{id}\""))
        .expect("the heading is there");
    let start = html[..at].rfind("<h").unwrap();
    let level = &html[start..start + 3];
    let end = html[at..].find(level).map_or(html.len(), |e| at + e);
    let stop = html[at..].find("<h2").map_or(end, |e| end.min(at + e));
    format!("<html><body>{}</body></html>", &html[start..stop])
}

fn cells(html: &str, scope: &str, sel: &str) -> Vec<String> {
    let doc = Html::parse_document(html);
    let scope = Selector::parse(scope).unwrap();
    let sel = Selector::parse(sel).unwrap();
    let texts = |e: scraper::ElementRef| e.text().collect::<String>().replace('\u{a0}', " ");
    doc.select(&scope)
        .flat_map(|s| s.select(&sel).map(texts).collect::<Vec<_>>())
        .collect()
}

/// (période, measures, campaign, duration, column headings, cells).
type Case<'a> = (
    &'a str,
    &'a str,
    &'a str,
    &'a str,
    [&'a str; 3],
    [&'a str; 3],
);

#[test]
fn measure_columns_follow_the_written_rule() {
    const JOB: &str = "criteres/2-partenariats/actions/job-dating.md";
    // (période, measures by year, campaign) → (duration, column headings, cells):
    // no column dated after the action's end or the campaign, a short action's end
    // measure kept, a measure of another year shown with its year.
    let cases: [Case; 5] = [
        (
            "2016, fin: 2017",
            "2016: 10\n          2017: 12",
            "2021",
            "2016–2017 (1 an)",
            ["Mesure début (2016)", "Mesure suivi 2", "Mesure fin (2017)"],
            ["10", "—", "12"],
        ),
        (
            "2021, fin: 2023",
            "2021: 10\n          2023: 14",
            "2026",
            "2021–2023 (2 ans)",
            [
                "Mesure début (2021)",
                "Mesure suivi 2 (2022)",
                "Mesure fin (2023)",
            ],
            ["10", "—", "14"],
        ),
        (
            "2021, fin: 2026",
            "2020: 8\n          2024: 12\n          2027: 20",
            "2026",
            "2021–2026 (5 ans)",
            [
                "Mesure début (2021)",
                "Mesure suivi 2 (2024)",
                "Mesure fin (2026)",
            ],
            ["8 (2020)", "12", "—"],
        ),
        (
            "2022, fin: 2030",
            "2022: 1\n          2025: 3\n          2026: 4",
            "2026",
            "2022–2030 (8 ans)",
            [
                "Mesure début (2022)",
                "Mesure suivi 2 (2025)",
                "Mesure fin (2026)",
            ],
            ["1", "3", "4"],
        ),
        (
            "2023, fin: 2026",
            "2023: 5\n          2026: 9",
            "2026",
            "2023–2026 (3 ans)",
            [
                "Mesure début (2023)",
                "Mesure suivi 2 (2024)",
                "Mesure fin (2026)",
            ],
            ["5", "—", "9"],
        ),
    ];
    for (periode, mesures, campagne, duree, headings, want) in cases {
        let d = TempDossier::fixture("valide");
        d.edit(JOB, "2024, fin: 2026", periode);
        d.edit(JOB, "2024: 18\n          2026: 31", mesures);
        d.edit("ldm.toml", "annee = 2026", &format!("annee = {campagne}"));
        let html = part(
            &render(d.path(), "html"),
            "2-partenariats/actions/job-dating",
        );
        let fiche = "body";
        let identity = cells(&html, fiche, "table:first-of-type td");
        assert_eq!(identity[1], duree, "{periode}");
        let th = cells(&html, fiche, "thead th");
        assert_eq!(th[2..5], headings, "{periode}");
        let td = cells(&html, fiche, "thead + tbody td");
        assert_eq!(td[2..5], want, "{periode}");
    }
}

#[test]
fn the_members_row_is_always_there() {
    let d = TempDossier::fixture("valide");
    d.edit(
        "criteres/2-partenariats/critere.md",
        "membres:\n  - {nom: \"Roux\", prenom: \"Hélène\", fonction: \"Professeure de génie mécanique\"}\n",
        "membres: []\n",
    );
    let html = part(&render(d.path(), "html"), "critere-2");
    let rows = cells(&html, "body", "tbody th[scope=row]");
    assert!(
        rows.contains(&"Membres équipe critère 2".to_string()),
        "{rows:?}"
    );
    let md = render(d.path(), "md");
    assert!(md.contains("| Membres équipe critère 2 | — | — | — |"));
}

#[test]
fn requirement_numbers_are_explained_and_text_ldm_wrote_is_marked() {
    let html = render(&example(), "html");
    let note = "que le guide ne numérote pas";
    let first_note = html.find(note).expect("the numbers are explained");
    let first_number = html.find("Exigences du cahier des charges").unwrap();
    assert!(first_note < first_number, "explained after their first use");
    // Criterion 8's requirements were cut off in the guide's copy: ldm completed them.
    let mark = ldm::typo::french("(texte reconstitué par ldm)");
    let crit8 = &html[html.find("id=\"critere-8\"").unwrap()..];
    assert!(
        crit8.contains(&mark),
        "criterion 8's fiches say their text is ldm's"
    );
    assert!(!html[..html.find("id=\"critere-8\"").unwrap()].contains(&mark));
    run(example(), &["referentiel", "8"]).stdout_has("(texte reconstitué par ldm");
    run(example(), &["referentiel"])
        .stdout_has("Une politique active de communication (texte reconstitué par ldm)");
}

#[test]
fn markdown_keeps_the_guides_table_shapes_and_capitals() {
    let md = render(&example(), "md");
    for heading in [
        "**ÉTAT DES LIEUX DU CRITÈRE 4**",
        "**TRANSVERSALITÉ DE LA DÉMARCHE QUALITÉ",
        "### Critère 4 : action 1 — ",
        "**OBJECTIFS INDICATEURS ÉVALUATION**",
        "**MISE EN ŒUVRE (moyens engagés, calendrier, lieux, modalités d'organisation)**",
        "### Critère 4 : engagement 1 — ",
        "**PLANIFICATION - OBJECTIFS - INDICATEURS - ÉVALUATION**",
    ] {
        assert!(
            md.contains(&ldm::typo::french(heading)),
            "missing {heading}"
        );
    }
    // Durée action and Action pérenne on one row; the description inside the table.
    assert!(md.contains("| Durée action | 2021–2026 (5 ans) | Action pérenne | OUI |"));
    assert!(md.contains("\n| Description | "));
    assert!(!md.contains("**Description**"));
}

#[test]
fn heading_levels_never_jump_and_fiches_keep_their_identity_table_whole() {
    let html = render(&example(), "html");
    let doc = Html::parse_document(&html);
    let headings = Selector::parse("h1, h2, h3, h4, h5, h6").unwrap();
    let mut last = 0;
    for h in doc.select(&headings) {
        let level: usize = h.value().name()[1..].parse().unwrap();
        assert!(
            level <= last + 1,
            "h{last} then h{level}: {}",
            h.inner_html()
        );
        last = level;
    }
    assert!(last > 0);
    // Each fiche's identity table (Dénomination … Exigences) is marked to stay whole.
    let identity = Selector::parse("h3 + table").unwrap();
    let tables: Vec<_> = doc.select(&identity).collect();
    assert!(tables.len() > 20, "{}", tables.len());
    for t in tables {
        assert_eq!(t.value().attr("class"), Some("bloc"), "{}", t.html());
    }
}
