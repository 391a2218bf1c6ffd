//! The one owner of pulldown-cmark: inline Markdown in record text to HTML
//! and to Markdown, and any other text to Markdown.
//!
//! Text fields hold inline Markdown: emphasis, strong, code and links. Raw
//! HTML is shown as text, never passed through; a link survives only with an
//! http, https or mailto address, and images become their alt text. Block
//! structure (headings, lists, quotes) is flattened, since a field is one
//! paragraph of a statement: its paragraphs and list items become line
//! breaks. One function holds that rule, and [`to_html`] and [`to_markdown`]
//! write what it leaves. In Markdown every character of the text that
//! another renderer could read as markup is escaped, and [`escape`] does the
//! same for text that is not Markdown (names, dates, messages), so that a
//! Markdown page is as inert as the HTML one wherever it is rendered.

use std::borrow::Cow;

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
/// at its start or end that could begin a block or close a heading. Most
/// record text is; it needs no parsing, since [`to_html`], [`to_markdown`]
/// and [`to_plain`] would each return it unchanged (a property test holds
/// them to that).
pub fn is_plain(text: &str) -> bool {
    let bytes = text.as_bytes();
    let (Some(first), Some(last)) = (bytes.first(), bytes.last()) else { return false };
    let marks = |b: &u8| {
        matches!(b, b'\\' | b'`' | b'*' | b'_' | b'[' | b']' | b'<' | b'>' | b'&' | b'~' | b'\n' | b'\r' | b'\t')
    };
    // One pass over the bytes. Other white space than a space (a no-break
    // space, a vertical tab) is collapsed to a space in plain text: outside
    // ASCII, its UTF-8 starts with one of four bytes that Devanagari's never does.
    let mut previous = 0;
    let mut other_space = false;
    for byte in bytes {
        if marks(byte) || (*byte == b' ' && previous == b' ') {
            return false;
        }
        other_space |= matches!(byte, 0x0B | 0x0C | 0xC2 | 0xE1 | 0xE2 | 0xE3);
        previous = *byte;
    }
    if other_space && text.chars().any(|c| c != ' ' && c.is_whitespace()) {
        return false;
    }
    let digits = bytes.iter().take_while(|b| b.is_ascii_digit()).count();
    let list_number = digits > 0 && matches!(bytes.get(digits), Some(b'.' | b')'));
    !(first.is_ascii_whitespace()
        || last.is_ascii_whitespace()
        || matches!(first, b'#' | b'-' | b'+' | b'=')
        || *last == b'#'
        || list_number)
}

/// The events of inline Markdown as every output shows them: raw HTML as
/// text, only allowed links, images as their alt text, blocks flattened
/// into one paragraph whose paragraphs are joined by line breaks.
fn inline_events(text: &str) -> Vec<Event<'static>> {
    let text = blocks_as_text(text);
    let mut events = Vec::new();
    let mut dropped_links = Vec::new();
    // A block after the first one begins with a line break, so that the
    // words of two paragraphs or list items do not run together.
    let mut new_block = false;
    for event in Parser::new_ext(&text, options()).map(Event::into_static) {
        let content = matches!(
            event,
            Event::Text(_)
                | Event::Code(_)
                | Event::Html(_)
                | Event::InlineHtml(_)
                | Event::FootnoteReference(_)
                | Event::InlineMath(_)
                | Event::DisplayMath(_)
                | Event::Start(Tag::Link { .. } | Tag::Emphasis | Tag::Strong | Tag::Strikethrough)
        );
        if content && std::mem::take(&mut new_block) {
            events.push(Event::HardBreak);
        }
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
            Event::Start(
                Tag::Paragraph
                | Tag::Heading { .. }
                | Tag::BlockQuote(_)
                | Tag::CodeBlock(_)
                | Tag::HtmlBlock
                | Tag::Item
                | Tag::FootnoteDefinition(_),
            ) => new_block = !events.is_empty(),
            Event::Start(_) | Event::End(_) => {}
            Event::Text(_) | Event::Code(_) | Event::SoftBreak | Event::HardBreak => events.push(event),
            Event::FootnoteReference(name) => events.push(Event::Text(name)),
            Event::TaskListMarker(_) | Event::Rule => {}
            Event::InlineMath(math) | Event::DisplayMath(math) => events.push(Event::Text(math)),
        }
    }
    events
}

