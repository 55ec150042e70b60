//! The evidence annex as PDF: the numbered list with each item's page, then every item —
//! Markdown as prose, CSV as a table, pictures placed, PDF evidence page by page — typeset
//! by the shared engine. Files are read through the dossier's file source only.

use super::content::{self, Content};
use super::{capitalised, reference};
use crate::model::Dossier;
use crate::render::pdf::prose;
use crate::render::view::{Annexe, Preuve};
use crate::typeset::code::{heading, lit, table, text};
use crate::typeset::embed::{self, Embed};
use crate::typeset::{Date, PdfError, Setup};
use crate::vfs::{Kind, MAX_EVIDENCE};
use std::fmt::Write;

/// Pages of one PDF evidence reproduced; the rest is read in the evidence archive.
const MAX_PAGES: usize = 60;
/// Bytes of pictures and PDFs placed in one document; beyond, files are only named, so a
/// dossier of many scans cannot exhaust memory.
const MAX_PLACED: u64 = 256 * 1024 * 1024;
/// Pixels of the pictures placed in one document, each bounded by `bounds::MAX_PIXELS`:
/// their decoded forms may all be alive at once.
const MAX_PLACED_PIXELS: u64 = 4 * crate::bounds::MAX_PIXELS;

const TITLE: &str = "Annexe des preuves";

/// Pictures keep their size up to the text width; PDF pages are scaled to fit the page.
/// Each carries its alternative text (the evidence's number, file and page), which an
/// accessible PDF (PDF/UA-1) requires of every figure.
const HELPERS: &str = r#"#let placed(path, alt, page: 1, max-height: 200mm) = layout(size => {
  let s = measure(image(path, page: page))
  let k = calc.min(1, size.width / s.width, max-height / s.height)
  align(center, box(stroke: 0.4pt + filet, image(path, page: page, width: s.width * k, alt: alt)))
})
"#;

/// The evidence annex as PDF bytes. When the engine refuses a placed file that passed
/// the probe, the document is made again with every file named instead of placed.
pub fn pdf(d: &Dossier, a: &Annexe, date: Option<Date>) -> Result<Vec<u8>, PdfError> {
    let doc = Doc::build(d, a, date, true);
    let placed = !doc.files.is_empty();
    match doc.compile() {
        Err(_) if placed => {
            let doc = Doc::build(d, a, date, false);
            doc.compile()
        }
        result => result,
    }
}

/// The generated source and the files it places.
struct Doc {
    source: String,
    files: Vec<(String, Vec<u8>)>,
    /// Bytes still allowed to be placed.
    budget: u64,
    /// Pixels still allowed to be placed.
    pixels: u64,
    /// A PDF 2.0 evidence is placed: the document is written as PDF 2.0 too.
    v2: bool,
    /// Pages of a PDF evidence are reproduced, which PDF/UA-1 cannot hold.
    embeds: bool,
    place: bool,
}

impl Doc {
    /// Accessible PDF (PDF/UA-1) unless pages of a PDF evidence are reproduced.
    fn compile(self) -> Result<Vec<u8>, PdfError> {
        use crate::typeset::Standard;
        let standard = if self.embeds {
            Standard::Tagged { v2: self.v2 }
        } else {
            Standard::Accessible
        };
        crate::typeset::compile_as(self.source, self.files, standard)
    }

    fn build(d: &Dossier, a: &Annexe, date: Option<Date>, place: bool) -> Doc {
        let id = &a.identite;
        let mut source = crate::typeset::begin(&Setup {
            title: &format!("{TITLE} — {}", id.nom),
            author: &id.nom,
            date,
            header: [&id.nom, TITLE, &format!("Campagne {}", id.annee)],
        });
        source.push_str(HELPERS);
        let mut doc = Doc {
            source,
            files: Vec::new(),
            budget: MAX_PLACED,
            pixels: MAX_PLACED_PIXELS,
            v2: false,
            embeds: false,
            place,
        };
        doc.index(a);
        for p in &a.preuves {
            doc.item(d, p);
        }
        doc
    }

    /// Title, introduction and the numbered list, each line linked to its item's page.
    fn index(&mut self, a: &Annexe) {
        let out = &mut self.source;
        heading(out, 1, &format!("{TITLE} — {}", a.identite.nom));
        let _ = writeln!(
            out,
            "{}\n",
            text(&format!(
                "Dossier de labellisation « Lycée des métiers », campagne {}. Les numéros sont ceux \
                 de la liste des preuves de l'annexe ; chaque preuve suit, à la page indiquée.",
                a.identite.annee
            ))
        );
        let mut cells =
            vec!["table.header(th[N°], th[Preuve], th[Citée par], th[Page])".to_string()];
        for p in &a.preuves {
            let cited = crate::render::pdf::cited_by(p);
            let label = label(p);
            cells.push(format!(
                "num({}), link(label({label}), {}), {cited}, num(context counter(page).at(label({label})).first())",
                lit(&p.numero.to_string()),
                lit(&p.chemin),
            ));
        }
        table(out, "(auto, 1fr, 1fr, auto)", &cells);
    }

