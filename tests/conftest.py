from __future__ import annotations

from pathlib import Path

import pytest

from tactful import Engine
from tactful.policy import Policy, default_policy

DEFAULT_POLICY_FILE = Path(__file__).parents[1] / "src" / "tactful" / "policy" / "default.yaml"


@pytest.fixture(scope="session")
def engine() -> Engine:
    return Engine.default()


@pytest.fixture(scope="session")
def policy() -> Policy:
    return default_policy()


@pytest.fixture
def policy_text() -> str:
    return DEFAULT_POLICY_FILE.read_text(encoding="utf-8")