/// `text` with every mark that would begin a block escaped, line by line,
/// so that its lines are read as inline Markdown and no character of them
/// is taken for block syntax and dropped: "2021. The year …" keeps its
/// number, "# 1" its hash, "- a" its dash, "[1]: https://…" the whole line.
fn blocks_as_text(text: &str) -> Cow<'_, str> {
    let mut marks = Vec::new();
    for (from, line) in lines_and_rest(text) {
        block_marks(line, from, text.len() - from.len(), &mut marks);
    }
    if marks.is_empty() {
        return Cow::Borrowed(text);
    }
    marks.sort_unstable();
    marks.dedup();
    let mut out = String::with_capacity(text.len() + marks.len());
    let mut copied = 0;
    for at in marks {
        out.push_str(&text[copied..at]);
        out.push('\\');
        copied = at;
    }
    out.push_str(&text[copied..]);
    Cow::Owned(out)
}

/// Each line of `text` with the text from its start to the end.
fn lines_and_rest(text: &str) -> impl Iterator<Item = (&str, &str)> {
    text.split('\n').scan(0, move |start, line| {
        let from = &text[*start..];
        *start += line.len() + 1;
        Some((from, line))
    })
}

/// Where backslashes keep `line`, which starts at byte `start` of the text,
/// from beginning a block: the byte of its marker, after at most three
/// spaces. A line indented further is code, whose text is kept as it is.
/// `from` is the text from this line on: a link definition's label may go
/// on past the line, and the marks escaped are its closing brackets.
fn block_marks(line: &str, from: &str, start: usize, marks: &mut Vec<usize>) {
    let indent = line.len() - line.trim_start_matches(' ').len();
    if indent > 3 {
        return;
    }
    let rest = &line[indent..];
    let digits = block_marker(rest);
    if digits > 0 {
        marks.push(start + indent + digits);
        return;
    }
    let mut chars = rest.chars();
    let Some(first) = chars.next() else { return };
    let second = chars.next();
    if first == '[' {
        marks.extend(label_ends(&from[indent..]).into_iter().map(|end| start + indent + end));
        return;
    }
    let rule = |mark: char| {
        rest.chars().all(|c| c == mark || c == ' ' || c == '\t') && rest.chars().filter(|c| *c == mark).count() >= 3
    };
    let begins = starts_block(rest)
        || (first == '*' && (second.is_none_or(|c| c == ' ' || c == '\t') || rule('*')))
        || (first == '_' && rule('_'))
        || rest.starts_with("```");
    if begins {
        marks.push(start + indent);
    }
}

/// In `text`, which starts with `[`, the bytes of each `]` that could close
/// a link definition's label (on one line or more): each one `:` follows,
/// up to a bracket that ends every label. Escaping the `[` would not do: an
/// escaped bracket may stand in a label, and so may one escaped `]` before
/// the next.
fn label_ends(text: &str) -> Vec<usize> {
    let mut ends = Vec::new();
    let mut escaped = false;
    for (at, c) in text.char_indices().skip(1) {
        match c {
            _ if escaped => escaped = false,
            '\\' => escaped = true,
            ']' if text[at + 1..].starts_with(':') => ends.push(at),
            '[' | ']' => break,
            _ => {}
        }
    }
    ends
}

/// Renders inline Markdown to HTML that carries no markup from the text.
pub fn to_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 4);
    html::push_html(&mut out, inline_events(text).into_iter());
    out.trim_end().to_owned()
}

