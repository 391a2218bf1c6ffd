//! `tathya check` is a dry run of `tathya build`: whatever `build` refuses,
//! `check` must refuse too, and name the same rule for the first error.
//!
//! This test makes mutants of the sample site, each with one change (two,
//! one time in five) to one file: a record, `tathya.yaml`, a `.ftl` file or
//! a template (see `tests/mutants/mutate.rs` for the operators). On a copy
//! of the site with that change it runs `check --format json`, `build` and
//! `build --drafts`, both builds with the fixed clock `--now
//! 2026-01-01T00:00:00+05:30`. A mutant fails when
//! - `check` accepts it (exit 0, or no error reported) while a build
//!   refuses it (exit 1 or 2);
//! - both refuse it, but the code of the first error (the one at the
//!   smallest file, line and column) differs;
//! - any of the three panics, dies of a signal or hangs.
//!
//! `check` refusing what a build accepts is allowed (it may be stricter)
//! and only counted. The summary on stderr gives the counts and groups the
//! failures by operator and outcome; the assertion lists every failure.
//!
//! The mutants are a function of a seed and their index:
//! - `TATHYA_MUTANTS=n`: how many (default [`DEFAULT_COUNT`]: 300, which
//!   take 36 s with a debug binary on two cores, 49 s while another build
//!   shares them; CI runs at least 2000);
//! - `TATHYA_MUTANTS_SEED=s`: the seed, decimal or `0x…` (default
//!   [`DEFAULT_SEED`]);
//! - `TATHYA_MUTANT_INDEX=k`: only mutant `k` of that seed, with its full
//!   output, keeping its folder (the site in `site/`, the output of each
//!   command beside it) and printing where it is. Each failure in the
//!   report gives the command line that reproduces it, e.g.
//!   `TATHYA_MUTANTS_SEED=0x7a74a7a TATHYA_MUTANT_INDEX=17 cargo test --test mutants check_refuses -- --nocapture`.
//!
//! `build` reports in JSON lines on stderr with `--format json`, which is
//! passed when `build --help` lists it; without it, the findings are read
//! from the human format (`error[T052]: …` then ` --> file:line:col`).

#![allow(clippy::unwrap_used, clippy::panic, reason = "a test fails by panicking")]

mod common;
#[path = "mutants/mutate.rs"]
mod mutate;
#[path = "mutants/rng.rs"]
mod rng;
#[path = "mutants/run.rs"]
mod run;

use std::collections::BTreeMap;
use std::ffi::OsString;
use std::fs;
use std::path::Path;
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Instant;

use mutate::{Mutant, Target};
use rng::Rng;
use run::Run;

/// The seed unless `TATHYA_MUTANTS_SEED` is set.
const DEFAULT_SEED: u64 = 0x7A7_4A7A;
/// How many mutants unless `TATHYA_MUTANTS` is set: a few hundred, so that
/// `cargo test` stays well under a minute with a debug binary on two cores.
const DEFAULT_COUNT: u64 = 300;
/// The machine this runs on has two cores; each worker runs one command at
/// a time.
const WORKERS: usize = 2;
/// The clock of both builds, after every date in the sample and before the
/// embargo that mutants set in 2099.
const NOW: &str = "2026-01-01T00:00:00+05:30";

/// What happened to one mutant.
struct Outcome {
    index: u64,
    mutant: Mutant,
    check: Run,
    build: Run,
    drafts: Run,
    problems: Vec<Problem>,
}

/// Why a mutant fails.
struct Problem {
    /// "crash or hang", "check accepts what build refuses" or "first errors
    /// differ", which groups the report.
    kind: &'static str,
    why: String,
}

#[test]
fn check_refuses_whatever_build_refuses() {
    let seed = env_number("TATHYA_MUTANTS_SEED").unwrap_or(DEFAULT_SEED);
    let only = env_number("TATHYA_MUTANT_INDEX");
    let count = env_number("TATHYA_MUTANTS").unwrap_or(DEFAULT_COUNT);
    let targets = mutate::targets(&common::repo());
    let json_build = build_has_json_format();

    let started = Instant::now();
    let outcomes: Vec<Outcome> = match only {
        Some(index) => vec![run_mutant(seed, index, &targets, json_build, true)],
        None => run_all(seed, count, &targets, json_build),
    };
    let failures = summarize(seed, &outcomes, started);
    if let (Some(index), Some(outcome)) = (only, outcomes.first()) {
        eprintln!("{}", describe(seed, outcome, usize::MAX));
        assert!(outcome.problems.is_empty(), "mutant {index} fails: see above");
    }
    assert!(failures.is_empty(), "{} of {} mutants fail:\n\n{}", failures.len(), outcomes.len(), failures.join("\n"));
}

