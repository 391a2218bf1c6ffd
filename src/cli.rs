//! The command line: one `Command` enum, an options struct per subcommand.

use std::path::{Path, PathBuf};

use clap::{Args, Parser, Subcommand};

use crate::commands::build::{BuildOptions, build};
use crate::commands::check::{CheckOptions, check};
use crate::commands::diff::{self, output::Format as DiffFormat};
use crate::commands::init::{Gender, InitOptions, init};
use crate::commands::new::write_record;
use crate::commands::render::{Platform, RenderOptions, render, share};
use crate::commands::serve::{ServeOptions, serve};
use crate::diag::progress::{self, Verbosity};
use crate::diag::report::{self, Format as ReportFormat, Stream};
use crate::diag::{Result, Severity};
use crate::load::record::Kind;
use crate::render::Format;
use crate::site::Selection;

/// Turns YAML fact records into bilingual press statements.
#[derive(Debug, Parser)]
#[command(name = "tathya", version = concat!(env!("CARGO_PKG_VERSION"), " (build ", env!("TATHYA_BUILD_ID"), ")"), about)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
    /// Print only findings and errors: no status lines, no progress bar.
    #[arg(long, short, global = true, conflicts_with = "verbose")]
    pub quiet: bool,
    /// Also print how long each step took.
    #[arg(long, short, global = true)]
    pub verbose: bool,
    /// Colour in findings: auto (on a terminal, unless NO_COLOR is set), always or never.
    #[arg(long, value_enum, global = true, default_value = "auto")]
    pub color: ColorWhen,
}

/// When findings are coloured.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ColorWhen {
    /// On a terminal, unless the NO_COLOR variable is set.
    Auto,
    /// Always, even into a file or pipe.
    Always,
    /// Never.
    Never,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Build the whole site: HTML pages and Markdown beside them.
    Build(BuildArgs),
    /// Do everything a build does but write: exit 1 on any error.
    Check(CheckArgs),
    /// Print one statement in one language to stdout, as build writes it.
    Render(RenderArgs),
    /// Print one statement's post for X, WhatsApp or Telegram, as the build writes it (share.json).
    Share(ShareArgs),
    /// Write a new record to fill in, in every language of the site.
    New(NewArgs),
    /// Write a new site root: settings, two samples, footer pages, workflow.
    Init(InitArgs),
    /// Serve the site on 127.0.0.1, built again and reloaded as files are saved.
    Serve(ServeArgs),
    /// Show how a change alters the published text, per statement and language.
    Diff(DiffArgs),
    /// Print the completion script of a shell: `tathya completions bash > /etc/bash_completion.d/tathya`.
    Completions(CompletionsArgs),
    /// Print tathya's man page (roff): `tathya man > tathya.1`.
    Man,
}

/// The site root, common to every subcommand.
#[derive(Debug, Args)]
pub struct RootArg {
    /// The site root (holding tathya.yaml).
    #[arg(long, default_value = ".")]
    pub root: PathBuf,
}

/// Which statements are shown, common to the commands that render.
#[derive(Debug, Args)]
pub struct SelectionArgs {
    /// Show drafts and embargoed statements too, marked as such.
    #[arg(long)]
    pub drafts: bool,
    /// The moment embargoes (`publish_at`) are measured against, e.g.
    /// 2021-06-10T18:30:00+05:30. Default: now.
    #[arg(long, value_parser = parse_moment)]
    pub now: Option<jiff::Timestamp>,
}

impl SelectionArgs {
    fn selection(&self) -> Selection {
        Selection { drafts: self.drafts, now: self.now.unwrap_or_else(jiff::Timestamp::now) }
    }
}

