//! Evidence bombs (issue 32, item 2), at the sizes of the issue, generated here: every
//! decoder of evidence is bounded before it allocates. Each run ends with exit 0–2, the
//! file named in French in the document and by `check` at the fiche line citing it, and
//! a peak memory the test asserts (`peak_kib`, the kernel's count for that child alone).

use crate::common::*;

/// The fiche whose `preuves: []` (line 14) the tests fill.
const FICHE: &str = "criteres/2-partenariats/engagements/bureau-des-entreprises.md";

/// The `valide` fixture with `files` (name under preuves/2-partenariats/, bytes) cited
/// by the fiche, one a line from line 15 on.
fn dossier_citing(files: &[(&str, Vec<u8>)]) -> TempDossier {
    let d = TempDossier::fixture("valide");
    let mut list = String::from("preuves:\n");
    for (name, bytes) in files {
        std::fs::write(d.join(format!("preuves/2-partenariats/{name}")), bytes).unwrap();
        list.push_str(&format!("  - preuves/2-partenariats/{name}\n"));
    }
    d.edit(FICHE, "preuves: []\n", &list);
    d
}

/// `ldm render . --preuves --format FORMAT -o FILE`: exit code, peak KiB, the file.
fn render(d: &TempDossier, format: &str) -> (i32, u64, Vec<u8>) {
    let out = d.outside().join(format!("preuves.{format}"));
    let cmd = d
        .ldm()
        .args(["render", ".", "--preuves", "--format", format, "-o"])
        .arg(&out)
        .command();
    let (code, kib) = peak_kib(cmd);
    (code, kib, std::fs::read(&out).unwrap_or_default())
}

/// `check --format short` names each file at its citing line as `preuve-hors-limites`.
fn check_names(d: &TempDossier, lines: &[(u32, &str)]) {
    let out = d.ldm().args(["check", ".", "--format", "short"]).run();
    assert!(out.code <= 1, "{out}");
    for (line, says) in lines {
        let found = out.stdout.lines().any(|l| {
            l.starts_with(&format!("{FICHE}:{line}:"))
                && l.contains("avertissement[preuve-hors-limites]")
                && l.contains(&fr(says))
        });
        assert!(found, "no finding at line {line} saying « {says} »:\n{out}");
    }
}

#[cfg(feature = "pdf")]
fn pdf_text(bytes: &[u8]) -> String {
    let doc = lopdf::Document::load_mem(bytes).unwrap();
    crate::pdf::flat(&crate::pdf::pages_text(&doc).join("\n"))
}

/// One row of 50,000 empty cells, then 50,000 one-cell rows (150 KB).
fn csv_bomb() -> Vec<u8> {
    format!("{}\n{}", ",".repeat(49_999), "x\n".repeat(50_000)).into_bytes()
}

#[test]
fn a_csv_of_fifty_thousand_rows_and_columns_is_cut_and_said() {
    let d = dossier_citing(&[("bombe.csv", csv_bomb())]);
    check_names(
        &d,
        &[(
            15,
            "bombe.csv » est trop grande pour être reproduite entière : 50\u{202f}001 lignes × 50\u{202f}000 colonnes",
        )],
    );
    let mut formats = vec!["md", "html"];
    if cfg!(feature = "pdf") {
        formats.push("pdf");
    }
    for format in formats {
        let (code, kib, bytes) = render(&d, format);
        assert_eq!(code, 0, "{format}");
        // Padded to the widest row it took 1.2 GB; cut, a few dozen megabytes.
        let bound = if format == "pdf" { 600 } else { 150 };
        assert!(kib < bound * 1024, "{format} : {} Mio", kib / 1024);
        if format != "pdf" {
            let text = String::from_utf8(bytes).unwrap();
            assert!(text.contains(&fr("Tableau coupé : le fichier compte 50\u{202f}001 lignes et 50\u{202f}000 colonnes ; les 500 premières lignes et les 20 premières colonnes sont reproduites")), "{format}");
        }
    }
}

/// Pictures, PDFs and SVGs are placed only in the PDF form of the evidence annex.
#[cfg(feature = "pdf")]
mod placed {
    use super::*;

