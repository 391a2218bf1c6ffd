//! Posts ready to send: a statement as its social-media officer would post
//! it on X, WhatsApp and Telegram, and the links that open each with it.
//!
//! X counts a post by weight (twitter-text's version 3 rules): text is
//! taken in NFC; a code point in U+0000–U+10FF (Latin, Devanagari and the
//! other Indian scripts), U+2000–U+200D, U+2010–U+201F or U+2032–U+2037
//! weighs 1, any other 2 ("…", "₹" and "•" among them); an emoji, however
//! many code points it is made of, 2; a URL 23. A post weighs at most 280.
//! `tests/share.rs` holds [`x_weight`] to the `twitter-text-parser`
//! package's count on generated Hindi, English and mixed texts.

use serde::Serialize;
use unicode_segmentation::UnicodeSegmentation;

/// The most an X post may weigh.
pub const X_LIMIT: usize = 280;

/// What any URL weighs on X, however long.
pub const URL_WEIGHT: usize = 23;

/// What a shortened text ends with; it weighs 2.
pub const ELLIPSIS: &str = "…";

/// X's weight of `text`, which holds no URL.
pub fn x_weight(text: &str) -> usize {
    let text = nfc(text);
    // Latin and the Indian scripts, the most of what a site posts, weigh 1
    // a code point and hold no emoji: no need to find the graphemes.
    if text.chars().all(|c| u32::from(c) <= 0x10FF) {
        return text.chars().count();
    }
    text.graphemes(true).map(grapheme_weight).sum()
}

/// `text` in NFC, as X counts it; record text is already, and is not copied.
fn nfc(text: &str) -> std::borrow::Cow<'_, str> {
    use unicode_normalization::UnicodeNormalization;
    if crate::load::types::is_nfc(text) { text.into() } else { text.nfc().collect::<String>().into() }
}

/// An emoji weighs 2 as a whole; other text by its code points.
fn grapheme_weight(grapheme: &str) -> usize {
    use icu::properties::CodePointSetData;
    if grapheme.chars().all(|c| u32::from(c) <= 0x10FF) {
        return grapheme.chars().count();
    }
    use icu::properties::props::{EmojiPresentation, ExtendedPictographic, RegionalIndicator};
    let emoji = grapheme.chars().any(|c| {
        let pictograph = CodePointSetData::new::<ExtendedPictographic>().contains(c) && !c.is_ascii();
        pictograph && (CodePointSetData::new::<EmojiPresentation>().contains(c) || grapheme.contains('\u{FE0F}'))
            || CodePointSetData::new::<RegionalIndicator>().contains(c)
    });
    if emoji { 2 } else { grapheme.chars().map(char_weight).sum() }
}

fn char_weight(c: char) -> usize {
    match u32::from(c) {
        0..=0x10FF | 0x2000..=0x200D | 0x2010..=0x201F | 0x2032..=0x2037 => 1,
        _ => 2,
    }
}

/// `text` (in NFC, as X counts it) if it weighs at most `budget`, else cut
/// to fit: after its last
/// whole sentence that fits (ending in "।", "?", "!" or "." before a space),
/// when that keeps at least half of the room; else with [`ELLIPSIS`]
/// counted, at a grapheme-cluster boundary, so that no conjunct or matra is
/// broken ("क्षि" stays whole or goes), and at the last space when one is
/// within 20 clusters of the cut. Empty when not even the ellipsis fits.
pub fn shorten(text: &str, budget: usize) -> String {
    let text = nfc(text);
    let text = text.as_ref();
    if x_weight(text) <= budget {
        return text.to_owned();
    }
    let Some(room) = budget.checked_sub(x_weight(ELLIPSIS)) else { return String::new() };
    let mut end = 0;
    let mut weight = 0;
    let mut space = None;
    let mut sentence = None;
    let mut clusters = 0;
    let mut previous = "";
    for (at, grapheme) in text.grapheme_indices(true) {
        // A sentence ends at a space after its stop, and may end the cut without "…".
        let whitespace = grapheme.chars().all(char::is_whitespace);
        if whitespace && matches!(previous, "।" | "?" | "!" | ".") && weight <= budget && weight * 2 >= budget {
            sentence = Some(at);
        }
        weight += grapheme_weight(grapheme);
        previous = grapheme;
        if weight > room {
            break;
        }
        if whitespace {
            space = Some((at, clusters));
        }
        end = at + grapheme.len();
        clusters += 1;
    }
    if let Some(at) = sentence {
        return text[..at].to_owned();
    }
    let cut = match space {
        Some((at, before)) if clusters - before <= 20 && at > 0 => at,
        _ => end,
    };
    format!("{}{ELLIPSIS}", text[..cut].trim_end())
}

