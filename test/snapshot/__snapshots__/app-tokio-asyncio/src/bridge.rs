//! Rust futures as asyncio futures and Python awaitables as Rust futures, on the runtime of
//! [`crate::runtime`].
//!
//! pyo3-async-runtimes' own `future_into_py` and `into_future` do the same on a runtime of
//! their own; these differ where programs need it:
//! - results go back to Python through one hand-off thread, not the runtime's blocking pool
//!   (about 500 threads after 1,000 concurrent futures), and that thread stops at exit;
//! - a result whose event loop has closed is dropped silently (pyo3-async-runtimes issue #90
//!   prints `RuntimeError: Event loop is closed` for each one);
//! - a value that is not awaitable raises TypeError at once (pyo3-async-runtimes logs it from a
//!   loop callback and the await never resolves);
//! - dropping the Rust future that awaits a Python awaitable cancels that awaitable's task;
//! - every function and callback here begins with [`runtime::enter`], so exit never ends a
//!   daemon thread inside them.
//!
//! Task locals (the loop and contextvars) are pyo3-async-runtimes' own, so its functions work
//! inside these futures.

use std::future::Future;
use std::sync::{Arc, Mutex, OnceLock, mpsc};

use futures_channel::oneshot;
use futures_util::future::{Either, select};
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::PyDict;
use pyo3::{IntoPyObjectExt, intern};
use pyo3_async_runtimes::TaskLocals;

use crate::runtime;

pub use pyo3_async_runtimes::tokio::get_current_loop;