    /// A PNG whose header declares `w × h` pixels, with an empty image stream after it.
    fn png_declaring(w: u32, h: u32) -> Vec<u8> {
        let mut b = b"\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR".to_vec();
        b.extend_from_slice(&w.to_be_bytes());
        b.extend_from_slice(&h.to_be_bytes());
        b.extend_from_slice(&[8, 6, 0, 0, 0, 0, 0, 0, 0]);
        b.extend_from_slice(b"\0\0\0\0IEND\xaeB`\x82");
        b
    }

    /// A real 1 × 1 PNG, which the annex places.
    fn dot() -> Vec<u8> {
        use std::io::Write;
        let chunk = |out: &mut Vec<u8>, kind: &[u8], data: &[u8]| {
            out.extend((data.len() as u32).to_be_bytes());
            let mut crc = flate2::Crc::new();
            crc.update(kind);
            crc.update(data);
            out.extend(kind);
            out.extend(data);
            out.extend(crc.sum().to_be_bytes());
        };
        let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
        z.write_all(&[0, 30, 60, 90, 255]).unwrap();
        let mut out = b"\x89PNG\r\n\x1a\n".to_vec();
        chunk(&mut out, b"IHDR", &[0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0]);
        chunk(&mut out, b"IDAT", &z.finish().unwrap());
        chunk(&mut out, b"IEND", &[]);
        out
    }

    /// A PDF whose page tree nests `depth` intermediate nodes above one page.
    fn pdf_nested(depth: usize) -> Vec<u8> {
        let mut out = b"%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n".to_vec();
        for i in 0..depth {
            let kids = format!("/Kids [{} 0 R] /Count 1", i + 3);
            out.extend(format!("{} 0 obj << /Type /Pages {kids} >> endobj\n", i + 2).bytes());
        }
        let page = depth + 2;
        out.extend(
            format!("{page} 0 obj << /Type /Page /MediaBox [0 0 10 10] >> endobj\n").bytes(),
        );
        out.extend(b"trailer << /Root 1 0 R >>\n%%EOF\n");
        out
    }

    /// Least-significant-bit-first bits, as deflate writes them.
    #[derive(Default)]
    struct Bits {
        out: Vec<u8>,
        acc: u32,
        n: u32,
    }

    impl Bits {
        fn put(&mut self, value: u32, count: u32) {
            self.acc |= value << self.n;
            self.n += count;
            while self.n >= 8 {
                self.out.push(self.acc as u8);
                self.acc >>= 8;
                self.n -= 8;
            }
        }

        /// A Huffman code, written most significant bit first.
        fn code(&mut self, code: u32, len: u32) {
            self.put(code.reverse_bits() >> (32 - len), len);
        }
    }

    /// A zlib stream of `1 + 258 k` zero bytes in one fixed-Huffman block: a literal zero,
    /// then `k` copies of 258 bytes at distance 1 (13 bits each).
    fn zeros_zlib(k: usize) -> Vec<u8> {
        let mut b = Bits::default();
        b.put(0b011, 3); // last block, fixed Huffman
        b.code(0x30, 8); // literal 0
        for _ in 0..k {
            b.code(0xc5, 8); // length 258
            b.code(0, 5); // distance 1
        }
        b.code(0, 7); // end of block
        b.put(0, 7);
        let n = (1 + 258 * k) as u64;
        let adler = ((n % 65_521) << 16 | 1) as u32;
        let mut out = vec![0x78, 0x01];
        out.extend(b.out);
        out.extend(adler.to_be_bytes());
        out
    }

    /// A one-page PDF whose content stream inflates to about 1 GB (7 MB of file).
    fn pdf_inflating_to_a_gigabyte() -> Vec<u8> {
        let data = zeros_zlib(4_200_000);
        let mut out = b"%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n\
            2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n\
            3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 10 10] /Contents 4 0 R >> endobj\n"
            .to_vec();
        out.extend(
            format!(
                "4 0 obj << /Length {} /Filter /FlateDecode >>\nstream\n",
                data.len()
            )
            .bytes(),
        );
        out.extend(data);
        out.extend(b"\nendstream\nendobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");
        out
    }

