//! `render`'s request decided once: the annex or the evidence annex, for the criteria
//! asked (each must exist), in the format chosen, with where it goes by default and what
//! the document will still lack.

use super::bytes::{Bytes, Stamp};
use super::output::{self, Kind};
use crate::render::{self, Format};
use crate::workspace::Workspace;
use std::path::{Path, PathBuf};

/// What `ldm render` is asked to write.
#[derive(Debug, Clone)]
pub struct Request<'a> {
    /// The criteria to render; all when empty.
    pub critere: &'a [u32],
    /// The evidence annex (E.IV) rather than the annex.
    pub preuves: bool,
    pub stamp: Stamp,
}

/// The document made, and the dossier's errors it still shows as « À compléter ».
#[derive(Debug)]
pub struct Rendered {
    pub document: Bytes,
    pub erreurs: usize,
}

/// The formats `--format` may name: the annex's, and the evidence annex's zip.
pub const FORMATS: &[Kind] = &[Kind::Html, Kind::Md, Kind::Pdf, Kind::Docx, Kind::Zip];

/// The formats written, the default first.
pub fn offered(preuves: bool) -> &'static [Kind] {
    if preuves {
        output::PREUVES
    } else {
        output::ANNEXE
    }
}

/// The format to write (`output::choose` over what the request writes); the zip asked
/// without `--preuves` is told apart, since it is the evidence annex's form.
pub fn format(
    req: &Request,
    asked: Option<Kind>,
    path: Option<&Path>,
) -> Result<Kind, anyhow::Error> {
    if asked == Some(Kind::Zip) && !req.preuves {
        anyhow::bail!(
            "l'annexe s'écrit en html, md, pdf ou docx\u{a0}; le zip est la forme de l'annexe des preuves (--preuves)"
        );
    }
    output::choose(asked, path, offered(req.preuves)).map_err(|r| anyhow::anyhow!("{r}"))
}

/// Where the document goes when no `-o` is given: `annexe/annexe.html` (or
/// `preuves.zip`…) inside the dossier, checked to stay inside it.
pub fn default_path(root: &Path, req: &Request, kind: Kind) -> anyhow::Result<PathBuf> {
    let name = if req.preuves { "preuves" } else { "annexe" };
    let path = root
        .join("annexe")
        .join(format!("{name}.{}", kind.extension()));
    crate::fsutil::check_inside(root, &path)?;
    Ok(path)
}

/// The annex or the evidence annex of `ws` in `kind`, with the dossier's errors still
/// shown; a criterion the dossier does not have is refused.
pub fn render(ws: &Workspace, req: &Request, kind: Kind) -> anyhow::Result<Rendered> {
    Ok(Rendered {
        document: document(ws, req, kind)?,
        erreurs: crate::check::check(ws).total.erreurs,
    })
}

/// The annex or the evidence annex alone (`serve`'s preview and the page's downloads,
/// which show the findings apart); a criterion the dossier does not have is refused.
pub fn document(ws: &Workspace, req: &Request, kind: Kind) -> anyhow::Result<Bytes> {
    let dossier = &ws.dossier;
    if let Some(n) = req
        .critere
        .iter()
        .find(|n| !dossier.criteres.iter().any(|c| c.numero == **n))
    {
        anyhow::bail!("le dossier n'a pas de critère {n}");
    }
    let bytes = if req.preuves {
        preuves(ws, req, kind)?
    } else {
        annexe(ws, req, kind)?
    };
    Ok(Bytes { kind, bytes })
}

/// The annex (official tables) in `kind`.
fn annexe(ws: &Workspace, req: &Request, kind: Kind) -> anyhow::Result<Vec<u8>> {
    let only = req.critere;
    Ok(match kind {
        Kind::Html => render::render(ws, Format::Html, only)?.into_bytes(),
        Kind::Md => render::render(ws, Format::Md, only)?.into_bytes(),
        Kind::Pdf => annexe_pdf(ws, req)?,
        Kind::Docx => render::render_docx(ws, only, req.stamp.docx().as_deref())?,
        other => anyhow::bail!("l'annexe ne s'écrit pas en {}", other.value()),
    })
}

/// The evidence annex in `kind`, numbered as the annex's list of evidence.
fn preuves(ws: &Workspace, req: &Request, kind: Kind) -> anyhow::Result<Vec<u8>> {
    let d = &ws.dossier;
    let annexe = render::build::build(d, &ws.edition, req.critere);
    Ok(match kind {
        Kind::Md => render::preuves::markdown(d, &annexe).into_bytes(),
        Kind::Zip => render::preuves::zip(d, &annexe)?,
        Kind::Html => render::preuves::html(d, &annexe).into_bytes(),
        Kind::Pdf => preuves_pdf(d, &annexe, &req.stamp)?,
        other => anyhow::bail!("l'annexe des preuves ne s'écrit pas en {}", other.value()),
    })
}

#[cfg(feature = "pdf")]
fn annexe_pdf(ws: &Workspace, req: &Request) -> anyhow::Result<Vec<u8>> {
    let date = req.stamp.pdf();
    Ok(render::render_pdf(ws, req.critere, date)?)
}

#[cfg(feature = "pdf")]
fn preuves_pdf(
    d: &crate::model::Dossier,
    annexe: &render::view::Annexe,
    stamp: &Stamp,
) -> anyhow::Result<Vec<u8>> {
    Ok(render::preuves::pdf(d, annexe, stamp.pdf())?)
}

#[cfg(not(feature = "pdf"))]
fn annexe_pdf(_: &Workspace, _: &Request) -> anyhow::Result<Vec<u8>> {
    anyhow::bail!(super::bytes::NO_PDF)
}

#[cfg(not(feature = "pdf"))]
fn preuves_pdf(
    _: &crate::model::Dossier,
    _: &render::view::Annexe,
    _: &Stamp,
) -> anyhow::Result<Vec<u8>> {
    anyhow::bail!(super::bytes::NO_PDF)
}
