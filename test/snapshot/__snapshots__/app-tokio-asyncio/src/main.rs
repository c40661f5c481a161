//! The program's entry point; the examples live in the library (src/lib.rs).

use pyo3::prelude::*;

use my_app_tokio_asyncio as app;

#[pyo3_async_runtimes::tokio::main]
async fn main() -> PyResult<()> {
    Python::attach(app::use_virtualenv)?;
    app::run_examples().await
}
