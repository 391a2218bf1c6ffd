//! Reading a git revision of the site root without touching the working
//! tree or the index: `git archive` of the revision's tree, unpacked into a
//! temporary folder. Revisions are passed after `--end-of-options`, so
//! that one that starts with `-` is read as a revision, never an option.

use std::io::{Read, Seek};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use crate::diag::{Error, Result};

/// Runs `git` in `dir` with `args`; its stdout, or an error with its stderr.
fn git(dir: &Path, args: &[&str]) -> Result<Vec<u8>> {
    let output = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .output()
        .map_err(|err| Error::io("cannot run git in", dir, err))?;
    if !output.status.success() {
        let stderr = String::from_utf8_lossy(&output.stderr);
        let stderr = stderr.trim().replace('\n', " ");
        return Err(Error::Usage(format!("git {} failed: {stderr}", args.join(" "))));
    }
    Ok(output.stdout)
}

fn git_text(dir: &Path, args: &[&str]) -> Result<String> {
    Ok(String::from_utf8_lossy(&git(dir, args)?).trim().to_owned())
}

/// The revision to compare against when none is given: the merge base of
/// `HEAD` with the default branch, or `HEAD` itself when on that branch.
pub fn default_base(root: &Path) -> Result<String> {
    let branch = git_text(root, &["rev-parse", "--abbrev-ref", "HEAD"])?;
    let default = default_branch(root)?;
    if branch == default || default.ends_with(&format!("/{branch}")) {
        return Ok("HEAD".to_owned());
    }
    git_text(root, &["merge-base", "HEAD", &default])
}

/// `origin/HEAD`'s branch if there is a remote, else `main` or `master`.
fn default_branch(root: &Path) -> Result<String> {
    if let Ok(remote_head) = git_text(root, &["symbolic-ref", "--short", "refs/remotes/origin/HEAD"]) {
        return Ok(remote_head);
    }
    for candidate in ["main", "master"] {
        if git(root, &["rev-parse", "--verify", "--quiet", "--end-of-options", candidate]).is_ok() {
            return Ok(candidate.to_owned());
        }
    }
    Err(Error::Usage("cannot tell the default branch (no origin/HEAD, main or master): name the base revision".into()))
}

/// The commit `revision` names, shortened for headings: `a1b2c3d`.
pub fn short_name(root: &Path, revision: &str) -> Result<String> {
    let commit = format!("{revision}^{{commit}}");
    git_text(root, &["rev-parse", "--short", "--verify", "--quiet", "--end-of-options", &commit])
        .map_err(|_| Error::Usage(format!("`{revision}` is not a revision of the repository at {}", root.display())))
}

/// Unpacks the site root as it is at `revision` into a new temporary
/// folder; the site root may be any folder of the repository. `None` when
/// the revision has no such folder, or no `tathya.yaml` in it: the site was
/// not there yet (or no longer is).
pub fn checkout(root: &Path, revision: &str) -> Result<Option<(tempfile::TempDir, PathBuf)>> {
    let commit = short_name(root, revision)?;
    let top = PathBuf::from(git_text(root, &["rev-parse", "--show-toplevel"])?);
    let prefix = git_text(root, &["rev-parse", "--show-prefix"])?;
    let settings = format!("{commit}:{prefix}{}", crate::site::CONFIG_FILE);
    if git(&top, &["cat-file", "-e", "--end-of-options", &settings]).is_err() {
        return Ok(None);
    }
    // Run from the top: from a sub-folder, `git archive` keeps only that
    // folder of the tree it is given.
    let tree = format!("{commit}:{prefix}");
    let dir = tempfile::Builder::new()
        .prefix("tathya-diff-")
        .tempdir()
        .map_err(|err| Error::io("cannot create a temporary folder in", &std::env::temp_dir(), err))?;
    // Unpacked as `git archive` writes it, never held whole: a revision of
    // 100,000 records is an archive of more than a gigabyte. What `git`
    // says goes to a file, read once it is done: a pipe that filled while
    // the archive is read would stop it.
    let args = ["archive", "--format=tar", "--end-of-options", &tree];
    let said = tempfile::tempfile().map_err(|err| Error::io("cannot create a file in", &std::env::temp_dir(), err))?;
    let stderr = said.try_clone().map_err(|err| Error::io("cannot create a file in", &std::env::temp_dir(), err))?;
    let mut child = Command::new("git")
        .arg("-C")
        .arg(&top)
        .args(args)
        .stdout(Stdio::piped())
        .stderr(stderr)
        .spawn()
        .map_err(|err| Error::io("cannot run git in", &top, err))?;
    let unpacked = match child.stdout.as_mut() {
        // The padding after the archive's end is read too: `git` writes it.
        Some(stdout) => tar::Archive::new(&mut *stdout)
            .unpack(dir.path())
            .and_then(|()| std::io::copy(stdout, &mut std::io::sink()).map(drop)),
        None => Err(std::io::Error::other("git gave no output")),
    };
    if unpacked.is_err() {
        // Closed, so that `git`, writing the rest, ends rather than waits.
        drop(child.stdout.take());
    }
    let status = child.wait().map_err(|err| Error::io("cannot run git in", &top, err))?;
    // An unpacking that failed stops `git` by a signal, which says nothing;
    // `git` that exits with an error says why.
    match unpacked {
        Ok(()) if status.success() => {}
        Err(err) if status.success() || status.code().is_none() => {
            return Err(Error::io("cannot unpack the archive of a revision into", dir.path(), err));
        }
        _ => {
            let (mut said, mut text) = (said, String::new());
            let _ = said.rewind().and_then(|()| said.read_to_string(&mut text));
            let text = text.trim().replace('\n', " ");
            let why = if text.is_empty() { status.to_string() } else { text };
            let message =
                format!("cannot read the site root at revision `{revision}`: git {} failed: {why}", args.join(" "));
            return Err(Error::Usage(message));
        }
    }
    let path = dir.path().to_path_buf();
    Ok(Some((dir, path)))
}
