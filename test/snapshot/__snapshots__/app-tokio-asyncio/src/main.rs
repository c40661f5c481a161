//! The program's entry point; the examples live in the library (src/lib.rs).

use pyo3::prelude::*;

#[pyo3_async_runtimes::tokio::main]
async fn main() -> PyResult<()> {
    Python::attach(my_app_tokio_asyncio::use_virtualenv)?;
    my_app_tokio_asyncio::run_examples().await
}
