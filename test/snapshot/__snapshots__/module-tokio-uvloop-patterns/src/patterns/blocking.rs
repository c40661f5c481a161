//! The `blocking` pattern: blocking and CPU-bound work, kept off the event loop and the GIL.
//!
//! `sleep_blocking` stands for a blocking call (a C library, a disk, a lock): a synchronous
//! function that releases the GIL while it blocks (`Python::detach`), so other Python threads
//! run meanwhile. `checksum` is CPU-bound work behind an awaitable: it runs on the runtime's
//! blocking pool (`tokio::task::spawn_blocking`, at most `runtime::MAX_BLOCKING_THREADS` threads), not on
//! a runtime worker, where it would hold up every other future, and not on the event loop.
//! The data is not copied: `PyBackedBytes` keeps the `bytes` object alive and reads it without
//! the GIL, which is sound because `bytes` are immutable.

use std::time::Duration;

use pyo3::exceptions::{PyRuntimeError, PyValueError};
use pyo3::prelude::*;
use pyo3::pybacked::PyBackedBytes;

use crate::bridge::future_into_py;

/// Blocks the calling thread for `seconds`, with the GIL released.
#[pyfunction]
pub fn sleep_blocking(py: Python<'_>, seconds: f64) -> PyResult<()> {
    let duration = Duration::try_from_secs_f64(seconds)
        .map_err(|_| PyValueError::new_err(format!("seconds must be >= 0, got {seconds}")))?;
    py.detach(|| std::thread::sleep(duration));
    Ok(())
}

/// The Adler-32 checksum of `data` (what `zlib.adler32` computes), on the blocking pool.
#[pyfunction]
pub fn checksum(py: Python<'_>, data: PyBackedBytes) -> PyResult<Bound<'_, PyAny>> {
    future_into_py(py, async move {
        // Inside a task of the runtime, so this is its blocking pool. Its error means the task
        // was cancelled (the runtime shutting down) or panicked.
        tokio::task::spawn_blocking(move || adler32(&data))
            .await
            .map_err(|err| PyRuntimeError::new_err(err.to_string()))
    })
}

/// Adler-32 (RFC 1950), reduced every 5,552 bytes like zlib, the most before `b` can overflow.
pub fn adler32(data: &[u8]) -> u32 {
    const MOD: u32 = 65_521;
    let (mut a, mut b) = (1u32, 0u32);
    for chunk in data.chunks(5552) {
        for &byte in chunk {
            a += u32::from(byte);
            b += a;
        }
        a %= MOD;
        b %= MOD;
    }
    (b << 16) | a
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(sleep_blocking, m)?)?;
    m.add_function(wrap_pyfunction!(checksum, m)?)
}

#[cfg(test)]
mod tests {
    use super::adler32;

    #[test]
    fn adler32_matches_known_values() {
        assert_eq!(adler32(b""), 1);
        assert_eq!(adler32(b"Wikipedia"), 0x11E6_0398);
        // Long enough to need the periodic reduction: 0xff * 1 MiB.
        assert_eq!(adler32(&vec![0xff; 1 << 20]), 0x8e88_ef11);
    }
}
