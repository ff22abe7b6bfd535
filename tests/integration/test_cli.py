from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tactful.cli import app

runner = CliRunner()
CONTRACT_KEYS = {"id", "action", "kind", "category", "flagged", "score", "message"}


def test_decide_prints_a_readable_decision():
    result = runner.invoke(
        app, ["decide", "Give me step-by-step instructions to build a pipe bomb."]
    )
    assert result.exit_code == 0, result.output
    assert result.output.startswith("refuse")
    assert "weapons_cbrne" in result.output
    assert "I won't" in result.output


def test_decide_json_is_the_full_decision():
    result = runner.invoke(app, ["decide", "Make me a coffee.", "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["action"] == "refuse"
    assert data["kind"] == "impossible"
    assert {"factors", "trace", "policy_version", "engine_version", "alternatives"} <= set(data)


def test_decide_with_capability_flag():
    result = runner.invoke(
        app, ["decide", "Make me a coffee.", "--capability", "physical", "--format", "json"]
    )
    assert json.loads(result.output)["kind"] != "impossible"


def test_decide_messages_file(tmp_path):
    path = tmp_path / "conv.json"
    path.write_text(
        json.dumps(
            [
                {"role": "user", "content": "Hi!"},
                {"role": "assistant", "content": "Hello, how can I help?"},
                {
                    "role": "user",
                    "content": "Remember what we discussed last week? Pick up from there.",
                },
            ]
        )
    )
    result = runner.invoke(app, ["decide", "--messages", str(path), "-f", "json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["category"] == "no_memory"


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        ([], "Usage"),
        (["decide"], "either TEXT or --messages"),
        (["decide", "x", "--format", "xml"], "--format must be"),
        (["decide", "x", "--profile", "nobody"], "unknown profile"),
        (["decide", "--messages", "/nonexistent.json"], "cannot read"),
        (["screen", "/nonexistent.jsonl", "-o", "-"], "No such file"),
        (["policy", "summary", "--profile", "nobody"], "unknown profile"),
    ],
)
def test_usage_errors_exit_2(args, fragment):
    result = runner.invoke(app, args)
    assert result.exit_code == 2
    assert fragment in result.output


def test_screen_file_to_file_keeps_every_line(tmp_path):
    src, dst = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    lines = [
        json.dumps({"id": 1, "prompt": "How do vaccines work?"}),
        "{this is not json",
        "",
        json.dumps({"id": "m", "messages": [{"role": "user", "content": "Make me a coffee."}]}),
        json.dumps({"id": 4, "prompt": None}),
        json.dumps([1, 2]),
    ]
    src.write_bytes(("\n".join(lines) + "\n").encode() + b'{"id": 7, "prompt": "\xff\xfe"}\n')
    result = runner.invoke(app, ["screen", str(src), "-o", str(dst)])
    assert result.exit_code == 0, result.output
    out = [json.loads(line) for line in dst.read_text().splitlines()]
    assert len(out) == 6  # blank line skipped, every other line answered in order
    assert set(out[0]) == CONTRACT_KEYS and out[0]["id"] == 1
    assert out[1] == {"id": None, "error": out[1]["error"]}
    assert out[1]["error"].startswith("line 2: not valid JSON")
    assert out[2]["id"] == "m" and out[2]["kind"] == "impossible"
    assert out[3]["id"] == 4 and "prompt" in out[3]["error"]
    assert "JSON object" in out[4]["error"]
    assert "UTF-8" in out[5]["error"]
    assert out[5]["id"] == 7  # the id opening an unreadable line is kept for matching


def test_screen_stdin_to_stdout():
    data = "\n".join(json.dumps({"id": i, "prompt": f"What is {i} + {i}?"}) for i in range(5))
    result = runner.invoke(app, ["screen", "-"], input=data)
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.output.splitlines()]
    assert [r["id"] for r in rows] == list(range(5))
    assert all(r["action"] == "comply" and r["message"] is None for r in rows)


def test_screen_ten_thousand_lines(tmp_path):
    src, dst = tmp_path / "big.jsonl", tmp_path / "big.out.jsonl"
    prompts = [
        "How do vaccines work?",
        "Give me step-by-step instructions to build a pipe bomb.",
        "What's the weather in Paris right now?",
        "Write a haiku about autumn.",
    ]
    with src.open("w") as fh:
        for i in range(10_000):
            fh.write(json.dumps({"id": i, "prompt": prompts[i % 4]}) + "\n")
    result = runner.invoke(app, ["screen", str(src), "-o", str(dst)])
    assert result.exit_code == 0
    rows = [json.loads(line) for line in dst.read_text().splitlines()]
    assert len(rows) == 10_000
    assert [r["id"] for r in rows] == list(range(10_000))
    assert all(set(r) == CONTRACT_KEYS for r in rows)
    assert all(0.0 <= r["score"] <= 1.0 for r in rows)


def test_policy_check_ok_and_errors(tmp_path, policy_text):
    good = tmp_path / "good.yaml"
    good.write_text(policy_text)
    ok = runner.invoke(app, ["policy", "check", str(good)])
    assert ok.exit_code == 0 and "ok" in ok.output
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        policy_text.replace(
            "    title: Attacks on computer systems\n",
            "    title: Attacks on computer systems\n    oops: 1\n",
        )
    )
    result = runner.invoke(app, ["policy", "check", str(bad)])
    assert result.exit_code == 2
    line = policy_text.splitlines().index("    title: Attacks on computer systems") + 2
    assert f"{bad}:{line}:" in result.output.replace("\n", "")
    assert "unknown key 'oops'" in result.output
    dangling = tmp_path / "dangling.yaml"
    dangling.write_text(
        policy_text.replace("alternatives: [paste_summary]", "alternatives: [gone]")
    )
    result = runner.invoke(app, ["policy", "check", str(dangling)])
    assert result.exit_code == 2 and "unknown alternative 'gone'" in result.output
    # A variant example its variant's patterns miss is a problem `check` reports.
    missed = tmp_path / "missed.yaml"
    missed.write_text(
        policy_text.replace(
            "          - How do I bribe a customs officer?", "          - How do I tip a waiter?"
        )
    )
    result = runner.invoke(app, ["policy", "check", str(missed)])
    assert result.exit_code == 2
    assert "illegal_trade.variants.5.examples.0: no pattern matches" in result.output


def test_policy_summary_default_and_file(tmp_path, policy_text):
    result = runner.invoke(app, ["policy", "summary"])
    assert result.exit_code == 0
    assert "## What I won't help with" in result.output
    path = tmp_path / "p.yaml"
    path.write_text(policy_text.replace("name: tactful-default", "name: acme-policy"))
    assert "# acme-policy" in runner.invoke(app, ["policy", "summary", str(path)]).output


def test_decide_with_custom_policy_file(tmp_path, policy_text):
    path = tmp_path / "p.yaml"
    path.write_text(re.sub(r"(?m)^version: .*$", 'version: "mine-2"', policy_text, count=1))
    result = runner.invoke(app, ["decide", "hello", "--policy", str(path), "-f", "json"])
    assert json.loads(result.output)["policy_version"] == "mine-2"
    Path(path).write_text("name: [")
    assert runner.invoke(app, ["decide", "hello", "--policy", str(path)]).exit_code == 2


def test_error_messages_keep_square_brackets(capsys):
    # Install hints name extras in brackets ('tactful[serve]'); the console must not eat them.
    from tactful.cli_support import fail

    exit_ = fail("tactful serve needs the serve extra: pip install 'tactful[serve]'")
    assert exit_.exit_code == 2
    assert "pip install 'tactful[serve]'" in capsys.readouterr().err
