/**
 * Name rules for the three identities a project has: the Cargo package, the Rust library /
 * Python import name, and the directory it lives in. Rules follow cargo's and CPython's own,
 * plus collisions that only show up later (a module named `asyncio` shadows the stdlib).
 */

// Strict, 2018+ reserved and 2024 (`gen`) keywords: any of them breaks `use <lib>::...`.
const RUST_KEYWORDS = new Set(
  (
    'as break const continue crate else enum extern false fn for if impl in let loop match mod move mut pub ref ' +
    'return self Self static struct super trait true type unsafe use where while async await dyn abstract become ' +
    'box do final macro override priv typeof unsized virtual yield try gen union'
  ).split(' '),
);

// Names cargo itself refuses or that collide with crates a generated project depends on, on
// either stack (pyo3_asyncio is the legacy bridge: two crates of that name cannot link).
const RESERVED_CRATES = new Set(
  'test std core alloc proc_macro build deps examples incremental pyo3 pyo3_async_runtimes pyo3_asyncio pyo3_build_config pyo3_ffi tokio async_std'.split(
    ' ',
  ),
);

const WINDOWS_RESERVED = /^(con|prn|aux|nul|com[1-9]|lpt[1-9])$/i;

const PYTHON_KEYWORDS = new Set(
  (
    'False None True and as assert async await break class continue def del elif else except finally for from ' +
    'global if import in is lambda nonlocal not or pass raise return try while with yield'
  ).split(' '),
);

// sys.stdlib_module_names (3.11, public names) plus the modules generated projects import.
const SHADOWED_MODULES = new Set(
  (
    'abc aifc antigravity argparse array ast asynchat asyncio asyncore atexit audioop base64 bdb binascii bisect ' +
    'builtins bz2 cProfile calendar cgi cgitb chunk cmath cmd code codecs codeop collections colorsys compileall ' +
    'concurrent configparser contextlib contextvars copy copyreg crypt csv ctypes curses dataclasses datetime dbm ' +
    'decimal difflib dis distutils doctest email encodings ensurepip enum errno faulthandler fcntl filecmp fileinput ' +
    'fnmatch fractions ftplib functools gc genericpath getopt getpass gettext glob graphlib grp gzip hashlib heapq ' +
    'hmac html http idlelib imaplib imghdr imp importlib inspect io ipaddress itertools json keyword lib2to3 ' +
    'linecache locale logging lzma mailbox mailcap marshal math mimetypes mmap modulefinder msilib msvcrt ' +
    'multiprocessing netrc nis nntplib nt ntpath nturl2path numbers opcode operator optparse os ossaudiodev pathlib ' +
    'pdb pickle pickletools pipes pkgutil platform plistlib poplib posix posixpath pprint profile pstats pty pwd ' +
    'py_compile pyclbr pydoc pydoc_data pyexpat queue quopri random re readline reprlib resource rlcompleter runpy ' +
    'sched secrets select selectors shelve shlex shutil signal site smtpd smtplib sndhdr socket socketserver spwd ' +
    'sqlite3 sre_compile sre_constants sre_parse ssl stat statistics string stringprep struct subprocess sunau ' +
    'symtable sys sysconfig syslog tabnanny tarfile telnetlib tempfile termios textwrap this threading time timeit ' +
    'tkinter token tokenize tomllib trace traceback tracemalloc tty turtle turtledemo types typing unicodedata ' +
    'unittest urllib uu uuid venv warnings wave weakref webbrowser winreg winsound wsgiref xdrlib xml xmlrpc ' +
    'zipapp zipfile zipimport zlib zoneinfo ' +
    'uvloop maturin pytest pytest_asyncio pip setuptools wheel typing_extensions mypy ruff ' +
    // What the test extra and the linters install beside them: shadowing one breaks pytest or mypy.
    'anyio sniffio idna exceptiongroup tomli pluggy iniconfig packaging py pygments colorama mypy_extensions pathspec'
  )
    .split(' ')
    .map((n) => n.toLowerCase()),
);

export const MAX_NAME_LENGTH = 64; // crates.io's limit

/**
 * The modules of a module project's tests/ folder. pytest puts tests/ first on sys.path (it has
 * no __init__.py), so a package of one of these names would import the test file instead.
 * test/unit/names.test.ts checks this against templates/module/tests/.
 */
export const TEST_MODULES: readonly string[] = ['conftest', 'exit_scenarios', 'test_bridge', 'test_exit'];

export function toModuleName(crateName: string): string {
  return crateName.replaceAll('-', '_');
}

