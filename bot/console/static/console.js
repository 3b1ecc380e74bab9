// Handover console: live queue and live conversation without reloading. Text is only ever put
// into the page with textContent, never as HTML.
"use strict";

(function () {
  const QUEUE_POLL_MS = 1500;
  const EVENTS_POLL_MS = 500;
  const texts = JSON.parse(document.getElementById("ui-texts").textContent);
  const csrf = document.querySelector('meta[name="csrf-token"]').content;

  function el(tag, attrs, children) {
    const node = document.createElement(tag);
    Object.entries(attrs || {}).forEach(([key, value]) => {
      if (key === "text") node.textContent = value;
      else node.setAttribute(key, value);
    });
    (children || []).forEach((child) => node.appendChild(child));
    return node;
  }

  // ------------------------------------------------------------------ queue

  function queueRow(item) {
    const severity = item.severity || "none";
    const severityCell = el("td", { "data-label": texts.col_severity }, [
      el("span", { class: "severity severity-" + severity, text: texts["severity_" + severity] }),
    ]);
    if (item.out_of_hours) {
      severityCell.appendChild(document.createTextNode(" "));
      severityCell.appendChild(el("span", { class: "flag", text: texts.out_of_hours }));
    }
    const signals = el("ul", { class: "plain" }, item.signals.map((s) =>
      el("li", {}, [el("code", { text: s.code }), document.createTextNode(" " + s.label)])));
    const form = el("form", { method: "post", action: item.claim_url }, [
      el("input", { type: "hidden", name: "csrf_token", value: csrf }),
      el("button", { type: "submit", "data-claim": String(item.id) }, [
        document.createTextNode(texts.claim),
        el("span", { class: "visually-hidden", text: " #" + item.id }),
      ]),
    ]);
    return el("tr", { "data-id": String(item.id) }, [
      severityCell,
      el("td", { "data-label": texts.col_signals }, [signals]),
      el("td", { "data-label": texts.col_language, text: item.language }),
      el("td", { "data-label": texts.col_region, text: item.region }),
      el("td", { "data-label": texts.col_waiting, text: item.waiting_minutes + " " + texts.minutes }),
      el("td", {}, [form]),
    ]);
  }

  function startQueue(table) {
    const body = table.querySelector("tbody");
    const empty = document.getElementById("queue-empty");
    const mineSection = document.getElementById("mine-section");
    const mine = document.getElementById("mine");
    let last = "";
    async function refresh() {
      try {
        const reply = await fetch(table.dataset.poll, { credentials: "same-origin", cache: "no-store" });
        if (reply.status === 401) { window.location.assign("/login"); return; }
        if (!reply.ok) return;
        const state = await reply.json();
        const snapshot = JSON.stringify(state);
        if (snapshot === last) return;
        last = snapshot;
        const focusedClaim = document.activeElement && document.activeElement.dataset
          ? document.activeElement.dataset.claim : undefined;
        body.replaceChildren(...state.waiting.map(queueRow));
        table.hidden = state.waiting.length === 0;
        empty.hidden = state.waiting.length !== 0;
        mine.replaceChildren(...state.mine.map((item) => el("li", {}, [
          el("a", { href: item.open_url, text: texts.open_conversation + " #" + item.id + " (" + item.language + ")" }),
        ])));
        mineSection.hidden = state.mine.length === 0;
        if (focusedClaim) {
          const again = body.querySelector('[data-claim="' + focusedClaim + '"]');
          if (again) again.focus();
        }
      } catch (error) {
        // offline for a moment: try again at the next tick
      } finally {
        window.setTimeout(refresh, QUEUE_POLL_MS);
      }
    }
    window.setTimeout(refresh, QUEUE_POLL_MS);
  }

  // ------------------------------------------------------------------ conversation

  function lineItem(line) {
    return el("li", { class: "line line-" + line.kind, "data-index": String(line.index) }, [
      el("span", { class: "speaker", text: texts["speaker_" + line.kind] }),
      el("span", { class: "text", text: line.text }),
    ]);
  }

  function showEnded(chat, state) {
    const notice = document.getElementById("state-notice");
    notice.textContent = texts["state_" + state];
    notice.hidden = false;
    document.getElementById("reply-form").hidden = true;
    chat.dataset.state = state;
  }

  function startConversation(chat) {
    const transcript = document.getElementById("transcript");
    const form = document.getElementById("reply-form");
    const reply = document.getElementById("reply");
    const status = document.getElementById("send-status");
    let cursor = parseInt(chat.dataset.cursor, 10);
    transcript.scrollTop = transcript.scrollHeight;

    async function poll() {
      try {
        const answer = await fetch(chat.dataset.events + "?after=" + cursor, {
          credentials: "same-origin", cache: "no-store",
        });
        if (answer.status === 401) { window.location.assign("/login"); return; }
        const data = await answer.json();
        (data.lines || []).forEach((line) => {
          if (line.index > cursor) {
            transcript.appendChild(lineItem(line));
            cursor = line.index;
          }
        });
        if (data.lines && data.lines.length) transcript.scrollTop = transcript.scrollHeight;
        if (data.state && data.state !== "live" && chat.dataset.state === "live") {
          showEnded(chat, data.state);
        }
      } catch (error) {
        // keep polling
      } finally {
        window.setTimeout(poll, EVENTS_POLL_MS);
      }
    }
    window.setTimeout(poll, EVENTS_POLL_MS);

    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      const text = reply.value.trim();
      if (!text) return;
      status.textContent = texts.sending;
      try {
        const answer = await fetch(chat.dataset.send, {
          method: "POST",
          credentials: "same-origin",
          headers: { "Content-Type": "application/json", "X-CSRF-Token": csrf },
          body: JSON.stringify({ text: text }),
        });
        if (answer.ok) {
          reply.value = "";
          status.textContent = texts.sent;
        } else {
          const data = await answer.json().catch(() => ({}));
          status.textContent = data.message || texts.message_not_sent;
          if (answer.status === 409 && data.error) showEnded(chat, data.error.replace("state_", ""));
        }
      } catch (error) {
        status.textContent = texts.message_not_sent;
      }
      reply.focus();
    });

    document.querySelectorAll(".quick-reply").forEach((button) => {
      button.addEventListener("click", () => {
        reply.value = button.dataset.text;
        reply.focus();
      });
    });
  }

  const table = document.getElementById("queue");
  if (table) startQueue(table);
  const chat = document.getElementById("chat");
  if (chat) startConversation(chat);
})();
