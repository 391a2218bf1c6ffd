//! Running `tathya` on a mutant, and reading its findings from either
//! output format.

use std::ffi::OsString;
use std::fs::File;
use std::os::unix::process::ExitStatusExt;
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

/// A debug build runs a command on the sample site in well under a second;
/// one still running after this has hung, which is a failure of its own.
const TIMEOUT: Duration = Duration::from_secs(60);

/// How a command ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// It exited with this status.
    Exit(i32),
    /// A signal killed it.
    Signal(i32),
    /// It ran past [`TIMEOUT`] and was killed.
    TimedOut,
}

/// One finding, from a JSON line or a rustc-like header.
#[derive(Debug, Clone)]
pub struct Finding {
    /// The rule, e.g. `T002`.
    pub code: String,
    /// Whether its severity is error.
    pub error: bool,
    file: String,
    line: u64,
    column: u64,
}

impl Finding {
    /// The order both tools sort findings in: by location (a path compared
    /// by components, as `PathBuf` does), then code.
    fn key(&self) -> (&Path, u64, u64, &str) {
        (Path::new(&self.file), self.line, self.column, &self.code)
    }
}

/// What one command did.
pub struct Run {
    /// The command line after `tathya`, for the report.
    pub command: String,
    /// How it ended.
    pub status: Status,
    /// The stream its findings are on (stdout for check, stderr for build),
    /// then the other one.
    pub output: String,
    /// Its findings, in the order printed.
    pub findings: Vec<Finding>,
}

impl Run {
    /// Runs `tathya check` and reads the JSON lines on its stdout.
    pub fn check(site: &Path, logs: &Path, args: &[OsString]) -> Run {
        let (status, stdout, stderr) = tathya(site, logs, "check", args);
        let findings = json_findings(&stdout).unwrap_or_default();
        Run::new(args, status, stdout, stderr, findings)
    }

    /// Runs `tathya build` and reads the findings on its stderr: JSON lines
    /// once `build --format json` exists and is asked for, the human format
    /// until then.
    pub fn build(site: &Path, logs: &Path, name: &str, args: &[OsString]) -> Run {
        let (status, stdout, stderr) = tathya(site, logs, name, args);
        let findings = json_findings(&stderr).unwrap_or_else(|| human_findings(&stderr));
        Run::new(args, status, stderr, stdout, findings)
    }

    fn new(args: &[OsString], status: Status, main: String, other: String, findings: Vec<Finding>) -> Run {
        let command = args.iter().map(|a| a.to_string_lossy()).collect::<Vec<_>>().join(" ");
        Run { command, status, output: main + &other, findings }
    }

    /// Whether it refused to do its work: 1 for content, 2 for the rest.
    pub fn refuses(&self) -> bool {
        matches!(self.status, Status::Exit(1 | 2))
    }

    /// Whether it ended in a way no input may cause: a panic (101), a
    /// signal, a hang, an exit status tathya does not document.
    pub fn crashed(&self) -> bool {
        !matches!(self.status, Status::Exit(0..=2))
    }

    /// The error at the smallest (file, line, column).
    pub fn first_error(&self) -> Option<&Finding> {
        self.findings.iter().filter(|f| f.error).min_by(|a, b| a.key().cmp(&b.key()))
    }

    /// The code of [`Run::first_error`].
    pub fn first_code(&self) -> Option<&str> {
        self.first_error().map(|f| f.code.as_str())
    }

    /// Whether it printed its findings sorted by location, as both tools
    /// promise; `first_error` does not rely on it.
    pub fn sorted(&self) -> bool {
        self.findings.windows(2).all(|pair| pair[0].key() <= pair[1].key())
    }

    /// "exit 1, T002", "exit 0", "exit 2, no code", "panic", "signal 11".
    pub fn label(&self) -> String {
        match self.status {
            Status::Exit(0) => "exit 0".to_owned(),
            Status::Exit(101) => "panic (exit 101)".to_owned(),
            Status::Exit(code @ 1..=2) => format!("exit {code}, {}", self.first_code().unwrap_or("no code")),
            Status::Exit(code) => format!("exit {code}"),
            Status::Signal(signal) => format!("killed by signal {signal}"),
            Status::TimedOut => format!("still running after {} s", TIMEOUT.as_secs()),
        }
    }

    /// The first `n` lines of its output, indented, each cut to a width
    /// that keeps a long report readable.
    pub fn head(&self, n: usize) -> String {
        let mut out = String::new();
        for line in self.output.lines().take(n) {
            // Control characters are escaped: mutants put some in files, and
            // tathya may echo them, which could garble the terminal.
            let clipped: String = line
                .chars()
                .take(160)
                .map(|c| if c.is_control() { c.escape_default().to_string() } else { c.to_string() })
                .collect();
            out.push_str(&format!("      {clipped}\n"));
        }
        if self.output.lines().count() > n {
            out.push_str("      …\n");
        }
        out
    }
}

