"""Exit stress: each scenario of exit_scenarios.py in fresh interpreters, on each loop.

A run fails on a signal, a non-zero status, or any output on stderr. The default is a few runs
of each; set EXIT_STRESS_RUNS (to 200, say) to hunt intermittent crashes.
"""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from exit_scenarios import SCENARIOS

RUNS = int(os.environ.get("EXIT_STRESS_RUNS", "3"))
SCRIPT = Path(__file__).with_name("exit_scenarios.py")
LOOPS = ["asyncio"]
if sys.platform != "win32":
    try:
        import uvloop  # noqa: F401
    except ImportError:
        pass
    else:
        LOOPS.append("uvloop")


@pytest.mark.parametrize("loop", LOOPS)
@pytest.mark.parametrize("scenario", sorted(SCENARIOS))
def test_exits_cleanly(scenario, loop):
    failures = []
    for _ in range(RUNS):
        run = subprocess.run(
            [sys.executable, str(SCRIPT), scenario, loop],
            capture_output=True,
            check=False,
            text=True,
            timeout=60,
        )
        if run.returncode != 0 or run.stderr or not run.stdout.startswith("ok\n"):
            failures.append(f"status {run.returncode}: {run.stderr.strip()[-800:]}")
    assert not failures, f"{len(failures)} of {RUNS} runs failed; first: {failures[0]}"