type Outcome = Box<dyn FnOnce(Python<'_>) -> PyResult<Py<PyAny>> + Send>;

/// An asyncio future, resolved with `fut`'s output, for the event loop running in this thread.
/// Cancelling the asyncio future drops `fut`. Raises RuntimeError outside a running loop.
pub fn future_into_py<F, T>(py: Python<'_>, fut: F) -> PyResult<Bound<'_, PyAny>>
where
    F: Future<Output = PyResult<T>> + Send + 'static,
    T: for<'py> IntoPyObject<'py> + Send + 'static,
{
    let _entered = runtime::enter(py);
    // The enclosing task's loop and context inside a Rust task, else the running loop's.
    let locals = pyo3_async_runtimes::tokio::get_current_locals(py)?;
    future_into_py_with_locals(py, locals, fut)
}

/// [`future_into_py`] for a given event loop and context, running or not.
pub fn future_into_py_with_locals<F, T>(
    py: Python<'_>,
    locals: TaskLocals,
    fut: F,
) -> PyResult<Bound<'_, PyAny>>
where
    F: Future<Output = PyResult<T>> + Send + 'static,
    T: for<'py> IntoPyObject<'py> + Send + 'static,
{
    let _entered = runtime::enter(py);
    let event_loop = locals.event_loop(py);
    let py_fut = event_loop.call_method0(intern!(py, "create_future"))?;
    if runtime::is_closed() {
        // Only daemon threads still run Python now, and they stop with the process: a future
        // that never resolves is quieter for them than an error printed at exit.
        return Ok(py_fut);
    }
    let (cancel_tx, cancel_rx) = oneshot::channel();
    py_fut.call_method1(
        intern!(py, "add_done_callback"),
        (OnCancel {
            tx: Some(cancel_tx),
        },),
    )?;
    let delivery = Delivery {
        event_loop: event_loop.unbind(),
        future: py_fut.clone().unbind(),
    };
    let _detached = runtime::spawn(async move {
        let fut = pyo3_async_runtimes::tokio::scope(locals, fut);
        // cancel_rx resolves when Python cancels the future (Ok) or drops the callback (Err).
        if let Either::Left((result, _)) = select(Box::pin(fut), cancel_rx).await {
            delivery.send(Box::new(move |py| result.and_then(|v| v.into_py_any(py))));
        }
    });
    Ok(py_fut)
}

/// Runs `event_loop` until `fut` completes and returns its output (what
/// `pyo3_async_runtimes::tokio::run_until_complete` does, on this module's runtime). The loop runs inside
/// this Rust frame, so [`runtime::enter`] cannot cover it: a daemon thread still in here when
/// the interpreter exits is ended by CPython 3.10 to 3.13 through it (CPython gh-87135).
pub fn run_until_complete<F, T>(event_loop: Bound<'_, PyAny>, fut: F) -> PyResult<Py<PyAny>>
where
    F: Future<Output = PyResult<T>> + Send + 'static,
    T: for<'py> IntoPyObject<'py> + Send + 'static,
{
    let py = event_loop.py();
    let locals = TaskLocals::new(event_loop.clone()).copy_context(py)?;
    let py_fut = future_into_py_with_locals(py, locals, fut)?;
    Ok(event_loop
        .call_method1(intern!(py, "run_until_complete"), (py_fut,))?
        .unbind())
}

/// A Rust future for `awaitable`, run as a task on the current event loop (the task-local one
/// inside [`future_into_py`], else the loop running in this thread). Dropping the Rust future
/// before it completes cancels the task.
pub fn into_future(
    awaitable: Bound<'_, PyAny>,
) -> PyResult<impl Future<Output = PyResult<Py<PyAny>>> + Send + 'static + use<>> {
    let py = awaitable.py();
    let _entered = runtime::enter(py);
    ensure_awaitable(&awaitable, "an awaitable")?;
    let locals = pyo3_async_runtimes::tokio::get_current_locals(py)?;
    start_task(&locals, awaitable)
}

/// [`into_future`] on a given event loop, in a given context: for futures polled outside the
/// task that made them.
pub fn into_future_with_locals(
    locals: &TaskLocals,
    awaitable: Bound<'_, PyAny>,
) -> PyResult<impl Future<Output = PyResult<Py<PyAny>>> + Send + 'static + use<>> {
    let _entered = runtime::enter(awaitable.py());
    ensure_awaitable(&awaitable, "an awaitable")?;
    start_task(locals, awaitable)
}

/// Runs `awaitable` (checked already) as a task on `locals`' loop, in their context.
fn start_task(
    locals: &TaskLocals,
    awaitable: Bound<'_, PyAny>,
) -> PyResult<impl Future<Output = PyResult<Py<PyAny>>> + Send + 'static + use<>> {
    let py = awaitable.py();
    let event_loop = locals.event_loop(py);
    let asyncio = py.import(intern!(py, "asyncio"))?;
    let on_loop = asyncio
        .call_method0(intern!(py, "_get_running_loop"))?
        .is(&event_loop);
    let (tx, rx) = oneshot::channel();
    let slot = Arc::new(Mutex::new(TaskSlot::default()));
    let start = StartOnLoop {
        awaitable: Some(awaitable.unbind()),
        tx: Some(tx),
        slot: slot.clone(),
    };
    if on_loop {
        // Started here, so a cancellation arriving before the task's first step finds it.
        start.start(py)?;
    } else {
        let kwargs = PyDict::new(py);
        kwargs.set_item(intern!(py, "context"), locals.context(py))?;
        event_loop.call_method(intern!(py, "call_soon_threadsafe"), (start,), Some(&kwargs))?;
    }
    let guard = CancelOnDrop {
        event_loop: event_loop.unbind(),
        slot,
        done: false,
    };
    Ok(async move {
        let mut guard = guard;
        let result = rx.await;
        guard.done = true;
        match result {
            Ok(result) => result,
            Err(_) => Python::attach(|py| {
                Err(PyErr::from_value(
                    py.import("asyncio")?.getattr("CancelledError")?.call0()?,
                ))
            }),
        }
    })
}

/// Where a Rust future's outcome goes: an asyncio future and its loop.
struct Delivery {
    event_loop: Py<PyAny>,
    future: Py<PyAny>,
}