/// Runs the binary in `site` with its output in files under `logs` (pipes
/// would need a reader thread each to allow a timeout); returns how it
/// ended, its stdout and its stderr.
fn tathya(site: &Path, logs: &Path, name: &str, args: &[OsString]) -> (Status, String, String) {
    let stdout_path = logs.join(format!("{name}.stdout"));
    let stderr_path = logs.join(format!("{name}.stderr"));
    let mut child = Command::new(env!("CARGO_BIN_EXE_tathya"))
        .args(args)
        .current_dir(site)
        .stdout(File::create(&stdout_path).unwrap())
        .stderr(File::create(&stderr_path).unwrap())
        .spawn()
        .unwrap();
    let started = Instant::now();
    let mut pause = Duration::from_millis(1);
    let status = loop {
        if let Some(exit) = child.try_wait().unwrap() {
            break match (exit.code(), exit.signal()) {
                (Some(code), _) => Status::Exit(code),
                (None, Some(signal)) => Status::Signal(signal),
                (None, None) => Status::Exit(-1),
            };
        }
        if started.elapsed() > TIMEOUT {
            let _ = child.kill();
            let _ = child.wait();
            break Status::TimedOut;
        }
        std::thread::sleep(pause);
        pause = (pause * 2).min(Duration::from_millis(10));
    };
    let read = |path: &Path| String::from_utf8_lossy(&std::fs::read(path).unwrap()).into_owned();
    (status, read(&stdout_path), read(&stderr_path))
}

/// The findings of JSON lines (`{"code":"T002","severity":"error",…}`), or
/// `None` when no line is such an object: then the text is not JSON output.
fn json_findings(text: &str) -> Option<Vec<Finding>> {
    let mut found = None;
    for line in text.lines() {
        let Ok(serde_json::Value::Object(object)) = serde_json::from_str(line) else { continue };
        let Some(code) = object.get("code").and_then(|c| c.as_str()) else { continue };
        let number = |key: &str| object.get(key).and_then(serde_json::Value::as_u64).unwrap_or(0);
        found.get_or_insert_with(Vec::new).push(Finding {
            code: code.to_owned(),
            error: object.get("severity").and_then(|s| s.as_str()) != Some("warning"),
            file: object.get("file").and_then(|f| f.as_str()).unwrap_or_default().to_owned(),
            line: number("line"),
            column: number("column"),
        });
    }
    found
}

/// The findings of the human format: a header `error[T052]: message` (or
/// `warning[…]`), then source lines, among them ` --> file:line:col`, or
/// ` --> file` when the finding has no line.
fn human_findings(text: &str) -> Vec<Finding> {
    let mut found: Vec<Finding> = Vec::new();
    for line in text.lines() {
        let header = line
            .strip_prefix("error[")
            .map(|rest| (true, rest))
            .or_else(|| line.strip_prefix("warning[").map(|rest| (false, rest)));
        if let Some((error, rest)) = header
            && let Some((code, _)) = rest.split_once("]: ")
            && code.len() == 4
            && code.starts_with('T')
            && code[1..].bytes().all(|b| b.is_ascii_digit())
        {
            found.push(Finding { code: code.to_owned(), error, file: String::new(), line: 0, column: 0 });
            continue;
        }
        // The first arrow after a header is its location; the source lines
        // below it start with a line number and a bar, so they cannot be
        // taken for one.
        if let Some(location) = line.trim_start().strip_prefix("--> ")
            && let Some(last) = found.last_mut()
            && last.file.is_empty()
        {
            let mut parts = location.rsplitn(3, ':');
            let (col, row, file) = (parts.next(), parts.next(), parts.next());
            match (col.and_then(|c| c.parse().ok()), row.and_then(|r| r.parse().ok()), file) {
                (Some(column), Some(row), Some(file)) => {
                    last.file = file.to_owned();
                    last.line = row;
                    last.column = column;
                }
                _ => last.file = location.to_owned(),
            }
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_human_format_gives_code_and_location() {
        let text = "error[T052]: `claim.text.hi` uses `$x`\n  --> statements/a.yaml:17:9\n   |\n17 |     hi: x\n   |         ^\n\nerror[T066]: no locale\n  --> locales/mr\n\nwarning[T087]: two spaces\n --> tathya.yaml:3:1\n\n2 errors, 1 warning\n";
        let found = human_findings(text);
        let got: Vec<_> = found.iter().map(|f| (f.code.as_str(), f.error, f.file.as_str(), f.line, f.column)).collect();
        assert_eq!(
            got,
            [
                ("T052", true, "statements/a.yaml", 17, 9),
                ("T066", true, "locales/mr", 0, 0),
                ("T087", false, "tathya.yaml", 3, 1)
            ]
        );
        assert!(json_findings(text).is_none());
    }

    #[test]
    fn json_lines_win_over_the_human_format() {
        let text = "{\"code\":\"T002\",\"severity\":\"error\",\"file\":\"x.yaml\",\"line\":6,\"column\":1,\"message\":\"m\"}\n1 error, 0 warnings\n";
        let found = json_findings(text).unwrap();
        assert_eq!((found[0].code.as_str(), found[0].line, found[0].column), ("T002", 6, 1));
    }
}
