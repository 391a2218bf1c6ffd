//! The command line: one `Command` enum, an options struct per subcommand.

use std::path::{Path, PathBuf};

use clap::{Args, Parser, Subcommand};

use crate::check::report::{self, Format as ReportFormat};
use crate::error::{Error, Result};
use crate::load::record::Kind;
use crate::render::Format;
use crate::{BuildOptions, Selection, build, check, new, render_one};

/// Turns YAML fact records into bilingual press statements.
#[derive(Debug, Parser)]
#[command(name = "tathya", version, about)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Build the whole site: HTML pages and Markdown beside them.
    Build(BuildArgs),
    /// Check records, locales and templates; exit 1 on any error.
    Check(CheckArgs),
    /// Print one statement in one language to stdout.
    Render(RenderArgs),
    /// Write a new record to fill in, in every language of the site.
    New(NewArgs),
    /// Show how a change alters the published text, per statement and language.
    Diff(DiffArgs),
}

/// Options of `tathya diff`.
#[derive(Debug, Args)]
pub struct DiffArgs {
    /// The old revision; default: the merge base with the default branch,
    /// or HEAD on the default branch.
    pub base: Option<String>,
    /// The new revision; default: the working tree.
    pub head: Option<String>,
    #[command(flatten)]
    #[allow(missing_docs, reason = "documented on RootArg")]
    pub root: RootArg,
    /// How to print the diff.
    #[arg(long, value_enum, default_value = "terminal")]
    pub format: crate::diff::output::Format,
    /// Exit 1 when any statement changed, like `git diff --exit-code`.
    #[arg(long)]
    pub exit_code: bool,
}

/// The site root, common to every subcommand.
#[derive(Debug, Args)]
pub struct RootArg {
    /// The site root (holding tathya.yaml).
    #[arg(long, default_value = ".")]
    pub root: PathBuf,
}

/// Options of `tathya build`.
#[derive(Debug, Args)]
pub struct BuildArgs {
    #[command(flatten)]
    #[allow(missing_docs, reason = "documented on RootArg")]
    pub root: RootArg,
    /// The output folder; it is replaced as a whole. Default: public/ in the site root.
    #[arg(long)]
    pub out: Option<PathBuf>,
    /// Build drafts and embargoed statements too, marked as such.
    #[arg(long)]
    pub drafts: bool,
    /// The moment embargoes (`publish_at`) are measured against, e.g.
    /// 2021-06-10T18:30:00+05:30. Default: now.
    #[arg(long, value_parser = parse_moment)]
    pub now: Option<jiff::Timestamp>,
    /// Build every page again, ignoring the build cache and stamp (after
    /// changing files in the output by hand, which a build does not notice).
    #[arg(long)]
    pub full: bool,
}

/// Options of `tathya check`.
#[derive(Debug, Args)]
pub struct CheckArgs {
    #[command(flatten)]
    #[allow(missing_docs, reason = "documented on RootArg")]
    pub root: RootArg,
    /// How to print the findings.
    #[arg(long, value_enum, default_value = "human")]
    pub format: ReportFormat,
    /// Treat warnings (Hindi typography, unused figures) as errors.
    #[arg(long)]
    pub strict: bool,
}

/// Options of `tathya render`.
#[derive(Debug, Args)]
pub struct RenderArgs {
    /// The statement's id, e.g. 2021/06/cowin-data-breach.
    pub id: String,
    #[command(flatten)]
    #[allow(missing_docs, reason = "documented on RootArg")]
    pub root: RootArg,
    /// The language; default: the site's first.
    #[arg(long)]
    pub lang: Option<String>,
    /// The output format.
    #[arg(long, value_enum, default_value = "md")]
    pub format: Format,
}

/// Options of `tathya new`.
#[derive(Debug, Args)]
pub struct NewArgs {
    /// The kind of statement.
    #[arg(value_enum)]
    pub kind: NewKind,
    /// Its id: its path under statements/, e.g. 2021/06/cowin-data-breach.
    pub id: String,
    #[command(flatten)]
    #[allow(missing_docs, reason = "documented on RootArg")]
    pub root: RootArg,
}

