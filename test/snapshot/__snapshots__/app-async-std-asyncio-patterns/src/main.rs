//! The program's entry point; the examples live in the library (src/lib.rs).

use std::process::ExitCode;

use pyo3::prelude::*;

use my_app_async_std_asyncio_patterns as app;

fn main() -> ExitCode {
    Python::initialize();
    Python::attach(|py| match app::run_to_end(py, app::run_examples()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            err.print(py);
            ExitCode::FAILURE
        }
    })
}
