"""Which detectors exist: built-ins plus anything installed under the `tactful.detectors` group."""

from __future__ import annotations

from collections.abc import Iterable
from importlib.metadata import entry_points

from tactful.detect.base import Detector, DetectorFactory, Resources
from tactful.detect.cautions import CautionDetector, NotePatternDetector
from tactful.detect.classifier import ClassifierDetector
from tactful.detect.compound import CompoundDetector
from tactful.detect.cues import IntentDetector, OperationalDetector
from tactful.detect.patterns import (
    capability_detector,
    harm_pattern_detector,
    professional_detector,
)
from tactful.errors import RegistryError

ENTRY_POINT_GROUP = "tactful.detectors"

#: Detectors that look at the whole message once rather than at each part.
MESSAGE_SCOPE = frozenset({"compound"})

BUILTINS: dict[str, DetectorFactory] = {
    "compound": CompoundDetector,
    "intent": IntentDetector,
    "operational": OperationalDetector,
    "capability": capability_detector,
    "professional": professional_detector,
    "harm_patterns": harm_pattern_detector,
    "classifier": ClassifierDetector,
    "cautions": CautionDetector,
    "note_patterns": NotePatternDetector,
}


class Registry:
    """Detector factories by id. An object, not a singleton: engines may hold different ones."""

    def __init__(self, factories: dict[str, DetectorFactory] | None = None) -> None:
        self._factories: dict[str, DetectorFactory] = dict(factories or {})

    @classmethod
    def default(cls, *, plugins: bool = True) -> Registry:
        registry = cls(BUILTINS)
        if plugins:
            for ep in entry_points(group=ENTRY_POINT_GROUP):
                registry.register(ep.name, ep.load())
        return registry

    def register(self, id: str, factory: DetectorFactory) -> None:
        if id in self._factories:
            raise RegistryError(f"a detector with id {id!r} is already registered")
        self._factories[id] = factory

    @property
    def ids(self) -> list[str]:
        return list(self._factories)

    def build(self, resources: Resources, ids: Iterable[str] | None = None) -> list[Detector]:
        chosen = list(self._factories) if ids is None else list(ids)
        unknown = [i for i in chosen if i not in self._factories]
        if unknown:
            raise RegistryError(f"unknown detector ids {unknown}; known: {self.ids}")
        if not chosen:
            raise RegistryError("no detectors selected")
        return [self._factories[i](resources) for i in chosen]
