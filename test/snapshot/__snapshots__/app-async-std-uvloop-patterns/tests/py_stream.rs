//! The stream pattern (src/patterns/py_stream.rs) under pyo3-async-runtimes' harness, as in
//! tests/rust_bridge.rs: Python async generators consumed as Rust streams.

use std::ffi::CStr;
use std::time::Duration;

use futures_util::StreamExt;
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::PyList;
use pyo3_async_runtimes::async_std::into_future;

// The crate under test, by a short name so lines stay within rustfmt's width for any name.
use my_app_async_std_uvloop_patterns as app;

use app::patterns::py_stream::{PyStream, into_stream};

const PY_GENERATORS: &CStr = c"
import asyncio


async def numbers(log, count, delay=0.0):
    try:
        for i in range(count):
            await asyncio.sleep(delay)
            log.append(f'made {i}')
            yield i
    except asyncio.CancelledError:
        log.append('cancelled')
        raise
    finally:
        await asyncio.sleep(0)
        log.append('finally')


async def fails_after(count):
    for i in range(count):
        yield i
    raise ValueError('from the generator')


async def until_logged(log, entry):
    while entry not in log:
        await asyncio.sleep(0.001)
";

// Tests run concurrently, and share this module: each generator logs to a list of its test's.
fn generators(py: Python<'_>) -> PyResult<Bound<'_, PyModule>> {
    PyModule::from_code(py, PY_GENERATORS, c"generators.py", c"generators")
}

/// The stream of `numbers(log, count, delay)`, and its log.
fn numbers(count: usize, delay: f64) -> PyResult<(PyStream, Py<PyList>)> {
    Python::attach(|py| {
        let log = PyList::empty(py);
        let generator = generators(py)?.call_method1("numbers", (&log, count, delay))?;
        Ok((into_stream(&generator)?, log.unbind()))
    })
}

fn entries(log: &Py<PyList>) -> PyResult<Vec<String>> {
    Python::attach(|py| log.bind(py).extract())
}

/// Waits, on the event loop, until the generator has logged `entry`, for 5 s at most.
async fn until_logged(log: &Py<PyList>, entry: &str) -> PyResult<()> {
    let wait = Python::attach(|py| {
        into_future(generators(py)?.call_method1("until_logged", (log, entry))?)
    })?;
    async_std::future::timeout(Duration::from_secs(5), wait)
        .await
        .unwrap_or_else(|_| panic!("{entry:?} not logged within 5 s"))
        .map(drop)
}

#[pyo3_async_runtimes::async_std::test]
async fn yields_every_item_in_order() -> PyResult<()> {
    let (stream, log) = numbers(5, 0.0)?;
    let items: Vec<i64> = stream
        .map(|item| Python::attach(|py| item?.extract::<i64>(py)))
        .collect::<Vec<_>>()
        .await
        .into_iter()
        .collect::<PyResult<_>>()?;
    assert_eq!(items, [0, 1, 2, 3, 4]);
    assert_eq!(entries(&log)?.last().map(String::as_str), Some("finally"));
    Ok(())
}

#[pyo3_async_runtimes::async_std::test]
async fn runs_no_further_than_read_and_closes_when_dropped() -> PyResult<()> {
    let (mut stream, log) = numbers(100, 0.0)?;
    for _ in 0..3 {
        stream.next().await.expect("an item")?;
    }
    drop(stream);
    until_logged(&log, "finally").await?;
    assert_eq!(entries(&log)?, ["made 0", "made 1", "made 2", "finally"]);
    Ok(())
}

#[pyo3_async_runtimes::async_std::test]
async fn aclose_waits_for_the_generator_to_close() -> PyResult<()> {
    let (mut stream, log) = numbers(100, 0.0)?;
    stream.next().await.expect("an item")?;
    stream.aclose().await?;
    assert_eq!(entries(&log)?, ["made 0", "finally"]);
    Ok(())
}

#[pyo3_async_runtimes::async_std::test]
async fn an_item_waited_for_is_cancelled() -> PyResult<()> {
    let (mut stream, log) = numbers(10, 30.0)?;
    let waited = async_std::future::timeout(Duration::from_millis(100), stream.next()).await;
    assert!(waited.is_err(), "the first item takes 30 s");
    stream.aclose().await?;
    assert_eq!(entries(&log)?, ["cancelled", "finally"]);
    Ok(())
}

#[pyo3_async_runtimes::async_std::test]
async fn runs_on_its_makers_loop_wherever_it_is_polled() -> PyResult<()> {
    let (stream, log) = numbers(3, 0.0)?;
    // A task of its own, outside the test's task and its task locals.
    let items = async_std::task::spawn(stream.count()).await;
    assert_eq!(items, 3);
    assert_eq!(entries(&log)?.last().map(String::as_str), Some("finally"));
    Ok(())
}

#[pyo3_async_runtimes::async_std::test]
async fn an_exception_is_an_item_then_the_end() -> PyResult<()> {
    let mut stream =
        Python::attach(|py| into_stream(&generators(py)?.call_method1("fails_after", (2,))?))?;
    stream.next().await.expect("item 0")?;
    stream.next().await.expect("item 1")?;
    let err = stream
        .next()
        .await
        .expect("the error")
        .expect_err("fails_after raises");
    Python::attach(|py| {
        assert!(err.is_instance_of::<PyValueError>(py));
        assert_eq!(err.value(py).to_string(), "from the generator");
    });
    assert!(
        stream.next().await.is_none(),
        "the stream ends after the error"
    );
    Ok(())
}

#[pyo3_async_runtimes::async_std::test]
fn refuses_what_is_not_an_async_iterable() -> PyResult<()> {
    Python::attach(|py| {
        let list = PyList::new(py, [1, 2])?;
        let err = into_stream(&list)
            .err()
            .expect("a list is not async-iterable");
        assert!(err.is_instance_of::<PyTypeError>(py));
        assert_eq!(
            err.value(py).to_string(),
            "expected an async iterable, got list"
        );
        Ok(())
    })
}

#[pyo3_async_runtimes::async_std::main]
async fn main() -> PyResult<()> {
    pyo3_async_runtimes::testing::main().await
}
