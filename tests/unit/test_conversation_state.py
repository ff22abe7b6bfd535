"""In-process conversation state: appends, expiry, concurrent appends."""

from __future__ import annotations

import threading

from tactful.state import MemoryConversationStore


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_appends_accumulate_per_conversation() -> None:
    store = MemoryConversationStore(ttl=60)
    store.append("a", [{"role": "user", "content": "one"}])
    turns = store.append("a", [{"role": "assistant", "content": "two"},
                               {"role": "user", "content": "three"}])  # fmt: skip
    assert [t["content"] for t in turns] == ["one", "two", "three"]
    assert store.get("b") == []


def test_state_expires_after_the_ttl_and_purge_forgets_it() -> None:
    clock = Clock()
    store = MemoryConversationStore(ttl=60, clock=clock)
    store.append("a", [{"role": "user", "content": "one"}])
    clock.now += 59
    assert len(store.get("a")) == 1
    store.append("a", [{"role": "user", "content": "two"}])  # refreshes the clock
    clock.now += 61
    assert store.get("a") == []
    assert store.append("a", [{"role": "user", "content": "fresh"}]) == [
        {"role": "user", "content": "fresh"}
    ]
    clock.now += 120
    assert store.purge() == 1
    assert store.purge() == 0


def test_concurrent_appends_to_one_conversation_all_land() -> None:
    store = MemoryConversationStore(ttl=60)
    barrier = threading.Barrier(8)

    def worker(n: int) -> None:
        barrier.wait()
        for i in range(20):
            store.append("shared", [{"role": "user", "content": f"{n}-{i}"}])

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    contents = [t["content"] for t in store.get("shared")]
    assert len(contents) == 160
    assert len(set(contents)) == 160
