"""Contrast pairs generated from a small table of harm topics and request frames.

Real harmful sets ask *for* harm in many wordings; real benign sets rarely ask *about* the same
topics. A model trained on them learns that a topic word means harm, and refuses "how do I spot a
pyramid scheme?". Crossing each topic with defensive, educational and prosocial frames (benign)
and with operational frames (harmful) puts every topic word on both sides, so what separates the
classes is the frame of the request. The table is data the project writes
(`data/written/contrast_pairs.yaml`); the generation is seeded. The same module puts everyday
tasks (`data/written/everyday_tasks.yaml`) in the operational frames, as benign rows: the
other half of the lesson, that a frame alone is no sign of harm.
"""

from __future__ import annotations

import random
import re
from pathlib import Path

import yaml

from tactful.training.data import Example

#: Per topic: how many frames of each kind are drawn (the rest would only repeat the lesson).
PER_TOPIC = {"benign_np": 8, "benign_vp": 2, "harmful_vp": 4}
#: Per everyday task: how many operational frames are drawn.
PER_TASK = 4
PER_GROUP = {"benign_group": 5, "harmful_group": 2}
#: A first-person act ("cut myself") cannot be put in a third-person frame.
_FIRST_PERSON = re.compile(r"\b(my|myself|me|i)\b", re.IGNORECASE)


def contrast_examples(path: Path, seed: int = 13) -> list[Example]:
    """Training rows from a written table: harm topics crossed with benign and harmful frames,
    or everyday tasks (a table with `tasks`) put in the frames harmful requests use."""
    table = yaml.safe_load(path.read_text(encoding="utf-8"))
    if "tasks" in table:
        return _everyday_examples(table, f"written:{path.stem}", seed)
    frames: dict[str, list[str]] = table["frames"]
    rng = random.Random(seed)
    source = f"written:{path.stem}"
    rows: list[Example] = []

    def draw(kind: str, k: int) -> list[str]:
        return rng.sample(frames[kind], min(k, len(frames[kind])))

    for topic in table["topics"]:
        category, np_, vp = topic["category"], topic["np"], topic["vp"]
        for frame in draw("benign_np", PER_TOPIC["benign_np"]):
            rows.append(Example(_sentence(frame.format(np=np_)), 0, None, source))
        if not _FIRST_PERSON.search(vp):
            for frame in draw("benign_vp", PER_TOPIC["benign_vp"]):
                rows.append(Example(_sentence(frame.format(vp=vp)), 0, None, source))
        for frame in draw("harmful_vp", PER_TOPIC["harmful_vp"]):
            if "without" in frame and "without" in vp:
                continue  # "… without being seen without getting caught"
            rows.append(Example(_sentence(frame.format(vp=vp)), 1, category, source))
    for group in table["groups"]:
        for frame in draw("benign_group", PER_GROUP["benign_group"]):
            rows.append(Example(_sentence(frame.format(g=group)), 0, None, source))
        for frame in draw("harmful_group", PER_GROUP["harmful_group"]):
            rows.append(Example(_sentence(frame.format(g=group)), 1, "hate_harassment", source))
    return rows


def _everyday_examples(table: dict[str, list[str]], source: str, seed: int) -> list[Example]:
    """Benign rows: each everyday task asked the way harmful sets ask ("How do I …?", "Give me
    step-by-step instructions to …"), so the frame alone is no sign of harm."""
    rng = random.Random(seed)
    frames = table["frames"]
    return [
        Example(_sentence(frame.format(vp=task)), 0, None, source)
        for task in table["tasks"]
        for frame in rng.sample(frames, min(PER_TASK, len(frames)))
    ]


def _sentence(text: str) -> str:
    # Frames start with a capital; a lower-case frame stays lower-case (people type both ways).
    return text[0].upper() + text[1:] if text[:1].isupper() else text
