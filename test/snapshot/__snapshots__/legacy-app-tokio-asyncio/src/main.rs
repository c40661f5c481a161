//! The program's entry point; the examples live in the library (src/lib.rs).

use pyo3::prelude::*;

use my_legacy_app_tokio_asyncio as app;

#[pyo3_asyncio::tokio::main]
async fn main() -> PyResult<()> {
    Python::with_gil(app::use_virtualenv)?;
    app::run_examples().await
}
