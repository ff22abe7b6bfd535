"""What the fuzz targets share: text drawn from the fuzzer's bytes."""

from __future__ import annotations

import atheris


def text(fdp: atheris.FuzzedDataProvider, seeds: list[str]) -> str:
    """A seed that reaches the code under test followed by fuzz, or fuzz alone (lone
    surrogates included half the time: valid JSON, but not text)."""
    if fdp.ConsumeBool():
        return fdp.PickValueInList(seeds) + fdp.ConsumeUnicodeNoSurrogates(64)
    size = fdp.ConsumeIntInRange(0, 3000)
    return fdp.ConsumeUnicode(size) if fdp.ConsumeBool() else fdp.ConsumeUnicodeNoSurrogates(size)
