//! The async-std runtime this program uses, and its end.
//!
//! A runtime thread that touches Python while the process exits crashes the process
//! (pyo3-async-runtimes issue #40 upstream: SIGABRT or SIGSEGV at exit in a few percent of runs
//! after many futures, most runs with a daemon thread running a loop). So every task that may
//! touch Python is spawned through [`spawn`], which gates its polls. [`shutdown`], which `run_to_end` in src/lib.rs calls
//! before the event loop closes and the program ends, closes the gate and waits, with the GIL released, for
//! the polls already running. From then
//! on no task of this program is polled again and nothing of it takes the GIL.
//!
//! Python's own threads need a guard too. CPython 3.10 to 3.13 end a daemon thread that takes
//! the GIL back during finalization with `pthread_exit`, and its forced unwind through Rust
//! frames aborts the process ("FATAL: exception not rethrown") or crashes it (CPython gh-87135;
//! 3.14 parks such threads instead). Rust code called from Python lets go of the GIL whenever
//! the Python code it calls does (asyncio's `create_future` and `call_soon` are Python), so
//! every bridge function and callback begins with [`enter`]: exit waits for those in progress,
//! and after exit has begun a call from any other thread than the exiting one parks, detached,
//! until the process ends. Begin your own functions that call Python code with it as well.
//!
//! async-std's global executor cannot be shut down; the gate is what keeps its threads away
//! from Python after exit has begun. Spawn every task that may touch Python with [`spawn`], not
//! `async_std::task::spawn`.

use std::cell::Cell;
use std::future::Future;
use std::pin::Pin;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::task::{Context, Poll};
use std::time::{Duration, Instant};

use pyo3::prelude::*;
/// How long [`shutdown`] waits for tasks busy in a poll. Tasks
/// waiting at an `.await` are dropped at once, so exit adds nothing measurable when nothing is
/// running. The environment variable `MY_APP_ASYNC_STD_UVLOOP_PATTERNS_SHUTDOWN_TIMEOUT` (seconds) overrides it.
pub const SHUTDOWN_TIMEOUT: Duration = Duration::from_secs(2);

static CLOSED: AtomicBool = AtomicBool::new(false);
/// The thread that began exit: it may still call in afterwards (later `atexit` hooks do).
static CLOSER: std::sync::OnceLock<std::thread::ThreadId> = std::sync::OnceLock::new();
/// Polls, hand-offs to Python and calls from Python running right now: exit waits for these.
static ACTIVE: AtomicUsize = AtomicUsize::new(0);
/// Tasks spawned through [`spawn`] that are still alive, running or waiting.
static LIVE: AtomicUsize = AtomicUsize::new(0);

/// Runs `fut` on the runtime; it is polled only while the interpreter is alive.
pub fn spawn<F>(fut: F) -> async_std::task::JoinHandle<F::Output>
where
    F: Future + Send + 'static,
    F::Output: Send + 'static,
{
    async_std::task::spawn(Gated::new(fut))
}

/// True once interpreter exit has begun: no runtime thread may take the GIL any more.
pub fn is_closed() -> bool {
    CLOSED.load(Ordering::SeqCst)
}

/// Runs `f` unless exit has begun, counted as active so that exit waits for it.
pub fn while_open<R>(f: impl FnOnce() -> R) -> Option<R> {
    let _active = Active::enter()?;
    Some(f())
}

/// Marks a call from Python that may run Python code before it returns (see the module docs):
/// hold the guard it returns until the call ends. Once exit has begun it returns only on the
/// exiting thread, or on a thread inside a poll or call already counted; any other thread
/// parks here with the GIL released, so that it never takes the GIL back.
pub fn enter(py: Python<'_>) -> Entered {
    if let Some(active) = Active::enter() {
        return Entered {
            _active: Some(active),
        };
    }
    if CLOSER.get() == Some(&std::thread::current().id()) {
        return Entered { _active: None };
    }
    py.detach(|| -> Entered {
        loop {
            std::thread::park();
        }
    })
}

/// A call counted by [`enter`], until dropped.
#[must_use = "the call is counted only while this guard lives"]
pub struct Entered {
    _active: Option<Active>,
}

/// How many Rust futures of this module are alive: running, or waiting for I/O, a timer or
/// Python.
#[pyfunction]
pub fn pending_futures() -> usize {
    LIVE.load(Ordering::SeqCst)
}

/// Called by `run_to_end` (src/lib.rs). Closes the gate, waits for running polls.
#[pyfunction]
pub fn shutdown(py: Python<'_>) {
    let _ = CLOSER.set(std::thread::current().id());
    if CLOSED.swap(true, Ordering::SeqCst) {
        return;
    }
    // The crate's name in capitals, as SHUTDOWN_TIMEOUT documents it.
    let variable = concat!(env!("CARGO_CRATE_NAME"), "_SHUTDOWN_TIMEOUT").to_uppercase();
    let timeout = std::env::var(variable)
        .ok()
        .and_then(|s| s.parse::<f64>().ok())
        .and_then(|s| Duration::try_from_secs_f64(s).ok())
        .unwrap_or(SHUTDOWN_TIMEOUT);
    // Detached, so a poll that is waiting for the GIL right now can take it and finish.
    py.detach(|| {
        let deadline = Instant::now() + timeout;
        while ACTIVE.load(Ordering::SeqCst) > 0 && Instant::now() < deadline {
            std::thread::sleep(Duration::from_micros(200));
        }
    });
}

thread_local! {
    /// How many [`Active`]s this thread holds: work nested in counted work may go on after
    /// exit has begun, since exit is waiting for the outer one anyway.
    static DEPTH: Cell<usize> = const { Cell::new(0) };
}

struct Active;

impl Active {
    fn enter() -> Option<Self> {
        // Counted before the check: `shutdown` sets CLOSED and then waits for ACTIVE to drain,
        // so either it sees this poll or this poll sees CLOSED.
        ACTIVE.fetch_add(1, Ordering::SeqCst);
        if is_closed() && DEPTH.with(Cell::get) == 0 {
            ACTIVE.fetch_sub(1, Ordering::SeqCst);
            return None;
        }
        DEPTH.with(|depth| depth.set(depth.get() + 1));
        Some(Active)
    }
}

impl Drop for Active {
    fn drop(&mut self) {
        DEPTH.with(|depth| depth.set(depth.get() - 1));
        ACTIVE.fetch_sub(1, Ordering::SeqCst);
    }
}

/// A task that is no longer polled once exit has begun.
struct Gated<F> {
    inner: Pin<Box<F>>,
}

impl<F> Gated<F> {
    fn new(inner: F) -> Self {
        LIVE.fetch_add(1, Ordering::SeqCst);
        Gated {
            inner: Box::pin(inner),
        }
    }
}

impl<F> Drop for Gated<F> {
    fn drop(&mut self) {
        LIVE.fetch_sub(1, Ordering::SeqCst);
    }
}

impl<F: Future> Future for Gated<F> {
    type Output = F::Output;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<F::Output> {
        match Active::enter() {
            Some(_active) => self.inner.as_mut().poll(cx),
            // Never woken again: the task sleeps until the process ends.
            None => Poll::Pending,
        }
    }
}