/// Mutants `0..count` on [`WORKERS`] threads, sorted by index.
fn run_all(seed: u64, count: u64, targets: &[Target], json_build: bool) -> Vec<Outcome> {
    let next = AtomicU64::new(0);
    let outcomes = Mutex::new(Vec::new());
    std::thread::scope(|scope| {
        for _ in 0..WORKERS {
            scope.spawn(|| {
                loop {
                    let index = next.fetch_add(1, Ordering::Relaxed);
                    if index >= count {
                        break;
                    }
                    let outcome = run_mutant(seed, index, targets, json_build, false);
                    outcomes.lock().unwrap().push(outcome);
                }
            });
        }
    });
    let mut outcomes = outcomes.into_inner().unwrap();
    outcomes.sort_by_key(|o| o.index);
    outcomes
}

/// Makes mutant `index`, runs the three commands on it in a folder of its
/// own, and judges it. With `keep`, the folder stays and its path is printed.
fn run_mutant(seed: u64, index: u64, targets: &[Target], json_build: bool, keep: bool) -> Outcome {
    let mut rng = Rng::for_mutant(seed, index);
    let mutant = mutate::generate(&mut rng, targets);
    let dir = tempfile::Builder::new().prefix(&format!("tathya-mutant-{index}-")).tempdir().unwrap();
    let site = dir.path().join("site");
    write_site(&site, &mutant);

    let args = |words: &[&str], out: Option<&str>| -> Vec<OsString> {
        let mut args: Vec<OsString> = words.iter().map(OsString::from).collect();
        if let Some(out) = out {
            args.extend([OsString::from("--out"), dir.path().join(out).into_os_string()]);
            args.extend(["--now", NOW].map(OsString::from));
            if json_build {
                args.extend(["--format", "json"].map(OsString::from));
            }
        }
        args
    };
    let check = Run::check(&site, dir.path(), &args(&["check", "--format", "json"], None));
    let build = Run::build(&site, dir.path(), "build", &args(&["build"], Some("out")));
    let drafts = Run::build(&site, dir.path(), "build-drafts", &args(&["build", "--drafts"], Some("drafts")));
    let problems = judge(&check, &build, &drafts);
    if keep {
        eprintln!("mutant {index} is kept in {} (the site is in site/)", dir.keep().display());
    }
    Outcome { index, mutant, check, build, drafts, problems }
}

/// A copy of the sample site with the mutated file, as `tests/check/`
/// layers its cases on one.
fn write_site(site: &Path, mutant: &Mutant) {
    write_sample(site);
    fs::write(site.join(&mutant.file), &mutant.text).unwrap();
}

/// A copy of the sample site's settings, locales, templates and records.
fn write_sample(site: &Path) {
    let repo = common::repo();
    fs::create_dir_all(site).unwrap();
    fs::copy(repo.join("tathya.yaml"), site.join("tathya.yaml")).unwrap();
    for folder in ["locales", "templates", "statements"] {
        fs::create_dir_all(site.join(folder)).unwrap();
        common::copy_tree(&repo.join(folder), &site.join(folder));
    }
}

/// How many mutants of records [`a_check_by_the_build_cache_says_what_a_full_check_says`]
/// runs unless `TATHYA_CACHED_MUTANTS` is set (CI runs more).
const CACHED_COUNT: u64 = 20;