impl Delivery {
    fn send(self, outcome: Outcome) {
        static HAND_OFF: OnceLock<Option<mpsc::Sender<(Delivery, Outcome)>>> = OnceLock::new();
        let sender = HAND_OFF.get_or_init(|| {
            let (tx, rx) = mpsc::channel::<(Delivery, Outcome)>();
            std::thread::Builder::new()
                .name(concat!(env!("CARGO_CRATE_NAME"), "-handoff").into())
                .spawn(move || hand_off(rx))
                .ok()
                .map(|_| tx)
        });
        if let Some(sender) = sender {
            let _ = sender.send((self, outcome));
        }
    }

    fn deliver(self, py: Python<'_>, outcome: Outcome) -> PyResult<()> {
        let future = self.future.bind(py);
        if future.call_method0(intern!(py, "done"))?.is_truthy()? {
            return Ok(()); // cancelled meanwhile
        }
        let complete = Complete {
            future: self.future.clone_ref(py),
            outcome: Some(outcome(py)),
        };
        let event_loop = self.event_loop.bind(py);
        match event_loop.call_method1(intern!(py, "call_soon_threadsafe"), (complete,)) {
            Ok(_) => Ok(()),
            // Its loop has closed: nobody can await this result any more.
            Err(_)
                if event_loop
                    .call_method0(intern!(py, "is_closed"))?
                    .is_truthy()? =>
            {
                Ok(())
            }
            Err(err) => Err(err),
        }
    }
}

/// The hand-off thread: takes the GIL once per batch of finished futures.
fn hand_off(rx: mpsc::Receiver<(Delivery, Outcome)>) {
    while let Ok(first) = rx.recv() {
        let mut first = Some(first);
        let delivered = runtime::while_open(|| {
            Python::attach(|py| {
                for (delivery, outcome) in first.take().into_iter().chain(rx.try_iter()) {
                    if let Err(err) = delivery.deliver(py, outcome) {
                        err.print(py);
                    }
                }
            })
        });
        if delivered.is_none() {
            // Exit has begun. Dropped now, what is left would go to PyO3's pool and be freed by
            // the next call from Python, in a daemon thread that exit may end in mid-call: the
            // process is ending, so leak it (and whatever is sent from now on) instead.
            std::mem::forget(first);
            std::mem::forget(rx);
            return;
        }
    }
}

/// Sets an asyncio future's result or exception, on its loop, unless it is done already.
#[pyclass]
struct Complete {
    future: Py<PyAny>,
    outcome: Option<PyResult<Py<PyAny>>>,
}

#[pymethods]
impl Complete {
    fn __call__(&mut self, py: Python<'_>) -> PyResult<()> {
        let _entered = runtime::enter(py);
        let future = self.future.bind(py);
        if future.call_method0(intern!(py, "done"))?.is_truthy()? {
            return Ok(());
        }
        match self.outcome.take() {
            Some(Ok(value)) => future.call_method1(intern!(py, "set_result"), (value,))?,
            Some(Err(err)) => {
                future.call_method1(intern!(py, "set_exception"), (err.into_value(py),))?
            }
            None => return Ok(()),
        };
        Ok(())
    }
}

/// Done callback of the asyncio future of [`future_into_py`]: tells Rust it was cancelled.
#[pyclass]
struct OnCancel {
    tx: Option<oneshot::Sender<()>>,
}

#[pymethods]
impl OnCancel {
    fn __call__(&mut self, future: &Bound<'_, PyAny>) -> PyResult<()> {
        let _entered = runtime::enter(future.py());
        if future
            .call_method0(intern!(future.py(), "cancelled"))?
            .is_truthy()?
        {
            if let Some(tx) = self.tx.take() {
                let _ = tx.send(());
            }
        }
        Ok(())
    }
}

/// Done callback of an awaitable's task: sends its outcome to the Rust future.
#[pyclass]
struct OnDone {
    tx: Option<oneshot::Sender<PyResult<Py<PyAny>>>>,
    slot: Arc<Mutex<TaskSlot>>,
}