/// A statement's posts in one language, written beside its page
/// (`share.json`) and printed by `tathya share`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Posts {
    /// For X: headline, finding (shortened to fit), address, hashtags.
    pub x: String,
    /// Its weight by X's count, at most [`X_LIMIT`].
    pub x_weight: usize,
    /// For WhatsApp: the headline in bold, the verdict in bold, the finding
    /// in full, the address.
    pub whatsapp: String,
    /// For Telegram: headline, finding in full, address, hashtags.
    pub telegram: String,
}

/// What a post is made of.
#[derive(Debug, Clone, Copy)]
pub struct Post<'a> {
    /// The headline.
    pub headline: &'a str,
    /// The finding, a line for each part: "Verdict: False" and "Fact: …",
    /// or "Myth: …" and "Fact: …" (`share-post-<kind>`).
    pub finding: &'a str,
    /// The verdict's label the finding names, if it does.
    pub verdict: Option<&'a str>,
    /// The statement's absolute address.
    pub url: &'a str,
    /// The site's hashtags (`share.hashtags`).
    pub hashtags: &'a [String],
}

impl Post<'_> {
    /// The posts for each platform, and the links that open them.
    pub fn share(&self) -> (Posts, ShareLinks) {
        let tags = self.hashtags.join(" ");
        let tail = [self.url, tags.as_str()].join(" ");
        let tail = tail.trim_end();
        // The address, and a space and the tags.
        let tail_weight = URL_WEIGHT + if tags.is_empty() { 0 } else { 1 + x_weight(&tags) };
        // Each part after the first follows a blank line, which weighs 2.
        let headline = shorten(self.headline, X_LIMIT.saturating_sub(tail_weight + 2));
        let room = X_LIMIT.saturating_sub(x_weight(&headline) + tail_weight + 4);
        // A finding cut to a few words says nothing: left out instead.
        let finding = if room >= 40 { shorten(self.finding, room) } else { String::new() };
        let text = [headline.as_str(), finding.as_str()].into_iter().filter(|part| !part.is_empty());
        let text = text.collect::<Vec<_>>().join("\n\n");
        let x = format!("{text}\n\n{tail}");
        let x_weight = x_weight(&text) + 2 + tail_weight;
        // The verdict in bold, where the finding names it.
        let bold = match self.verdict.filter(|verdict| !verdict.is_empty() && self.finding.contains(*verdict)) {
            Some(verdict) => self.finding.replacen(verdict, &format!("*{verdict}*"), 1),
            None => self.finding.to_owned(),
        };
        let whatsapp = format!("*{}*\n\n{bold}\n\n{}", self.headline, self.url);
        let telegram = format!("{}\n\n{}\n\n{tail}", self.headline, self.finding);
        // Telegram adds the address to the text it is given.
        let telegram_text = format!("{}\n\n{}\n\n{tags}", self.headline, self.finding);
        let links = ShareLinks {
            whatsapp: format!("https://wa.me/?text={}", query_value(&whatsapp)),
            x: format!("https://x.com/intent/post?text={}", query_value(&x)),
            telegram: format!(
                "https://t.me/share/url?url={}&text={}",
                query_value(self.url),
                query_value(telegram_text.trim_end())
            ),
            email: format!("mailto:?subject={}&body={}", query_value(self.headline), query_value(&telegram)),
        };
        (Posts { x, x_weight, whatsapp, telegram }, links)
    }
}

/// `text` as a URL query's value. Letters of other scripts stay as they
/// are (a valid URL string in HTML; the browser encodes them when it
/// follows the link), which keeps a Hindi page's four links to a third of
/// their encoded size; spaces, line breaks, controls and every ASCII sign
/// a query could read, `:` and `/` too, are percent-encoded (a space as %20, which every
/// platform reads as a space, unlike "+").
fn query_value(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        let plain = c.is_ascii_alphanumeric() || matches!(c, '-' | '.' | '_' | '~' | '*' | '!' | '(' | ')' | ',');
        if plain
            || (!c.is_ascii()
                && !c.is_whitespace()
                && !c.is_control()
                && !matches!(c, '\u{200B}'..='\u{200F}' | '\u{2028}'..='\u{202E}' | '\u{2060}'..='\u{206F}' | '\u{FEFF}'))
        {
            out.push(c);
        } else {
            super::markdown::push_percent_encoded(&mut out, c);
        }
    }
    out
}

/// The links that open a post on each platform, without script.
#[derive(Debug, Clone, Default, Serialize)]
pub struct ShareLinks {
    /// WhatsApp: `https://wa.me/?text=…`.
    pub whatsapp: String,
    /// X: `https://x.com/intent/post?text=…`.
    pub x: String,
    /// Telegram: `https://t.me/share/url?url=…&text=…`.
    pub telegram: String,
    /// E-mail: `mailto:?subject=…&body=…`.
    pub email: String,
}
