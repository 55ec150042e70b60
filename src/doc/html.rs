//! The HTML backend: any document as one printable page with its styles inside (A4, no
//! external resource), every text escaped, headings with their anchors, tables with
//! `thead` and row headers (`th scope="row"`), figures with their alternative text.

use super::{Block, Cell, Document, Figure, Inline, PAGE_LINK, Table, Tone};
use std::fmt::Write;

const COMMON_CSS: &str = include_str!("../../templates/commun.css.j2");

/// What the model's blocks need beyond the common styles.
const CSS: &str = "\
.cadre { border: 2px solid var(--encre); padding: 3mm 4mm; margin: 3mm 0 5mm; }
.petit { color: var(--doux); font-size: 9pt; }
.saut { break-before: page; }
figure { margin: 2mm 0 4mm; break-inside: avoid; }
figcaption { font-size: 9pt; font-weight: 600; }
td > p:first-child, th > p:first-child { margin-top: 0; }
.legende { font-weight: 700; font-size: 10.5pt; margin: 4mm 0 1mm; break-after: avoid; }
nav.sommaire ol { padding-left: 6mm; }
nav.sommaire li { margin: 1mm 0; }
nav.sommaire li.n3 { margin-left: 5mm; }
@page paysage { size: A4 landscape; }
.paysage { page: paysage; }
.paysage table { font-size: 8pt; }
.paysage th, .paysage td { overflow-wrap: anywhere; hyphens: auto; }
";

/// The document as an HTML page, marked as ldm's own (`generator`).
pub fn render(d: &Document) -> String {
    render_styled(d, "")
}

/// The document as an HTML page with `css` after ldm's styles (a school's stylesheet,
/// which thus wins over them).
pub fn render_styled(d: &Document, css: &str) -> String {
    let mut body = String::new();
    for b in &d.blocks {
        match b {
            Block::Contents { title, depth } => contents(&mut body, title, &d.blocks, *depth),
            b => block(&mut body, b),
        }
    }
    // The tones' styles only in a page that has some (text is escaped: no `"` of its own).
    let tones = if body.contains("<span class=\"ton-") {
        tone_css()
    } else {
        String::new()
    };
    format!(
        "<!DOCTYPE html>\n<html lang=\"fr\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"generator\" content=\"ldm\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{}</title>\n<style>\n{COMMON_CSS}{CSS}{tones}{css}</style>\n</head>\n<body>\n\
         {body}</body>\n</html>\n",
        esc(&d.title)
    )
}

fn blocks(out: &mut String, bs: &[Block]) {
    for b in bs {
        block(out, b);
    }
}

fn block(out: &mut String, b: &Block) {
    match b {
        Block::Heading {
            level,
            anchor,
            content,
            ..
        } => {
            let id = if anchor.is_empty() {
                String::new()
            } else {
                format!(" id=\"{}\"", esc(anchor))
            };
            let _ = writeln!(out, "<h{level}{id}>{}</h{level}>", inlines(content));
        }
        Block::Para(c) => {
            let _ = writeln!(out, "<p>{}</p>", inlines(c));
        }
        Block::Note(c) => {
            let _ = writeln!(out, "<p class=\"petit\">{}</p>", inlines(c));
        }
        Block::Frame(b) => wrapped(out, "<div class=\"cadre\">", b, "</div>"),
        Block::Quote(b) => wrapped(out, "<blockquote>", b, "</blockquote>"),
        Block::Code(c) => {
            let _ = writeln!(out, "<pre><code>{}</code></pre>", esc(c));
        }
        Block::List { start, items } => list(out, *start, items),
        Block::Table(t) => table(out, t),
        Block::Figure(f) => figure(out, f),
        Block::PageBreak => out.push_str("<div class=\"saut\"></div>\n"),
        Block::Caption(c) => {
            let _ = writeln!(out, "<p class=\"legende\">{}</p>", inlines(c));
        }
        // Only a top-level block: `render` writes it, knowing the headings.
        Block::Contents { .. } => {}
        Block::Landscape(b) => wrapped(out, "<section class=\"paysage\">", b, "</section>"),
        // Pictures are placed in the PDF; a page names them by their alternative text.
        Block::Picture(p) => {
            let _ = writeln!(
                out,
                "<figure>\n<figcaption>{}</figcaption>\n<p class=\"petit\">{}</p>\n</figure>",
                esc(&p.caption),
                esc(&p.alt)
            );
        }
    }
}

/// The contents: a link to each outlined heading of `bs` down to `depth`.
fn contents(out: &mut String, title: &str, bs: &[Block], depth: u8) {
    let _ = writeln!(
        out,
        "<nav class=\"sommaire\">\n<p class=\"legende\">{}</p>\n<ol>",
        esc(title)
    );
    for (level, anchor, text) in super::outline(bs, depth) {
        let _ = writeln!(
            out,
            "<li class=\"n{level}\"><a href=\"#{}\">{}</a></li>",
            esc(anchor),
            esc(&text)
        );
    }
    out.push_str("</ol>\n</nav>\n");
}

fn wrapped(out: &mut String, open: &str, b: &[Block], close: &str) {
    out.push_str(open);
    out.push('\n');
    blocks(out, b);
    out.push_str(close);
    out.push('\n');
}

fn list(out: &mut String, start: Option<usize>, items: &[Vec<Block>]) {
    let tag = match start {
        Some(1) => "ol".to_string(),
        Some(n) => format!("ol start=\"{n}\""),
        None => "ul".to_string(),
    };
    let _ = writeln!(out, "<{tag}>");
    for item in items {
        out.push_str("<li>");
        cell_content(out, item);
        out.push_str("</li>\n");
    }
    let _ = writeln!(out, "</{}>", if start.is_some() { "ol" } else { "ul" });
}

