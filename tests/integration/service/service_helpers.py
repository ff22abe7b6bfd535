"""Constants and types the service tests share (conftest holds the fixtures)."""

from __future__ import annotations

import os
from collections.abc import Callable

from fastapi.testclient import TestClient

ADMIN_KEY = "admin-test-key"
ADMIN = {"Authorization": f"Bearer {ADMIN_KEY}"}
IN_CI = os.environ.get("CI", "").lower() == "true"

MakeClient = Callable[..., TestClient]
