//! The one owner of pulldown-cmark: inline Markdown in record text to HTML.
//!
//! Text fields hold inline Markdown: emphasis, strong, code and links. Raw
//! HTML is shown as text, never passed through; a link survives only with an
//! http, https or mailto address, and images become their alt text. Block
//! structure (headings, lists, quotes) is flattened, since a field is one
//! paragraph of a statement, and paragraphs inside a field become line
//! breaks.

use pulldown_cmark::{Event, LinkType, Options, Parser, Tag, TagEnd, html};

fn options() -> Options {
    Options::ENABLE_STRIKETHROUGH
}

/// Whether a link may point at `url`.
pub fn is_allowed_link(url: &str) -> bool {
    let lower = url.trim_start().to_ascii_lowercase();
    ["http://", "https://", "mailto:"].iter().any(|scheme| lower.starts_with(scheme))
}

/// Whether `text` reads the same as Markdown, HTML and plain text: one line
/// of words with no character Markdown or HTML gives a meaning to, and none
/// at its start that could begin a block. Most record text is; it needs no
/// parsing, since [`to_html`], [`to_markdown`] and [`to_plain`] would each
/// return it unchanged (a property test holds them to that).
pub fn is_plain(text: &str) -> bool {
    let bytes = text.as_bytes();
    let (Some(first), Some(last)) = (bytes.first(), bytes.last()) else { return false };
    let marks = |b: &u8| {
        matches!(b, b'\\' | b'`' | b'*' | b'_' | b'[' | b']' | b'<' | b'>' | b'&' | b'~' | b'\n' | b'\r' | b'\t')
    };
    if bytes.iter().any(marks) || bytes.windows(2).any(|pair| pair == b"  ") {
        return false;
    }
    // Other white space (a no-break space) is collapsed to a space in Markdown and plain text.
    if !text.is_ascii() && text.chars().any(|c| c != ' ' && c.is_whitespace()) {
        return false;
    }
    let digits = bytes.iter().take_while(|b| b.is_ascii_digit()).count();
    let list_number = digits > 0 && matches!(bytes.get(digits), Some(b'.' | b')'));
    !(first.is_ascii_whitespace()
        || last.is_ascii_whitespace()
        || matches!(first, b'#' | b'-' | b'+' | b'=')
        || list_number)
}

/// Renders inline Markdown to HTML that carries no markup from the text.
pub fn to_html(text: &str) -> String {
    let mut events = Vec::new();
    let mut dropped_links = Vec::new();
    let mut paragraphs = 0;
    for event in Parser::new_ext(text, options()) {
        match event {
            Event::Html(raw) | Event::InlineHtml(raw) => events.push(Event::Text(raw)),
            Event::Start(Tag::Link { link_type, dest_url, title, id }) => {
                let keep = link_type == LinkType::Email || is_allowed_link(&dest_url);
                dropped_links.push(!keep);
                if keep {
                    events.push(Event::Start(Tag::Link { link_type, dest_url, title, id }));
                }
            }
            Event::End(TagEnd::Link) => {
                if dropped_links.pop() == Some(false) {
                    events.push(Event::End(TagEnd::Link));
                }
            }
            Event::Start(Tag::Image { .. }) | Event::End(TagEnd::Image) => {}
            Event::Start(Tag::Emphasis | Tag::Strong | Tag::Strikethrough)
            | Event::End(TagEnd::Emphasis | TagEnd::Strong | TagEnd::Strikethrough) => events.push(event),
            Event::Start(Tag::Paragraph) => {
                if paragraphs > 0 {
                    events.push(Event::HardBreak);
                }
                paragraphs += 1;
            }
            Event::Start(_) | Event::End(_) => {}
            Event::Text(_) | Event::Code(_) | Event::SoftBreak | Event::HardBreak => events.push(event),
            Event::FootnoteReference(name) => events.push(Event::Text(name)),
            Event::TaskListMarker(_) | Event::Rule => {}
            Event::InlineMath(math) | Event::DisplayMath(math) => events.push(Event::Text(math)),
        }
    }
    let mut out = String::with_capacity(text.len() + text.len() / 4);
    html::push_html(&mut out, events.into_iter());
    out.trim_end().to_owned()
}