/// Record text as it goes into a Markdown page: what [`to_html`] shows, on
/// one line (a line break in a field would end the list item or quote it
/// stands in), its emphasis, code and allowed links written as Markdown and
/// everything else as escaped text, so that no raw HTML, other link,
/// image or block can come of it in any renderer.
pub fn to_markdown(text: &str) -> String {
    let mut line = Line::default();
    for event in inline_events(text) {
        line.event(event);
    }
    line.finish()
}

/// Any text (a name, a date, a message) as Markdown that reads as that
/// text, on one line, wherever on a line it is placed: the template
/// engine's escape for Markdown pages.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    push_text(&mut out, text);
    finish_line(out)
}

/// A link to `url` for a Markdown page with `text` (plain text) as its
/// words; without text, the address itself. An address that is not http,
/// https or mailto is written as text, like a link in record text.
pub fn link(url: &str, text: Option<&str>) -> String {
    let url = url.trim();
    if !is_allowed_link(url) {
        return escape(text.unwrap_or(url));
    }
    let lower = url.to_ascii_lowercase();
    let mut out = String::with_capacity(url.len() * 2);
    match text {
        // An autolink reads best; Python-Markdown knows it only for the web.
        None if lower.starts_with("http") => {
            out.push('<');
            for c in url.chars() {
                if matches!(c, '<' | '>') || c.is_whitespace() || c.is_control() {
                    push_percent_encoded(&mut out, c);
                } else {
                    out.push(c);
                }
            }
            out.push('>');
            return out;
        }
        None => {
            let address = url.get("mailto:".len()..).unwrap_or(url);
            if is_email(address) {
                return format!("<{address}>");
            }
            push_text(&mut out, address);
        }
        Some(text) if !text.trim().is_empty() => push_text(&mut out, text),
        Some(_) => push_text(&mut out, url),
    }
    let words = finish_line(out);
    let mut out = format!("[{words}](");
    push_destination(&mut out, url);
    out.push(')');
    out
}

/// Whether `address` is an e-mail address as CommonMark's autolinks take
/// one (`<media-cell@example.gov.in>`); Python-Markdown takes more.
fn is_email(address: &str) -> bool {
    let Some((local, domain)) = address.split_once('@') else { return false };
    let label = |label: &str| {
        (1..=63).contains(&label.len())
            && label.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
            && !label.starts_with('-')
            && !label.ends_with('-')
    };
    !local.is_empty()
        && local.bytes().all(|b| b.is_ascii_alphanumeric() || b".!#$%&'*+/=?^_`{|}~-".contains(&b))
        && domain.split('.').all(label)
}

/// One line of Markdown being written from [`inline_events`].
#[derive(Default)]
struct Line {
    out: String,
    /// Text not yet written, so that a run of text events is escaped as one.
    text: String,
    /// The address and title of each link being written.
    links: Vec<(String, String)>,
}

impl Line {
    fn event(&mut self, event: Event) {
        match event {
            Event::Text(text) => self.text.push_str(&text),
            Event::SoftBreak | Event::HardBreak => self.text.push('\n'),
            Event::Code(code) => {
                self.flush();
                push_code(&mut self.out, &code);
            }
            Event::Start(Tag::Emphasis) | Event::End(TagEnd::Emphasis) => self.mark("*"),
            Event::Start(Tag::Strong) | Event::End(TagEnd::Strong) => self.mark("**"),
            Event::Start(Tag::Strikethrough) | Event::End(TagEnd::Strikethrough) => self.mark("~~"),
            Event::Start(Tag::Link { link_type, dest_url, title, .. }) => {
                let url =
                    if link_type == LinkType::Email { format!("mailto:{dest_url}") } else { dest_url.into_string() };
                self.links.push((url, title.into_string()));
                self.flush();
                // `![` would make the link an image.
                if self.out.ends_with('!') {
                    self.out.pop();
                    self.out.push_str("\\!");
                }
                self.out.push('[');
            }
            Event::End(TagEnd::Link) => {
                self.flush();
                let (url, title) = self.links.pop().unwrap_or_default();
                self.out.push_str("](");
                push_destination(&mut self.out, &url);
                if !title.is_empty() {
                    self.out.push_str(" \"");
                    push_title(&mut self.out, &title);
                    self.out.push('"');
                }
                self.out.push(')');
            }
            // inline_events leaves no other event.
            _ => {}
        }
    }

