"""Exceptions. A decision is never an exception; these are for misuse and bad configuration.

TactfulError
 ├── PolicyError          a policy file is unreadable or invalid (names file and line)
 ├── ModelError           the bundled model is missing or corrupt
 ├── InputError           one request or line could not be read (the batch goes on); also a
 │    │                   ValueError, so code catching bad values keeps working
 │    └── InputTooLargeError  it breaks a size limit of `tactful.Limits` (HTTP: 413)
 ├── RegistryError        a detector id is unknown or registered twice
 └── BatchError           a batch run cannot start or finish (unreadable input, Ray unavailable)
"""

from __future__ import annotations

from dataclasses import dataclass, field


class TactfulError(Exception):
    """Base of every error tactful raises on purpose."""


@dataclass(frozen=True)
class Problem:
    """One thing wrong in a policy file, located as precisely as the YAML allows."""

    message: str
    path: str = ""  # dotted location inside the document, e.g. categories.cyber_attack.severity
    line: int | None = None  # 1-based

    def render(self, file: str) -> str:
        where = f"{file}:{self.line}" if self.line is not None else file
        at = f" (at {self.path})" if self.path else ""
        return f"{where}: {self.message}{at}"


@dataclass
class PolicyError(TactfulError):
    file: str
    problems: list[Problem] = field(default_factory=list)

    def __str__(self) -> str:
        return "\n".join(p.render(self.file) for p in self.problems) or f"{self.file}: invalid"


class ModelError(TactfulError):
    pass


class InputError(TactfulError, ValueError):
    pass


class InputTooLargeError(InputError):
    """Over a size limit (characters, messages, nesting, line length): never truncated."""


class RegistryError(TactfulError):
    pass


class BatchError(TactfulError):
    pass
