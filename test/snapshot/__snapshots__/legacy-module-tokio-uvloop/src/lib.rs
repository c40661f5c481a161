//! Async Rust on tokio, awaitable from Python asyncio (PyO3 + pyo3-asyncio)
//!
//! Each function is one of the examples of PyO3's async guide, written for pyo3
//! 0.20 and pyo3-asyncio 0.20 on the tokio runtime.

use std::future::Future;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use pyo3::exceptions::{PyImportError, PyRuntimeError, PyValueError};
use pyo3::prelude::*;
use pyo3_asyncio::tokio::{future_into_py, into_future, run_until_complete};

/// Sleep on the Rust runtime without blocking the asyncio event loop.
#[pyfunction]
pub fn rust_sleep(py: Python<'_>, seconds: f64) -> PyResult<&PyAny> {
    let duration = Duration::try_from_secs_f64(seconds).map_err(|_| {
        PyValueError::new_err(format!(
            "seconds must be a finite number >= 0, got {seconds}"
        ))
    })?;
    let sleep = tracked(async move {
        tokio::time::sleep(duration).await;
        // pyo3 0.20 converts `()` to None (later versions to an empty tuple).
        Ok(())
    });
    future_into_py(py, sleep)
}

/// Await a Python awaitable from Rust and return its result. Exceptions propagate unchanged.
#[pyfunction]
pub fn await_coro<'py>(py: Python<'py>, coro: &'py PyAny) -> PyResult<&'py PyAny> {
    // into_future binds the awaitable to the running event loop, so this must be called from
    // inside one (an `async def`), like every function returning an awaitable here.
    let fut = into_future(coro)?;
    future_into_py(py, tracked(fut))
}

/// Call `fn()` for a fresh coroutine and await it from Rust. A coroutine can be awaited only
/// once; a callable can make a new one whenever the Rust side needs it.
#[pyfunction]
pub fn await_callable(py: Python<'_>, r#fn: PyObject) -> PyResult<&PyAny> {
    let fut = tracked(async move {
        // Inside future_into_py the event loop is known (task locals), so into_future works
        // here on a runtime thread too.
        let fut = Python::with_gil(|py| into_future(r#fn.as_ref(py).call0()?))?;
        fut.await
    });
    future_into_py(py, fut)
}

/// Run a coroutine to completion on a new event loop and return its result (synchronous).
#[pyfunction]
pub fn run_coro(py: Python<'_>, coro: &PyAny) -> PyResult<PyObject> {
    if pyo3_asyncio::get_running_loop(py).is_ok() {
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
    let coro: PyObject = coro.into();
    let fut = tracked(async move {
        // into_future must run while the loop runs, so it is called inside this future.
        let fut = Python::with_gil(|py| into_future(coro.as_ref(py)))?;
        fut.await
    });
    let result = run_until_complete(event_loop, fut);
    event_loop.call_method0("close")?;
    result
}

/// A uvloop loop where uvloop is installed (it is not on Windows or PyPy), else asyncio's.
fn new_event_loop(py: Python<'_>) -> PyResult<&PyAny> {
    match py.import("uvloop") {
        Ok(uvloop) => uvloop.call_method0("new_event_loop"),
        Err(err) if err.is_instance_of::<PyImportError>(py) => {
            py.import("asyncio")?.call_method0("new_event_loop")
        }
        Err(err) => Err(err),
    }
}

// After a Rust future finishes, a runtime thread still hands its result to Python (with the
// GIL). If the interpreter starts shutting down meanwhile, that thread crashes the process
// (pyo3-async-runtimes issue #40, inherited from pyo3-asyncio). These counters let an atexit
// hook wait for the hand-off.
static IN_FLIGHT: AtomicUsize = AtomicUsize::new(0);
static LAST_FINISHED: Mutex<Option<Instant>> = Mutex::new(None);
/// Longest wait at exit for futures still running; a result handed over later is lost anyway.
const EXIT_WAIT: Duration = Duration::from_secs(1);
/// Time a runtime thread gets, after its future finished, to deliver the result.
const HAND_OFF: Duration = Duration::from_millis(50);

struct InFlight;

impl Drop for InFlight {
    fn drop(&mut self) {
        if let Ok(mut last) = LAST_FINISHED.lock() {
            *last = Some(Instant::now());
        }
        IN_FLIGHT.fetch_sub(1, Ordering::SeqCst);
    }
}

/// Counts `fut` as in flight until it completes or is dropped (cancelled).
fn tracked<F: Future>(fut: F) -> impl Future<Output = F::Output> {
    IN_FLIGHT.fetch_add(1, Ordering::SeqCst);
    let guard = InFlight;
    async move {
        let output = fut.await;
        drop(guard);
        output
    }
}

/// Registered with atexit: with the GIL released, lets runtime threads finish handing results
/// to Python before the interpreter is finalized. Returns at once when nothing ran recently.
#[pyfunction]
fn wait_for_runtime_threads(py: Python<'_>) {
    py.allow_threads(|| {
        let deadline = Instant::now() + EXIT_WAIT;
        while IN_FLIGHT.load(Ordering::SeqCst) > 0 && Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(1));
        }
        let last = LAST_FINISHED.lock().ok().and_then(|last| *last);
        if let Some(since) = last.map(|last| last.elapsed()) {
            std::thread::sleep(HAND_OFF.saturating_sub(since));
        }
    });
}

/// The native part of the `my_legacy_module_tokio_uvloop` package.
#[pymodule]
fn _native(py: Python<'_>, m: &PyModule) -> PyResult<()> {
    let wait = wrap_pyfunction!(wait_for_runtime_threads, m)?;
    py.import("atexit")?.call_method1("register", (wait,))?;
    m.add_function(wrap_pyfunction!(rust_sleep, m)?)?;
    m.add_function(wrap_pyfunction!(await_coro, m)?)?;
    m.add_function(wrap_pyfunction!(await_callable, m)?)?;
    m.add_function(wrap_pyfunction!(run_coro, m)?)?;
    Ok(())
}
