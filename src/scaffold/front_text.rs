//! A fiche's YAML front matter as text, cut into its top-level keys, so a renewal can
//! change a few keys and keep every other line as the school wrote it (comments, quoting,
//! the way each measure is written).

/// A Markdown file cut into its front matter's top-level blocks and its body.
#[derive(Debug, Clone)]
pub(super) struct FrontText {
    /// (top-level key, its lines with the comments below them); the key is empty for the
    /// comments above the first key.
    blocks: Vec<(String, String)>,
    body: String,
}

impl FrontText {
    /// Cuts `text`; `None` when it does not open with a `---` front matter closed by `---`.
    pub fn parse(text: &str) -> Option<FrontText> {
        let rest = text.strip_prefix("---\n")?;
        let (front, body) = match rest.strip_prefix("---\n") {
            Some(body) => ("", body),
            None => Self::split(rest)?,
        };
        let mut blocks: Vec<(String, String)> = vec![(String::new(), String::new())];
        for line in front.lines() {
            if let Some(key) = top_level_key(line) {
                blocks.push((key.to_string(), String::new()));
            }
            let last = blocks.last_mut().map(|(_, t)| t);
            if let Some(t) = last {
                t.push_str(line);
                t.push('\n');
            }
        }
        Some(FrontText {
            blocks,
            body: body.to_string(),
        })
    }

    /// The front matter's lines (with their last newline) and the body after `---`.
    fn split(rest: &str) -> Option<(&str, &str)> {
        match rest.find("\n---\n") {
            Some(i) => Some((&rest[..=i], &rest[i + 5..])),
            None => Some((rest.strip_suffix("\n---")?, "")),
        }
    }

    /// Whether the front matter has top-level key `key`.
    pub fn has(&self, key: &str) -> bool {
        self.blocks.iter().any(|(k, _)| k == key)
    }

    /// Drops key `key` and its lines.
    pub fn remove(&mut self, key: &str) {
        self.blocks.retain(|(k, _)| k != key);
    }

    /// Replaces the lines of `key` with `lines` (ending with a newline), or adds them
    /// after key `after` (at the end when `after` is absent).
    pub fn set(&mut self, key: &str, lines: String, after: &str) {
        if let Some(b) = self.blocks.iter_mut().find(|(k, _)| k == key) {
            b.1 = lines;
            return;
        }
        let at =
            (self.blocks.iter().position(|(k, _)| k == after)).map_or(self.blocks.len(), |i| i + 1);
        self.blocks.insert(at, (key.to_string(), lines));
    }

    /// Takes every key of `other` in place of its own, keeping its heading comments.
    pub fn replace_keys(&mut self, other: &FrontText) {
        self.blocks.truncate(1);
        self.blocks.extend(other.blocks.iter().skip(1).cloned());
    }

    /// Replaces the comments above the first key.
    pub fn set_heading(&mut self, comments: &str) {
        if let Some(b) = self.blocks.first_mut() {
            b.1 = comments.to_string();
        }
    }

    pub fn body(&self) -> &str {
        &self.body
    }

    pub fn set_body(&mut self, body: String) {
        self.body = body;
    }

    /// The file again.
    pub fn text(&self) -> String {
        let front: String = self.blocks.iter().map(|(_, t)| t.as_str()).collect();
        format!("---\n{front}---\n{}", self.body)
    }
}

/// The key a line opens at the top level (`key:` at column 0), if it opens one.
fn top_level_key(line: &str) -> Option<&str> {
    let first = line.chars().next()?;
    if first.is_whitespace() || matches!(first, '#' | '-' | '}' | ']') {
        return None;
    }
    let (key, _) = line.split_once(':')?;
    let key = key.trim().trim_matches(|c| c == '"' || c == '\'');
    (!key.is_empty()).then_some(key)
}

#[cfg(test)]
mod tests {
    use super::*;

    const FICHE: &str = "---\n# schéma\ndenomination: \"A\"\nanimateur:\n  nom: \"B\"\n# note\nmesures: {2021: 1}\n---\n\n# Description\n\nTexte\n";

    #[test]
    fn a_fiche_is_cut_into_its_keys_and_put_back_as_it_was() {
        let f = FrontText::parse(FICHE).expect("front matter");
        assert!(f.has("animateur") && f.has("mesures") && !f.has("nom"));
        assert_eq!(f.text(), FICHE);
        assert_eq!(f.body(), "\n# Description\n\nTexte\n");
    }

    #[test]
    fn a_key_is_removed_with_its_lines_and_another_added_after_a_given_key() {
        let mut f = FrontText::parse(FICHE).expect("front matter");
        f.remove("animateur");
        f.set("perenne", "perenne: false\n".into(), "denomination");
        f.set_heading("# autre\n");
        assert_eq!(
            f.text(),
            "---\n# autre\ndenomination: \"A\"\nperenne: false\nmesures: {2021: 1}\n---\n\n# Description\n\nTexte\n"
        );
    }

    #[test]
    fn a_text_without_front_matter_is_refused() {
        assert!(FrontText::parse("# Titre\n").is_none());
        assert!(FrontText::parse("---\ndenomination: x\n").is_none());
    }
}