    fn mark(&mut self, mark: &str) {
        self.flush();
        self.out.push_str(mark);
    }

    fn flush(&mut self) {
        push_text(&mut self.out, &self.text);
        self.text.clear();
    }

    fn finish(mut self) -> String {
        self.flush();
        finish_line(self.out)
    }
}

/// Appends `text` escaped as Markdown text: every character that could
/// begin inline markup in CommonMark, GitHub's Markdown or Python-Markdown,
/// and line breaks as one space. `<` and entities become entities, which
/// every renderer reads as text (Python-Markdown knows no `\<`).
fn push_text(out: &mut String, text: &str) {
    let mut chars = text.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        match c {
            '\\' | '`' | '*' | '[' | ']' | '~' => {
                out.push('\\');
                out.push(c);
            }
            '_' => {
                // Between letters or digits `_` is no emphasis anywhere.
                let inside_word = out.chars().next_back().is_some_and(char::is_alphanumeric)
                    && chars.peek().is_some_and(|(_, next)| next.is_alphanumeric());
                if !inside_word {
                    out.push('\\');
                }
                out.push('_');
            }
            '<' => out.push_str("&lt;"),
            '&' if starts_entity(&text[at..]) => out.push_str("&amp;"),
            '\n' | '\r' => {
                out.truncate(out.trim_end_matches([' ', '\t']).len());
                out.push(' ');
                while chars.next_if(|(_, c)| matches!(c, ' ' | '\t' | '\n' | '\r')).is_some() {}
            }
            _ => out.push(c),
        }
    }
}

/// Whether `text` starts with what reads as a character reference:
/// `&name;`, `&#123;`, `&#x1F;`.
fn starts_entity(text: &str) -> bool {
    let rest = text.strip_prefix('&').unwrap_or(text);
    let rest = rest.strip_prefix('#').unwrap_or(rest);
    let name = rest.bytes().take_while(u8::is_ascii_alphanumeric).count();
    name > 0 && rest.as_bytes().get(name) == Some(&b';')
}

/// Appends an inline code span holding `code`, its fence longer than any
/// run of backticks inside.
fn push_code(out: &mut String, code: &str) {
    let code = code.replace(['\n', '\r'], " ");
    let longest = code.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest + 1);
    // A space on each side is taken away by the parser, so one is added
    // where the code itself begins or ends with a backtick or a space.
    let pad = code.starts_with('`')
        || code.ends_with('`')
        || (code.starts_with(' ') && code.ends_with(' ') && !code.trim().is_empty());
    let pad = if pad { " " } else { "" };
    out.push_str(&format!("{fence}{pad}{code}{pad}{fence}"));
}

/// Appends `url` as a link destination that every renderer reads back as
/// `url`.
fn push_destination(out: &mut String, url: &str) {
    for (at, c) in url.char_indices() {
        match c {
            '(' | ')' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            '&' if starts_entity(&url[at..]) => out.push_str("&amp;"),
            '<' | '>' | '"' | '`' => push_percent_encoded(out, c),
            _ if c.is_whitespace() || c.is_control() => push_percent_encoded(out, c),
            _ => out.push(c),
        }
    }
}

/// Appends `c` as `%XX` for each of its UTF-8 bytes (also the share
/// links' encoding): from a table, as `format!` for each byte was 3 % of a
/// cold build.
pub(crate) fn push_percent_encoded(out: &mut String, c: char) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    for byte in c.encode_utf8(&mut [0; 4]).bytes() {
        out.extend(['%', char::from(HEX[usize::from(byte >> 4)]), char::from(HEX[usize::from(byte & 15)])]);
    }
}

