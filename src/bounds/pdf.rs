//! A PDF's structure scanned on its bytes before any PDF reader sees it: the intermediate
//! nodes of its page tree (the reader walks the tree recursively, so 3,000 nested nodes
//! overflow its stack), the size of its compressed streams once inflated (2 MB can
//! inflate to 1 GB), and the pixels its images declare.

use super::{Excess, MAX_INFLATED, MAX_PAGE_NODES, image};

/// `Some` when the PDF is over a bound. Only Flate streams are inflated (the filter of
/// object streams, where page-tree nodes can hide); the count stops at the bound.
pub fn check(bytes: &[u8]) -> Option<Excess> {
    let mut nodes = page_nodes(bytes);
    let mut inflated = 0u64;
    for (dict, data) in streams(bytes) {
        if let Some(e) = image_pixels(dict) {
            return Some(e);
        }
        if !contains(dict, b"/FlateDecode") && !contains(dict, b"/Fl ") {
            continue;
        }
        let keep = contains(dict, b"/ObjStm");
        let mut kept = Vec::new();
        match inflate(data, MAX_INFLATED - inflated, keep.then_some(&mut kept)) {
            Some(n) => inflated += n,
            None => return Some(Excess::Inflated),
        }
        nodes += page_nodes(&kept);
        if nodes > MAX_PAGE_NODES {
            break;
        }
    }
    (nodes > MAX_PAGE_NODES).then_some(Excess::PageNodes(nodes))
}

/// Every stream: the bytes before its `stream` keyword since the previous one (its
/// dictionary, at most 4 KiB back) and its data up to `endstream`.
fn streams(bytes: &[u8]) -> impl Iterator<Item = (&[u8], &[u8])> {
    let mut at = 0;
    std::iter::from_fn(move || {
        loop {
            let rel = find(&bytes[at..], b"stream")?;
            let kw = at + rel;
            let after = kw + b"stream".len();
            at = after;
            // `endstream` is the end of a stream, not the start of one.
            if kw >= 3 && &bytes[kw - 3..kw] == b"end" {
                continue;
            }
            let start = match bytes.get(after..after + 2) {
                Some(b"\r\n") => after + 2,
                Some([b'\n' | b'\r', ..]) => after + 1,
                _ => continue,
            };
            let end = find(&bytes[start..], b"endstream").map_or(bytes.len(), |e| start + e);
            let dict = &bytes[kw.saturating_sub(4096)..kw];
            let dict = rfind(dict, b"obj").map_or(dict, |o| &dict[o..]);
            at = end;
            return Some((dict, &bytes[start..end]));
        }
    })
}

/// An image dictionary's `/Width` × `/Height`, when over the bound.
fn image_pixels(dict: &[u8]) -> Option<Excess> {
    if !contains(dict, b"/Image") {
        return None;
    }
    image::over(
        number_after(dict, b"/Width")?,
        number_after(dict, b"/Height")?,
    )
}

/// The integer after `key` in `dict` (`/Width 6000`).
fn number_after(dict: &[u8], key: &[u8]) -> Option<u64> {
    let at = find(dict, key)? + key.len();
    let digits: Vec<u8> = dict[at..]
        .iter()
        .skip_while(|b| b.is_ascii_whitespace())
        .take_while(|b| b.is_ascii_digit())
        .take(12)
        .copied()
        .collect();
    std::str::from_utf8(&digits).ok()?.parse().ok()
}

/// Inflates `data` into a fixed buffer, counting; `None` past `budget` bytes. What cannot
/// be inflated (another filter first, damage) counts as far as it went.
fn inflate(data: &[u8], budget: u64, mut keep: Option<&mut Vec<u8>>) -> Option<u64> {
    use std::io::Read;
    let mut z = flate2::read::ZlibDecoder::new(data);
    let mut buf = [0u8; 32 * 1024];
    let mut total = 0u64;
    while let Ok(n) = z.read(&mut buf) {
        if n == 0 {
            break;
        }
        total += n as u64;
        if total > budget {
            return None;
        }
        if let Some(k) = keep.as_deref_mut() {
            k.extend_from_slice(&buf[..n]);
        }
    }
    Some(total)
}

/// How many dictionaries say `/Type /Pages` (the catalogue's `/Pages 2 0 R` does not).
fn page_nodes(bytes: &[u8]) -> usize {
    let mut count = 0;
    let mut at = 0;
    while let Some(rel) = find(&bytes[at..], b"/Type") {
        at += rel + b"/Type".len();
        let rest = &bytes[at..];
        let skip = rest.iter().take_while(|b| b.is_ascii_whitespace()).count();
        let rest = &rest[skip..];
        if rest.starts_with(b"/Pages")
            && rest
                .get(6)
                .is_none_or(|b| !b.is_ascii_alphanumeric() && *b != b'_')
        {
            count += 1;
        }
    }
    count
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

fn rfind(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).rposition(|w| w == needle)
}

fn contains(hay: &[u8], needle: &[u8]) -> bool {
    find(hay, needle).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    /// A PDF whose page tree nests `depth` intermediate nodes above one page.
    pub fn nested(depth: usize) -> Vec<u8> {
        let mut out = b"%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n".to_vec();
        for i in 0..depth {
            let (me, kid) = (i + 2, i + 3);
            let parent = if i == 0 {
                String::new()
            } else {
                format!("/Parent {} 0 R ", i + 1)
            };
            out.extend(
                format!(
                    "{me} 0 obj << /Type /Pages {parent}/Kids [{kid} 0 R] /Count 1 >> endobj\n"
                )
                .bytes(),
            );
        }
        let page = depth + 2;
        out.extend(
            format!(
                "{page} 0 obj << /Type /Page /Parent {} 0 R /MediaBox [0 0 10 10] >> endobj\n",
                page - 1
            )
            .bytes(),
        );
        out.extend(b"trailer << /Root 1 0 R >>\n%%EOF\n");
        out
    }

    /// `size` zeros, zlib-compressed.
    fn zeros(size: usize) -> Vec<u8> {
        let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::fast());
        z.write_all(&vec![0u8; size]).unwrap();
        z.finish().unwrap()
    }

    #[test]
    fn a_deep_page_tree_is_refused_and_an_ordinary_one_passes() {
        assert_eq!(check(&nested(3_000)), Some(Excess::PageNodes(3_000)));
        assert_eq!(check(&nested(20)), None);
    }

    #[test]
    fn inflation_stops_at_the_bound() {
        let data = zeros(4 << 20);
        assert_eq!(inflate(&data, 8 << 20, None), Some(4 << 20));
        assert_eq!(inflate(&data, 1 << 20, None), None);
        let mut pdf = b"%PDF-1.7\n4 0 obj << /Filter /FlateDecode >>\nstream\n".to_vec();
        pdf.extend(data);
        pdf.extend(b"\nendstream\nendobj\n");
        assert_eq!(check(&pdf), None);
    }

    #[test]
    fn an_image_declaring_too_many_pixels_is_refused() {
        let pdf = b"%PDF-1.7\n5 0 obj << /Type /XObject /Subtype /Image /Width 60000 /Height 60000 /Length 1 >>\nstream\nx\nendstream\nendobj\n";
        assert!(matches!(
            check(pdf),
            Some(Excess::Pixels { width: 60_000, .. })
        ));
    }
}
