// defuse console: the live parts of the server-rendered pages.
// - forms with data-api send their fields as JSON to the API, with the session's CSRF token,
//   then reload or go to data-then (where "{id}" becomes the id of what was created);
// - "Use" buttons put a suggested wording into the reply box, and data-fill-api buttons the
//   text the API drafts (the follow-up message);
// - the reply box runs the draft check as the agent types and asks before sending a draft it did
//   not pass (`revise` or `rewrite`);
// - the "Try it" batch analyses many lines one by one and shows progress;
// - the header shows how many notifications are unread;
// - in a Chatwoot Dashboard App, the page asks the Chatwoot that frames it (only the origin the
//   server names) which conversation is open, and goes to its case.
// Client text only ever reaches the page through textContent, never as markup.
"use strict";

(function () {
  const csrf = () => document.querySelector('meta[name="csrf-token"]')?.content || "";

  async function api(method, url, body) {
    const init = { method, headers: { "X-CSRF-Token": csrf() }, credentials: "same-origin" };
    if (body !== undefined) {
      init.headers["Content-Type"] = "application/json";
      init.body = JSON.stringify(body);
    }
    const response = await fetch(url, init);
    const text = await response.text();
    const data = text ? JSON.parse(text) : null;
    if (!response.ok) {
      const e = data && data.error;
      const where = e && e.field ? ` (${e.field})` : "";
      throw new Error(e ? e.message + where : `request failed (${response.status})`);
    }
    return data;
  }

  // ---- forms posting JSON to the API ----

  function fieldValue(el) {
    if (el.type === "checkbox") return el.checked;
    const v = el.value;
    if ("list" in el.dataset) return v.trim() ? [v.trim()] : [];
    switch (el.dataset.type) {
      case "int": return v === "" ? null : parseInt(v, 10);
      case "datetime": return v === "" ? null : new Date(v).toISOString();
      case "dates": return v.split(/[\s,]+/).filter(Boolean);
      default: return v;
    }
  }

  function formBody(form) {
    let url = form.dataset.api;
    const body = {};
    for (const el of form.elements) {
      if (!el.name || el.disabled) continue;
      const value = fieldValue(el);
      const slot = `{${el.name}}`;
      if (url.includes(slot)) { url = url.replace(slot, encodeURIComponent(value)); continue; }
      if ((value === null || value === "") && ("optional" in el.dataset || el.dataset.type)) continue;
      body[el.name] = value;
    }
    return { url, body };
  }

  async function submitApiForm(form, submitter) {
    const error = form.querySelector(".form-error");
    if (error) error.textContent = "";
    const differs = [...form.querySelectorAll("[data-same-as]")].find((el) => el.value !== document.getElementById(el.dataset.sameAs).value);
    if (differs) {
      if (error) error.textContent = "The two new passwords differ.";
      return;
    }
    const { url, body } = formBody(form);
    const method = form.dataset.method || "POST";
    const buttons = form.querySelectorAll("button");
    buttons.forEach((b) => { b.disabled = true; });
    try {
      const result = await api(method, url, Object.keys(body).length ? body : undefined);
      if (submitter && submitter.dataset.alsoApi) {
        await api(submitter.dataset.alsoMethod || "POST", submitter.dataset.alsoApi, JSON.parse(submitter.dataset.alsoBody || "{}"));
      }
      const show = form.dataset.show;
      if (show) {
        const out = form.querySelector(".form-result");
        const value = result && result[show];
        if (out) out.textContent = value ? `Done. Password to pass on (shown once): ${value}` : "Done.";
        form.reset();
        return;
      }
      const then = (form.dataset.then || "reload").replace("{id}", result && result.id);
      if (then === "reload") window.location.reload(); else window.location.assign(then);
    } catch (e) {
      if (error) error.textContent = e.message; else window.alert(e.message);
    } finally {
      buttons.forEach((b) => { b.disabled = false; });
    }
  }

  document.addEventListener("submit", (event) => {
    const form = event.target;
    if (!(form instanceof HTMLFormElement) || !form.dataset.api) return;
    event.preventDefault();
    if (form.id === "reply-form") { replySubmit(form); return; }
    submitApiForm(form, event.submitter);
  });

  // ---- the reply box and its draft check ----

  const encoder = new TextEncoder();
  const decoder = new TextDecoder();
  // The API's spans are byte offsets into UTF-8; the DOM counts UTF-16 units.
  const index = (text, byte) => decoder.decode(encoder.encode(text).slice(0, byte)).length;

  let lastCheck = null; // { draft, verdict }
  let checkTimer = null;
  let checkSeq = 0;

  function turnsOf(form) {
    try { return JSON.parse(form.dataset.checkTurns || "[]"); } catch (_) { return []; }
  }

  async function runCheck(form) {
    const box = form.querySelector("#reply");
    const draft = box.value;
    const seq = ++checkSeq;
    if (!draft.trim()) { renderCheck(form, draft, null); lastCheck = null; return null; }
    try {
      const check = await api("POST", "/api/v1/check-reply", { draft, turns: turnsOf(form) });
      if (seq !== checkSeq) return null;
      lastCheck = { draft, verdict: check.verdict };
      renderCheck(form, draft, check);
      return check;
    } catch (e) {
      form.querySelector("#check-verdict").textContent = `The check failed: ${e.message}`;
      return null;
    }
  }

  function renderCheck(form, draft, check) {
    const verdict = form.querySelector("#check-verdict");
    const preview = form.querySelector("#check-preview");
    const list = form.querySelector("#check-findings");
    list.replaceChildren();
    preview.replaceChildren();
    if (!check) {
      verdict.className = "muted";
      verdict.textContent = "The check appears here as you type.";
      preview.hidden = true;
      return;
    }
    verdict.className = `verdict verdict-${check.verdict}`;
    const heading = {
      send: "Ready to send",
      revise: "Revise before sending",
      rewrite: "Do not send as written: this would make things worse",
    }[check.verdict] || check.verdict;
    verdict.textContent = check.verdict === "send"
      ? `${heading} · ${check.score}/100`
      : `${heading} · ${check.score}/100 · ${check.findings.length} finding(s)`;
    // The draft with each finding underlined, built from text nodes only.
    const spans = check.findings.map((f) => [index(draft, f.start), index(draft, f.end), f]).sort((a, b) => a[0] - b[0]);
    let at = 0;
    for (const [start, end, f] of spans) {
      if (start < at) continue;
      preview.append(document.createTextNode(draft.slice(at, start)));
      const u = document.createElement("u");
      u.className = "finding";
      u.title = f.message;
      u.textContent = draft.slice(start, end);
      preview.append(u);
      at = end;
    }
    preview.append(document.createTextNode(draft.slice(at)));
    preview.hidden = spans.length === 0;
    for (const f of check.findings) {
      const li = document.createElement("li");
      const kind = document.createElement("strong");
      kind.textContent = f.kind.replaceAll("_", " ");
      li.append(kind, document.createTextNode(`: ${f.message}`));
      if (f.text) {
        const q = document.createElement("q");
        q.textContent = f.text;
        li.append(document.createTextNode(" "), q);
      }
      if (f.rewrite) {
        const b = document.createElement("button");
        b.type = "button";
        b.className = "small";
        b.textContent = "Use rewrite";
        b.title = f.rewrite;
        b.addEventListener("click", () => applyRewrite(form, f));
        const r = document.createElement("span");
        r.className = "rewrite";
        r.textContent = ` → ${f.rewrite} `;
        li.append(r, b);
      }
      list.append(li);
    }
  }

  function applyRewrite(form, f) {
    const box = form.querySelector("#reply");
    const text = box.value;
    if (lastCheck && lastCheck.draft === text && f.end > f.start) {
      box.value = text.slice(0, index(text, f.start)) + f.rewrite + text.slice(index(text, f.end));
    } else {
      box.value = f.rewrite;
    }
    box.focus();
    // A rewrite may leave a gap to fill ("by <time>"): select it, so typing replaces it.
    const gap = box.value.match(/<[A-Za-z][^<>\n]{0,59}>/);
    if (gap) box.setSelectionRange(gap.index, gap.index + gap[0].length);
    scheduleCheck(form, 0);
  }

  function scheduleCheck(form, delay) {
    clearTimeout(checkTimer);
    lastCheck = null;
    form.querySelector("#revise-warning").hidden = true;
    checkTimer = setTimeout(() => runCheck(form), delay);
  }

  async function replySubmit(form, confirmed) {
    const warning = form.querySelector("#revise-warning");
    const draft = form.querySelector("#reply").value;
    let verdict = lastCheck && lastCheck.draft === draft ? lastCheck.verdict : null;
    if (!verdict) {
      clearTimeout(checkTimer);
      const check = await runCheck(form);
      verdict = check ? check.verdict : "send";
    }
    if (verdict !== "send" && !confirmed) {
      warning.hidden = false;
      form.querySelector("#keep-editing").focus();
      return;
    }
    warning.hidden = true;
    submitApiForm(form);
  }

  function fillReply(text) {
    const box = document.getElementById("reply");
    if (!box) return;
    box.value = box.value.trim() ? `${box.value.trimEnd()}\n\n${text}` : text;
    box.focus();
    scheduleCheck(box.form, 0);
  }

  async function fillFromApi(button) {
    button.disabled = true;
    try {
      const drafted = await api("GET", button.dataset.fillApi);
      fillReply(drafted.text);
    } catch (e) {
      const error = document.querySelector("#reply-form .form-error");
      if (error) error.textContent = e.message;
    } finally {
      button.disabled = false;
    }
  }

  document.addEventListener("click", (event) => {
    const target = event.target.closest("button");
    if (!target) return;
    if (target.dataset.fillReply !== undefined) fillReply(target.dataset.fillReply);
    if (target.dataset.fillFrom) fillReply(document.getElementById(target.dataset.fillFrom).value);
    if (target.dataset.fillApi) fillFromApi(target);
    if (target.id === "send-anyway") replySubmit(target.form, true);
    if (target.id === "keep-editing") {
      target.form.querySelector("#revise-warning").hidden = true;
      target.form.querySelector("#reply").focus();
    }
    if (target.id === "batch-run") runBatch();
  });

  document.addEventListener("input", (event) => {
    if (event.target.id === "reply") scheduleCheck(event.target.form, 400);
  });

  // ---- what the agent found, put into the suggested reply without losing the draft ----

  async function putFound(form) {
    const button = form.querySelector("button");
    button.disabled = true;
    try {
      const url = `${form.action}?${new URLSearchParams(new FormData(form))}`;
      const response = await fetch(url, { credentials: "same-origin" });
      if (!response.ok) throw new Error(`request failed (${response.status})`);
      const page = new DOMParser().parseFromString(await response.text(), "text/html");
      const fresh = page.querySelector("div.suggested");
      const shown = document.querySelector("div.suggested");
      if (fresh && shown) shown.replaceWith(fresh);
    } catch (e) {
      form.submit();
    } finally {
      button.disabled = false;
    }
  }

  document.addEventListener("submit", (event) => {
    if (!event.target.matches("form.found")) return;
    event.preventDefault();
    putFound(event.target);
  });

  // ---- "Try it": many lines, one request each, with progress ----

  async function runBatch() {
    const lines = document.getElementById("batch-lines").value.split("\n").map((l) => l.trim()).filter(Boolean);
    const progress = document.getElementById("batch-progress");
    const status = document.getElementById("batch-status");
    const table = document.getElementById("batch-results");
    const tbody = table.querySelector("tbody");
    const run = document.getElementById("batch-run");
    tbody.replaceChildren();
    if (!lines.length) { status.textContent = "Paste at least one message."; return; }
    run.disabled = true;
    progress.hidden = false;
    progress.max = lines.length;
    table.hidden = false;
    for (let i = 0; i < lines.length; i++) {
      progress.value = i;
      status.textContent = `Analysing ${i + 1} of ${lines.length}…`;
      const row = document.createElement("tr");
      try {
        const a = await api("POST", "/api/v1/analyze", { text: lines[i] });
        const causes = a.causes.filter((c) => c.score >= 0.5).map((c) => c.cause.replaceAll("_", " ")).join(", ");
        for (const cell of [String(i + 1), a.level, a.hostility.toFixed(2), a.top_emotion || "none", causes, lines[i]]) {
          const td = document.createElement("td");
          td.textContent = cell;
          row.append(td);
        }
        row.className = `level-row-${a.level}`;
      } catch (e) {
        const td = document.createElement("td");
        td.colSpan = 6;
        td.textContent = `Line ${i + 1}: ${e.message}`;
        row.append(td);
      }
      tbody.append(row);
    }
    progress.value = lines.length;
    status.textContent = `Done: ${lines.length} analysed.`;
    run.disabled = false;
  }

  // ---- the count of unread notifications in the header ----

  async function showUnread() {
    const badge = document.querySelector("[data-unread]");
    if (!badge) return;
    try {
      const { unread } = await api("GET", "/api/v1/notifications/unread");
      badge.textContent = String(unread);
      badge.hidden = unread === 0;
    } catch (e) {
      badge.hidden = true;
    }
  }
  showUnread();

  // ---- the Chatwoot Dashboard App ----

  function followChatwoot() {
    const app = document.getElementById("chatwoot-app");
    if (!app || window.parent === window) return;
    const origin = app.dataset.origin;
    window.addEventListener("message", (event) => {
      if (event.origin !== origin || typeof event.data !== "string") return;
      let message;
      try {
        message = JSON.parse(event.data);
      } catch (e) {
        return;
      }
      const conversation = message && message.event === "appContext" && message.data && message.data.conversation;
      if (!conversation) return;
      const account = conversation.account_id;
      const id = conversation.id;
      if (Number.isInteger(account) && Number.isInteger(id)) {
        window.location.assign(`/chatwoot/conversations/${account}/${id}`);
      }
    });
    window.parent.postMessage("chatwoot-dashboard-app:fetch-info", origin);
  }
  followChatwoot();
})();