    /// An SVG of two blurred rectangles over a huge filter region, and one calling an
    /// image by address.
    fn svgs() -> [(&'static str, Vec<u8>); 2] {
        let head = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"400\" height=\"400\">";
        let blur = format!(
            "{head}<filter id=\"f\" x=\"-100000\" y=\"-100000\" width=\"200000\" height=\"200000\" filterUnits=\"userSpaceOnUse\"><feGaussianBlur stdDeviation=\"80\"/></filter><rect filter=\"url(#f)\" width=\"300\" height=\"300\"/><rect filter=\"url(#f)\" x=\"50\" width=\"300\" height=\"300\"/></svg>"
        );
        let far = format!(
            "{head}<image href=\"http://example.invalid/logo.png\" width=\"10\" height=\"10\"/></svg>"
        );
        [
            ("flou.svg", blur.into_bytes()),
            ("lointaine.svg", far.into_bytes()),
        ]
    }

    #[test]
    fn pictures_pdfs_and_svgs_over_the_bounds_are_named_and_the_others_placed() {
        let mut files = vec![("geante.png", png_declaring(60_000, 60_000))];
        for name in ["a.png", "b.png", "c.png", "d.png", "e.png", "f.png"] {
            files.push((name, png_declaring(20_000, 20_000)));
        }
        let [blur, far] = svgs();
        files.extend([
            ("arbre.pdf", pdf_nested(3_000)),
            ("bombe.pdf", pdf_inflating_to_a_gigabyte()),
            blur,
            far,
            ("point.png", dot()),
        ]);
        let d = dossier_citing(&files);
        check_names(
            &d,
            &[
                (
                    15,
                    "geante.png » est trop grande pour être reproduite : 60\u{202f}000 × 60\u{202f}000 pixels",
                ),
                (
                    16,
                    "a.png » est trop grande pour être reproduite : 20\u{202f}000 × 20\u{202f}000 pixels",
                ),
                (
                    22,
                    "arbre.pdf » est trop complexe pour être reproduite : 3000 nœuds",
                ),
                (
                    23,
                    "bombe.pdf » est trop grande pour être reproduite : son contenu décompressé dépasse 256 Mio",
                ),
                (
                    24,
                    "flou.svg » est trop complexe pour être reproduite : l'image SVG applique des filtres",
                ),
                (
                    25,
                    "lointaine.svg » est impossible à reproduire : l'image SVG appelle « http://example.invalid/logo.png »",
                ),
            ],
        );
        let started = std::time::Instant::now();
        let (code, kib, bytes) = render(&d, "pdf");
        assert_eq!(code, 0);
        assert!(started.elapsed().as_secs() < 60, "{:?}", started.elapsed());
        assert!(kib < 600 * 1024, "{} Mio", kib / 1024);
        let text = pdf_text(&bytes);
        for says in [
            "trop grande pour être reproduite : 60 000 × 60 000 pixels",
            "trop complexe pour être reproduite : 3000 nœuds",
            "son contenu décompressé dépasse 256 Mio",
            "l'image SVG applique des filtres",
            "l'image SVG appelle « http://example.invalid/logo.png »",
        ] {
            assert!(text.contains(says), "no « {says} » in {text}");
        }
        // The picture within the bounds is still placed: one image in the document.
        let doc = lopdf::Document::load_mem(&bytes).unwrap();
        let images = doc
            .objects
            .values()
            .filter_map(|o| o.as_stream().ok())
            .filter(|s| {
                s.dict.get(b"Subtype").ok().and_then(|v| v.as_name().ok())
                    == Some(b"Image".as_slice())
            })
            .count();
        assert!(images >= 1, "the 1 × 1 picture is not placed: {text}");
    }
}

/// The `valide` fixture with `prose` under the Description of one action (its line 21).
fn dossier_with_prose(prose: &str) -> TempDossier {
    let d = TempDossier::fixture("valide");
    d.edit(
        "criteres/1-offre-de-formation/actions/passerelle-bac-pro-bts.md",
        "# Description\n\n",
        &format!("# Description\n\n{prose}\n\n"),
    );
    d
}

#[test]
fn six_hundred_nested_quotes_make_a_word_document_and_a_finding() {
    let d = dossier_with_prose(&format!("{}Citation profonde.", "> ".repeat(600)));
    let out = d.ldm().args(["check", ".", "--format", "short"]).run();
    out.stdout_has(&fr(
        "passerelle-bac-pro-bts.md:21:1: avertissement[imbrication-trop-profonde] : citation ou liste imbriquée sur 600 niveaux : ramenée à 8",
    ));
    let docx = d.outside().join("annexe.docx");
    let cmd = d.ldm().args(["render", ".", "-o"]).arg(&docx).command();
    let (code, kib) = peak_kib(cmd);
    assert!(code <= 1, "exit {code}");
    assert!(kib < 400 * 1024, "{} Mio", kib / 1024);
    assert!(std::fs::metadata(&docx).unwrap().len() > 0);
}

#[cfg(feature = "pdf")]
#[test]
fn sixteen_quotes_and_thirty_list_levels_make_a_pdf_annex() {
    let staircase: String = (0..30)
        .map(|i| format!("{}- niveau {i}\n", "  ".repeat(i)))
        .collect();
    let d = dossier_with_prose(&format!(
        "{}Seize citations.\n\n{staircase}",
        "> ".repeat(16)
    ));
    let out = d.ldm().args(["check", ".", "--format", "short"]).run();
    out.stdout_has("passerelle-bac-pro-bts.md:21:1: avertissement[imbrication-trop-profonde]")
        .stdout_has("passerelle-bac-pro-bts.md:31:1: avertissement[imbrication-trop-profonde]");
    let pdf = d.outside().join("annexe.pdf");
    let out = d.ldm().args(["render", ".", "-o"]).arg(&pdf).run();
    assert!(out.code <= 1, "{out}");
    let text = pdf_text(&std::fs::read(&pdf).unwrap());
    assert!(
        text.contains("Seize citations.") && text.contains("niveau 29"),
        "{text}"
    );
}

/// The `valide` fixture with `n` more small actions, spread over its criteria.
fn dossier_of_fiches(n: usize) -> TempDossier {
    let d = TempDossier::fixture("valide");
    let model = d.read("criteres/1-offre-de-formation/actions/passerelle-bac-pro-bts.md");
    let model = model.replace(
        "preuves:\n  - preuves/1-offre-de-formation/bilan-passerelle-2025.md\n",
        "preuves: []\n",
    );
    for i in 0..n {
        let (folder, exigence) = if i % 2 == 0 {
            ("1-offre-de-formation", "1.1")
        } else {
            ("2-partenariats", "2.1")
        };
        let text = model
            .replace(
                "Passerelle bac pro – BTS maintenance des systèmes",
                &format!("Action {i}"),
            )
            .replace(
                "exigences: [\"1.1\", \"1.2\"]",
                &format!("exigences: [\"{exigence}\"]"),
            );
        d.write(format!("criteres/{folder}/actions/action-{i:04}.md"), &text);
    }
    d
}

#[test]
fn five_thousand_fiches_make_a_markdown_annex_and_a_clear_refusal_in_pdf_and_word() {
    let d = dossier_of_fiches(5_000);
    // ldm's own template has no budget to run out of, whatever the dossier's size.
    let md = d.outside().join("annexe.md");
    d.ldm().args(["render", ".", "-o"]).arg(&md).run().success();
    assert!(
        std::fs::read_to_string(&md)
            .unwrap()
            .contains("Action 4999")
    );
    for (ext, what, max) in [("docx", "un document Word", 1500), ("pdf", "un PDF", 500)] {
        if ext == "pdf" && !cfg!(feature = "pdf") {
            continue;
        }
        let file = d.outside().join(format!("annexe.{ext}"));
        let out = d.ldm().args(["render", ".", "-o"]).arg(&file).run();
        out.code(2).stderr_has(&fr(&format!(
            "l'annexe compte 5004 fiches ; ldm en écrit au plus {max} dans {what}"
        )));
        let cmd = d.ldm().args(["render", ".", "-o"]).arg(&file).command();
        let (code, kib) = peak_kib(cmd);
        assert_eq!(code, 2);
        assert!(kib < 1024 * 1024, "{ext} : {} Mio", kib / 1024);
    }
}
