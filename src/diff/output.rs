//! `tathya diff`'s three outputs: a coloured terminal diff, a pull-request
//! comment in Markdown, and JSON for tools.

use std::fmt::Write;

use super::{FileDiff, Line, Report, StatementChange};

/// How `tathya diff` prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// A unified diff, coloured on a terminal, changed words highlighted.
    Terminal,
    /// A pull-request comment: a heading per statement, languages in
    /// collapsible sections, ```diff blocks and a summary line.
    Markdown,
    /// The whole report as JSON.
    Json,
}

/// The marker that lets a workflow find its own comment and update it.
pub const COMMENT_MARKER: &str = "<!-- tathya-diff -->";

/// The report in `format`; `colour` applies to the terminal format.
pub fn render(report: &Report, format: Format, colour: bool) -> String {
    match format {
        Format::Terminal => terminal(report, colour),
        Format::Markdown => markdown(report),
        Format::Json => serde_json::to_string_pretty(report).unwrap_or_default() + "\n",
    }
}

struct Style {
    on: bool,
}

impl Style {
    fn paint(&self, code: &str, text: &str) -> String {
        if self.on { format!("\x1b[{code}m{text}\x1b[0m") } else { text.to_owned() }
    }
}

fn terminal(report: &Report, colour: bool) -> String {
    let style = Style { on: colour };
    let mut out = String::new();
    let _ = writeln!(out, "{} ({} → {})", report.summary(), report.base, report.head);
    if !report.site_files.is_empty() {
        let _ = writeln!(out, "Also changed: {}", report.site_files.join(", "));
    }
    for statement in &report.statements {
        let title = format!("── {} ({}) ──", statement.id, kind_word(statement));
        let _ = writeln!(out, "\n{}", style.paint("1", &title));
        for language in &statement.languages {
            let _ = writeln!(out, "{}", style.paint("1;36", &format!("[{}] {}", language.lang, language.name)));
            terminal_diff(&mut out, &language.diff, &style);
        }
    }
    out
}

fn terminal_diff(out: &mut String, diff: &FileDiff, style: &Style) {
    let _ = writeln!(out, "{}", style.paint("1", &format!("--- {}\n+++ {}", diff.old_name, diff.new_name)));
    for hunk in &diff.hunks {
        let _ = writeln!(out, "{}", style.paint("36", &hunk.header));
        for line in &hunk.lines {
            let (base, strong) = match line.tag {
                '-' => ("31", "1;4;31"),
                '+' => ("32", "1;4;32"),
                _ => ("", ""),
            };
            let mut text = style.paint(base, &line.tag.to_string());
            for segment in &line.segments {
                let code = if segment.emphasized { strong } else { base };
                text.push_str(&if code.is_empty() { segment.text.clone() } else { style.paint(code, &segment.text) });
            }
            let _ = writeln!(out, "{text}");
        }
    }
}

fn kind_word(statement: &StatementChange) -> &'static str {
    match statement.kind {
        super::ChangeKind::Added => "added",
        super::ChangeKind::Edited => "edited",
        super::ChangeKind::Removed => "removed",
    }
}

/// A fence longer than any run of backticks in `text`.
fn fence(text: &str) -> String {
    let longest = text.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    "`".repeat(longest.max(2) + 1)
}

fn plain_diff(diff: &FileDiff) -> String {
    let mut text = String::new();
    for hunk in &diff.hunks {
        let _ = writeln!(text, "{}", hunk.header);
        for line in &hunk.lines {
            let _ = writeln!(text, "{}{}", line.tag, Line::text(line));
        }
    }
    text
}

fn markdown_block(out: &mut String, summary: &str, open: bool, diff: &FileDiff) {
    let body = plain_diff(diff);
    let fence = fence(&body);
    let _ = writeln!(
        out,
        "<details{}>\n<summary>{summary}</summary>\n\n{fence}diff\n{body}{fence}\n\n</details>\n",
        if open { " open" } else { "" }
    );
}

fn markdown(report: &Report) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{COMMENT_MARKER}\n### tathya: {}\n", report.summary());
    let _ = writeln!(out, "Rendered text of `{}` compared with `{}`.", report.head, report.base);
    if !report.site_files.is_empty() {
        let files: Vec<String> = report.site_files.iter().map(|f| format!("`{f}`")).collect();
        let _ = writeln!(out, "Also changed: {}.", files.join(", "));
    }
    out.push('\n');
    for statement in &report.statements {
        let _ = writeln!(out, "#### `{}` ({})\n", statement.id, kind_word(statement));
        for language in &statement.languages {
            markdown_block(&mut out, &format!("{} ({})", language.name, language.lang), true, &language.diff);
        }
        if let Some(source) = &statement.source {
            markdown_block(&mut out, &format!("Source: {}", source.new_name.trim_start_matches("b/")), false, source);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::fence;

    #[test]
    fn fences_outlast_backticks_in_the_text() {
        assert_eq!(fence("plain"), "```");
        assert_eq!(fence("a ```` b"), "`````");
    }
}