/// Appends a link's title, to go between double quotes.
fn push_title(out: &mut String, title: &str) {
    for (at, c) in title.char_indices() {
        match c {
            '"' => out.push_str("&quot;"),
            '\\' => out.push_str("\\\\"),
            '&' if starts_entity(&title[at..]) => out.push_str("&amp;"),
            '\n' | '\r' => out.push(' '),
            _ => out.push(c),
        }
    }
}

/// A line of escaped Markdown, made safe at its two ends: without white
/// space around it (which could make code of it or a line break, and keeps
/// the emphasis a template puts around it from closing), its
/// start escaped where it could begin a block, and a last `#` escaped,
/// which a heading would drop.
fn finish_line(line: String) -> String {
    let line = line.trim_matches(char::is_whitespace);
    let mut out = String::with_capacity(line.len() + 2);
    let marker = block_marker(line);
    out.push_str(&line[..marker]);
    if marker > 0 || starts_block(line) {
        out.push('\\');
    }
    out.push_str(&line[marker..]);
    let before_hash = out.strip_suffix('#').map(|rest| rest.len() - rest.trim_end_matches('\\').len());
    if before_hash.is_some_and(|backslashes| backslashes % 2 == 0) {
        out.insert(out.len() - 1, '\\');
    }
    out
}

/// How many digits begin `line` when they and the `.` or `)` after them
/// would make it an ordered list item; 0 when they would not.
fn block_marker(line: &str) -> usize {
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    let delimiter = line.as_bytes().get(digits).is_some_and(|b| matches!(b, b'.' | b')'));
    let space = line.as_bytes().get(digits + 1).is_none_or(|b| matches!(b, b' ' | b'\t'));
    if digits > 0 && delimiter && space { digits } else { 0 }
}

/// Whether the first character of `line` could begin a heading, quote,
/// list item, rule, setext underline or fence.
fn starts_block(line: &str) -> bool {
    let mut chars = line.chars();
    let (first, second) = (chars.next(), chars.next());
    let only = |mark: char| line.chars().all(|c| c == mark || c == ' ');
    match first {
        Some('#' | '>') => true,
        Some('-' | '+') => second.is_none_or(|c| c == ' ' || c == '\t') || only('-'),
        Some('=') => only('='),
        Some('~') => line.starts_with("~~~"),
        _ => false,
    }
}

