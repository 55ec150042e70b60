//! The smallest typst `World`: one generated source file in memory, the open-licence fonts
//! embedded in the binary, no file system, no package download, no clock.

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

static LIBRARY: LazyLock<LazyHash<Library>> = LazyLock::new(|| LazyHash::new(Library::default()));

/// A world made of one source text.
pub struct MemoryWorld {
    main: Source,
}

impl MemoryWorld {
    pub fn new(text: String) -> Self {
        let path = VirtualPath::new("annexe.typ").expect("a valid static path");
        let id = RootedPath::new(VirtualRoot::Project, path).intern();
        MemoryWorld {
            main: Source::new(id, text),
        }
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

    /// Nothing but the generated source exists: a document never reads a file.
    fn file(&self, _id: FileId) -> FileResult<Bytes> {
        Err(FileError::AccessDenied)
    }

    fn font(&self, index: usize) -> Option<Font> {
        FONTS.1.get(index).cloned()
    }

    /// No clock: outputs are the same on every run (the date is set by the document).
    fn today(&self, _offset: Option<Duration>) -> Option<Datetime> {
        None
    }
}
