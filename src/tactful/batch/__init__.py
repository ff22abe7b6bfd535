"""Batch screening of large corpora: JSONL / Parquet files and folders, locally or on Ray.

`tactful.batch.ray_runner.run_on_ray` is the Ray runner (it imports ray only when called);
nothing in this package imports ray at import time.
"""

from tactful.batch.io import Line, open_sink, read_lines
from tactful.batch.screening import Screener, screen_line

__all__ = ["Line", "Screener", "open_sink", "read_lines", "screen_line"]
