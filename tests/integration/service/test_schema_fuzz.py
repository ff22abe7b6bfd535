"""Schemathesis against the service on loopback (fuzz/fuzz_api.py, fixed seeds, few examples):
every check of `--checks all` passes, with the reviewer routes open and closed, and the server
logs no traceback. The long runs are in docs/robustness.md; this keeps the contract in CI."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]


@pytest.mark.parametrize("reviewer", ["open", "closed"])
def test_the_service_passes_schemathesis(reviewer: str) -> None:
    command = [sys.executable, str(ROOT / "fuzz" / "fuzz_api.py"), "--max-examples", "15",
               "--seed", "15", "--workers", "1"]  # fmt: skip
    if reviewer == "closed":
        command.append("--no-admin")
    run = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=600)
    report = run.stdout[-6000:] + run.stderr[-2000:]
    assert run.returncode == 0, report
    assert "server tracebacks: 0" in run.stdout, report
    summary = run.stdout.split("SUMMARY")[-1]
    assert "passed" in summary and "Failures:" not in summary and "Errors:" not in summary, report
