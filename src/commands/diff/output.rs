//! `tathya diff`'s three outputs: a coloured terminal diff, a pull-request
//! comment in Markdown, and JSON for tools.

use std::fmt::Write;

use anstyle::{AnsiColor, Color, Style};

use super::{FileDiff, Finding, Line, Report, RevisionErrors, StatementChange};

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

/// The report in `format`; the terminal format is coloured, and printed
/// through anstream, which drops the colours where they do not belong.
pub fn render(report: &Report, format: Format) -> String {
    match format {
        Format::Terminal => terminal(report),
        Format::Markdown => markdown(report),
        Format::Json => serde_json::to_string_pretty(report).unwrap_or_default() + "\n",
    }
}

fn paint(style: Style, text: &str) -> String {
    format!("{style}{text}{style:#}")
}

const BOLD: Style = Style::new().bold();
const RED: Style = Style::new().fg_color(Some(Color::Ansi(AnsiColor::Red)));
const GREEN: Style = Style::new().fg_color(Some(Color::Ansi(AnsiColor::Green)));
const CYAN: Style = Style::new().fg_color(Some(Color::Ansi(AnsiColor::Cyan)));

fn terminal(report: &Report) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{} ({} → {})", report.summary(), report.base, report.head);
    if !report.site_files.is_empty() {
        let _ = writeln!(out, "Also changed: {}", report.site_files.join(", "));
    }
    for side in &report.errors {
        let _ = writeln!(out, "\n{}", paint(RED.bold(), &errors_heading(side)));
        for error in &side.errors {
            let _ = writeln!(out, "  {}", error_line(error));
        }
    }
    for statement in &report.statements {
        let title = format!("── {} ({}) ──", statement.id, kind_word(statement));
        let _ = writeln!(out, "\n{}", paint(BOLD, &title));
        for language in &statement.languages {
            let _ = writeln!(out, "{}", paint(CYAN.bold(), &format!("[{}] {}", language.lang, language.name)));
            terminal_diff(&mut out, &language.diff);
        }
        if let Some(source) = &statement.source {
            let _ = writeln!(out, "{}", paint(CYAN.bold(), "[source]"));
            terminal_diff(&mut out, source);
        }
    }
    out
}

fn terminal_diff(out: &mut String, diff: &FileDiff) {
    let _ = writeln!(out, "{}", paint(BOLD, &format!("--- {}\n+++ {}", diff.old_name, diff.new_name)));
    for hunk in &diff.hunks {
        let _ = writeln!(out, "{}", paint(CYAN, &hunk.header));
        for line in &hunk.lines {
            let base = match line.tag {
                '-' => RED,
                '+' => GREEN,
                _ => Style::new(),
            };
            let mut text = paint(base, &line.tag.to_string());
            for segment in &line.segments {
                let style = if segment.emphasized && base != Style::new() { base.bold().underline() } else { base };
                text.push_str(&paint(style, &segment.text));
            }
            let _ = writeln!(out, "{text}");
        }
    }
}

fn errors_heading(side: &RevisionErrors) -> String {
    let n = side.errors.len();
    format!(
        "{} has {n} error{}: the statements it could not render show as added or removed.",
        side.revision,
        if n == 1 { "" } else { "s" }
    )
}

fn error_line(error: &Finding) -> String {
    let place =
        if error.line > 0 { format!("{}:{}:{}", error.file, error.line, error.column) } else { error.file.clone() };
    format!("{place}: {} [{}]", error.message, error.code)
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
    for side in &report.errors {
        let _ = writeln!(out, "> [!WARNING]\n> {}", errors_heading(side));
        for error in &side.errors {
            let _ = writeln!(out, "> - `{}`", error_line(error).replace('`', "'"));
        }
        out.push('\n');
    }
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
