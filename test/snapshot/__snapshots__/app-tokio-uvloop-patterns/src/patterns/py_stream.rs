//! A Python async iterator, such as an async generator, consumed as a Rust [`Stream`].
//!
//! pyo3-async-runtimes has this as `into_stream_v1` and `into_stream_v2`, behind its
//! `unstable-streams` feature ("no stability guarantees"). This one is written on
//! [`crate::bridge`] instead, because programs need three things those do not give:
//! - It pulls. Each item is asked for when the stream is polled, so the generator runs no
//!   further than the consumer reads. `into_stream_v1` asks for the next item before the last
//!   one is taken, and `into_stream_v2` runs up to ten items ahead, side effects included.
//! - An exception from the generator arrives as an `Err` item, and then the stream ends.
//!   `into_stream_v2`'s items cannot carry one: its stream just ends, and asyncio logs the
//!   exception as "Task exception was never retrieved".
//! - A stream dropped before its end closes the generator, so its `finally` blocks run, as
//!   `contextlib.aclosing` does in Python. An item being waited for is cancelled. Both happen
//!   on the event loop through the bridge, which stops at exit (see src/runtime.rs), whereas
//!   `into_stream_v1` spawns its loop on pyo3-async-runtimes' own runtime.
//!
//! The iterator runs on the event loop of the task that made the stream, in that task's
//! contextvars, wherever the stream is polled afterwards.

use std::ffi::CStr;
use std::pin::Pin;
use std::task::{Context, Poll, ready};

use futures_util::Stream;
use pyo3::exceptions::{PyStopAsyncIteration, PyTypeError};
use pyo3::intern;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::PyDict;
use pyo3_async_runtimes::TaskLocals;

use crate::{bridge, runtime};

/// The Python half: one iterator's items, asked for one at a time on the loop's thread.
const ITEMS: &CStr = c"
import asyncio


class Items:
    def __init__(self, iterator):
        self.iterator = iterator
        self.pending = None

    async def next(self):
        # Asked for here, on the loop's thread: an async generator's first step registers it
        # with the loop (sys.set_asyncgen_hooks), so asyncio closes it if it is left open.
        self.pending = asyncio.current_task()
        try:
            return await self.iterator.__anext__()
        finally:
            self.pending = None

    async def aclose(self):
        # A step in progress was cancelled when Rust dropped its future; it is waited for, as
        # aclose() during it raises 'asynchronous generator is already running'. Cancelling it
        # again here would interrupt the generator's cleanup at its first await.
        pending = self.pending
        if pending is not None:
            await asyncio.wait([pending])
        aclose = getattr(self.iterator, 'aclose', None)
        if aclose is not None:
            await aclose()


# Closings nobody awaits, kept until done: the loop holds only weak references to tasks.
closing = set()


def close_soon(items):
    task = asyncio.ensure_future(items.aclose())
    closing.add(task)
    task.add_done_callback(closing.discard)
";

