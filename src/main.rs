//! The `tathya` binary: parse the command line, run, report.

use clap::Parser;

fn main() {
    let cli = tathya::cli::Cli::parse();
    let root = cli.root().to_path_buf();
    match cli.run() {
        Ok(status) => std::process::exit(status),
        Err(err) => {
            err.report(&root);
            std::process::exit(err.exit_code());
        }
    }
}
