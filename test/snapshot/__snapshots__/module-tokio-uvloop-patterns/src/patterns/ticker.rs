//! The `callback` pattern: a Rust task that awaits a Python async callback, again and again.
//!
//! `start_ticker` takes the running event loop and a copy of the caller's contextvars
//! (`TaskLocals`), and the task runs inside them (`scope`): each call of the callback runs as a
//! task on that loop and sees the context of the code that started the ticker (without it, it
//! would see the loop's empty context; awestlake87/pyo3-asyncio#52). A call is awaited before the
//! next tick, so calls never overlap, and `stop()` lets the one in flight finish. The first
//! exception of the callback ends the ticker; `stop()` raises it. Dropping the `Ticker` stops it.

use std::sync::{Mutex, PoisonError};
use std::time::Duration;

use futures_channel::oneshot;
use futures_util::future::{Either, select};
use pyo3::exceptions::{PyRuntimeError, PyTypeError, PyValueError};
use pyo3::prelude::*;

use crate::bridge::{ensure_awaitable, future_into_py, into_future};
use crate::runtime;

/// What `start_ticker` returns: `stop()` ends it and gives the number of calls made.
#[pyclass(frozen, module = "my_module_tokio_uvloop_patterns._native")]
pub struct Ticker {
    /// Dropped to stop the task.
    stop: Mutex<Option<oneshot::Sender<()>>>,
    /// The task's outcome: the calls made, or the callback's exception.
    done: Mutex<Option<oneshot::Receiver<PyResult<u64>>>>,
}

/// Every `interval`, `callback(n)` for n = 0, 1, ..., awaited; until stopped or it raises.
async fn tick(
    callback: Py<PyAny>,
    interval: Duration,
    mut stop: oneshot::Receiver<()>,
) -> PyResult<u64> {
    let mut calls = 0;
    loop {
        let wait = tokio::time::sleep(interval);
        // `stop` resolves when stop() drops its sender, or when the Ticker is dropped.
        if let Either::Right(_) = select(Box::pin(wait), &mut stop).await {
            return Ok(calls);
        }
        let call = Python::attach(|py| {
            let awaitable = callback.bind(py).call1((calls,))?;
            ensure_awaitable(&awaitable, "callback(n) to return an awaitable")?;
            into_future(awaitable)
        })?;
        call.await?;
        calls += 1;
    }
}

/// Starts awaiting `callback(n)` every `interval` seconds; call from a running event loop.
#[pyfunction]
pub fn start_ticker(py: Python<'_>, callback: Bound<'_, PyAny>, interval: f64) -> PyResult<Ticker> {
    // It calls Python (the callable check, the loop's context): see `runtime::enter`.
    let _entered = runtime::enter(py);
    if !callback.is_callable() {
        return Err(PyTypeError::new_err(format!(
            "expected a callable returning an awaitable, got {}",
            callback.get_type().name()?
        )));
    }
    let interval = Duration::try_from_secs_f64(interval)
        .map_err(|_| PyValueError::new_err(format!("interval must be >= 0, got {interval}")))?;
    // The running loop and a copy of the current context (RuntimeError outside a loop).
    let locals = pyo3_async_runtimes::tokio::get_current_locals(py)?;
    let callback = callback.unbind();
    let (stop_tx, stop_rx) = oneshot::channel();
    let (done_tx, done_rx) = oneshot::channel();
    let _detached = runtime::spawn(pyo3_async_runtimes::tokio::scope(locals, async move {
        let _ = done_tx.send(tick(callback, interval, stop_rx).await);
    }));
    Ok(Ticker {
        stop: Mutex::new(Some(stop_tx)),
        done: Mutex::new(Some(done_rx)),
    })
}

#[pymethods]
impl Ticker {
    /// Stops the ticker; resolves to the number of calls made, or raises the callback's error.
    fn stop<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let done = self
            .done
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .take()
            .ok_or_else(|| PyRuntimeError::new_err("stop() was called already"))?;
        // Dropping the sender wakes the task, which ends after the call in flight, if any.
        let stop = self
            .stop
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .take();
        drop(stop);
        future_into_py(py, async move {
            done.await.unwrap_or_else(|_| {
                Err(PyRuntimeError::new_err("the ticker ended with the runtime"))
            })
        })
    }
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<Ticker>()?;
    m.add_function(wrap_pyfunction!(start_ticker, m)?)
}
