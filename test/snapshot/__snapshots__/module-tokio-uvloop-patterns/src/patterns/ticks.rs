//! The `stream` pattern: a Rust stream as a Python async iterator.
//!
//! A producer task on the runtime sends items into a bounded channel, so it never runs more
//! than one item ahead of the reader; `Ticks.__anext__` awaits the next item (obstore's
//! `get.rs` streams a download's chunks the same way). `__anext__` returns a future from
//! `future_into_py` that resolves to the item, or raises `StopAsyncIteration` at the end: PyO3's
//! `async fn __anext__` does not compile yet (PyO3/pyo3#5773).
//!
//! The producer stops as soon as nobody can read what it makes: at `aclose()`, or when the
//! iterator is dropped (on CPython, as soon as a `break` leaves the `async for`). Cancelling a
//! task waiting in `__anext__` drops that future, which hands the receiver on, so the
//! iteration can go on; calls made while one is pending wait their turn.

use std::collections::VecDeque;
use std::future::poll_fn;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use futures_channel::{mpsc, oneshot};
use futures_util::StreamExt;
use futures_util::future::select;
use pyo3::exceptions::{PyStopAsyncIteration, PyValueError};
use pyo3::prelude::*;

use crate::bridge::future_into_py;
use crate::runtime;

type Items = mpsc::Receiver<u64>;

/// Where the receiver is: ready, lent to a pending `__anext__` (with the calls queued behind
/// it), or gone with `aclose()`.
enum Slot {
    Ready(Items),
    Lent(VecDeque<oneshot::Sender<Items>>),
    Closed,
}

type SharedSlot = Arc<Mutex<Slot>>;

/// The async iterator `ticks()` returns.
#[pyclass(frozen, module = "my_module_tokio_uvloop_patterns._native")]
pub struct Ticks {
    slot: SharedSlot,
    /// Dropping it (at `aclose()` or with the iterator) stops the producer.
    stop: Mutex<Option<oneshot::Sender<()>>>,
}

/// The receiver, lent to one `__anext__` future; passed on to the next call queued, or put
/// back, when that future ends or is dropped (its task cancelled).
struct Lease {
    slot: SharedSlot,
    receiver: Option<Items>,
}

impl Drop for Lease {
    fn drop(&mut self) {
        let Some(mut receiver) = self.receiver.take() else {
            return;
        };
        let mut slot = self.slot.lock().unwrap_or_else(PoisonError::into_inner);
        while let Slot::Lent(queued) = &mut *slot {
            match queued.pop_front() {
                Some(next) => match next.send(receiver) {
                    Ok(()) => return,
                    Err(back) => receiver = back, // that call was cancelled meanwhile
                },
                None => {
                    *slot = Slot::Ready(receiver);
                    return;
                }
            }
        }
        // Closed: the receiver goes.
    }
}

/// How an `__anext__` call gets the receiver.
enum Turn {
    Now(Items),
    After(oneshot::Receiver<Items>),
    Closed,
}

/// `count` ticks (0, 1, ...), one every `interval`; ends early when the reader goes away.
async fn produce(mut tx: mpsc::Sender<u64>, count: u64, interval: Duration) {
    for tick in 0..count {
        tokio::time::sleep(interval).await;
        // Waits for room in the channel: the reader sets the pace.
        if poll_fn(|cx| tx.poll_ready(cx)).await.is_err() || tx.start_send(tick).is_err() {
            return;
        }
    }
}

/// An async iterator of `count` ticks, one every `interval` seconds, made on the Rust runtime.
#[pyfunction]
pub fn ticks(count: u64, interval: f64) -> PyResult<Ticks> {
    let interval = Duration::try_from_secs_f64(interval)
        .map_err(|_| PyValueError::new_err(format!("interval must be >= 0, got {interval}")))?;
    let (tx, rx) = mpsc::channel(0);
    let (stop_tx, stop_rx) = oneshot::channel::<()>();
    let _detached = runtime::spawn(async move {
        // Whichever ends first: the ticks, or the iterator (stop_rx fails once it is dropped).
        select(Box::pin(produce(tx, count, interval)), stop_rx).await;
    });
    Ok(Ticks {
        slot: Arc::new(Mutex::new(Slot::Ready(rx))),
        stop: Mutex::new(Some(stop_tx)),
    })
}

#[pymethods]
impl Ticks {
    fn __aiter__(slf: Py<Self>) -> Py<Self> {
        slf
    }

    /// The next tick. Calls made while one is pending are served in order, one at a time.
    fn __anext__<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let turn = {
            let mut slot = self.slot.lock().unwrap_or_else(PoisonError::into_inner);
            match std::mem::replace(&mut *slot, Slot::Closed) {
                Slot::Ready(receiver) => {
                    *slot = Slot::Lent(VecDeque::new());
                    Turn::Now(receiver)
                }
                Slot::Lent(mut queued) => {
                    let (tx, rx) = oneshot::channel();
                    queued.push_back(tx);
                    *slot = Slot::Lent(queued);
                    Turn::After(rx)
                }
                Slot::Closed => Turn::Closed,
            }
        };
        let slot = self.slot.clone();
        future_into_py(py, async move {
            let receiver = match turn {
                Turn::Now(receiver) => Some(receiver),
                // Fails when the iterator is closed meanwhile.
                Turn::After(rx) => rx.await.ok(),
                Turn::Closed => None,
            };
            let mut lease = Lease { slot, receiver };
            let next = match lease.receiver.as_mut() {
                Some(receiver) => receiver.next().await,
                None => None,
            };
            next.ok_or_else(|| PyStopAsyncIteration::new_err(()))
        })
    }

    /// Stops the producer; `__anext__` raises StopAsyncIteration from then on.
    fn aclose<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        // Dropping the sender ends the producer's select.
        *self.stop.lock().unwrap_or_else(PoisonError::into_inner) = None;
        // Calls queued fail at once; a receiver lent to a pending call goes when it ends.
        *self.slot.lock().unwrap_or_else(PoisonError::into_inner) = Slot::Closed;
        future_into_py(py, async { Ok(None::<()>) })
    }
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<Ticks>()?;
    m.add_function(wrap_pyfunction!(ticks, m)?)
}
