//! The `native` pattern: PyO3's own `async fn` support (pyo3's `experimental-async` feature).
//!
//! Calling `native_sleep` returns a coroutine (PyO3's `Coroutine`) with no asyncio future behind
//! it and no need for a running loop until it is awaited, so `asyncio.run(native_sleep(1))` and
//! `create_task` take it as it is. asyncio itself polls the Rust future, on the event loop's
//! thread. async-std's timers have a reactor thread of their own, so a bare
//! `async_std::task::sleep` would run there, but its wake-up would take the GIL from that
//! thread, which nothing stops at interpreter exit (pyo3-async-runtimes issue #40). So the work
//! runs on the module's runtime through [`on_runtime`], with the exit guarantee of
//! `runtime::spawn` (tokio modules need this anyway: PyO3/pyo3#5194).
//!
//! Exit: PyO3's `Coroutine` calls asyncio's Python code inside its own Rust frames (its waker's
//! future, made with the loop's `create_future`), where [`runtime::enter`] cannot reach, so a
//! daemon thread that CPython 3.10 to 3.13 end there at exit aborts the process (CPython
//! gh-87135): measured, 0 of 200 such exits at the default switch interval, 6 of 200 when the
//! thread hands the GIL over every microsecond. The bridge's futures (`ticks`, `checksum`) do
//! not have this gap.
//!
//! Cancellation: asyncio cancels a task by throwing `CancelledError` into its coroutine. Without
//! a `#[pyo3(cancel_handle)]` argument PyO3 drops the future and re-raises; with one, the future
//! gets the exception (`cancelled()`) and decides: here it stops the timer and re-raises.
//! wreq-python (`src/client.rs`) cancels its requests the same way.

use std::future::Future;
use std::time::Duration;

use futures_channel::oneshot;
use futures_util::future::{Either, select};
use pyo3::coroutine::CancelHandle;
use pyo3::exceptions::{PyRuntimeError, PyValueError};
use pyo3::prelude::*;

use crate::runtime;

/// Runs `work` on the module's runtime and waits for its output; dropping the returned future
/// stops the work. The output is sent from inside the task's gated poll, so PyO3's waker, which
/// takes the GIL to wake the coroutine, never runs on a runtime thread once exit has begun.
pub async fn on_runtime<F>(work: F) -> PyResult<F::Output>
where
    F: Future + Send + 'static,
    F::Output: Send + 'static,
{
    let (mut tx, rx) = oneshot::channel();
    let _detached = runtime::spawn(async move {
        // Ends the work as soon as the coroutine waiting for it is gone.
        let Either::Left((output, _)) = select(Box::pin(work), tx.cancellation()).await else {
            return;
        };
        let _ = tx.send(output);
    });
    match rx.await {
        Ok(output) => Ok(output),
        // Exit has begun and the task is gone: only daemon threads still run Python, and they
        // stop with the process; never resolving is quieter for them than an error printed at
        // exit (the bridge's futures do the same).
        Err(_) if runtime::is_closed() => std::future::pending().await,
        Err(_) => Err(PyRuntimeError::new_err("the work on the runtime panicked")),
    }
}

/// Sleeps on the Rust runtime; an `async fn` as PyO3 compiles it.
#[pyfunction]
pub async fn native_sleep(
    seconds: f64,
    #[pyo3(cancel_handle)] mut cancel: CancelHandle,
) -> PyResult<()> {
    let duration = Duration::try_from_secs_f64(seconds)
        .map_err(|_| PyValueError::new_err(format!("seconds must be >= 0, got {seconds}")))?;
    let sleep = on_runtime(async move { async_std::task::sleep(duration).await });
    match select(Box::pin(sleep), Box::pin(cancel.cancelled())).await {
        Either::Left((slept, _)) => slept,
        // Dropping `sleep` (with the select) stops the timer; the task sees CancelledError.
        Either::Right((exc, _)) => Err(Python::attach(|py| PyErr::from_value(exc.into_bound(py)))),
    }
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(native_sleep, m)?)
}
