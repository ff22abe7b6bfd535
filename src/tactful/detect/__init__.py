"""Detection: signals about a request (what it is about, what it asks for, and why)."""

from tactful.detect.base import Detector, DetectorFactory, Request, Resources
from tactful.detect.registry import ENTRY_POINT_GROUP, Registry

__all__ = ["ENTRY_POINT_GROUP", "Detector", "DetectorFactory", "Registry", "Request", "Resources"]
