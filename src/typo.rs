//! French typography for the documents ldm writes: non-breaking spaces where the French
//! convention wants them, so that « : », « ; », « » » or « € » never start a line.
//!
//! Applied at render time to the text ldm puts in a document (HTML, PDF, Markdown, and
//! DOCX), never to the school's source files. Spaces are only replaced, one character for
//! one, except inside guillemets where a missing space is added: so the same pass works on
//! the text of an HTML page split by its tags.

/// Narrow no-break space (U+202F): before « ; ! ? », inside « », between thousands.
pub const NNBSP: char = '\u{202F}';
/// No-break space (U+00A0): before « : », « % » and « € ».
pub const NBSP: char = '\u{A0}';

/// Spaces that a typographic rule may replace (tabs included: they break lines too).
fn is_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | NBSP | NNBSP | '\u{2009}')
}

/// The space a French text wants before `c`, if any.
fn space_before(c: char) -> Option<char> {
    match c {
        ';' | '!' | '?' | '»' => Some(NNBSP),
        ':' | '%' | '€' => Some(NBSP),
        _ => None,
    }
}

/// `text` with French typographic spaces: the spaces before « ; ! ? » and inside « » become
/// narrow no-break spaces, those before « : % € » no-break spaces, a space between
/// groups of three digits (« 12 500 ») a narrow no-break space; « «mot» » gains its spaces.
pub fn french(text: &str) -> String {
    let mut chars: Vec<char> = text.chars().collect();
    if replace_spaces(&mut chars).is_empty() && !text.contains(['«', '»']) {
        return text.to_owned();
    }
    insert_guillemet_spaces(&chars)
}

/// Applies [`french`] to the text of an HTML document: tags, comments, `<style>` and
/// `<script>` are copied as they are. Spaces are fixed across inline tags
/// (« <strong>Note</strong> : »), since the replacement runs on the page's text as a whole.
pub fn french_html(html: &str) -> String {
    let segments = text_segments(html);
    // The page's text as one sequence of characters, fixed one for one.
    let mut text: Vec<char> = Vec::with_capacity(html.len());
    for r in &segments {
        text.extend(html[r.clone()].chars());
    }
    let changed = replace_spaces(&mut text);
    let mut changed = changed.iter().peekable();
    let mut out = String::with_capacity(html.len() + html.len() / 50);
    let (mut at, mut from) = (0, 0);
    for r in segments {
        out.push_str(&html[at..r.start]);
        let seg = &html[r.clone()];
        let to = from + seg.chars().count();
        let touched = changed.next_if(|&&i| i < to).is_some();
        while changed.next_if(|&&i| i < to).is_some() {}
        if touched || seg.contains(['«', '»']) {
            push_with_guillemet_spaces(&mut out, &text[from..to]);
        } else {
            // Most of a page's text needs nothing: copied as it is.
            out.push_str(seg);
        }
        (at, from) = (r.end, to);
    }
    out.push_str(&html[at..]);
    out
}

/// Byte ranges of an HTML document's text: outside tags, comments, styles and scripts.
fn text_segments(html: &str) -> Vec<std::ops::Range<usize>> {
    let mut segments = Vec::new();
    let mut i = 0;
    let mut start = 0;
    while let Some(lt) = html[i..].find('<').map(|p| i + p) {
        if lt > start {
            segments.push(start..lt);
        }
        let rest = &html[lt..];
        // Compared as bytes: a page has thousands of tags, none worth an allocation.
        let opens = |tag: &str| {
            rest.as_bytes()
                .get(..tag.len())
                .is_some_and(|b| b.eq_ignore_ascii_case(tag.as_bytes()))
        };
        let end = if rest.starts_with("<!--") {
            rest.find("-->").map(|e| e + 3)
        } else if opens("<style") {
            find_ci(rest, "</style>").map(|e| e + 8)
        } else if opens("<script") {
            find_ci(rest, "</script>").map(|e| e + 9)
        } else {
            rest.find('>').map(|e| e + 1)
        };
        i = end.map_or(html.len(), |e| lt + e);
        start = i;
    }
    if start < html.len() {
        segments.push(start..html.len());
    }
    segments
}

/// Byte position of `needle` (ASCII) in `hay`, ignoring ASCII case.
fn find_ci(hay: &str, needle: &str) -> Option<usize> {
    hay.as_bytes()
        .windows(needle.len())
        .position(|w| w.eq_ignore_ascii_case(needle.as_bytes()))
}

/// One-for-one replacements: the spaces before punctuation, after « and between digit
/// groups. Returns the positions of the characters it changed, in order.
fn replace_spaces(chars: &mut [char]) -> Vec<usize> {
    let mut changed = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if !is_space(chars[i]) {
            i += 1;
            continue;
        }
        let end = (i..chars.len())
            .find(|&j| !is_space(chars[j]))
            .unwrap_or(chars.len());
        let before = i.checked_sub(1).map(|p| chars[p]);
        let after = chars.get(end).copied();
        if let Some(kind) = wanted_space(chars, i, end, before, after)
            && chars[i..end].iter().any(|&c| c != kind)
        {
            chars[i..end].fill(kind);
            changed.extend(i..end);
        }
        i = end;
    }
    changed
}

