//! The program's entry point; the examples live in the library (src/lib.rs).

use pyo3::prelude::*;

#[pyo3_async_runtimes::async_std::main]
async fn main() -> PyResult<()> {
    Python::attach(my_app_async_std_asyncio::use_virtualenv)?;
    my_app_async_std_asyncio::run_examples().await
}
