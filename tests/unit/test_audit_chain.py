"""The hash chain's rules, on plain dicts: every kind of tampering is found and named."""

from __future__ import annotations

import copy
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tactful.audit.chain import GENESIS, HASHED_FIELDS, canonical, record_hash, verify


def make_chain(n: int) -> list[dict[str, Any]]:
    records: list[dict[str, Any]] = []
    prev = GENESIS
    for seq in range(1, n + 1):
        record = {field: f"{field}-{seq}" for field in HASHED_FIELDS}
        record.update(seq=seq, id=f"rec-{seq}", prev_hash=prev, latency_ms=1.5 * seq)
        record["hash"] = record_hash(record)
        prev = record["hash"]
        records.append(record)
    return records


def head_of(records: list[dict[str, Any]]) -> tuple[int, str]:
    return (records[-1]["seq"], records[-1]["hash"]) if records else (0, GENESIS)


def test_an_untouched_chain_verifies() -> None:
    chain = make_chain(5)
    verdict = verify(chain, head_of(chain))
    assert verdict.ok
    assert verdict.checked == 5


def test_an_empty_chain_verifies_against_an_empty_head() -> None:
    assert verify([], (0, GENESIS)).ok


@pytest.mark.parametrize("field", [f for f in HASHED_FIELDS if f not in ("seq", "prev_hash")])
def test_editing_any_field_names_the_record(field: str) -> None:
    chain = make_chain(4)
    head = head_of(chain)
    chain[2][field] = "tampered"
    verdict = verify(chain, head)
    assert not verdict.ok
    assert [b.seq for b in verdict.breaks] == [3]
    assert "edited" in str(verdict.breaks[0])


def test_editing_and_rehashing_one_record_breaks_the_link_to_the_next() -> None:
    chain = make_chain(4)
    head = head_of(chain)
    chain[1]["request"] = "rewritten"
    chain[1]["hash"] = record_hash(chain[1])
    verdict = verify(chain, head)
    assert [b.record_id for b in verdict.breaks] == ["rec-3"]
    assert "prev_hash" in verdict.breaks[0].problem


def test_a_deleted_record_is_named_by_the_gap_it_leaves() -> None:
    chain = make_chain(5)
    head = head_of(chain)
    del chain[2]
    verdict = verify(chain, head)
    assert not verdict.ok
    assert {b.record_id for b in verdict.breaks} == {"rec-4"}
    assert "deleted" in str(verdict.breaks[0])


def test_a_deleted_tail_is_caught_by_the_head() -> None:
    chain = make_chain(5)
    head = head_of(chain)
    verdict = verify(chain[:-1], head)
    assert not verdict.ok
    assert verdict.breaks[0].record_id is None
    assert "seq 5" in verdict.breaks[0].problem


def test_an_inserted_record_is_caught_even_with_a_valid_hash() -> None:
    chain = make_chain(4)
    head = head_of(chain)
    forged = copy.deepcopy(chain[1])
    forged.update(id="forged", request="never happened", seq=3)
    forged["hash"] = record_hash(forged)
    tampered = [*chain[:2], forged, *({**r, "seq": r["seq"] + 1} for r in chain[2:])]
    verdict = verify(tampered, head)
    assert not verdict.ok
    assert "forged" in {b.record_id for b in verdict.breaks}


def test_canonical_json_does_not_depend_on_key_order() -> None:
    assert canonical({"b": 1, "a": [1, "é"]}) == canonical({"a": [1, "é"], "b": 1})


def test_a_record_without_a_hashed_field_is_an_error_not_a_pass() -> None:
    record = make_chain(1)[0]
    del record["decision"]
    with pytest.raises(KeyError, match="decision"):
        record_hash(record)


@given(st.integers(min_value=1, max_value=12), st.data())
def test_any_single_edit_is_detected(n: int, data: st.DataObject) -> None:
    chain = make_chain(n)
    head = head_of(chain)
    index = data.draw(st.integers(min_value=0, max_value=n - 1))
    field = data.draw(st.sampled_from([f for f in HASHED_FIELDS if f != "seq"]))
    chain[index][field] = data.draw(st.text(min_size=1)) + "!"
    assert not verify(chain, head).ok
