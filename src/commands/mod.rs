//! The commands, each a thin layer over the [`pipeline`]: `build` writes
//! what it renders, `check` renders the same and writes nothing, `render`
//! prints one page, `diff` compares the pages of two revisions, `new`
//! writes a record to fill in.

pub mod build;
pub mod check;
pub mod diff;
pub mod init;
pub mod new;
pub mod pipeline;
pub mod plan;
pub mod render;
pub mod serve;
