//! The `class` pattern: a `#[pyclass]` that owns shared Rust state, used from async methods.
//!
//! Each method clones the `Arc` into the future it returns, so the future owns what it needs
//! (`future_into_py` takes `'static` futures) and runs on the runtime after the call has
//! returned, even once the Python object is gone. The lock is a `std::sync::Mutex` taken only
//! between awaits, never across one: that keeps the futures `Send`, and a short critical
//! section needs no async lock (state held across an await would want one). Closing drops the
//! entries at once; from then on every method raises `RuntimeError("store is closed")`.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError};

use pyo3::exceptions::PyRuntimeError;
use pyo3::prelude::*;

use crate::bridge::future_into_py;

type Entries = HashMap<String, Vec<u8>>;

/// The entries, shared by a store and the futures of its methods; `None` once closed.
type Shared = Arc<Mutex<Option<Entries>>>;

/// An in-memory key-value store (the package's `Store` wraps it in coroutines).
#[pyclass(frozen, module = "my_module_tokio_uvloop_patterns._native")]
pub struct Store {
    shared: Shared,
}

/// Runs `f` on the entries, or fails once the store is closed.
fn with_entries<R>(shared: &Shared, f: impl FnOnce(&mut Entries) -> R) -> PyResult<R> {
    let mut entries = shared.lock().unwrap_or_else(PoisonError::into_inner);
    match entries.as_mut() {
        Some(entries) => Ok(f(entries)),
        None => Err(PyRuntimeError::new_err("store is closed")),
    }
}

#[pymethods]
impl Store {
    #[new]
    fn new() -> Self {
        Store {
            shared: Arc::new(Mutex::new(Some(Entries::new()))),
        }
    }

    /// Stores `value` under `key`, replacing what was there.
    fn put<'py>(
        &self,
        py: Python<'py>,
        key: String,
        value: Vec<u8>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let shared = self.shared.clone();
        future_into_py(py, async move {
            with_entries(&shared, |entries| entries.insert(key, value))?;
            Ok(None::<()>)
        })
    }

    /// The value stored under `key`, or None.
    fn get<'py>(&self, py: Python<'py>, key: String) -> PyResult<Bound<'py, PyAny>> {
        let shared = self.shared.clone();
        future_into_py(py, async move {
            with_entries(&shared, |entries| entries.get(&key).cloned())
        })
    }

    /// Every key, sorted.
    fn keys<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let shared = self.shared.clone();
        future_into_py(py, async move {
            let mut keys = with_entries(&shared, |entries| {
                entries.keys().cloned().collect::<Vec<_>>()
            })?;
            keys.sort_unstable();
            Ok(keys)
        })
    }

    /// Drops the entries; closing a closed store does nothing, like closing a file.
    fn close<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        // Closed when the call returns, not when its future runs: nothing called after
        // `close()` can still see the entries.
        let entries = self
            .shared
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .take();
        drop(entries);
        future_into_py(py, async { Ok(None::<()>) })
    }
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<Store>()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_closed_store_refuses_every_use() {
        let shared: Shared = Arc::new(Mutex::new(Some(Entries::new())));
        with_entries(&shared, |e| e.insert("k".into(), b"v".to_vec())).unwrap();
        assert_eq!(with_entries(&shared, |e| e.len()).unwrap(), 1);
        shared.lock().unwrap().take();
        assert!(with_entries(&shared, |e| e.len()).is_err());
    }
}
