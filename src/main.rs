//! The `tathya` binary: parse the command line, run, report.

use clap::Parser;

fn main() {
    let cli = tathya::cli::Cli::parse();
    if let Err(err) = cli.run() {
        err.report();
        std::process::exit(err.exit_code());
    }
}
