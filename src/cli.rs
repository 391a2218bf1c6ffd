//! The command line: one `Command` enum, an options struct per subcommand.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

use crate::error::Result;
use crate::render::Format;
use crate::{BuildOptions, Selection, build, render_one};

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
    /// Print one statement in one language to stdout.
    Render(RenderArgs),
}

/// Options of `tathya build`.
#[derive(Debug, Args)]
pub struct BuildArgs {
    /// The site root (holding tathya.yaml).
    #[arg(long, default_value = ".")]
    pub root: PathBuf,
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
}

fn parse_moment(text: &str) -> Result<jiff::Timestamp, String> {
    text.parse().map_err(|_| format!("`{text}` is not a moment with a time zone, like 2021-06-10T18:30:00+05:30"))
}

/// Options of `tathya render`.
#[derive(Debug, Args)]
pub struct RenderArgs {
    /// The statement's id, e.g. 2021/06/cowin-data-breach.
    pub id: String,
    /// The site root (holding tathya.yaml).
    #[arg(long, default_value = ".")]
    pub root: PathBuf,
    /// The language; default: the site's first.
    #[arg(long)]
    pub lang: Option<String>,
    /// The output format.
    #[arg(long, value_enum, default_value = "md")]
    pub format: Format,
}

impl Cli {
    /// Runs the command; returns what to print on success.
    pub fn run(self) -> Result<()> {
        match self.command {
            Command::Build(args) => {
                let out = args.out.unwrap_or_else(|| args.root.join("public"));
                let selection = Selection { drafts: args.drafts, now: args.now.unwrap_or_else(jiff::Timestamp::now) };
                let options = BuildOptions { root: args.root, out: out.clone(), selection };
                let files = build(&options)?;
                eprintln!("wrote {files} files to {}", out.display());
                Ok(())
            }
            Command::Render(args) => {
                let lang = match args.lang {
                    Some(lang) => lang,
                    None => default_language(&args.root)?,
                };
                print!("{}", render_one(&args.root, &args.id, &lang, args.format)?);
                Ok(())
            }
        }
    }
}

fn default_language(root: &std::path::Path) -> Result<String> {
    let site = crate::load::load(root)?;
    let first = site.config().languages.first().map(|l| l.to_string());
    first.ok_or_else(|| crate::error::Error::Usage("tathya.yaml lists no languages".into()))
}