/// Record text as it goes into a Markdown page: on one line (a line break
/// in a field would end the list item or quote it stands in), with every
/// mark that could start a block escaped, so that a field holding
/// `# heading`, `---`, a code fence or a link reference definition stays
/// text inside its own paragraph. Inline Markdown (emphasis, links) is kept.
pub fn to_markdown(text: &str) -> String {
    let line = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let Some(first) = line.chars().next() else { return line };
    let digits = line.chars().take_while(char::is_ascii_digit).count();
    let after_marker = line[digits..].chars().nth(1);
    if digits > 0 && line[digits..].starts_with(['.', ')']) && after_marker.is_none_or(|c| c == ' ' || c == '\t') {
        return format!("{}\\{}", &line[..digits], &line[digits..]);
    }
    let second = line[first.len_utf8()..].chars().next();
    let thematic_break = line.chars().all(|c| "-*_ ".contains(c)) && line.chars().filter(|c| *c != ' ').count() >= 3;
    let starts_block = match first {
        '#' | '>' | '<' => true,
        '-' | '+' | '*' => second.is_none_or(|c| c == ' ' || c == '\t') || thematic_break,
        '_' => thematic_break,
        '`' | '~' => line.starts_with("```") || line.starts_with("~~~"),
        '[' => line.find("]:").is_some_and(|end| !line[..end].contains(']')),
        _ => false,
    };
    if starts_block { format!("\\{line}") } else { line }
}

/// The destinations of the links in inline Markdown, as the renderer reads
/// them.
pub fn links(text: &str) -> std::collections::BTreeSet<String> {
    // A link starts with `[` or, as an autolink, `<`.
    if !text.contains(['[', '<']) {
        return Default::default();
    }
    Parser::new_ext(text, options())
        .filter_map(|event| match event {
            Event::Start(Tag::Link { dest_url, .. }) => Some(dest_url.into_string()),
            _ => None,
        })
        .collect()
}

/// The words of inline Markdown without any markup, whitespace collapsed:
/// for `<title>`, meta descriptions and structured data.
pub fn to_plain(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for event in Parser::new_ext(text, options()) {
        match event {
            Event::Text(t) | Event::Code(t) | Event::Html(t) | Event::InlineHtml(t) => out.push_str(&t),
            Event::SoftBreak | Event::HardBreak | Event::End(TagEnd::Paragraph) => out.push(' '),
            _ => {}
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::{to_html, to_plain};

    #[test]
    fn markdown_output_cannot_start_a_block() {
        use super::to_markdown;
        assert_eq!(to_markdown("# not a heading"), "\\# not a heading");
        assert_eq!(to_markdown("---"), "\\---");
        assert_eq!(to_markdown("```rust"), "\\```rust");
        assert_eq!(to_markdown("[x]: https://evil.example"), "\\[x]: https://evil.example");
        assert_eq!(to_markdown("1. first"), "1\\. first");
        assert_eq!(to_markdown("1.5 crore"), "1.5 crore");
        assert_eq!(to_markdown("line one\n\n    line two"), "line one line two");
        assert_eq!(to_markdown("*emphasis* stays"), "*emphasis* stays");
        assert_eq!(to_markdown("- not a list"), "\\- not a list");
        assert_eq!(to_markdown("<script>alert(1)</script>"), "\\<script>alert(1)</script>");
        assert_eq!(to_markdown("a [link](https://x.in) stays"), "a [link](https://x.in) stays");
    }

    #[test]
    fn plain_text_drops_markup() {
        assert_eq!(to_plain("CoWIN is *safe*; see [the note](https://x)."), "CoWIN is safe; see the note.");
        assert_eq!(to_plain("a\nb"), "a b");
    }

    #[test]
    fn emphasis_and_links() {
        assert_eq!(
            to_html("CoWIN is *safe*; see [the note](https://pib.gov.in/x)."),
            "CoWIN is <em>safe</em>; see <a href=\"https://pib.gov.in/x\">the note</a>."
        );
    }

    #[test]
    fn raw_html_is_text() {
        assert_eq!(to_html("a <script>alert(1)</script> b"), "a &lt;script&gt;alert(1)&lt;/script&gt; b");
        assert_eq!(to_html("<img src=x onerror=alert(1)>"), "&lt;img src=x onerror=alert(1)&gt;");
    }

    #[test]
    fn only_web_and_mail_links_survive() {
        assert_eq!(to_html("[x](javascript:alert(1))"), "x");
        assert_eq!(to_html("[x](data:text/html,hi)"), "x");
        assert_eq!(to_html("[x](mailto:a@b.in)"), "<a href=\"mailto:a@b.in\">x</a>");
        assert_eq!(to_html("![alt](https://x/y.png)"), "alt");
    }

    #[test]
    fn block_structure_is_flattened() {
        assert_eq!(to_html("# not a heading"), "not a heading");
        assert_eq!(to_html("one\n\ntwo"), "one<br />\ntwo");
    }

    #[test]
    fn devanagari_passes_through() {
        assert_eq!(to_html("कोविन **सुरक्षित** है।"), "कोविन <strong>सुरक्षित</strong> है।");
    }
}
