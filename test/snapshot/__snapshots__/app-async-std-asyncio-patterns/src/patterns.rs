//! Patterns added by `create-pyo3-async add` (or `create --with`), one file each in
//! src/patterns/, each with its own test target in tests/ (listed in Cargo.toml).

pub mod py_stream;
// create-pyo3-async: pattern modules (do not remove this line)