/// The no-break space the run of spaces `chars[start..end]` should be, if any.
fn wanted_space(
    chars: &[char],
    start: usize,
    end: usize,
    before: Option<char>,
    after: Option<char>,
) -> Option<char> {
    // A space at the start of a line or text stays: it is indentation, not a separator.
    let before = before.filter(|c| *c != '\n')?;
    let after = after?;
    if before == '«' {
        return Some(NNBSP);
    }
    if let Some(kind) = space_before(after) {
        return Some(kind);
    }
    (end == start + 1 && thousands(chars, start)).then_some(NNBSP)
}

/// True when the space at `i` separates groups of a number: 1 to 3 digits before (not
/// part of a longer number such as a year), exactly 3 after.
fn thousands(chars: &[char], i: usize) -> bool {
    let left = chars[..i]
        .iter()
        .rev()
        .take_while(|c| c.is_ascii_digit())
        .count();
    let right = chars[i + 1..]
        .iter()
        .take_while(|c| c.is_ascii_digit())
        .count();
    let before_left = (i > left).then(|| chars[i - left - 1]);
    // « 2021 120 » is a year and a count; « 0,5 123 » is not grouping either.
    let grouped_left = before_left.is_none_or(|c| !matches!(c, ',' | '.'));
    (1..=3).contains(&left) && right == 3 && grouped_left
}

/// Adds the narrow no-break space a guillemet lacks: «mot» → « mot ».
fn insert_guillemet_spaces(chars: &[char]) -> String {
    let mut out = String::with_capacity(chars.len() + 8);
    push_with_guillemet_spaces(&mut out, chars);
    out
}

/// Appends `chars` to `out`, with the narrow no-break space a guillemet lacks.
fn push_with_guillemet_spaces(out: &mut String, chars: &[char]) {
    if !chars.iter().any(|c| matches!(c, '«' | '»')) {
        return out.extend(chars);
    }
    for (i, &c) in chars.iter().enumerate() {
        let next = chars.get(i + 1).copied();
        let prev = i.checked_sub(1).map(|p| chars[p]);
        if c == '»' && prev.is_some_and(|p| !p.is_whitespace() && !is_space(p)) {
            out.push(NNBSP);
        }
        out.push(c);
        if c == '«' && next.is_some_and(|n| !n.is_whitespace() && !is_space(n)) {
            out.push(NNBSP);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn show(s: &str) -> String {
        s.replace(NNBSP, "⍽").replace(NBSP, "°")
    }

    #[test]
    fn punctuation_gets_the_space_the_convention_wants() {
        let cases = [
            ("Critère 4 : action 1", "Critère 4°: action 1"),
            ("Vrai ; faux ! Pourquoi ?", "Vrai⍽; faux⍽! Pourquoi⍽?"),
            ("« Lycée des métiers »", "«⍽Lycée des métiers⍽»"),
            ("«mot»", "«⍽mot⍽»"),
            ("85,5 % et 48 200 €", "85,5°% et 48⍽200°€"),
            ("1 234 567 élèves", "1⍽234⍽567 élèves"),
            // Already typographic text is kept; a wrong kind is corrected.
            ("a\u{A0}; b\u{202F}:", "a⍽; b°:"),
        ];
        for (text, want) in cases {
            assert_eq!(show(&french(text)), want, "{text}");
        }
    }

    #[test]
    fn what_is_not_french_punctuation_is_left_alone() {
        for text in [
            "https://exemple.fr/page?id=1",
            "10:30",
            "en 2021 120 élèves",
            "0,5 123",
            "  : indentation",
            "ligne\n: suite",
            "50%",
        ] {
            assert_eq!(french(text), text);
        }
    }

    #[test]
    fn html_text_is_fixed_and_markup_is_not() {
        let html = "<style>a { b : c }</style><p title=\"x : y\"><strong>Note</strong> : « <em>mot</em> »</p><!-- a : b -->";
        assert_eq!(
            show(&french_html(html)),
            "<style>a { b : c }</style><p title=\"x : y\"><strong>Note</strong>°: «⍽<em>mot</em>⍽»</p><!-- a : b -->"
        );
        // A run of spaces split by a tag is fixed on both sides; text needing nothing is kept.
        for (html, want) in [
            ("<p>Note <b> </b>: fin</p>", "<p>Note°<b>°</b>: fin</p>"),
            (
                "<p>rien à faire</p><p>ici</p>",
                "<p>rien à faire</p><p>ici</p>",
            ),
            ("<p>déjà\u{a0}: bon</p>", "<p>déjà°: bon</p>"),
            ("<i>a</i> <i>?</i>", "<i>a</i>⍽<i>?</i>"),
        ] {
            assert_eq!(show(&french_html(html)), want, "{html}");
        }
    }
}
