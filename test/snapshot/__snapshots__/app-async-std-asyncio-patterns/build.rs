// Binaries and test executables link libpython dynamically. On a machine with more than one
// Python this records where the interpreter pyo3 built against keeps its library (an rpath), so
// the right libpython loads without LD_LIBRARY_PATH. It adds nothing to a maturin-built module.
fn main() {
    pyo3_build_config::add_libpython_rpath_link_args();
}
