//! The smallest typst `World`: one generated source file and the files it embeds (charts),
//! all in memory, the open-licence fonts embedded in the binary, no file system, no package
//! download, no clock.

use std::sync::LazyLock;
use typst::diag::{FileError, FileResult};
use typst::foundations::{Bytes, Datetime, Duration};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};

/// Font families the documents use: Libertinus Serif (SIL Open Font License) for text,
/// DejaVu Sans Mono for code. The other bundled fonts are left unparsed.
const FAMILIES: &[&str] = &["Libertinus Serif", "DejaVu Sans Mono"];

/// The fonts, parsed once per process.
static FONTS: LazyLock<(LazyHash<FontBook>, Vec<Font>)> = LazyLock::new(|| {
    let fonts: Vec<Font> = typst_assets::fonts()
        .flat_map(|data| Font::iter(Bytes::new(data)))
        .filter(|f| FAMILIES.contains(&f.info().family.as_str()))
        .collect();
    (LazyHash::new(FontBook::from_fonts(&fonts)), fonts)
});

/// The standard library with `pdf.header-cell` (feature `a11y-extras`), which tags the
/// labels of label/value tables as row headers.
static LIBRARY: LazyLock<LazyHash<Library>> = LazyLock::new(|| {
    let features = [typst::Feature::A11yExtras].into_iter().collect();
    LazyHash::new(Library::builder().with_features(features).build())
});

/// A world made of one source text and the files it may read.
pub struct MemoryWorld {
    main: Source,
    files: Vec<(FileId, Bytes)>,
}

/// The id of a project file; `None` for a path typst would not accept.
fn file_id(path: &str) -> Option<FileId> {
    let path = VirtualPath::new(path).ok()?;
    Some(RootedPath::new(VirtualRoot::Project, path).intern())
}

impl MemoryWorld {
    /// `files` are (path, bytes), the paths relative to the source (ldm names them).
    pub fn new(text: String, files: Vec<(String, Vec<u8>)>) -> Self {
        let id = file_id("document.typ").expect("a valid static path");
        let files = files
            .into_iter()
            .filter_map(|(path, bytes)| Some((file_id(&path)?, Bytes::new(bytes))))
            .collect();
        MemoryWorld {
            main: Source::new(id, text),
            files,
        }
    }
}

impl MemoryWorld {
    /// The generated source, to place an error in it.
    pub fn main_source(&self) -> &Source {
        &self.main
    }
}

impl World for MemoryWorld {
    fn library(&self) -> &LazyHash<Library> {
        &LIBRARY
    }

    fn book(&self) -> &LazyHash<FontBook> {
        &FONTS.0
    }

    fn main(&self) -> FileId {
        self.main.id()
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == self.main.id() {
            Ok(self.main.clone())
        } else {
            Err(FileError::AccessDenied)
        }
    }

    /// Only the files ldm generated with the source exist: a document never reads the disk.
    fn file(&self, id: FileId) -> FileResult<Bytes> {
        self.files
            .iter()
            .find(|(f, _)| *f == id)
            .map(|(_, b)| b.clone())
            .ok_or(FileError::AccessDenied)
    }

    fn font(&self, index: usize) -> Option<Font> {
        FONTS.1.get(index).cloned()
    }

    /// No clock: outputs are the same on every run (the date is set by the document).
    fn today(&self, _offset: Option<Duration>) -> Option<Datetime> {
        None
    }
}