/// After a build, `check` reads again only the records that changed since
/// and takes what it knows of the others (their listings and warnings)
/// from the build cache. The sample, with a warning in each record and one
/// record a draft, is built; then one record is mutated (the first `TATHYA_CACHED_MUTANTS`
/// mutants of records of the seed), and `check` must print what `check
/// --full` prints, line for line, and exit the same; and a mutant of a
/// record whose change touches fewer than all four (see [`NARROW`]) must
/// mostly be checked by reading fewer, or the cache was not used.
/// Mutants of other files change what every page depends on: no cache
/// fits them, and the test above runs them.
#[test]
fn a_check_by_the_build_cache_says_what_a_full_check_says() {
    let seed = env_number("TATHYA_MUTANTS_SEED").unwrap_or(DEFAULT_SEED);
    let count = usize::try_from(env_number("TATHYA_CACHED_MUTANTS").unwrap_or(CACHED_COUNT)).unwrap();
    let targets = mutate::targets(&common::repo());
    let mutants: Vec<(u64, Mutant)> = (0..)
        .map(|index| (index, mutate::generate(&mut Rng::for_mutant(seed, index), &targets)))
        .filter(|(_, mutant)| mutant.file.starts_with("statements/"))
        .take(count)
        .collect();
    let next = AtomicU64::new(0);
    let results = Mutex::new(Vec::new());
    std::thread::scope(|scope| {
        for _ in 0..WORKERS {
            scope.spawn(|| {
                while let Some(mutant) = mutants.get(usize::try_from(next.fetch_add(1, Ordering::Relaxed)).unwrap()) {
                    let result = check_by_cache(mutant);
                    results.lock().unwrap().push(result);
                }
            });
        }
    });
    let results = results.into_inner().unwrap();
    let failures: Vec<&str> = results.iter().filter_map(|(.., failure)| failure.as_deref()).collect();
    let narrow: Vec<bool> =
        results.iter().filter(|(file, ..)| NARROW.contains(&file.as_str())).map(|(_, fewer, _)| *fewer).collect();
    let shortcuts = narrow.iter().filter(|fewer| **fewer).count();
    eprintln!(
        "{} mutants of records (seed {seed:#x}): {shortcuts} of the {} in {NARROW:?} checked by the cache with fewer records read",
        results.len(),
        narrow.len()
    );
    assert!(failures.is_empty(), "{} of {} mutants differ:\n\n{}", failures.len(), results.len(), failures.join("\n"));
    assert!(
        shortcuts * 2 > narrow.len(),
        "the build cache read fewer records for {shortcuts} of {} mutants of {NARROW:?}",
        narrow.len()
    );
}

/// The records of [`built_sample`] whose change touches fewer than all
/// four. There, `cowin-myths` and `cowin-data-breach` name each other, and
/// the draft names `cowin-data-breach` and `vaccination-myths`: a change
/// to `cowin-data-breach` or to the draft reaches every record through
/// those links whatever the cache (100 of 200 mutants in CI were of
/// these two); a change to one of these reads two or three.
const NARROW: [&str; 2] = ["statements/2021/05/cowin-myths.yaml", "statements/2021/05/vaccination-myths.yaml"];

/// Builds the sample with a warning in each record, makes `mutant`, and
/// runs `check` and `check --full`: whether the first read fewer records,
/// and how the two differ, if they do.
fn check_by_cache((index, mutant): &(u64, Mutant)) -> (String, bool, Option<String>) {
    let (dir, site) = built_sample(&format!("tathya-cached-{index}-"), |_| {});
    fs::write(site.join(&mutant.file), &mutant.text).unwrap();
    let what = format!("mutant {index} in {}: {}", mutant.file, mutant.steps.join("; "));
    let ([cached, full], failure) = compare_checks(dir.path(), &site, NOW, &what);
    (mutant.file.clone(), cached < full, failure)
}

/// A site changed since its build in ways no mutant makes: `before` is done
/// before the build (at [`NOW`]), `after` after it, and both checks run at
/// `now`; `check` by the cache reads the `reads` records the change touches.
struct Change {
    what: &'static str,
    before: fn(&Path),
    after: fn(&Path),
    now: &'static str,
    reads: u64,
}

/// Edits the record `file` of `site` with `edit`.
fn edit(site: &Path, file: &str, edit: impl FnOnce(String) -> String) {
    let path = site.join("statements").join(file);
    let text = fs::read_to_string(&path).unwrap();
    fs::write(&path, edit(text)).unwrap();
}

