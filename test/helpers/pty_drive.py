"""Runs a command in a pseudo-terminal and plays a script of (expect text, send keys) steps.

Prints a JSON report: the exit code and everything the terminal showed. Used by the fast tier to
check the real TTY path of the CLI (interactive detection, raw-mode keys, Ctrl-C).
"""

import json
import os
import pty
import select
import signal
import sys
import time

steps = json.loads(sys.argv[1])
argv = sys.argv[2:]
pid, fd = pty.fork()
if pid == 0:
    os.execvp(argv[0], argv)

output = b""


def read_until(text, timeout=10.0):
    global output
    deadline = time.monotonic() + timeout
    while text.encode() not in output:
        left = deadline - time.monotonic()
        if left <= 0:
            raise TimeoutError(f"did not see {text!r}; screen so far: {output.decode(errors='replace')[-500:]!r}")
        ready, _, _ = select.select([fd], [], [], left)
        if ready:
            try:
                output += os.read(fd, 65536)
            except OSError:
                break


error = None
try:
    for expect, send in steps:
        read_until(expect)
        if send.startswith("SIG"):
            os.kill(pid, getattr(signal, send))
        else:
            os.write(fd, send.encode())
        time.sleep(0.05)
except TimeoutError as e:
    error = str(e)
    os.kill(pid, 9)
while True:
    try:
        chunk = os.read(fd, 65536)
    except OSError:
        break
    if not chunk:
        break
    output += chunk
_, status = os.waitpid(pid, 0)
print(json.dumps({"exit": os.waitstatus_to_exitcode(status), "screen": output.decode(errors="replace"), "error": error}))