/// Options of `tathya build`.
#[derive(Debug, Args)]
pub struct BuildArgs {
    #[command(flatten)]
    #[allow(missing_docs, reason = "documented on RootArg")]
    pub root: RootArg,
    /// The output folder. Default: public/ in the site root, or
    /// public-preview/ with --drafts. It must be absent, empty or written
    /// by tathya.
    #[arg(long)]
    pub out: Option<PathBuf>,
    /// If another build is writing the same output, stop (exit 2) instead
    /// of waiting for it to end.
    #[arg(long)]
    pub no_wait: bool,
    #[command(flatten)]
    #[allow(missing_docs, reason = "documented on SelectionArgs")]
    pub selection: SelectionArgs,
    /// Build every page again, ignoring the build cache and stamp (after
    /// changing files in the output by hand, which a build does not notice).
    #[arg(long)]
    pub full: bool,
    /// How errors and warnings are printed (on stderr).
    #[arg(long, value_enum, default_value = "human")]
    pub format: ReportFormat,
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
    /// The moment embargoes are measured against, as for `build`. Default: now.
    #[arg(long, value_parser = parse_moment)]
    pub now: Option<jiff::Timestamp>,
    /// The output of the build whose cache to use: the records that did
    /// not change since that build are not read again, and their warnings
    /// are the cache's. Default: public/ in the site root, as for `build`.
    #[arg(long)]
    pub out: Option<PathBuf>,
    /// Read and render every record, ignoring any build cache.
    #[arg(long)]
    pub full: bool,
}

/// The statement `render` and `share` print, and how the site is seen.
#[derive(Debug, Args)]
pub struct StatementArgs {
    /// The statement's id, e.g. 2021/06/cowin-data-breach.
    pub id: String,
    #[command(flatten)]
    #[allow(missing_docs, reason = "documented on RootArg")]
    pub root: RootArg,
    /// The language; default: the site's first.
    #[arg(long)]
    pub lang: Option<String>,
    #[command(flatten)]
    #[allow(missing_docs, reason = "documented on SelectionArgs")]
    pub selection: SelectionArgs,
}

impl StatementArgs {
    fn options(self) -> RenderOptions {
        RenderOptions {
            id: self.id,
            lang: self.lang,
            selection: self.selection.selection(),
            diagnostics: ReportFormat::Human,
        }
    }
}

/// Options of `tathya render`.
#[derive(Debug, Args)]
pub struct RenderArgs {
    #[command(flatten)]
    #[allow(missing_docs, reason = "documented on StatementArgs")]
    pub statement: StatementArgs,
    /// The output format.
    #[arg(long, value_enum, default_value = "md")]
    pub format: Format,
}