#[pymethods]
impl OnDone {
    fn __call__(&mut self, task: &Bound<'_, PyAny>) {
        let _entered = runtime::enter(task.py());
        let result = task
            .call_method0(intern!(task.py(), "result"))
            .map(Bound::unbind);
        if let Some(tx) = self.tx.take() {
            let _ = tx.send(result); // the Rust side may have gone: nothing to do
        }
        // Let go of the task here, attached. The last reference dropped on a runtime thread
        // would wait in PyO3's pool for the next call from Python, whose entry would then free
        // the task, and with it run asyncio's WeakSet callback (Python code) before `enter`.
        let task = self
            .slot
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .task
            .take();
        drop(task);
    }
}

/// The task an awaitable runs in, once started, and whether its Rust future is gone.
#[derive(Default)]
struct TaskSlot {
    task: Option<Py<PyAny>>,
    dropped: bool,
}

/// Runs on the loop's thread: wraps the awaitable in a task there.
#[pyclass]
struct StartOnLoop {
    awaitable: Option<Py<PyAny>>,
    tx: Option<oneshot::Sender<PyResult<Py<PyAny>>>>,
    slot: Arc<Mutex<TaskSlot>>,
}

impl StartOnLoop {
    fn start(mut self, py: Python<'_>) -> PyResult<()> {
        self.__call__(py)
    }
}

#[pymethods]
impl StartOnLoop {
    fn __call__(&mut self, py: Python<'_>) -> PyResult<()> {
        let _entered = runtime::enter(py);
        let (Some(awaitable), Some(tx)) = (self.awaitable.take(), self.tx.take()) else {
            return Ok(());
        };
        let mut slot = self.slot.lock().unwrap_or_else(|e| e.into_inner());
        if slot.dropped {
            // The Rust future is gone already: do not start what nobody awaits.
            if let Ok(close) = awaitable.bind(py).getattr(intern!(py, "close")) {
                close.call0()?;
            }
            return Ok(());
        }
        let asyncio = py.import(intern!(py, "asyncio"))?;
        let task = asyncio.call_method1(intern!(py, "ensure_future"), (awaitable,))?;
        let on_done = OnDone {
            tx: Some(tx),
            slot: self.slot.clone(),
        };
        task.call_method1(intern!(py, "add_done_callback"), (on_done,))?;
        slot.task = Some(task.unbind());
        Ok(())
    }
}

/// Cancels the awaitable's task when the Rust future awaiting it is dropped unfinished.
struct CancelOnDrop {
    event_loop: Py<PyAny>,
    slot: Arc<Mutex<TaskSlot>>,
    done: bool,
}

impl Drop for CancelOnDrop {
    fn drop(&mut self) {
        if self.done {
            return;
        }
        // Taken out before the GIL: StartOnLoop holds the GIL while it takes this lock.
        let task = {
            let mut slot = self.slot.lock().unwrap_or_else(|e| e.into_inner());
            slot.dropped = true;
            slot.task.take()
        };
        let Some(task) = task else {
            return; // not started yet: StartOnLoop sees `dropped` and skips it
        };
        let event_loop = &self.event_loop;
        runtime::while_open(|| {
            Python::attach(|py| {
                if let Ok(cancel) = task.bind(py).getattr(intern!(py, "cancel")) {
                    // A closed loop has nothing left to cancel.
                    let _ = event_loop
                        .bind(py)
                        .call_method1(intern!(py, "call_soon_threadsafe"), (cancel,));
                }
            })
        });
    }
}

/// TypeError unless `obj` is awaitable, naming what was expected and what came.
pub fn ensure_awaitable(obj: &Bound<'_, PyAny>, expected: &str) -> PyResult<()> {
    let _entered = runtime::enter(obj.py());
    let inspect = obj.py().import("inspect")?;
    if inspect.call_method1("isawaitable", (obj,))?.is_truthy()? {
        return Ok(());
    }
    let got = obj.get_type().name()?;
    let hint = if inspect
        .call_method1("iscoroutinefunction", (obj,))?
        .is_truthy()?
    {
        " (an async function: call it to get a coroutine)"
    } else {
        ""
    };
    Err(PyTypeError::new_err(format!(
        "expected {expected}, got {got}{hint}"
    )))
}
