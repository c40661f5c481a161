//! Ends while 1,000 Rust tasks are still calling into Python and awaiting asyncio. It must exit
//! with status 0, print `ok` and nothing on stderr: `cargo run --example exit_in_flight`.

use std::time::Duration;

use pyo3::prelude::*;
use pyo3_async_runtimes::TaskLocals;

use my_app_tokio_asyncio_patterns as app;

fn main() -> PyResult<()> {
    Python::initialize();
    Python::attach(|py| app::run_to_end(py, leave_tasks_in_flight()))?;
    println!("ok");
    Ok(())
}

async fn leave_tasks_in_flight() -> PyResult<()> {
    let locals = Python::attach(|py| app::bridge::get_current_loop(py).map(TaskLocals::new))?;
    for i in 0..1000u64 {
        let locals = locals.clone();
        let _in_flight = app::runtime::spawn(async move {
            tokio::time::sleep(Duration::from_micros(i * 20)).await;
            let sleep = Python::attach(|py| {
                let awaitable = py.import("asyncio")?.call_method1("sleep", (0.001,))?;
                pyo3_async_runtimes::into_future_with_locals(&locals, awaitable)
            });
            if let Ok(sleep) = sleep {
                let _ = sleep.await;
            }
        });
    }
    tokio::time::sleep(Duration::from_millis(10)).await;
    Ok(())
}
