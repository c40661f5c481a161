//! The program's entry point; the examples live in the library (src/lib.rs).

use std::process::ExitCode;

use pyo3::prelude::*;

use my_app_async_std_uvloop_patterns as app;

fn main() -> ExitCode {
    Python::initialize();
    Python::attach(|py| {
        let examples = async {
            app::check_uvloop().await?;
            app::run_examples().await
        };
        match app::run_to_end(py, examples) {
            Ok(()) => ExitCode::SUCCESS,
            Err(err) => {
                err.print(py);
                ExitCode::FAILURE
            }
        }
    })
}
