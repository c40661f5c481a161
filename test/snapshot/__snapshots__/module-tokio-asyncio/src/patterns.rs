//! Patterns added by `create-pyo3-async add` (or `create --with`), one file each in
//! src/patterns/; each registers what it defines in the `#[pymodule]` of src/lib.rs.

// create-pyo3-async: pattern modules (do not remove this line)