/// The kinds `tathya new` writes.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum NewKind {
    /// A rebuttal of false reports.
    Rebuttal,
    /// Myth/Fact pairs.
    MythBuster,
}

fn parse_moment(text: &str) -> Result<jiff::Timestamp, String> {
    text.parse().map_err(|_| format!("`{text}` is not a moment with a time zone, like 2021-06-10T18:30:00+05:30"))
}

impl Cli {
    /// The site root the command works on.
    pub fn root(&self) -> &Path {
        match &self.command {
            Command::Build(args) => &args.root.root,
            Command::Check(args) => &args.root.root,
            Command::Render(args) => &args.root.root,
            Command::New(args) => &args.root.root,
            Command::Diff(args) => &args.root.root,
        }
    }

    /// Runs the command; returns the exit status.
    pub fn run(self) -> Result<i32> {
        match self.command {
            Command::Build(args) => {
                let root = args.root.root;
                let out = args.out.unwrap_or_else(|| root.join("public"));
                let selection = Selection { drafts: args.drafts, now: args.now.unwrap_or_else(jiff::Timestamp::now) };
                let written = build(&BuildOptions { root, out: out.clone(), selection, full: args.full })?;
                if written.up_to_date {
                    eprintln!("{} is up to date: nothing it is built from changed", out.display());
                    return Ok(0);
                }
                eprintln!(
                    "{} statements rendered; {} files in {}: {} written, {} removed, the rest unchanged",
                    written.rendered,
                    written.pages,
                    out.display(),
                    written.changed,
                    written.removed
                );
                Ok(0)
            }
            Command::Check(args) => {
                let root = args.root.root;
                let checked = check::check_site(&root, args.strict, false)?;
                print!("{}", report::render(&checked.diagnostics, args.format, &root, report::stdout_is_terminal()));
                if args.format == ReportFormat::Human {
                    println!("{}", report::summary(&checked.diagnostics));
                }
                Ok(if checked.counts().0 > 0 { 1 } else { 0 })
            }
            Command::Render(args) => {
                let root = args.root.root;
                let lang = match args.lang {
                    Some(lang) => lang,
                    None => default_language(&root)?,
                };
                print!("{}", render_one(&root, &args.id, &lang, args.format)?);
                Ok(0)
            }
            Command::Diff(args) => {
                let report = run_diff(&args)?;
                let colour = report::stdout_is_terminal() && std::env::var_os("NO_COLOR").is_none();
                print!("{}", crate::diff::output::render(&report, args.format, colour));
                Ok(if args.exit_code && !report.is_empty() { 1 } else { 0 })
            }
            Command::New(args) => {
                let kind = match args.kind {
                    NewKind::Rebuttal => Kind::Rebuttal,
                    NewKind::MythBuster => Kind::MythBuster,
                };
                let path = new::write_record(&args.root.root, kind, &args.id)?;
                eprintln!("wrote {}: fill in every TODO, then run `tathya check`", path.display());
                Ok(0)
            }
        }
    }
}

fn default_language(root: &Path) -> Result<String> {
    let site = crate::load::load(root)?;
    let first = site.config().languages.first().map(|l| l.to_string());
    first.ok_or_else(|| Error::Usage("tathya.yaml lists no languages".into()))
}

/// Renders both revisions and compares them.
fn run_diff(args: &DiffArgs) -> Result<crate::diff::Report> {
    use crate::diff::{Snapshot, compare, git};
    let root = &args.root.root;
    let base = match &args.base {
        Some(base) => base.clone(),
        None => git::default_base(root)?,
    };
    let (_base_dir, base_root) = git::checkout(root, &base)?;
    let old = Snapshot::render(&base_root)?;
    let (new, head_name, _head_dir) = match &args.head {
        Some(head) => {
            let (dir, head_root) = git::checkout(root, head)?;
            (Snapshot::render(&head_root)?, git::short_name(root, head)?, Some(dir))
        }
        None => (Snapshot::render(root)?, "working tree".to_owned(), None),
    };
    Ok(compare(&old, &new, &git::short_name(root, &base)?, &head_name))
}
