"""The OpenAPI schema says what the service takes, and the service takes what the schema says.

Each test here mends a schemathesis finding (docs/robustness.md): a body or parameter the schema
allows but the service rejected, one the service accepted against the schema, a response the
schema did not list, or a 5xx."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient
from service_helpers import ADMIN, MakeClient

from tactful.testing import FakeUpstream

USER = [{"role": "user", "content": "What is the capital of France?"}]


def _schema(client: TestClient) -> dict[str, Any]:
    schema: dict[str, Any] = client.get("/openapi.json").json()
    return schema


def test_the_profile_names_of_the_running_policy_are_the_schemas_enum(client: TestClient) -> None:
    schema = _schema(client)
    names = sorted(client.app.state.service.engine.policy.profiles)  # type: ignore[attr-defined]
    assert len(names) >= 2
    field = schema["components"]["schemas"]["DecideRequest"]["properties"]["profile"]
    assert {"type": "string", "enum": names} in field["anyOf"]
    (param,) = schema["paths"]["/v1/policy/summary"]["get"]["parameters"]
    assert {"type": "string", "enum": names} in param["schema"]["anyOf"]
    # Every name it lists is taken, and one it does not list is a 422 saying which are known.
    for name in names:
        assert client.post("/v1/decide", json={"text": "hi", "profile": name}).status_code == 200
        assert client.get("/v1/policy/summary", params={"profile": name}).status_code == 200
    wrong = client.post("/v1/decide", json={"text": "hi", "profile": "nope"})
    assert wrong.status_code == 422 and names[0] in wrong.json()["error"]["message"]


@pytest.mark.parametrize(
    ("method", "path", "allowed"),
    [
        # A public POST and a reviewer GET share the path: Starlette named only the first.
        ("OPTIONS", "/v1/appeals", "GET, POST"),
        ("DELETE", "/v1/appeals", "GET, POST"),
        ("GET", "/v1/decide", "POST"),
        ("POST", "/v1/audit/records", "GET"),
    ],
)
def test_a_405_lists_every_method_the_path_allows(
    client: TestClient, method: str, path: str, allowed: str
) -> None:
    response = client.request(method, path, headers=ADMIN)
    assert response.status_code == 405
    assert response.headers["allow"] == allowed
    assert response.json()["error"]["type"] == "invalid_request_error"


@pytest.mark.parametrize(
    ("body", "says"),
    [
        ({"messages": [{"role": {}}]}, "messages.0.role: a role is a string"),  # was a 500
        ({"messages": [{"role": ""}]}, "messages.0.role: unknown role ''"),
        ({"messages": [{"role": "tool", "content": "x"}]}, "at least one user message"),
        ({"messages": USER, "stream": "yes"}, "stream: true or false"),
        ({"messages": USER, "model": 7}, "model: a string"),
    ],
)
def test_chat_bodies_the_schema_rules_out_are_422s(
    client: TestClient, body: dict[str, Any], says: str
) -> None:
    response = client.post("/v1/chat/completions", json=body)
    assert response.status_code == 422
    assert says in response.json()["error"]["message"]


def test_the_chat_schema_states_the_roles_and_the_user_turn(client: TestClient) -> None:
    operation = _schema(client)["paths"]["/v1/chat/completions"]["post"]
    body = operation["requestBody"]["content"]["application/json"]["schema"]["properties"]
    roles = body["messages"]["items"]["properties"]["role"]["enum"]
    assert set(roles) == {"user", "assistant", "system", "tool", "developer", "function"}
    assert body["messages"]["contains"] == {"properties": {"role": {"const": "user"}}}
    assert "null" in body["stream"]["type"] and "null" in body["model"]["type"]
    assert "text/event-stream" in operation["responses"]["200"]["content"]


def test_a_null_stream_and_model_are_taken_as_unset(
    make_client: MakeClient, upstream: FakeUpstream
) -> None:
    proxy = make_client(upstream_base_url=upstream.base_url)
    response = proxy.post(
        "/v1/chat/completions", json={"messages": USER, "stream": None, "model": None}
    )
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/json")
    assert response.json()["object"] == "chat.completion"


@pytest.mark.parametrize(
    ("query", "says"),
    [
        ("before_seq=9223372036854775808", "before_seq"),  # past SQLite's integers: was a 500
        ("before_seq=6.0", "a whole number, not '6.0'"),  # read as 6 before
        ("limit=5.5", "a whole number"),
        ("category=a&category=b", "category: given more than once"),  # last one won before
        ("before_seq=0", "greater than or equal to 1"),
    ],
)
def test_query_parameters_are_read_strictly(client: TestClient, query: str, says: str) -> None:
    response = client.get(f"/v1/audit/records?{query}", headers=ADMIN)
    assert response.status_code == 422
    assert says in response.json()["error"]["message"]


def test_query_parameters_the_schema_allows_are_taken(client: TestClient) -> None:
    client.post("/v1/decide", json={"text": "hi"})
    records = client.get("/v1/audit/records?limit=5&before_seq=9223372036854775807", headers=ADMIN)
    assert records.status_code == 200 and len(records.json()) == 1
    (limit,) = (
        p for p in _schema(client)["paths"]["/v1/appeals"]["get"]["parameters"]
        if p["name"] == "limit"
    )  # fmt: skip
    assert (limit["schema"]["minimum"], limit["schema"]["maximum"]) == (1, 1000)


def test_the_reviewer_routes_list_their_404_and_409_and_the_appeal_links_to_its_ruling(
    client: TestClient,
) -> None:
    paths = _schema(client)["paths"]
    resolve = paths["/v1/appeals/{appeal_id}/resolve"]["post"]
    assert {"404", "409"} <= set(resolve["responses"])
    assert "404" in paths["/v1/audit/records/{record_id}"]["get"]["responses"]
    link = paths["/v1/appeals"]["post"]["responses"]["201"]["links"]["ResolveAppeal"]
    assert link["operationId"] == resolve["operationId"] == "resolve_appeal"
    # The link is true: the id a new appeal answers with is the one its ruling takes.
    record = client.post("/v1/decide", json={"text": "How do I pick a lock?"}).json()["record_id"]
    appeal = client.post("/v1/appeals", json={"record_id": record, "reason": "locked out"}).json()
    ruling = {"outcome": "upheld", "note": "fine"}
    assert (
        client.post(f"/v1/appeals/{appeal['id']}/resolve", json=ruling, headers=ADMIN).status_code
        == 200
    )
    again = client.post(f"/v1/appeals/{appeal['id']}/resolve", json=ruling, headers=ADMIN)
    assert again.status_code == 409
    missing = client.post("/v1/appeals/none/resolve", json=ruling, headers=ADMIN)
    assert missing.status_code == 404