fn table(out: &mut String, t: &Table) {
    let class = if t.keep_together {
        " class=\"bloc\""
    } else {
        ""
    };
    let _ = writeln!(out, "<table{class}>");
    let total: f32 = t.widths.iter().sum();
    if total > 0.0 {
        out.push_str("<colgroup>");
        for w in &t.widths {
            let _ = write!(out, "<col style=\"width: {:.1}%\">", w / total * 100.0);
        }
        out.push_str("</colgroup>\n");
    }
    if !t.head.is_empty() {
        out.push_str("<thead>\n");
        for r in &t.head {
            row(out, r, "col");
        }
        out.push_str("</thead>\n");
    }
    out.push_str("<tbody>\n");
    for r in &t.body {
        row(out, r, "row");
    }
    out.push_str("</tbody>\n</table>\n");
}

fn row(out: &mut String, cells: &[Cell], scope: &str) {
    out.push_str("<tr>");
    for c in cells {
        let tag = if c.header { "th" } else { "td" };
        let mut attrs = String::new();
        if c.header {
            let _ = write!(attrs, " scope=\"{scope}\"");
        }
        if c.colspan > 1 {
            let _ = write!(attrs, " colspan=\"{}\"", c.colspan);
        }
        if c.rowspan > 1 {
            let _ = write!(attrs, " rowspan=\"{}\"", c.rowspan);
        }
        if c.numeric {
            attrs.push_str(" class=\"n\"");
        }
        let _ = write!(out, "<{tag}{attrs}>");
        cell_content(out, &c.content);
        let _ = write!(out, "</{tag}>");
    }
    out.push_str("</tr>\n");
}

/// A cell's or list item's blocks; a lone paragraph without its `<p>`.
fn cell_content(out: &mut String, content: &[Block]) {
    match content {
        [Block::Para(c)] => out.push_str(&inlines(c)),
        _ => blocks(out, content),
    }
}

fn figure(out: &mut String, f: &Figure) {
    let _ = writeln!(
        out,
        "<figure>\n<figcaption>{}</figcaption>\n<div role=\"img\" aria-label=\"{}\">\n{}\n</div>\n</figure>",
        esc(&f.caption),
        esc(&f.alt),
        f.svg.trim()
    );
}

fn inlines(is: &[Inline]) -> String {
    let mut out = String::new();
    for i in is {
        match i {
            Inline::Text(t) => out.push_str(&esc(t)),
            Inline::Emph(c) => {
                let _ = write!(out, "<em>{}</em>", inlines(c));
            }
            Inline::Strong(c) => {
                let _ = write!(out, "<strong>{}</strong>", inlines(c));
            }
            Inline::Strike(c) => {
                let _ = write!(out, "<del>{}</del>", inlines(c));
            }
            Inline::Link { url, content } => {
                // An address out of the page opens without telling it where it came from.
                let rel = if url.starts_with('#') {
                    ""
                } else {
                    " rel=\"noopener noreferrer\""
                };
                let _ = write!(
                    out,
                    "<a href=\"{}\"{rel}>{}</a>",
                    esc(url),
                    inlines(content)
                );
            }
            Inline::Code(c) => {
                let _ = write!(out, "<code>{}</code>", esc(c));
            }
            Inline::LineBreak => out.push_str("<br>"),
            Inline::PageRef(anchor) => {
                let _ = write!(out, "<a href=\"#{}\">{PAGE_LINK}</a>", esc(anchor));
            }
            Inline::Mark { tone, content } => {
                let _ = write!(
                    out,
                    "<span class=\"{}\">{}</span>",
                    tone.class(),
                    inlines(content)
                );
            }
        }
    }
    out
}

/// The tones' colours (`Tone::colours`); a ground is printed, as the colour says what
/// the passage is.
fn tone_css() -> String {
    let mut css = String::new();
    for tone in Tone::ALL {
        let (text, ground) = tone.colours();
        let _ = write!(css, ".{} {{ color: #{text};", tone.class());
        if let Some(g) = ground {
            let _ = write!(
                css,
                " background: #{g}; padding: 0 .15em; border-radius: 2px; \
                 -webkit-print-color-adjust: exact; print-color-adjust: exact;"
            );
        }
        css.push_str(" }\n");
    }
    css
}

/// Text and attribute values escaped.
fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::doc::{heading, para};

    #[test]
    fn text_is_escaped_and_row_headers_are_marked() {
        let t = Table {
            widths: vec![1.0, 1.0],
            head: vec![],
            body: vec![vec![Cell::th("Nom"), Cell::text("<script>")]],
            keep_together: true,
        };
        let d = Document::new(
            "T",
            "A",
            Default::default(),
            vec![heading(2, "x", "A & B"), para("1 < 2"), Block::Table(t)],
        );
        let h = render(&d);
        assert!(h.contains("<h2 id=\"x\">A &amp; B</h2>"), "{h}");
        assert!(h.contains("<p>1 &lt; 2</p>"));
        assert!(h.contains("<table class=\"bloc\">\n<colgroup><col style=\"width: 50.0%\"><col style=\"width: 50.0%\"></colgroup>"));
        assert!(h.contains("<tr><th scope=\"row\">Nom</th><td>&lt;script&gt;</td></tr>"));
    }
}
