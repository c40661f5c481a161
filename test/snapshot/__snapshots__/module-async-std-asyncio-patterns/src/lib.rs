//! Async Rust on async-std, awaitable from Python asyncio (PyO3 + pyo3-async-runtimes)
//!
//! Each function is one of the examples of PyO3's async guide, written for pyo3
//! 0.30 and pyo3-async-runtimes 0.30 on the async-std runtime. The package's
//! `__init__.py` wraps them in `async def`s; called directly, they return asyncio futures.

use std::time::Duration;

use pyo3::exceptions::{PyRuntimeError, PyTypeError, PyValueError};
use pyo3::prelude::*;

pub mod bridge;
pub mod patterns;
pub mod runtime;

use bridge::{ensure_awaitable, future_into_py, into_future};

/// Sleep on the Rust runtime without blocking the asyncio event loop.
#[pyfunction]
pub fn rust_sleep(py: Python<'_>, seconds: f64) -> PyResult<Bound<'_, PyAny>> {
    let duration = Duration::try_from_secs_f64(seconds).map_err(|_| {
        PyValueError::new_err(format!(
            "seconds must be a finite number >= 0, got {seconds}"
        ))
    })?;
    future_into_py(py, async move {
        async_std::task::sleep(duration).await;
        // `Ok(())` would resolve to an empty tuple in Python; `None::<()>` resolves to None.
        Ok(None::<()>)
    })
}

/// Await a Python awaitable from Rust and return its result. Exceptions propagate unchanged;
/// cancelling the returned future cancels the awaitable's task too.
#[pyfunction]
pub fn await_coro<'py>(py: Python<'py>, coro: Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
    // into_future binds the awaitable to the running event loop, so this must be called from
    // inside one (an `async def`), like every function returning an awaitable here.
    let fut = into_future(coro)?;
    future_into_py(py, fut)
}

/// Call `fn()` for a fresh coroutine and await it from Rust. A coroutine can be awaited only
/// once; a callable can make a new one whenever the Rust side needs it.
#[pyfunction]
pub fn await_callable<'py>(
    py: Python<'py>,
    r#fn: Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyAny>> {
    if !r#fn.is_callable() {
        return Err(PyTypeError::new_err(format!(
            "expected a callable returning an awaitable, got {}",
            r#fn.get_type().name()?
        )));
    }
    let callable = r#fn.unbind();
    future_into_py(py, async move {
        // Inside future_into_py the event loop is known (task locals), so into_future works
        // here on a runtime thread too.
        let fut = Python::attach(|py| {
            let awaitable = callable.bind(py).call0()?;
            ensure_awaitable(&awaitable, "fn() to return an awaitable")?;
            into_future(awaitable)
        })?;
        fut.await
    })
}

/// Run a coroutine to completion on a new event loop and return its result (synchronous).
#[pyfunction]
pub fn run_coro(py: Python<'_>, coro: Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
    ensure_awaitable(&coro, "an awaitable")?;
    if pyo3_async_runtimes::get_running_loop(py).is_ok() {
        // Like asyncio.run, refuse rather than deadlock the running loop; close the coroutine
        // so Python does not also warn that it was never awaited.
        if let Ok(close) = coro.getattr("close") {
            close.call0()?;
        }
        return Err(PyRuntimeError::new_err(
            "run_coro() cannot be called while an event loop is running; use `await await_coro(coro)` instead",
        ));
    }
    let event_loop = new_event_loop(py)?;
    let coro = coro.unbind();
    let fut = async move {
        // into_future must run while the loop runs, so it is called inside this future.
        let fut = Python::attach(|py| into_future(coro.into_bound(py)))?;
        fut.await
    };
    let result = bridge::run_until_complete(event_loop.clone(), fut);
    event_loop.call_method0("close")?;
    result
}

/// A new loop from the current asyncio policy, as asyncio.run would make.
fn new_event_loop(py: Python<'_>) -> PyResult<Bound<'_, PyAny>> {
    py.import("asyncio")?.call_method0("new_event_loop")
}

/// The native part of the `my_module_async_std_asyncio_patterns` package.
#[pymodule]
fn _native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    runtime::install(m.py())?;
    m.add_function(wrap_pyfunction!(rust_sleep, m)?)?;
    m.add_function(wrap_pyfunction!(await_coro, m)?)?;
    m.add_function(wrap_pyfunction!(await_callable, m)?)?;
    m.add_function(wrap_pyfunction!(run_coro, m)?)?;
    m.add_function(wrap_pyfunction!(runtime::pending_futures, m)?)?;
    patterns::store::register(m)?;
    patterns::ticks::register(m)?;
    patterns::blocking::register(m)?;
    patterns::ticker::register(m)?;
    patterns::native_sleep::register(m)?;
    // create-pyo3-async: pattern registrations (do not remove this line)
    Ok(())
}
