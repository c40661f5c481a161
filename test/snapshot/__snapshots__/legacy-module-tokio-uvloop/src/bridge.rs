//! pyo3-asyncio 0.20's generic functions, run on the runtime of [`crate::runtime`].
//!
//! pyo3-asyncio's own `tokio`/`async_std` modules spawn onto a runtime nobody can stop, so a
//! result handed to Python during interpreter exit crashes the process (pyo3-asyncio #40, 28 to
//! 30 of 30 runs with a daemon thread running a loop). Its `generic` module lets a crate bring
//! its own runtime: this one spawns through the exit gate. Also, a value that is not awaitable
//! raises TypeError at once (pyo3-asyncio only logs it and the await never resolves).
//!
//! Not here, unlike the current stack: dropping the Rust future of [`into_future`] does not
//! cancel the Python task, and a result whose loop has closed is still printed as an error.
//! pyo3-asyncio's own callbacks on the event loop call Python code without
//! [`runtime::enter`], so a daemon thread that hands the GIL over very often (a switch interval
//! of 1 µs) is still ended inside them at exit in about 1 of 100 runs (CPython gh-87135).

use std::future::Future;
use std::pin::Pin;

use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3_asyncio::generic::{self, ContextExt, Runtime};
use pyo3_asyncio::TaskLocals;

use crate::runtime;

/// This module's runtime, as pyo3-asyncio's generic functions see it.
pub struct ModuleRuntime;

tokio::task_local! {
    static TASK_LOCALS: TaskLocals;
}

impl Runtime for ModuleRuntime {
    type JoinError = tokio::task::JoinError;
    type JoinHandle = tokio::task::JoinHandle<()>;

    fn spawn<F>(fut: F) -> Self::JoinHandle
    where
        F: Future<Output = ()> + Send + 'static,
    {
        runtime::spawn(fut)
    }
}

// Inside a future of pyo3-asyncio's own (its test harness, say) its task locals apply.
impl ContextExt for ModuleRuntime {
    fn scope<F, R>(locals: TaskLocals, fut: F) -> Pin<Box<dyn Future<Output = R> + Send>>
    where
        F: Future<Output = R> + Send + 'static,
    {
        Box::pin(TASK_LOCALS.scope(locals, fut))
    }

    fn get_task_locals() -> Option<TaskLocals> {
        let ours = TASK_LOCALS.try_with(Clone::clone).ok();
        ours.or_else(|| Python::with_gil(|py| pyo3_asyncio::tokio::get_current_locals(py).ok()))
    }
}

/// An asyncio future, resolved with `fut`'s output, for the event loop running in this thread.
/// Cancelling the asyncio future drops `fut`. Raises RuntimeError outside a running loop.
pub fn future_into_py<F, T>(py: Python<'_>, fut: F) -> PyResult<&PyAny>
where
    F: Future<Output = PyResult<T>> + Send + 'static,
    T: IntoPy<PyObject>,
{
    let _entered = runtime::enter(py);
    generic::future_into_py::<ModuleRuntime, F, T>(py, fut)
}

/// A Rust future for `awaitable`, run as a task on the current event loop.
pub fn into_future(
    awaitable: &PyAny,
) -> PyResult<impl Future<Output = PyResult<PyObject>> + Send + 'static> {
    let _entered = runtime::enter(awaitable.py());
    ensure_awaitable(awaitable, "an awaitable")?;
    generic::into_future::<ModuleRuntime>(awaitable)
}

/// Runs `event_loop` until `fut` completes and returns its output.
pub fn run_until_complete<F, T>(event_loop: &PyAny, fut: F) -> PyResult<T>
where
    F: Future<Output = PyResult<T>> + Send + 'static,
    T: Send + Sync + 'static,
{
    generic::run_until_complete::<ModuleRuntime, F, T>(event_loop, fut)
}

/// TypeError unless `obj` is awaitable, naming what was expected and what came.
pub fn ensure_awaitable(obj: &PyAny, expected: &str) -> PyResult<()> {
    let _entered = runtime::enter(obj.py());
    let inspect = obj.py().import("inspect")?;
    if inspect.call_method1("isawaitable", (obj,))?.is_true()? {
        return Ok(());
    }
    let got = obj.get_type().name()?;
    let hint = if inspect
        .call_method1("iscoroutinefunction", (obj,))?
        .is_true()?
    {
        " (an async function: call it to get a coroutine)"
    } else {
        ""
    };
    Err(PyTypeError::new_err(format!(
        "expected {expected}, got {got}{hint}"
    )))
}
