//! Patterns added by `create-pyo3-async add` (or `create --with`), one file each in
//! src/patterns/; each registers what it defines in the `#[pymodule]` of src/lib.rs.

pub mod blocking;
pub mod native_sleep;
pub mod store;
pub mod ticker;
pub mod ticks;
// create-pyo3-async: pattern modules (do not remove this line)