    /// One item: its heading (a bookmark), then what it holds.
    fn item(&mut self, d: &Dossier, p: &Preuve) {
        let _ = writeln!(
            self.source,
            "#pagebreak(weak: true)\n#heading(level: 1, {}) #label({})",
            lit(&format!("{} — {}", capitalised(&reference(p)), p.chemin)),
            label(p)
        );
        if let Some(url) = &p.adresse {
            // A page on line is named, never fetched: the reader follows the address.
            let _ = writeln!(
                self.source,
                "{}\n",
                text(&format!(
                    "Page en ligne : {url} (non jointe : ouvrez l'adresse)."
                ))
            );
            return;
        }
        if is_placeable(&p.chemin) && self.place {
            if let Some(note) = self.placed(d, p) {
                self.note(&note);
            }
            return;
        }
        self.content(content::read(d, &p.chemin));
    }

    /// Places a picture or a PDF's pages; `Some(note)` saying why when it cannot.
    fn placed(&mut self, d: &Dossier, p: &Preuve) -> Option<String> {
        let size = match d.preuves.get(&p.chemin) {
            Some(Kind::File { size }) => *size,
            _ => {
                return Some(
                    "Lecture impossible : absent du dossier ou hors du dossier.".to_string(),
                );
            }
        };
        if size > self.budget.min(MAX_EVIDENCE) {
            self.content(Content::Other(size));
            return None;
        }
        let bytes = match d.files.read_up_to(&p.chemin, MAX_EVIDENCE) {
            Ok(b) => b,
            Err(e) => return Some(format!("Lecture impossible : {e}.")),
        };
        let kind = match embed::probe(&bytes) {
            Ok(k) => k,
            Err(why) => return Some(why.note()),
        };
        let pixels = crate::bounds::pixels(&bytes).unwrap_or(0);
        if pixels > self.pixels {
            self.content(Content::Other(size));
            return None;
        }
        self.pixels -= pixels;
        self.budget -= size;
        let path = format!("preuve-{}", p.numero);
        let alt = format!("Preuve {} : {}", p.numero, p.chemin);
        match kind {
            Embed::Picture => {
                let _ = writeln!(self.source, "#placed({}, {})", lit(&path), lit(&alt));
            }
            Embed::Pages { count, v2 } => self.pages(&path, &alt, count, v2),
        }
        self.files.push((path, bytes));
        None
    }

    fn pages(&mut self, path: &str, alt: &str, count: usize, v2: bool) {
        self.v2 |= v2;
        self.embeds = true;
        let shown = count.min(MAX_PAGES);
        let mut intro = format!("Document PDF de {count} page{}", plural(count));
        if shown < count {
            let _ = write!(
                intro,
                " ; les {shown} premières sont reproduites, la suite est dans l'archive des preuves"
            );
        }
        self.note(&format!("{intro}."));
        for n in 1..=shown {
            let _ = writeln!(
                self.source,
                "#block(breakable: false, {{ align(center, text(size: 8pt, fill: doux, {})); placed({}, {}, page: {n}, max-height: 215mm) }})",
                lit(&format!("page {n} / {count}")),
                lit(path),
                lit(&format!("{alt}, page {n} / {count}"))
            );
        }
    }

    fn content(&mut self, c: Content) {
        match c {
            Content::Markdown(md) => {
                let md = crate::markup::without_comments(&md);
                let _ = writeln!(self.source, "#{}", prose::content(&md));
            }
            Content::Csv(t) => {
                if let Some(n) = content::cut_note(&t) {
                    self.note(&n);
                }
                csv_table(&mut self.source, &t);
            }
            other => {
                // The same sentences as the HTML and Markdown forms, without their emphasis.
                let md = other.markdown();
                self.note(md.trim().trim_matches('*'));
            }
        }
    }

    fn note(&mut self, s: &str) {
        let _ = writeln!(
            self.source,
            "#text(style: \"italic\", fill: doux, {})\n",
            lit(s)
        );
    }
}

/// A CSV file as a table, its first line as heading, at its widest kept row's width.
fn csv_table(out: &mut String, t: &crate::bounds::Table) {
    let Some((head, body)) = t.rows.split_first() else {
        return;
    };
    let width = t.width();
    let cell = |r: &Vec<String>, i: usize, f: &str| {
        format!("{f}({})", lit(r.get(i).map_or("", String::as_str)))
    };
    let mut cells = vec![format!(
        "table.header({})",
        (0..width)
            .map(|i| cell(head, i, "th"))
            .collect::<Vec<_>>()
            .join(", ")
    )];
    for r in body {
        cells.extend((0..width).map(|i| lit(r.get(i).map_or("", String::as_str))));
    }
    table(out, &format!("{width}"), &cells);
}

/// The label of an item's heading, a Typst string literal.
fn label(p: &Preuve) -> String {
    lit(&format!("preuve-{}", p.numero))
}

fn is_placeable(chemin: &str) -> bool {
    matches!(
        content::extension(chemin).as_str(),
        "png" | "jpg" | "jpeg" | "gif" | "webp" | "svg" | "pdf"
    )
}

fn plural(n: usize) -> &'static str {
    if n > 1 { "s" } else { "" }
}
