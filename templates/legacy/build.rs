// Binaries and test executables link libpython dynamically. On a machine with more than one
// Python this records where the interpreter pyo3 built against keeps its library (an rpath), so
// the right libpython loads without LD_LIBRARY_PATH. pyo3-build-config 0.20 has no
// add_libpython_rpath_link_args, so this does what that function does in later versions. It
// adds nothing to a maturin-built module: maturin sets PYO3_BUILD_EXTENSION_MODULE, and such a
// module does not link libpython.
use std::env;

fn main() {
    println!("cargo:rerun-if-env-changed=PYO3_BUILD_EXTENSION_MODULE");
    if env::var_os("PYO3_BUILD_EXTENSION_MODULE").is_some() {
        return;
    }
    let target = |key: &str| env::var(format!("CARGO_CFG_TARGET_{key}")).unwrap_or_default();
    let (os, arch) = (target("OS"), target("ARCH"));
    // Windows has no rpath; webassembly targets other than emscripten do not support one.
    if os == "windows" || os == "cygwin" || (arch.starts_with("wasm") && os != "emscripten") {
        return;
    }
    if let Some(lib_dir) = &pyo3_build_config::get().lib_dir {
        println!("cargo:rustc-link-arg=-Wl,-rpath,{lib_dir}");
    }
}
