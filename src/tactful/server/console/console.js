// The review console: plain JS against the reviewer API; the admin key stays in this tab.
"use strict";

const $ = (selector) => document.querySelector(selector);
let apiKey = sessionStorage.getItem("tactful-key") || "";

function el(tag, text, attrs = {}) {
  const node = document.createElement(tag);
  if (text !== undefined && text !== null) node.textContent = String(text);
  for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, value);
  return node;
}

function say(message, isError = false) {
  const status = $("#status");
  status.textContent = message;
  status.className = isError ? "error" : "";
}

async function api(path, options = {}) {
  const headers = { Authorization: `Bearer ${apiKey}`, ...(options.headers || {}) };
  if (options.body) headers["Content-Type"] = "application/json";
  const response = await fetch(path, { ...options, headers });
  const body = await response.json().catch(() => ({}));
  if (!response.ok) {
    const message = (body.error && body.error.message) || response.statusText;
    throw new Error(`${response.status}: ${message}`);
  }
  return body;
}

function fillList(dl, pairs) {
  dl.replaceChildren();
  for (const [name, value] of pairs) {
    dl.append(el("dt", name), el("dd", value === null || value === "" ? "—" : value));
  }
}

async function loadRecords() {
  const params = new URLSearchParams({ limit: "100" });
  const action = $("#filter-action").value;
  const category = $("#filter-category").value.trim();
  if (action) params.set("action", action);
  if (category) params.set("category", category);
  const records = await api(`/v1/audit/records?${params}`);
  const body = $("#records tbody");
  body.replaceChildren();
  for (const r of records) {
    const row = el("tr", null, { "data-id": r.id });
    row.append(el("td", r.seq), el("td", r.created_at.replace("T", " ").slice(0, 19)),
      el("td", r.action, { class: `action-${r.action}` }), el("td", r.kind),
      el("td", r.category || ""), el("td", `${r.latency_ms.toFixed(1)} ms`));
    row.addEventListener("click", () => showRecord(r.id, row));
    body.append(row);
  }
  say(`${records.length} decisions`);
}

async function showRecord(id, row) {
  const r = await api(`/v1/audit/records/${encodeURIComponent(id)}`);
  document.querySelectorAll("#records tr.selected").forEach((n) => n.classList.remove("selected"));
  if (row) row.classList.add("selected");
  const d = r.decision;
  $("#detail-id").textContent = r.id;
  fillList($("#detail-summary"), [
    ["action", d.action], ["kind", d.kind], ["category", d.category],
    ["flagged", String(d.flagged)], ["score", d.score.toFixed(3)], ["reason", d.reason],
    ["message", d.message], ["profile", d.profile],
    ["versions", `policy ${r.policy_version}, engine ${r.engine_version}`],
  ]);
  $("#detail-request").textContent = r.request_mode === "hash"
    ? `(kept as a hash only) ${r.request}`
    : r.request.map((m) => `${m.role}: ${m.content}`).join("\n");
  const f = d.factors;
  fillList($("#detail-factors"), [
    ["severity", f.severity], ["probability", f.probability.toFixed(3)],
    ["reversibility", f.reversibility], ["availability", f.availability],
    ["operational detail", f.operational_detail], ["stated purpose", f.intent.purpose],
    ["malicious cues", f.intent.malicious_cues.join(", ")],
  ]);
  const trace = $("#detail-trace");
  trace.replaceChildren();
  for (const t of d.trace) {
    const score = t.score === null ? "" : ` (${t.score})`;
    trace.append(el("li", `${t.step}: ${t.name}${t.detail ? " — " + t.detail : ""}${score}`));
  }
  $("#detail").hidden = false;
}

async function loadAppeals() {
  const status = $("#appeal-status").value;
  const appeals = await api(`/v1/appeals${status ? `?status=${status}` : ""}`);
  const body = $("#appeal-table tbody");
  body.replaceChildren();
  for (const a of appeals) {
    const row = el("tr", null, { "data-appeal": a.id });
    const decision = el("td");
    const link = el("a", a.action, { href: "#", class: `action-${a.action}` });
    link.addEventListener("click", (event) => { event.preventDefault(); openDecision(a.record_id); });
    decision.append(link);
    const ruling = el("td");
    if (a.status === "pending") {
      const note = el("textarea", null, { placeholder: "note for the record", "aria-label": "note" });
      const uphold = el("button", "Uphold", { type: "button", class: "uphold" });
      const overturn = el("button", "Overturn", { type: "button", class: "overturn" });
      uphold.addEventListener("click", () => resolve(a.id, "upheld", note.value));
      overturn.addEventListener("click", () => resolve(a.id, "overturned", note.value));
      ruling.append(note, uphold, overturn);
    } else {
      ruling.textContent = `${a.reviewer}: ${a.note}`;
    }
    row.append(el("td", a.created_at.replace("T", " ").slice(0, 19)), decision,
      el("td", a.category || ""), el("td", a.reason), el("td", a.status, { class: "status" }),
      ruling);
    body.append(row);
  }
  say(`${appeals.length} appeals`);
}

async function resolve(id, outcome, note) {
  if (!note.trim()) { say("write a note before ruling", true); return; }
  try {
    await api(`/v1/appeals/${encodeURIComponent(id)}/resolve`, {
      method: "POST", body: JSON.stringify({ outcome, note, reviewer: "console" }),
    });
    await loadAppeals();
    say(`appeal ${outcome}`);
  } catch (error) { say(error.message, true); }
}

function showTab(name) {
  for (const tab of document.querySelectorAll(".tab")) {
    const active = tab.dataset.tab === name;
    tab.setAttribute("aria-pressed", String(active));
    $(`#${tab.dataset.tab}`).hidden = !active;
  }
}

async function openDecision(id) {
  showTab("decisions");
  try { await showRecord(id, null); } catch (error) { say(error.message, true); }
}

async function connect() {
  try {
    await loadRecords();
    sessionStorage.setItem("tactful-key", apiKey);
    $("#main").hidden = false;
  } catch (error) {
    $("#main").hidden = true;
    say(error.message, true);
  }
}

$("#key-form").addEventListener("submit", (event) => {
  event.preventDefault();
  apiKey = $("#api-key").value;
  connect();
});
$("#filters").addEventListener("submit", (event) => {
  event.preventDefault();
  loadRecords().catch((error) => say(error.message, true));
});
$("#appeal-status").addEventListener("change", () => loadAppeals().catch((e) => say(e.message, true)));
for (const tab of document.querySelectorAll(".tab")) {
  tab.addEventListener("click", () => {
    showTab(tab.dataset.tab);
    const load = tab.dataset.tab === "appeals" ? loadAppeals : loadRecords;
    load().catch((error) => say(error.message, true));
  });
}
if (apiKey) { $("#api-key").value = apiKey; connect(); }
