//! A property of every XML ldm writes (the DOCX parts, JUnit): well-formed whatever
//! a dossier's field holds, control characters included (issue 32).

/// True for a character XML 1.0 can carry (its `Char` production).
fn xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | ' '..='\u{d7ff}' | '\u{e000}'..='\u{fffd}' | '\u{10000}'..)
}

/// `xml` parses to its end, and neither holds nor refers to (`&#1;`) a character
/// XML cannot carry: what Word and JUnit readers refuse.
fn assert_well_formed(name: &str, xml: &str) {
    assert!(
        xml.chars().all(xml_char),
        "{name}: raw character XML refuses"
    );
    for reference in xml.split("&#").skip(1) {
        let digits = reference.split(';').next().unwrap_or("");
        let code = match digits.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16),
            None => digits.parse(),
        };
        let c = code.ok().and_then(char::from_u32);
        assert!(c.is_some_and(xml_char), "{name}: &#{digits};");
    }
    let mut reader = quick_xml::Reader::from_str(xml);
    loop {
        match reader.read_event() {
            Ok(quick_xml::events::Event::Eof) => break,
            Ok(_) => {}
            Err(e) => panic!("{name}: {e}"),
        }
    }
}

/// The `valide` fixture with `text` in a fiche's `denomination` (every character as
/// a YAML escape, so controls reach the field) and raw in its prose.
fn dossier_with(text: &str) -> crate::vfs::Memory {
    const FICHE: &str = "criteres/2-partenariats/actions/job-dating.md";
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/valide");
    let seed = crate::fuzzing::read_seed(std::path::Path::new(root)).unwrap();
    let original = &seed.iter().find(|(p, _)| p == FICHE).unwrap().1;
    let escaped: String = text
        .chars()
        .map(|c| format!("\\U{:08X}", u32::from(c)))
        .collect();
    let fiche = String::from_utf8_lossy(original)
        .replace(
            "denomination: \"Job dating",
            &format!("denomination: \"{escaped}Job dating"),
        )
        .replace(
            "# Description\n",
            &format!("# Description\n\n{}\n", text.replace('\0', "")),
        );
    crate::fuzzing::with_file(&seed, FICHE, fiche.as_bytes())
}

fn any_text() -> impl proptest::strategy::Strategy<Value = String> {
    use proptest::prelude::*;
    let c = prop_oneof![
        any::<char>(),
        (0u32..0x20).prop_map(|n| char::from_u32(n).unwrap_or('?')),
        Just('\u{fffe}'),
        Just('\u{ffff}'),
        Just('\u{85}'),
    ];
    proptest::collection::vec(c, 0..24).prop_map(|v| v.into_iter().collect())
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(24))]
    #[test]
    fn every_xml_ldm_writes_is_well_formed_whatever_a_field_holds(text in any_text()) {
        let files: std::sync::Arc<dyn crate::vfs::FileSource> = std::sync::Arc::new(dossier_with(&text));
        let dossier = crate::load::load_from(files, std::path::Path::new("dossier")).unwrap();
        let ws = crate::workspace::Workspace::new(dossier);
        let docx = crate::render::render_docx(&ws, &[], None).unwrap();
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(docx)).unwrap();
        for i in 0..zip.len() {
            let mut part = zip.by_index(i).unwrap();
            let name = part.name().to_string();
            if name.ends_with(".xml") || name.ends_with(".rels") {
                let mut xml = String::new();
                std::io::Read::read_to_string(&mut part, &mut xml).unwrap();
                assert_well_formed(&name, &xml);
            }
        }
        let report = crate::check::check(&ws);
        let checked = [crate::report::Checked::new(format!("dossier{text}"), &ws.dossier, report, 0)];
        let mut junit = String::new();
        let opts = crate::report::Options { format: crate::report::Format::Junit, color: false, deny_warnings: false };
        crate::report::write(&mut junit, &checked, opts);
        assert_well_formed("junit", &junit);
    }
}