fn items_class(py: Python<'_>) -> PyResult<&Bound<'_, PyModule>> {
    static ITEMS_MODULE: PyOnceLock<Py<PyModule>> = PyOnceLock::new();
    ITEMS_MODULE
        .get_or_try_init(py, || {
            PyModule::from_code(py, ITEMS, c"py_stream.py", c"py_stream").map(Bound::unbind)
        })
        .map(|module| module.bind(py))
}

/// Schedules `Items.aclose` on the stream's loop, in its context, from any thread.
fn close_soon(locals: &TaskLocals, items: &Bound<'_, PyAny>) -> PyResult<()> {
    let py = items.py();
    let close_soon = items_class(py)?.getattr(intern!(py, "close_soon"))?;
    let kwargs = PyDict::new(py);
    kwargs.set_item(intern!(py, "context"), locals.context(py))?;
    locals.event_loop(py).call_method(
        intern!(py, "call_soon_threadsafe"),
        (close_soon, items),
        Some(&kwargs),
    )?;
    Ok(())
}

type Next = Pin<Box<dyn Future<Output = PyResult<Py<PyAny>>> + Send>>;

/// The items of a Python async iterator, as a [`Stream`] of `PyResult<Py<PyAny>>`.
///
/// Make it with [`into_stream`]; end it early with [`PyStream::aclose`], or drop it.
pub struct PyStream {
    /// The Python `Items`, until the iterator has ended or been closed.
    items: Option<Py<PyAny>>,
    locals: TaskLocals,
    next: Option<Next>,
}

/// A stream of `iterable`'s items: anything with `__aiter__`, such as an async generator.
/// It runs on the current task's event loop and in its context (see [`into_future`]).
/// Raises TypeError for anything else.
///
/// [`into_future`]: crate::bridge::into_future
pub fn into_stream(iterable: &Bound<'_, PyAny>) -> PyResult<PyStream> {
    let py = iterable.py();
    let _entered = runtime::enter(py);
    let iterator = match iterable.call_method0(intern!(py, "__aiter__")) {
        Ok(iterator) if iterator.hasattr(intern!(py, "__anext__"))? => iterator,
        _ => {
            return Err(PyTypeError::new_err(format!(
                "expected an async iterable, got {}",
                iterable.get_type().name()?
            )));
        }
    };
    let items = items_class(py)?.call_method1(intern!(py, "Items"), (iterator,))?;
    Ok(PyStream {
        items: Some(items.unbind()),
        locals: pyo3_async_runtimes::tokio::get_current_locals(py)?,
        next: None,
    })
}

impl PyStream {
    /// Closes the iterator and waits until it is closed: a step in progress is cancelled, and
    /// an async generator's `finally` blocks run. What `contextlib.aclosing` does at its end.
    pub async fn aclose(mut self) -> PyResult<()> {
        drop(self.next.take());
        let Some(items) = self.items.take() else {
            return Ok(()); // ended already
        };
        let closed = Python::attach(|py| {
            let closing = items.bind(py).call_method0(intern!(py, "aclose"))?;
            bridge::into_future_with_locals(&self.locals, closing)
        })?;
        closed.await.map(drop)
    }
}

impl Stream for PyStream {
    type Item = PyResult<Py<PyAny>>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let this = &mut *self;
        if this.next.is_none() {
            let Some(items) = &this.items else {
                return Poll::Ready(None);
            };
            let next = Python::attach(|py| {
                let step = items.bind(py).call_method0(intern!(py, "next"))?;
                bridge::into_future_with_locals(&this.locals, step)
            });
            match next {
                Ok(next) => this.next = Some(Box::pin(next)),
                Err(err) => {
                    this.items = None;
                    return Poll::Ready(Some(Err(err)));
                }
            }
        }
        let Some(next) = this.next.as_mut() else {
            unreachable!("set above")
        };
        let item = ready!(next.as_mut().poll(cx));
        this.next = None;
        Poll::Ready(match item {
            Ok(item) => Some(Ok(item)),
            Err(err) => {
                this.items = None;
                if Python::attach(|py| err.is_instance_of::<PyStopAsyncIteration>(py)) {
                    None
                } else {
                    Some(Err(err))
                }
            }
        })
    }
}

impl Drop for PyStream {
    fn drop(&mut self) {
        // A step in flight is cancelled by its future's drop; `Items.aclose` waits for it.
        drop(self.next.take());
        let mut items = self.items.take();
        if items.is_none() {
            return; // ended or closed
        }
        runtime::while_open(|| {
            Python::attach(|py| {
                if let Some(items) = items.take() {
                    // A closed loop has closed its async generators already (shutdown_asyncgens).
                    let _ = close_soon(&self.locals, items.bind(py));
                }
            })
        });
        // Exit has begun: dropped now, the object would wait in PyO3's pool for a call that
        // exit may cut short (see src/runtime.rs), so it is left to the process's end instead.
        std::mem::forget(items);
    }
}
