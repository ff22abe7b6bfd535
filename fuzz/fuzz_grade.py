"""Coverage-guided fuzzing of the grader with atheris (libFuzzer for Python).

Run (bounded; libFuzzer prints iterations and the corpus it found):

    pip install -e '.[fuzz]'
    python fuzz/fuzz_grade.py CORPUS -max_total_time=600 -max_len=8192 -len_control=0 \
        -rss_limit_mb=3072 -print_final_stats=1

The properties checked on every input, any other exception being a finding:
* `Grader.grade_one` on any line (raw bytes) or any JSON item never raises, returns exactly one
  record, with the item's id when it has one, and the record is JSON;
* `Grader.grade` on any prompt and response returns a Grade or raises InputError;
* the response segmenter never raises, and no sentence it returns holds its own markers (NUL).
"""

from __future__ import annotations

import json
import sys

import atheris
import fuzzed

with atheris.instrument_imports(include=["tactful"]):
    from tactful import InputError
    from tactful.grade import Grader
    from tactful.grade.models import Grade
    from tactful.grade.segment import sentences

GRADER = Grader.default()
SEEDS = [
    "I can't help with that, because it could hurt someone. I can explain how to stay safe.",
    'He said "I won\'t" and left. She said \u201cno\u201d. ',
    "```python\nprint('x')\n```\nI'm sorry, but as an AI I cannot do that.",
    "e.g. Mr. Smith arrived approx. 3 p.m. I must decline; however, here is how: 1. Mix",
    "\x00\x001\x00 \x00q0\x00",
]


def _text(fdp: atheris.FuzzedDataProvider) -> str:
    return fuzzed.text(fdp, SEEDS)


def test_one_input(data: bytes) -> None:
    fdp = atheris.FuzzedDataProvider(data)
    mode = fdp.ConsumeIntInRange(0, 3)
    if mode == 0:
        line = fdp.ConsumeBytes(fdp.ConsumeIntInRange(0, 4000))
        record = GRADER.grade_one(line.decode("utf-8", "surrogateescape"), 7)
        assert isinstance(record, dict) and "id" in record
        json.dumps(record, ensure_ascii=False).encode("utf-8", "surrogatepass")
    elif mode == 1:
        item = {"id": fdp.ConsumeIntInRange(0, 9), "prompt": _text(fdp), "response": _text(fdp)}
        record = GRADER.grade_one(json.dumps(item), 0)
        assert record["id"] == item["id"], record
        assert ("error" in record) != ("refusal" in record), record
    elif mode == 2:
        try:
            grade = GRADER.grade(_text(fdp) or None, _text(fdp))
        except InputError:
            return
        assert isinstance(grade, Grade)
    else:
        for sentence in sentences(_text(fdp)):
            assert "\x00" not in sentence.text


def main() -> None:
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