/// The destinations of the links in inline Markdown, as the renderer reads
/// them.
pub fn links(text: &str) -> std::collections::BTreeSet<String> {
    // A link starts with `[` or, as an autolink, `<`.
    if !text.contains(['[', '<']) {
        return Default::default();
    }
    Parser::new_ext(&blocks_as_text(text), options())
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
    for event in Parser::new_ext(&blocks_as_text(text), options()) {
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
        // Block marks in record text are text, as on the HTML page.
        assert_eq!(to_markdown("# not a heading"), "\\# not a heading");
        assert_eq!(to_markdown("- not a list"), "\\- not a list");
        assert_eq!(to_markdown("2021. The year"), "2021\\. The year");
        assert_eq!(to_markdown("[1]: https://x.in"), "\\[1\\]: https://x.in");
        assert_eq!(to_markdown("line one\n\n    line two"), "line one line two");
        // What is left is text, escaped where it could start a block.
        assert_eq!(to_markdown("\\# not a heading"), "\\# not a heading");
        assert_eq!(to_markdown("1\\. first"), "1\\. first");
        assert_eq!(to_markdown("\\[x]: https://evil.example"), "\\[x\\]: https://evil.example");
        assert_eq!(to_markdown("1.5 crore"), "1.5 crore");
        assert_eq!(to_markdown("C#"), "C\\#");
    }

    #[test]
    fn markdown_keeps_inline_markdown_and_escapes_the_rest() {
        use super::to_markdown;
        assert_eq!(to_markdown("*emphasis* and **strong** stay"), "*emphasis* and **strong** stay");
        assert_eq!(to_markdown("a [link](https://x.in) stays"), "a [link](https://x.in) stays");
        assert_eq!(to_markdown("<script>alert(1)</script>"), "&lt;script>alert(1)&lt;/script>");
        assert_eq!(to_markdown("[x](javascript:alert(1))"), "x");
        assert_eq!(to_markdown("<javascript:alert(1)>"), "javascript:alert(1)");
        assert_eq!(to_markdown("![alt](https://x.in/a.png)"), "alt");
        assert_eq!(to_markdown("Wow\\![a](https://x.in)"), "Wow\\![a](https://x.in)");
        assert_eq!(to_markdown("`<b>` and ``a`b``"), "`<b>` and ``a`b``");
        assert_eq!(to_markdown("&lt;b&gt; AT&T 5 < 6"), "&lt;b> AT&T 5 &lt; 6");
        assert_eq!(to_markdown("&amp;lt;"), "&amp;lt;");
        assert_eq!(to_markdown("snake_case and _x_"), "snake_case and *x*");
        assert_eq!(to_markdown("[a](https://x.in/a_(b) \"t\")"), "[a](https://x.in/a_\\(b\\) \"t\")");
        assert_eq!(to_markdown("<a@b.in>"), "[a@b.in](mailto:a@b.in)");
    }

    #[test]
    fn escaped_text_reads_as_written() {
        use super::escape;
        assert_eq!(escape("Ministry of Health & Family Welfare"), "Ministry of Health & Family Welfare");
        assert_eq!(escape("+91 11 2306 0000"), "+91 11 2306 0000");
        assert_eq!(escape("नई दिल्ली, 10 जून 2021"), "नई दिल्ली, 10 जून 2021");
        assert_eq!(escape("<script>alert(1)</script>"), "&lt;script>alert(1)&lt;/script>");
        assert_eq!(escape("New Delhi\n# heading"), "New Delhi # heading");
        assert_eq!(escape("- item"), "\\- item");
        assert_eq!(escape("*CoWIN* [x](javascript:y)"), "\\*CoWIN\\* \\[x\\](javascript:y)");
        assert_eq!(escape("&amp; &#106;"), "&amp;amp; &amp;#106;");
        assert_eq!(escape("media_cell"), "media_cell");
    }

    #[test]
    fn links_from_templates() {
        use super::link;
        assert_eq!(link("https://x.in/a_b", None), "<https://x.in/a_b>");
        assert_eq!(link("https://x.in/", Some("*title*")), "[\\*title\\*](https://x.in/)");
        assert_eq!(link("mailto:a@b.in", None), "<a@b.in>");
        assert_eq!(link("mailto:a(1)@b.in", None), "[a(1)@b.in](mailto:a\\(1\\)@b.in)");
        assert_eq!(link("javascript:alert(1)", None), "javascript:alert(1)");
        assert_eq!(link("/en/a/", Some("<b>")), "&lt;b>");
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
    fn block_structure_is_flattened_and_its_marks_kept() {
        assert_eq!(to_html("# not a heading"), "# not a heading");
        assert_eq!(to_html("one\n\ntwo"), "one<br />\ntwo");
        assert_eq!(to_html("- one\n- *two*"), "- one\n- <em>two</em>");
        assert_eq!(to_html("one\n\n    two"), "one<br />\ntwo");
        // Nothing the author wrote is taken for syntax and dropped.
        for text in
            ["2021. The year", "1) first", "* star", "***", "___", "===", "---", "```", "[1]: https://x.in", "> quote"]
        {
            assert_eq!(to_plain(text), text, "{text:?}");
        }
        // A label that goes on past its line, or that an escaped bracket ends.
        assert_eq!(to_plain("[a\nb]: https://x.in"), "[a b]: https://x.in");
        assert_eq!(to_plain("[]:a]:b"), "[]:a]:b");
    }

    #[test]
    fn devanagari_passes_through() {
        assert_eq!(to_html("कोविन **सुरक्षित** है।"), "कोविन <strong>सुरक्षित</strong> है।");
    }
}