/// Changes since a build that a site's editors make, each checked by the
/// cache and in full: a clean edit, a record removed that another names,
/// one renamed, the draft published, an embargo that ended since the build.
/// Each must print the same, and `check` read exactly the records the
/// change touches: a check that kept a record whose pages changed would
/// print the same while skipping them.
#[test]
fn a_check_by_the_build_cache_follows_removals_renames_and_embargoes() {
    let nothing = |_: &Path| {};
    let changes = [
        Change {
            what: "a word of a fact changed",
            before: nothing,
            after: |site| edit(site, "2021/05/cowin-myths.yaml", |t| t.replacen("the", "this", 1)),
            now: NOW,
            // The record, and the one it names.
            reads: 2,
        },
        Change {
            // A list page that differs from the build's only in being a
            // preview (no draft is tagged so) is not the page that build
            // rendered: `check` must render it again and find the error.
            what: "a list page that fails only with drafts shown, and a word changed",
            before: |site| {
                let list = site.join("templates/list.html");
                let text = fs::read_to_string(&list).unwrap();
                let failing = r#"<h1>{{ heading }}</h1>{% if site.preview and heading == "Topic: Vaccination" %}{{ "x" | int }}{% endif %}"#;
                fs::write(&list, text.replacen("<h1>{{ heading }}</h1>", failing, 1)).unwrap();
            },
            after: |site| edit(site, "2021/05/cowin-myths.yaml", |t| t.replacen("the", "this", 1)),
            now: NOW,
            reads: 2,
        },
        Change {
            what: "a record that another names removed",
            before: nothing,
            after: |site| fs::remove_file(site.join("statements/2021/05/cowin-myths.yaml")).unwrap(),
            now: NOW,
            // The one that names it.
            reads: 1,
        },
        Change {
            what: "a record renamed",
            before: nothing,
            after: |site| {
                let folder = site.join("statements/2021/05");
                fs::rename(folder.join("vaccination-myths.yaml"), folder.join("vaccine-myths.yaml")).unwrap();
            },
            now: NOW,
            // The new file, and the draft that named the old id: an error
            // now (its `related` names no record), so no page is rendered,
            // and the one the draft names, whose page would link back to
            // it, is not read for it.
            reads: 2,
        },
        Change {
            what: "the draft published",
            before: nothing,
            after: |site| {
                edit(site, "2023/06/cowin-telegram-bot.yaml", |t| t.replace("status: draft", "status: published"))
            },
            now: NOW,
            // The draft, the two it names, and the one those name.
            reads: 4,
        },
        Change {
            what: "an embargo ended since the build",
            before: |site| {
                let embargo = "date: 2021-05-27\npublish_at: 2026-06-01T10:00:00+05:30";
                edit(site, "2021/05/vaccination-myths.yaml", |t| t.replacen("date: 2021-05-27", embargo, 1));
            },
            after: nothing,
            now: "2026-07-01T00:00:00+05:30",
            // The record, the draft that names it, and the other one the
            // draft names.
            reads: 3,
        },
    ];
    let mut failures = Vec::new();
    for change in &changes {
        let (dir, site) = built_sample("tathya-cached-change-", change.before);
        (change.after)(&site);
        let ([cached, full], failure) = compare_checks(dir.path(), &site, change.now, change.what);
        failures.extend(failure);
        if cached != change.reads {
            failures.push(format!(
                "{}: `check` read {cached} records, not {}; `check --full` {full}",
                change.what, change.reads
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// A copy of the sample in a new folder, with a warning in each record and
/// one record a draft, changed by `before` and built at [`NOW`]: the folder,
/// and the site in it.
fn built_sample(prefix: &str, before: impl FnOnce(&Path)) -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::Builder::new().prefix(prefix).tempdir().unwrap();
    let site = dir.path().join("site");
    write_sample(&site);
    // Two spaces after the first word of each record's first Hindi text (T087).
    let records: Vec<_> = common::files(&site.join("statements"))
        .into_iter()
        .filter(|f| f.extension().is_some_and(|e| e == "yaml"))
        .collect();
    for file in &records {
        let path = site.join("statements").join(file);
        let text = fs::read_to_string(&path).unwrap();
        let at = text.find("hi: ").and_then(|at| text[at + 4..].find([' ', '\n']).map(|end| at + 4 + end));
        if let Some(at) = at.filter(|at| text.as_bytes()[*at] == b' ') {
            fs::write(&path, format!("{} {}", &text[..at], &text[at..])).unwrap();
        }
    }
    // A draft that names a published statement, `vaccination-myths`, whose
    // page then differs with drafts shown: `check` reads it again to render it so.
    edit(&site, "2023/06/cowin-telegram-bot.yaml", |text| {
        text.replace("status: published", "status: draft").replace(
            "related: [2021/06/cowin-data-breach]",
            "related: [2021/06/cowin-data-breach, 2021/05/vaccination-myths]",
        )
    });
    before(&site);
    let args = ["build", "--quiet", "--now", NOW].map(OsString::from);
    let build = Run::build(&site, dir.path(), "build", &args);
    assert_eq!(build.status, run::Status::Exit(0), "the sample does not build:\n{}", build.output);
    assert_eq!(build.findings.len(), records.len(), "a warning for each record:\n{}", build.output);
    (dir, site)
}

/// Runs `check` and `check --full` on `site` at `now`: how many records
/// each read first (the plan's), and how the two differ, if they do.
fn compare_checks(logs: &Path, site: &Path, now: &str, what: &str) -> ([u64; 2], Option<String>) {
    let check = ["check", "--format", "json", "--verbose", "--now", now];
    let cached = Run::check(site, logs, &check.map(OsString::from));
    let full =
        Run::check(site, logs, &[&check[..], &["--full"]].concat().iter().map(OsString::from).collect::<Vec<_>>());
    // On stderr with --verbose, the records of the plan: "reading records: 4 in 0.01 s",
    // once for those that changed, once for those that now name them, if any.
    let read = |run: &Run| -> u64 {
        let counts = run.output.lines().filter_map(|line| line.strip_prefix("reading records: "));
        counts.filter_map(|count| count.split(' ').next()?.parse::<u64>().ok()).sum()
    };
    let json = |run: &Run| run.output.lines().filter(|line| line.starts_with('{')).collect::<Vec<_>>().join("\n");
    let same = cached.status == full.status && json(&cached) == json(&full);
    let failure = (!same).then(|| {
        let mut out = format!("{what}\n");
        for run in [&cached, &full] {
            out.push_str(&format!("  `tathya {}`: {}\n{}\n", run.command, run.label(), json(run)));
        }
        out
    });
    ([read(&cached), read(&full)], failure)
}

/// The problems of a mutant, given what the three commands did.
fn judge(check: &Run, build: &Run, drafts: &Run) -> Vec<Problem> {
    let mut problems = Vec::new();
    for run in [check, build, drafts] {
        if run.crashed() {
            problems.push(Problem { kind: "crash or hang", why: format!("`{}`: {}", run.command, run.label()) });
        }
    }
    // Exit 1 without an error finding is no refusal: nothing says why.
    let check_refuses = check.refuses() && (check.status == run::Status::Exit(2) || check.first_error().is_some());
    for build in [build, drafts].into_iter().filter(|b| b.refuses()) {
        if !check_refuses && !check.crashed() {
            problems.push(Problem {
                kind: "check accepts what build refuses",
                why: format!("`check` {} but `{}` {}", check.label(), build.command, build.label()),
            });
        } else if check_refuses && check.first_code() != build.first_code() {
            problems.push(Problem {
                kind: "first errors differ",
                why: format!("`check` {} but `{}` {}", check.label(), build.command, build.label()),
            });
        }
    }
    problems
}

/// Prints the counts and the failures grouped by operator and outcome on
/// stderr; returns the description of every failing mutant.
fn summarize(seed: u64, outcomes: &[Outcome], started: Instant) -> Vec<String> {
    let count = |f: &dyn Fn(&Outcome) -> bool| outcomes.iter().filter(|o| f(o)).count();
    let failing: Vec<&Outcome> = outcomes.iter().filter(|o| !o.problems.is_empty()).collect();
    let mut groups: BTreeMap<String, Vec<u64>> = BTreeMap::new();
    for outcome in &failing {
        let mut kinds: Vec<&str> = outcome.problems.iter().map(|p| p.kind).collect();
        kinds.dedup();
        let key = format!(
            "{} | {} in {} | check {} | build {} | build --drafts {}",
            kinds.join(" + "),
            outcome.mutant.ops.join(" + "),
            outcome.mutant.file,
            outcome.check.label(),
            outcome.build.label(),
            outcome.drafts.label()
        );
        groups.entry(key).or_default().push(outcome.index);
    }
    let mut groups: Vec<(String, Vec<u64>)> = groups.into_iter().collect();
    groups.sort_by_key(|(_, indices)| std::cmp::Reverse(indices.len()));
    for (key, indices) in &groups {
        let shown: Vec<String> = indices.iter().take(5).map(u64::to_string).collect();
        eprintln!("{:>4} × {key}  (mutants {})", indices.len(), shown.join(", "));
    }
    let unsorted: Vec<String> = outcomes
        .iter()
        .flat_map(|o| {
            [("check", &o.check), ("build", &o.build), ("build --drafts", &o.drafts)]
                .into_iter()
                .filter(|(_, run)| !run.sorted())
                .map(move |(name, _)| format!("{} ({name})", o.index))
        })
        .collect();
    if !unsorted.is_empty() {
        eprintln!("findings not sorted by location in {} outputs: {}", unsorted.len(), unsorted.join(", "));
    }
    eprintln!(
        "mutants: {} run (seed {seed:#x}) in {:.1} s; check refused {}; build refused {}, build --drafts {}; \
         check stricter than a build: {}; disagreements: {} (of which crashes: {})",
        outcomes.len(),
        started.elapsed().as_secs_f64(),
        count(&|o| o.check.refuses()),
        count(&|o| o.build.refuses()),
        count(&|o| o.drafts.refuses()),
        count(&|o| o.check.refuses() && !(o.build.refuses() && o.drafts.refuses())),
        failing.len(),
        count(&|o| o.problems.iter().any(|p| p.kind == "crash or hang")),
    );
    failing.iter().map(|o| describe(seed, o, 6)).collect()
}

/// A mutant, its problems and the first `lines` lines of each command's
/// output, with the command line that makes it again.
fn describe(seed: u64, outcome: &Outcome, lines: usize) -> String {
    let mut out = format!(
        "mutant {index} of seed {seed:#x}: {file}\n  reproduce: TATHYA_MUTANTS_SEED={seed:#x} TATHYA_MUTANT_INDEX={index} \
         cargo test --test mutants check_refuses -- --nocapture\n",
        index = outcome.index,
        file = outcome.mutant.file,
    );
    for step in &outcome.mutant.steps {
        out.push_str(&format!("  mutation: {step}\n"));
    }
    for problem in &outcome.problems {
        out.push_str(&format!("  problem: {}: {}\n", problem.kind, problem.why));
    }
    for run in [&outcome.check, &outcome.build, &outcome.drafts] {
        out.push_str(&format!("  `tathya {}`: {}\n{}", run.command, run.label(), run.head(lines)));
    }
    out
}

/// A number from the environment, decimal or `0x` hexadecimal.
fn env_number(name: &str) -> Option<u64> {
    let text = std::env::var(name).ok()?;
    let text = text.trim();
    let parsed = match text.strip_prefix("0x").or_else(|| text.strip_prefix("0X")) {
        Some(hex) => u64::from_str_radix(&hex.replace('_', ""), 16),
        None => text.replace('_', "").parse(),
    };
    Some(parsed.unwrap_or_else(|_| panic!("{name}={text} is not a number")))
}

/// Whether `build` takes `--format json` (it is being added); until it
/// does, its findings are read from the human format.
fn build_has_json_format() -> bool {
    let help = std::process::Command::new(env!("CARGO_BIN_EXE_tathya")).args(["build", "--help"]).output().unwrap();
    String::from_utf8_lossy(&help.stdout).contains("--format")
}

/// The generator alone, over more mutants than CI runs: no operator may
/// panic on the text another one made, and a mutant must be the same
/// whenever it is made again, since reproducing one by its index needs it.
#[test]
fn mutants_are_a_function_of_seed_and_index() {
    let targets = mutate::targets(&common::repo());
    for index in 0..5_000 {
        let mutant = mutate::generate(&mut Rng::for_mutant(DEFAULT_SEED, index), &targets);
        let again = mutate::generate(&mut Rng::for_mutant(DEFAULT_SEED, index), &targets);
        assert_eq!((&mutant.file, &mutant.steps, &mutant.text), (&again.file, &again.steps, &again.text));
    }
}
