//! Rust-side tests under pyo3-asyncio's harness: Python must own the main thread, so the
//! tests use `#[pyo3_asyncio::async_std::test]` and `main` runs the harness.
//! It takes at most one test-name filter (`cargo test -- --nocapture` is refused), and a
//! failing test aborts the run without a summary.

use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3_asyncio::async_std::into_future;

// The crate under test, by a short name so lines stay within rustfmt's width for any name.
use my_legacy_app_async_std_asyncio as app;

const PY_HELPERS: &str = "
import asyncio


async def double(x):
    await asyncio.sleep(0.01)
    return x * 2


async def fail():
    await asyncio.sleep(0)
    raise ValueError('from Python')
";

fn helpers(py: Python<'_>) -> PyResult<&PyModule> {
    PyModule::from_code(py, PY_HELPERS, "helpers.py", "helpers")
}

#[pyo3_asyncio::async_std::test]
async fn awaits_a_python_coroutine() -> PyResult<()> {
    let fut = Python::with_gil(|py| into_future(helpers(py)?.call_method1("double", (21,))?))?;
    let value = fut.await?;
    let value: i64 = Python::with_gil(|py| value.extract(py))?;
    assert_eq!(value, 42);
    Ok(())
}

#[pyo3_asyncio::async_std::test]
async fn python_exceptions_reach_rust() -> PyResult<()> {
    let fut = Python::with_gil(|py| into_future(helpers(py)?.call_method0("fail")?))?;
    let err = fut.await.expect_err("fail() raises");
    Python::with_gil(|py| {
        assert!(err.is_instance_of::<PyValueError>(py));
        assert_eq!(err.value(py).to_string(), "from Python");
    });
    Ok(())
}

#[pyo3_asyncio::async_std::test]
async fn runs_the_examples() -> PyResult<()> {
    app::run_examples().await
}

#[pyo3_asyncio::async_std::test]
fn use_virtualenv_accepts_the_current_environment() -> PyResult<()> {
    Python::with_gil(app::use_virtualenv)
}

#[pyo3_asyncio::async_std::main]
async fn main() -> PyResult<()> {
    pyo3_asyncio::testing::main().await
}
