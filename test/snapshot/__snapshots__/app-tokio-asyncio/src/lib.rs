//! A Rust tokio application that embeds Python and awaits asyncio coroutines
//!
//! Rust drives Python here: the tokio runtime runs in the background while Python's
//! asyncio event loop runs on the main thread. Written for pyo3 0.30 and
//! pyo3-async-runtimes 0.30. `src/main.rs` runs it; `tests/rust_bridge.rs` tests it.

use std::ffi::CStr;
use std::path::PathBuf;

use pyo3::prelude::*;
pub mod bridge;
pub mod patterns;
pub mod runtime;

use bridge::{get_current_loop, into_future};

/// A Python module defined inline, standing in for your own Python code.
const PY_EXAMPLE: &CStr = c"
import asyncio


async def py_sleep(seconds):
    await asyncio.sleep(seconds)
    return f'slept {seconds}s in Python'
";

/// What `asyncio.run` does before it closes its loop: the tasks still there are cancelled and
/// awaited, so none is destroyed pending and no coroutine is left never awaited.
const PY_FINISH: &CStr = c"
import asyncio


def finish(loop):
    # Callbacks handed over from runtime threads start their tasks on the loop's next step.
    loop.run_until_complete(asyncio.sleep(0))
    tasks = asyncio.all_tasks(loop)
    for task in tasks:
        task.cancel()
    if tasks:
        loop.run_until_complete(asyncio.gather(*tasks, return_exceptions=True))
    loop.run_until_complete(loop.shutdown_asyncgens())
    loop.close()
";

/// Let the embedded interpreter import the packages of the active virtualenv.
///
/// An embedded Python finds a virtualenv by itself only when the virtualenv's python is first
/// on PATH; with VIRTUAL_ENV alone it would not, so its site-packages are added here.
pub fn use_virtualenv(py: Python<'_>) -> PyResult<()> {
    let Some(venv) = std::env::var_os("VIRTUAL_ENV") else {
        return Ok(());
    };
    let version = py.version_info();
    let site_packages = if cfg!(windows) {
        PathBuf::from(venv).join("Lib").join("site-packages")
    } else {
        PathBuf::from(venv)
            .join("lib")
            .join(format!("python{}.{}", version.major, version.minor))
            .join("site-packages")
    };
    if site_packages.is_dir() {
        py.import("site")?
            .call_method1("addsitedir", (site_packages,))?;
    }
    Ok(())
}

/// The async guide's examples, from Rust: await `asyncio.sleep` and a Python `async def`.
pub async fn run_examples() -> PyResult<()> {
    let fut = Python::attach(|py| {
        let loop_type = get_current_loop(py)?.get_type().fully_qualified_name()?;
        let version = py.version_info();
        println!(
            "embedded Python {}.{}.{}, event loop {loop_type}",
            version.major, version.minor, version.patch
        );
        let asyncio = py.import("asyncio")?;
        // Convert asyncio.sleep(0.1) into a Rust future.
        into_future(asyncio.call_method1("sleep", (0.1,))?)
    })?;
    fut.await?;
    println!("awaited asyncio.sleep(0.1) on tokio");

    let fut = Python::attach(|py| {
        let example = PyModule::from_code(py, PY_EXAMPLE, c"example.py", c"example")?;
        // Calling an async def returns a coroutine; into_future makes it a Rust future.
        into_future(example.call_method1("py_sleep", (0.1,))?)
    })?;
    let result = fut.await?;
    let message: String = Python::attach(|py| result.extract(py))?;
    println!("awaited a Python coroutine: {message}");
    Ok(())
}

/// Runs `fut` to completion on a new event loop in this thread, then stops the runtime.
///
/// The runtime stops before the loop closes and before the program ends, so no task still in
/// flight hands the loop work or runs into Python while the process exits (see src/runtime.rs).
pub fn run_to_end<F>(py: Python<'_>, fut: F) -> PyResult<()>
where
    F: std::future::Future<Output = PyResult<()>> + Send + 'static,
{
    use_virtualenv(py)?;
    let event_loop = py.import("asyncio")?.call_method0("new_event_loop")?;
    let result = bridge::run_until_complete(event_loop.clone(), fut);
    runtime::shutdown(py);
    PyModule::from_code(py, PY_FINISH, c"finish.py", c"finish")?
        .call_method1("finish", (event_loop,))?;
    result.map(drop)
}
