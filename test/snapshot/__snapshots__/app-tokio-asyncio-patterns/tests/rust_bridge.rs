//! Rust-side tests under pyo3-async-runtimes' harness: Python must own the main thread, so the
//! tests use `#[pyo3_async_runtimes::tokio::test]` and `main` runs the harness.
//! It takes at most one test-name filter (`cargo test -- --nocapture` is refused), and a
//! failing test aborts the run without a summary.

use std::ffi::CStr;

use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3_async_runtimes::tokio::into_future;

// The crate under test, by a short name so lines stay within rustfmt's width for any name.
use my_app_tokio_asyncio_patterns as app;

const PY_HELPERS: &CStr = c"
import asyncio


async def double(x):
    await asyncio.sleep(0.01)
    return x * 2


async def fail():
    await asyncio.sleep(0)
    raise ValueError('from Python')
";

fn helpers(py: Python<'_>) -> PyResult<Bound<'_, PyModule>> {
    PyModule::from_code(py, PY_HELPERS, c"helpers.py", c"helpers")
}

#[pyo3_async_runtimes::tokio::test]
async fn awaits_a_python_coroutine() -> PyResult<()> {
    let fut = Python::attach(|py| into_future(helpers(py)?.call_method1("double", (21,))?))?;
    let value = fut.await?;
    let value: i64 = Python::attach(|py| value.extract(py))?;
    assert_eq!(value, 42);
    Ok(())
}

#[pyo3_async_runtimes::tokio::test]
async fn python_exceptions_reach_rust() -> PyResult<()> {
    let fut = Python::attach(|py| into_future(helpers(py)?.call_method0("fail")?))?;
    let err = fut.await.expect_err("fail() raises");
    Python::attach(|py| {
        assert!(err.is_instance_of::<PyValueError>(py));
        assert_eq!(err.value(py).to_string(), "from Python");
    });
    Ok(())
}

#[pyo3_async_runtimes::tokio::test]
async fn runs_the_examples() -> PyResult<()> {
    app::run_examples().await
}

#[pyo3_async_runtimes::tokio::test]
fn use_virtualenv_accepts_the_current_environment() -> PyResult<()> {
    Python::attach(app::use_virtualenv)
}

#[pyo3_async_runtimes::tokio::main]
async fn main() -> PyResult<()> {
    pyo3_async_runtimes::testing::main().await
}
