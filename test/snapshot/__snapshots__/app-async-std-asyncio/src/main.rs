//! The program's entry point; the examples live in the library (src/lib.rs).

use pyo3::prelude::*;

use my_app_async_std_asyncio as app;

#[pyo3_async_runtimes::async_std::main]
async fn main() -> PyResult<()> {
    Python::attach(app::use_virtualenv)?;
    app::run_examples().await
}
