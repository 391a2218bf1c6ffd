//! The `tathya` binary: parse the command line, run, report.

use clap::Parser;

// A build allocates and frees many small strings on every thread; mimalloc
// does that faster than the system allocator (see benches/README.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let cli = tathya::cli::Cli::parse();
    cli.set_output();
    let root = cli.root().to_path_buf();
    let format = cli.error_format();
    let result = cli.run();
    tathya::diag::progress::finish();
    match result {
        Ok(status) => std::process::exit(status),
        Err(err) => {
            err.report(&root, format);
            std::process::exit(err.exit_code());
        }
    }
}
