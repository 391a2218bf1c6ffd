//! tathya turns YAML fact records into bilingual press statements.
//!
//! The modules are layers, each using only those above it in this list
//! (`tests/layers.rs` holds the code to it):
//! - [`diag`]: rules, diagnostics with their place, how they are printed;
//! - [`site`]: where a site keeps its files, which statements are published,
//!   where each page lives, the time zone;
//! - [`load`]: `tathya.yaml`, records and their checks, with positions;
//! - [`localize`]: Fluent and ICU4X into one typed view per language;
//! - [`render`]: Tera templates over the views, every page of the site;
//! - [`write`](mod@write): the output folder, published in one rename, and the build cache;
//! - [`commands`]: `build`, `check` (the build without the writing), `render`,
//!   `diff` and `new`, over one [`commands::pipeline`]; [`cli`] parses arguments.

pub mod cli;
pub mod commands;
pub mod diag;
pub mod fuzzing;
pub mod load;
pub mod localize;
pub mod render;
pub mod site;
pub mod write;
