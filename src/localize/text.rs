//! Cutting text for titles and descriptions without breaking a letter.
//!
//! A Devanagari letter can be several code points (क्षि is four), so text is
//! cut only between extended grapheme clusters, and at a space where one is
//! near enough.

use unicode_segmentation::UnicodeSegmentation;

/// The ellipsis added to cut text.
const ELLIPSIS: &str = "…";

/// `text` cut to at most `max` grapheme clusters, the ellipsis included,
/// preferring the last space in the second half of the allowance.
pub fn truncate(text: &str, max: usize) -> String {
    // One grapheme past the allowance tells whether the text is cut.
    let graphemes: Vec<&str> = text.graphemes(true).take(max.saturating_add(1)).collect();
    if graphemes.len() <= max {
        return text.to_owned();
    }
    let keep = max.saturating_sub(1);
    let cut = graphemes[..keep]
        .iter()
        .rposition(|g| g.chars().all(char::is_whitespace))
        .filter(|&space| space >= keep / 2)
        .unwrap_or(keep);
    let mut out: String = graphemes[..cut].concat();
    out.truncate(out.trim_end().len());
    out.push_str(ELLIPSIS);
    out
}

#[cfg(test)]
mod tests {
    use super::truncate;
    use unicode_segmentation::UnicodeSegmentation;

    #[test]
    fn short_text_is_kept() {
        assert_eq!(truncate("कोविन सुरक्षित है।", 160), "कोविन सुरक्षित है।");
    }

    #[test]
    fn cuts_at_a_space() {
        assert_eq!(truncate("स्वास्थ्य मंत्रालय ने खबरों को खारिज किया", 12), "स्वास्थ्य मंत्रालय ने…");
    }

    #[test]
    fn never_splits_a_conjunct() {
        let text = "क्षि".repeat(300);
        let cut = truncate(&text, 70);
        assert_eq!(cut.graphemes(true).count(), 70);
        assert!(cut.trim_end_matches('…').graphemes(true).all(|g| g == "क्षि"));
    }
}