/// Options of `tathya share`.
#[derive(Debug, Args)]
pub struct ShareArgs {
    #[command(flatten)]
    #[allow(missing_docs, reason = "documented on StatementArgs")]
    pub statement: StatementArgs,
    /// Which post.
    #[arg(long, value_enum, default_value = "x")]
    pub format: Platform,
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

/// Options of `tathya init`.
#[derive(Debug, Args)]
pub struct InitArgs {
    /// The folder of the new site (made if absent; it must be empty).
    #[arg(default_value = ".", conflicts_with = "root")]
    pub dir: PathBuf,
    /// The folder of the new site, as DIR.
    #[arg(long)]
    pub root: Option<PathBuf>,
    /// The issuing body's name in English, e.g. "Ministry of Jal Shakti";
    /// asked when not given and run in a terminal.
    #[arg(long)]
    pub issuer_en: Option<String>,
    /// Its name in Hindi, e.g. "जल शक्ति मंत्रालय"; asked as above.
    #[arg(long)]
    pub issuer_hi: Option<String>,
    /// The grammatical gender of the Hindi name, which messages agree with.
    #[arg(long, value_enum, default_value = "masculine")]
    pub gender_hi: Gender,
    /// The address the site will be published at.
    #[arg(long, default_value = "https://factcheck.example.gov.in")]
    pub base_url: String,
    /// Add the missing files to a folder that is not empty (never replacing one).
    #[arg(long)]
    pub force: bool,
}

impl InitArgs {
    /// The site root to write.
    fn dir(&self) -> &Path {
        self.root.as_deref().unwrap_or(&self.dir)
    }
}

/// Options of `tathya serve`.
#[derive(Debug, Args)]
pub struct ServeArgs {
    #[command(flatten)]
    #[allow(missing_docs, reason = "documented on RootArg")]
    pub root: RootArg,
    /// The port on 127.0.0.1; default: the first free one from 1111 (0: any).
    #[arg(long)]
    pub port: Option<u16>,
    /// Show drafts and embargoed statements too, as build --drafts does.
    #[arg(long)]
    pub drafts: bool,
    /// Open the site in the default browser.
    #[arg(long)]
    pub open: bool,
}

/// Options of `tathya completions`.
#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell: bash, zsh, fish, powershell or elvish.
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
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
    pub format: DiffFormat,
    /// Exit 1 when any statement changed, like `git diff --exit-code`.
    #[arg(long)]
    pub exit_code: bool,
    /// The moment embargoes are measured against. Default: now.
    #[arg(long, value_parser = parse_moment)]
    pub now: Option<jiff::Timestamp>,
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
            Command::Render(args) => &args.statement.root.root,
            Command::Share(args) => &args.statement.root.root,
            Command::New(args) => &args.root.root,
            Command::Init(args) => args.dir(),
            Command::Serve(args) => &args.root.root,
            Command::Diff(args) => &args.root.root,
            // They read no site: errors are shown from where tathya runs.
            Command::Completions(_) | Command::Man => Path::new("."),
        }
    }

    /// How the command prints errors that stop it.
    pub fn error_format(&self) -> ReportFormat {
        match &self.command {
            Command::Build(args) => args.format,
            Command::Check(args) => args.format,
            _ => ReportFormat::Human,
        }
    }

    /// Sets how much the command says and whether in colour; once, first.
    pub fn set_output(&self) {
        use std::io::IsTerminal;
        let choice = match self.color {
            ColorWhen::Auto => anstream::ColorChoice::Auto,
            ColorWhen::Always => anstream::ColorChoice::Always,
            ColorWhen::Never => anstream::ColorChoice::Never,
        };
        choice.write_global();
        let verbosity = match (self.quiet, self.verbose) {
            (true, _) => Verbosity::Quiet,
            (false, true) => Verbosity::Verbose,
            (false, false) => Verbosity::Normal,
        };
        progress::init(verbosity, std::io::stderr().is_terminal());
    }

    /// Runs the command; returns the exit status.
    pub fn run(self) -> Result<i32> {
        match self.command {
            Command::Build(args) => run_build(args),
            Command::Check(args) => {
                let out = args.out.unwrap_or_else(|| args.root.root.join(crate::site::PUBLISHED_DIR));
                let options = CheckOptions {
                    strict: args.strict,
                    now: args.now.unwrap_or_else(jiff::Timestamp::now),
                    cache: (!args.full).then_some(out.as_path()),
                };
                let findings = check(&args.root.root, options);
                progress::finish();
                let findings = findings?;
                report::print(&findings, args.format, &args.root.root, Stream::Stdout);
                Ok(i32::from(findings.iter().any(|d| d.severity == Severity::Error)))
            }
            Command::Render(args) => {
                let root = args.statement.root.root.clone();
                print(&render(&root, &args.statement.options(), args.format)?)
            }
            Command::Share(args) => {
                let root = args.statement.root.root.clone();
                print(&share(&root, &args.statement.options(), args.format)?)
            }
            Command::Diff(args) => run_diff(&args),
            Command::Completions(args) => {
                let mut script = Vec::new();
                clap_complete::generate(
                    args.shell,
                    &mut <Cli as clap::CommandFactory>::command(),
                    "tathya",
                    &mut script,
                );
                print(&script)
            }
            Command::Man => {
                let mut page = Vec::new();
                let man = clap_mangen::Man::new(<Cli as clap::CommandFactory>::command());
                man.render(&mut page)
                    .map_err(|err| crate::diag::Error::io("cannot write", Path::new("stdout"), err))?;
                print(&page)
            }
            Command::New(args) => {
                let kind = match args.kind {
                    NewKind::Rebuttal => Kind::Rebuttal,
                    NewKind::MythBuster => Kind::MythBuster,
                };
                let path = write_record(&args.root.root, kind, &args.id)?;
                progress::status(&format!("wrote {}: fill in every TODO, then run `tathya check`", path.display()));
                Ok(0)
            }
            Command::Init(args) => run_init(args),
            Command::Serve(args) => {
                let options =
                    ServeOptions { root: args.root.root, port: args.port, drafts: args.drafts, open: args.open };
                serve(&options)?;
                Ok(0)
            }
        }
    }
}

