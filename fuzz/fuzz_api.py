"""Schemathesis against the service's OpenAPI schema, the way a deployment runs it.

Run (needs the `fuzz` and `serve` extras; nothing leaves loopback):

    python fuzz/fuzz_api.py --max-examples 100

Starts the scripted OpenAI-compatible upstream of `tactful.testing` (so the proxy forwards
instead of answering 502 "no upstream"), the service under uvicorn on a free port with a
temporary SQLite audit database and an admin key (so the reviewer routes are exercised, not only
their 401/403), then `schemathesis run --checks all` with that key. With `--no-admin` the
reviewer routes stay closed, as in a default deployment. Exits with schemathesis' status.
"""

from __future__ import annotations

import argparse
import os
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

from tactful.testing import FakeUpstream

ADMIN_KEY = "fuzz-admin-key"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def _wait_ready(url: str, server: subprocess.Popen[bytes], seconds: float = 60.0) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"the service exited with {server.returncode} before it was ready")
        try:
            if httpx.get(f"{url}/readyz", timeout=1.0).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    raise SystemExit(f"the service at {url} was not ready within {seconds:g} s")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--max-examples", type=int, default=100)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--seed", type=int, default=None)
    parser.add_argument("--no-admin", action="store_true", help="leave the reviewer routes closed")
    args = parser.parse_args()

    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    with tempfile.TemporaryDirectory() as tmp, FakeUpstream() as upstream:
        env = dict(os.environ)
        env.update(
            TACTFUL_DATABASE_URL=f"sqlite:///{Path(tmp) / 'audit.db'}",
            TACTFUL_UPSTREAM_BASE_URL=upstream.base_url,
        )
        if not args.no_admin:
            env["TACTFUL_ADMIN_API_KEY"] = ADMIN_KEY
        log = (Path(tmp) / "server.log").open("wb")
        serve = [sys.executable, "-m", "uvicorn", "tactful.server.app:create_app", "--factory",
                 "--port", str(port), "--log-level", "warning"]  # fmt: skip
        server = subprocess.Popen(
            serve,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        try:
            _wait_ready(url, server)
            # The one beside this interpreter: a venv's, even when its bin is not on PATH.
            beside = Path(sys.executable).with_name("schemathesis")
            command = [
                str(beside) if beside.exists() else "schemathesis", "run", f"{url}/openapi.json",
                "--checks", "all", "--max-examples", str(args.max_examples),
                "--workers", str(args.workers),
            ]  # fmt: skip
            if args.seed is not None:
                command += ["--seed", str(args.seed)]
            if not args.no_admin:
                command += ["-H", f"Authorization: Bearer {ADMIN_KEY}"]
            started = time.monotonic()
            status = subprocess.call(command)
            print(f"schemathesis exit {status} in {time.monotonic() - started:.0f} s")
        finally:
            server.terminate()
            server.wait(timeout=30)
            log.close()
            errors = (Path(tmp) / "server.log").read_text(errors="replace")
            tracebacks = errors.count("Traceback (most recent call last)")
            print(f"server tracebacks: {tracebacks}")
            if tracebacks:
                print(errors[-4000:])
                status = status or 1
    return status


if __name__ == "__main__":
    raise SystemExit(main())
