//! Entry points for the fuzz targets in `fuzz/` and their regression tests
//! (`tests/fuzz_corpus.rs`): each takes any bytes and must not panic.

use std::path::Path;
use std::sync::OnceLock;

use crate::check::{parity, schema, typography};
use crate::error::Diagnostics;
use crate::load::{Id, Site, Source, Statement, record::Record, yaml};
use crate::render::Format;

/// The loader: parse any bytes as a record and run the record's checks
/// against the sample site's settings.
pub fn load_record(data: &[u8]) {
    let Some(prepared) = sample() else { return };
    if let Some((site, statement)) = as_statement(prepared, data) {
        let mut findings = Diagnostics::default();
        schema::check_statement(&site, &statement, &mut findings);
        parity::check_statement(&statement, &mut findings);
        typography::check_statement(&statement, &mut findings);
    }
}

/// The inline Markdown renderer, in all three forms.
pub fn inline_markdown(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let _ = crate::localize::markdown::to_html(&text);
    let _ = crate::localize::markdown::to_markdown(&text);
    let _ = crate::localize::markdown::to_plain(&text);
    let _ = crate::localize::text::truncate(&text, 160);
}

/// The whole render of one record that passes its checks, in every
/// language and both formats.
pub fn render_record(data: &[u8]) {
    let Some(prepared) = sample() else { return };
    let Some((site, statement)) = as_statement(prepared, data) else { return };
    let mut findings = Diagnostics::default();
    schema::check_statement(&site, &statement, &mut findings);
    parity::check_statement(&statement, &mut findings);
    if findings.finish().is_err() {
        return;
    }
    let Some(statement) = site.statements.first() else { return };
    for lang in &site.config().languages {
        let Ok(summary) = prepared.localizer.summary(&site, statement, lang) else { continue };
        if let Ok(page) = prepared.localizer.statement_page(&site, statement, lang, summary, Vec::new()) {
            for format in [Format::Html, Format::Md] {
                let _ = prepared.renderer.statement(&page, format);
            }
        }
    }
}

/// The repository's sample site, loaded once.
fn sample() -> Option<&'static crate::Prepared> {
    static SAMPLE: OnceLock<Option<crate::Prepared>> = OnceLock::new();
    SAMPLE.get_or_init(|| crate::prepare(Path::new(env!("CARGO_MANIFEST_DIR"))).ok()).as_ref()
}

/// `data` as the only record of a copy of the sample site, if it parses.
fn as_statement(prepared: &crate::Prepared, data: &[u8]) -> Option<(Site, Statement)> {
    let text = std::str::from_utf8(data).ok()?;
    let file = Path::new("statements/fuzz/record.yaml");
    let record: Record = yaml::parse(file, text).ok()?;
    let id: Id = "fuzz/record".parse().ok()?;
    let source = Source { file: file.to_path_buf(), text: text.to_owned(), value: record };
    let statement = Statement { id, source, hash: 0 };
    let site = Site {
        root: prepared.site.root.clone(),
        config: prepared.site.config.clone(),
        statements: vec![statement.clone()],
        others: Default::default(),
    };
    Some((site, statement))
}