/// `tathya diff`: 0 when it ran (1 with `--exit-code` when a statement
/// changed), 2 when it could not compare, and then, in the JSON format, the
/// error as JSON on stdout as well.
fn run_diff(args: &DiffArgs) -> Result<i32> {
    let now = args.now.unwrap_or_else(jiff::Timestamp::now);
    let report = match diff::run(&args.root.root, args.base.as_deref(), args.head.as_deref(), now) {
        Ok(report) => report,
        // Whatever stops a diff, it could not diff: exit status 2.
        Err(crate::diag::Error::Content(found)) => {
            let text: Vec<String> = found.iter().map(ToString::to_string).collect();
            return run_diff_failed(args, crate::diag::Error::Usage(text.join("; ")));
        }
        Err(err) => return run_diff_failed(args, err),
    };
    report::emit(Stream::Stdout, &diff::output::render(&report, args.format));
    Ok(if args.exit_code && !report.is_empty() { 1 } else { 0 })
}

fn run_diff_failed(args: &DiffArgs, err: crate::diag::Error) -> Result<i32> {
    if args.format == DiffFormat::Json {
        let json = serde_json::json!({ "error": err.to_string(), "exit_code": 2 });
        report::emit(Stream::Stdout, &format!("{json}\n"));
    }
    Err(err)
}

fn run_init(args: InitArgs) -> Result<i32> {
    let options = InitOptions {
        dir: args.dir().to_path_buf(),
        issuer_en: answer(
            args.issuer_en,
            "--issuer-en",
            "The issuing body's name in English (Ministry of Jal Shakti)",
        )?,
        issuer_hi: answer(args.issuer_hi, "--issuer-hi", "Its name in Hindi (जल शक्ति मंत्रालय)")?,
        gender_hi: args.gender_hi,
        base_url: args.base_url,
        force: args.force,
    };
    let done = init(&options)?;
    let dir = options.dir.display();
    for file in &done.kept {
        progress::status(&format!("kept {} as it was", file.display()));
    }
    progress::status(&format!(
        "wrote {} files in {dir}. Next:\n  cd {dir}\n  tathya serve        # preview at http://127.0.0.1:1111, reloaded as you save\n  \
         tathya check        # what a pull request is checked for\n  tathya build        # the site, in public/\n\
         Check the issuer's names and Hindi gender (issuers: office: gender) in tathya.yaml, and read README.md.",
        done.written.len()
    ));
    Ok(0)
}

/// A value of `init`: the flag's, else asked on the terminal.
fn answer(given: Option<String>, flag: &str, question: &str) -> Result<String> {
    use std::io::{BufRead, IsTerminal, Write};
    if let Some(value) = given {
        return Ok(value);
    }
    if !(std::io::stdin().is_terminal() && std::io::stderr().is_terminal()) {
        return Err(crate::diag::Error::Usage(format!("give {flag} (tathya init asks only when run in a terminal)")));
    }
    eprint!("{question}: ");
    let _ = std::io::stderr().flush();
    let mut line = String::new();
    std::io::stdin()
        .lock()
        .read_line(&mut line)
        .map_err(|err| crate::diag::Error::io("cannot read", Path::new("stdin"), err))?;
    Ok(line.trim().to_owned())
}

fn run_build(args: BuildArgs) -> Result<i32> {
    let root = args.root.root;
    let selection = args.selection.selection();
    let default_out = if selection.drafts { crate::site::PREVIEW_DIR } else { crate::site::PUBLISHED_DIR };
    let out = args.out.unwrap_or_else(|| root.join(default_out));
    let options = BuildOptions {
        root,
        out: out.clone(),
        selection,
        full: args.full,
        diagnostics: args.format,
        wait: !args.no_wait,
    };
    let written = build(&options);
    progress::finish();
    let written = written?;
    // Tools that read the JSON or GitHub findings get nothing else.
    if args.format != ReportFormat::Human {
        return Ok(0);
    }
    if written.up_to_date {
        progress::status(&format!("{} is up to date: nothing it is built from changed", out.display()));
        return Ok(0);
    }
    progress::status(&format!(
        "{} statements rendered; {} files in {}: {} written, {} removed, the rest unchanged",
        written.rendered,
        written.pages,
        out.display(),
        written.changed,
        written.removed
    ));
    Ok(0)
}

/// Writes `bytes` to stdout: what `render` and `share` print.
fn print(bytes: &[u8]) -> Result<i32> {
    std::io::Write::write_all(&mut std::io::stdout(), bytes)
        .map_err(|err| crate::diag::Error::io("cannot write", Path::new("stdout"), err))?;
    Ok(0)
}
