//! Templates: every template tathya renders exists and parses, and uses only
//! the variables its page has.

use std::path::{Path, PathBuf};

use crate::diag::Rule;
use crate::diag::line_column;
use crate::diag::{Diagnostic, Diagnostics, Location, Result};
use crate::load::Config;
use crate::render::{REQUIRED_TEMPLATES, Renderer, context_fields};
use crate::site::TEMPLATES_DIR;

/// Checks the templates of the site at `root`.
pub fn check(root: &Path, _config: &Config, findings: &mut Diagnostics) -> Result<()> {
    let dir = root.join(TEMPLATES_DIR);
    for name in REQUIRED_TEMPLATES {
        if !dir.join(name).is_file() {
            let path = Path::new(TEMPLATES_DIR).join(name);
            let message = format!("the template {} is missing", path.display());
            findings.push(Diagnostic::new(Rule::MissingTemplate, Location::file(path), message));
        }
    }
    let renderer = match Renderer::load_unlocalized(root) {
        Ok(renderer) => renderer,
        Err(err) => return findings.take(Err::<(), _>(err)).map(|_| ()),
    };
    for name in REQUIRED_TEMPLATES {
        let Some(allowed) = context_fields(name) else { continue };
        for variable in renderer.variables(name) {
            if !allowed.contains(&variable.as_str()) {
                let message = format!("`{variable}` is not a variable of this page (it has: {})", allowed.join(", "));
                findings.push(Diagnostic::new(Rule::UnknownVariable, find_word(root, name, &variable)?, message));
            }
        }
    }
    Ok(())
}

/// Every literal message key a template asks for with `t(key="…")`, with
/// where: file, line and column.
pub fn message_keys(root: &Path) -> Result<Vec<(PathBuf, usize, usize, String)>> {
    let dir = root.join(TEMPLATES_DIR);
    if !dir.is_dir() {
        return Ok(Vec::new());
    }
    let mut out = Vec::new();
    for file in crate::load::files_under(&dir)? {
        let text = match std::fs::read_to_string(dir.join(&file)) {
            Ok(text) => text,
            Err(_) => continue,
        };
        let marker = "t(key=\"";
        for (at, _) in text.match_indices(marker) {
            let rest = &text[at + marker.len()..];
            let Some(end) = rest.find('"') else { continue };
            // A key built from pieces (`"kind-" ~ item.kind`) cannot be checked here.
            if rest[end + 1..].trim_start().starts_with('~') {
                continue;
            }
            let (line, column) = line_column(&text, at + marker.len());
            out.push((Path::new(TEMPLATES_DIR).join(&file), line, column, rest[..end].to_owned()));
        }
    }
    Ok(out)
}

/// Where `word` first stands as a whole word in the template `name`, or in
/// another template (one it includes or extends) if not there.
fn find_word(root: &Path, name: &str, word: &str) -> Result<Location> {
    let dir = root.join(TEMPLATES_DIR);
    let mut files = vec![PathBuf::from(name)];
    files.extend(crate::load::files_under(&dir)?.into_iter().filter(|f| f != Path::new(name)));
    for file in files {
        let Ok(text) = std::fs::read_to_string(dir.join(&file)) else { continue };
        let is_word_char = |c: char| c.is_alphanumeric() || c == '_';
        let found = text.match_indices(word).find(|(at, _)| {
            !text[..*at].chars().next_back().is_some_and(is_word_char)
                && !text[at + word.len()..].chars().next().is_some_and(is_word_char)
        });
        if let Some((at, _)) = found {
            let (line, column) = line_column(&text, at);
            return Ok(Location::at(Path::new(TEMPLATES_DIR).join(&file), line, column));
        }
    }
    Ok(Location::file(Path::new(TEMPLATES_DIR).join(name)))
}