/** Returns why `name` is not a usable Cargo package name, or undefined when it is. */
export function crateNameProblem(name: string): string | undefined {
  if (name.length === 0) return 'the name is empty';
  if (name.length > MAX_NAME_LENGTH) return `the name is longer than ${MAX_NAME_LENGTH} characters`;
  const bad = [...name].find((c) => !/[A-Za-z0-9_-]/.test(c));
  if (bad !== undefined) {
    return `${JSON.stringify(bad)} is not allowed: use only ASCII letters, digits, "-" and "_"`;
  }
  if (/^[0-9]/.test(name)) return 'a crate name cannot start with a digit';
  if (/^[-_]/.test(name)) return 'a crate name cannot start with "-" or "_"';
  // PEP 508 (and so pip) wants a project name to end with a letter or digit.
  if (/[-_]$/.test(name)) return 'the name cannot end with "-" or "_" (pip refuses such a Python project name)';
  const ident = toModuleName(name);
  if (RUST_KEYWORDS.has(name) || RUST_KEYWORDS.has(ident)) return `"${name}" is a Rust keyword`;
  if (RESERVED_CRATES.has(ident)) return `"${name}" is reserved by cargo or collides with a dependency`;
  if (WINDOWS_RESERVED.test(name)) return `"${name}" is a reserved file name on Windows`;
  // rustc's non_snake_case lint, which the generated CI's `clippy -D warnings` turns into an error.
  if (/[A-Z]/.test(name)) return 'a crate name must be lower case (rustc warns on a crate name that is not snake case, and the generated CI denies warnings)';
  if (/[-_]{2}/.test(name)) return 'two separators in a row ("--", "__", "-_") make the crate name not snake case for rustc';
  return undefined;
}

/** Returns why `moduleName` cannot be the project's Python import name, or undefined. */
export function moduleNameProblem(moduleName: string): string | undefined {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(moduleName)) return `"${moduleName}" is not a Python identifier`;
  if (PYTHON_KEYWORDS.has(moduleName)) return `"${moduleName}" is a Python keyword`;
  if (SHADOWED_MODULES.has(moduleName.toLowerCase())) {
    return `module "${moduleName}" would shadow the standard library or a dependency module`;
  }
  if (TEST_MODULES.includes(moduleName)) {
    return `the generated test suite has tests/${moduleName}.py, which pytest would import instead of the package`;
  }
  return undefined;
}

// The generated Rust code imports the library under a short alias (`use <crate> as native;`);
// a crate of that very name would read `use native as native;`, which rustfmt --check refuses.
const RUST_ALIAS = { module: 'native', app: 'app' } as const;

/** All problems with `name` for a project of this kind (Python rules apply to modules only). */
export function nameProblem(name: string, kind: 'module' | 'app'): string | undefined {
  const crate = crateNameProblem(name);
  if (crate !== undefined) return crate;
  if (toModuleName(name) === RUST_ALIAS[kind]) {
    return `the generated Rust code imports the library as "${RUST_ALIAS[kind]}" (\`use <crate> as ${RUST_ALIAS[kind]};\`), so the crate cannot have that name`;
  }
  return kind === 'module' ? moduleNameProblem(toModuleName(name)) : undefined;
}

/** A nearby valid name to offer in error messages. */
export function suggestName(raw: string, kind: 'module' | 'app'): string {
  let s = raw
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    // CamelCase words become kebab-case words: MyLib -> my-lib, HTTPServer -> http-server.
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1-$2')
    .toLowerCase()
    .replace(/[^a-z0-9_-]+/g, '-')
    .replace(/[-_]{2,}/g, (run) => run[0]!)
    .replace(/^[^a-z]+/, '')
    .slice(0, MAX_NAME_LENGTH - '-async'.length)
    .replace(/[-_]+$/, '');
  if (s === '') s = 'pyo3-async-project';
  return nameProblem(s, kind) === undefined ? s : `${s}-async`;
}

// A UTF-16 surrogate without its other half: no UTF-8 file, TOML or Rust literal can hold it.
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

// Bidirectional controls (embeddings, overrides, isolates): "Trojan Source" text that displays
// in another order than it reads; rustc refuses them in doc comments, where the description goes.
const BIDI_CONTROL = /[\u202a-\u202e\u2066-\u2069]/;
const BIDI_NAMES: Readonly<Record<number, string>> = {
  0x202a: 'LEFT-TO-RIGHT EMBEDDING',
  0x202b: 'RIGHT-TO-LEFT EMBEDDING',
  0x202c: 'POP DIRECTIONAL FORMATTING',
  0x202d: 'LEFT-TO-RIGHT OVERRIDE',
  0x202e: 'RIGHT-TO-LEFT OVERRIDE',
  0x2066: 'LEFT-TO-RIGHT ISOLATE',
  0x2067: 'RIGHT-TO-LEFT ISOLATE',
  0x2068: 'FIRST STRONG ISOLATE',
  0x2069: 'POP DIRECTIONAL ISOLATE',
};

const codePoint = (c: string) => `U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;

/** Returns why `text` cannot be a project description, or undefined (length is checked by the caller). */
export function descriptionProblem(text: string): string | undefined {
  const lone = LONE_SURROGATE.exec(text);
  if (lone !== null) {
    return `the description contains an unpaired surrogate (${codePoint(lone[0])} at ${lone.index}), which cannot be written as UTF-8`;
  }
  const bidi = BIDI_CONTROL.exec(text);
  if (bidi !== null) {
    const c = bidi[0];
    return (
      `the description contains ${codePoint(c)} ${BIDI_NAMES[c.charCodeAt(0)]} at ${bidi.index}, a bidirectional control that makes ` +
      'text display in another order than it reads (Trojan Source); rustc refuses it in doc comments'
    );
  }
  return undefined;
}
