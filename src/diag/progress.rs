//! What a command says while it runs, besides its findings: a progress bar
//! for the steps of a long build or check (on a terminal only, once a step
//! has run about a second: `indicatif`), status lines (`--quiet` drops
//! them) and each step's time (`--verbose`). Set once by the command line;
//! a library caller that sets nothing gets none of it.

use std::sync::{Mutex, OnceLock};
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// How much a command says.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Verbosity {
    /// Findings only.
    Quiet,
    /// Findings, status lines, and a progress bar on a terminal.
    #[default]
    Normal,
    /// As normal, and how long each step took.
    Verbose,
}

/// The command's settings and its current step.
struct Reporter {
    verbosity: Verbosity,
    /// Whether standard error is a terminal, where a bar may be drawn.
    terminal: bool,
    step: Mutex<Option<Step>>,
}

struct Step {
    name: &'static str,
    started: Instant,
    bar: ProgressBar,
    shown: bool,
}

static REPORTER: OnceLock<Reporter> = OnceLock::new();

/// How long a step runs before its bar is drawn.
const SHOW_AFTER: Duration = Duration::from_secs(1);

/// Sets how much the command says; `terminal` when standard error is one.
pub fn init(verbosity: Verbosity, terminal: bool) {
    let _ = REPORTER.set(Reporter { verbosity, terminal, step: Mutex::new(None) });
}

fn verbosity() -> Verbosity {
    REPORTER.get().map_or(Verbosity::Normal, |r| r.verbosity)
}

/// Prints a status line on standard error, unless quiet.
pub fn status(line: &str) {
    if verbosity() != Verbosity::Quiet {
        suspended(|| eprintln!("{line}"));
    }
}

/// Runs `write` (which prints) with the bar cleared, then draws it again.
pub fn suspended<T>(write: impl FnOnce() -> T) -> T {
    let Some(reporter) = REPORTER.get() else { return write() };
    let step = reporter.step.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    match step.as_ref() {
        Some(step) if step.shown => step.bar.suspend(write),
        _ => write(),
    }
}

/// Starts the step `name` of `total` items, ending the one before; the
/// step ends by itself when its last item is done. A step of no items is
/// none.
pub fn step(name: &'static str, total: usize) {
    if total == 0 {
        finish();
        return;
    }
    start(name, Some(total));
}

/// Starts the phase `name`, ending the step before: work that is not
/// counted in items, which has no bar but whose time `--verbose` says.
pub fn phase(name: &'static str) {
    start(name, None);
}

fn start(name: &'static str, total: Option<usize>) {
    let Some(reporter) = REPORTER.get() else { return };
    let mut current = reporter.step.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    end(reporter, current.take());
    let bar = ProgressBar::with_draw_target(total.map(|total| total as u64), ProgressDrawTarget::hidden());
    if let Ok(style) = ProgressStyle::with_template("{msg:>18} [{bar:30}] {pos}/{len} ({eta} left)") {
        bar.set_style(style.progress_chars("=> "));
    }
    bar.set_message(name);
    *current = Some(Step { name, started: Instant::now(), bar, shown: false });
}

/// Counts one item of the current step done.
pub fn advance() {
    let Some(reporter) = REPORTER.get() else { return };
    let mut current = reporter.step.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    let Some(step) = current.as_mut() else { return };
    step.bar.inc(1);
    if step.bar.length().is_some_and(|length| step.bar.position() >= length) {
        end(reporter, current.take());
        return;
    }
    let drawn = reporter.terminal && reporter.verbosity != Verbosity::Quiet && step.bar.length().is_some();
    if drawn && !step.shown && step.started.elapsed() >= SHOW_AFTER {
        step.bar.set_draw_target(ProgressDrawTarget::stderr());
        step.shown = true;
    }
}

/// Ends the current step: its bar is cleared, its time said if verbose.
pub fn finish() {
    let Some(reporter) = REPORTER.get() else { return };
    let mut current = reporter.step.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    end(reporter, current.take());
}

fn end(reporter: &Reporter, step: Option<Step>) {
    let Some(step) = step else { return };
    step.bar.finish_and_clear();
    if reporter.verbosity == Verbosity::Verbose {
        let took = step.started.elapsed().as_secs_f64();
        match step.bar.length() {
            Some(_) => eprintln!("{}: {} in {took:.2} s", step.name, step.bar.position()),
            None => eprintln!("{}: {took:.2} s", step.name),
        }
    }
}
