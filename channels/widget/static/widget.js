// The chat page. It keeps nothing on the device: the session secret lives in a variable only
// (no storage, no cookies), so closing or reloading the tab ends what this page knew.
(function () {
  "use strict";

  const LANGUAGES = ["nl", "en", "ro", "bg", "hu", "es", "pl"];
  const SOCKET_PATH = "/webhooks/widget/socket";
  const AWAY_PATH = "/webhooks/widget/away";
  const ESCAPE_TWICE_MS = 1000;
  const MAX_RECONNECT_DELAY_MS = 15000;
  const URL_PATTERN = /https?:\/\/[^\s<>"]+[^\s<>".,;:!?)]/g;

  const elements = {
    log: document.getElementById("log"),
    status: document.getElementById("status"),
    composer: document.getElementById("composer"),
    message: document.getElementById("message"),
    messageLabel: document.getElementById("message-label"),
    send: document.getElementById("send"),
    picker: document.getElementById("language"),
    pickerLabel: document.getElementById("language-label"),
    quickExit: document.getElementById("quick-exit"),
    quickExitHint: document.getElementById("quick-exit-hint"),
  };

  const state = {
    secret: null,
    socket: null,
    posterCode: takePosterCode(),
    uiLanguage: supportedLanguage(navigator.language) || "en",
    chosenLanguage: null,
    statusKey: null,
    reconnectAttempts: 0,
    reconnectTimer: null,
    lastEscapeAt: -Infinity,
    leaving: false,
  };

  function supportedLanguage(tag) {
    if (typeof tag !== "string") return null;
    const base = tag.trim().replace("_", "-").split("-")[0].toLowerCase();
    return LANGUAGES.includes(base) ? base : null;
  }

  // A poster link (?p=<code>) is read once and taken out of the address bar and history entry.
  function takePosterCode() {
    const code = new URLSearchParams(window.location.search).get("p");
    if (window.location.search || window.location.hash) {
      window.history.replaceState(null, "", window.location.pathname);
    }
    return code;
  }

  function t(key) {
    return WIDGET_STRINGS[state.uiLanguage][key];
  }

  function languageHint() {
    return state.chosenLanguage || navigator.language || state.uiLanguage;
  }

  function applyLanguage(language) {
    state.uiLanguage = language;
    document.documentElement.lang = language;
    elements.picker.value = language;
    elements.pickerLabel.textContent = t("language_label");
    elements.quickExit.textContent = t("quick_exit");
    elements.quickExitHint.textContent = t("quick_exit_hint");
    elements.log.setAttribute("aria-label", t("conversation_label"));
    elements.messageLabel.textContent = t("message_label");
    elements.message.placeholder = t("placeholder");
    elements.send.textContent = t("send");
    for (const group of elements.log.querySelectorAll(".choices")) {
      group.setAttribute("aria-label", t("choices_label"));
    }
    setStatus(state.statusKey);
  }

  function setStatus(key) {
    state.statusKey = key;
    elements.status.textContent = key ? t(key) : "";
  }

  function speakerLabel(key) {
    const label = document.createElement("span");
    label.className = "visually-hidden";
    label.textContent = t(key) + ": ";
    return label;
  }

  // Text as text nodes (never HTML); web addresses become links that open in a new tab.
  function appendText(parent, text) {
    let last = 0;
    for (const match of text.matchAll(URL_PATTERN)) {
      parent.append(text.slice(last, match.index));
      const link = document.createElement("a");
      link.href = match[0];
      link.textContent = match[0];
      link.target = "_blank";
      link.rel = "noopener noreferrer";
      parent.append(link);
      last = match.index + match[0].length;
    }
    parent.append(text.slice(last));
  }

  function addMessage(kind, text) {
    const item = document.createElement("div");
    item.className = "message " + kind;
    item.append(speakerLabel(kind === "user" ? "you" : "assistant"));
    appendText(item, text);
    elements.log.append(item);
    return item;
  }

  // The newest message in view; a long one from its first line, so nothing is skipped.
  function reveal(item) {
    const tall = item.offsetHeight > elements.log.clientHeight;
    item.scrollIntoView({ block: tall ? "start" : "end" });
  }

  function addBotMessage(text, buttons) {
    const item = addMessage("bot", text || "");
    if (buttons && buttons.length) {
      const group = document.createElement("div");
      group.className = "choices";
      group.setAttribute("role", "group");
      group.setAttribute("aria-label", t("choices_label"));
      for (const choice of buttons) {
        const button = document.createElement("button");
        button.type = "button";
        button.textContent = choice.title;
        button.addEventListener("click", function () {
          send(choice.payload, choice.title);
        });
        group.append(button);
      }
      item.append(group);
    }
    reveal(item);
  }

  function addNotice(key) {
    const item = document.createElement("div");
    item.className = "message notice";
    item.textContent = t(key) || t("bad_request");
    elements.log.append(item);
    reveal(item);
  }

  function isOpen() {
    return state.socket !== null && state.socket.readyState === WebSocket.OPEN;
  }

  // `shown` is what the person sees as their own message (a button's title, or the text).
  function send(text, shown) {
    if (!isOpen()) {
      setStatus("reconnecting");
      return false;
    }
    state.socket.send(JSON.stringify({ type: "message", text: text, language: languageHint() }));
    if (shown) reveal(addMessage("user", shown));
    return true;
  }

  function onFrame(frame) {
    if (frame.type === "session") {
      state.secret = frame.secret;
      state.posterCode = null;
      state.reconnectAttempts = 0;
      setStatus(null);
      const posterLanguage = supportedLanguage(frame.language);
      if (posterLanguage && !state.chosenLanguage) applyLanguage(posterLanguage);
    } else if (frame.type === "bot") {
      addBotMessage(frame.text, frame.buttons);
    } else if (frame.type === "error") {
      addNotice(frame.code);
    }
  }

  function connect() {
    state.reconnectTimer = null;
    const scheme = window.location.protocol === "https:" ? "wss://" : "ws://";
    const socket = new WebSocket(scheme + window.location.host + SOCKET_PATH);
    state.socket = socket;
    socket.addEventListener("open", function () {
      const hello = { type: "hello", language: languageHint() };
      if (state.secret) hello.secret = state.secret;
      if (state.posterCode) hello.poster = state.posterCode;
      socket.send(JSON.stringify(hello));
    });
    socket.addEventListener("message", function (event) {
      if (socket === state.socket) onFrame(JSON.parse(event.data));
    });
    socket.addEventListener("close", function () {
      if (socket !== state.socket) return;
      state.socket = null;
      if (!state.leaving) scheduleReconnect();
    });
  }

  function scheduleReconnect() {
    setStatus("reconnecting");
    const delay = Math.min(1000 * 2 ** state.reconnectAttempts, MAX_RECONNECT_DELAY_MS);
    state.reconnectAttempts += 1;
    state.reconnectTimer = window.setTimeout(connect, delay);
  }

  // Quick exit: forget everything, then replace this history entry so Back cannot return here.
  function quickExit() {
    state.leaving = true;
    window.clearTimeout(state.reconnectTimer);
    const socket = state.socket;
    state.socket = null;
    state.secret = null;
    state.posterCode = null;
    if (socket) socket.close();
    document.body.replaceChildren();
    document.title = "";
    window.location.replace(AWAY_PATH);
  }

  elements.composer.addEventListener("submit", function (event) {
    event.preventDefault();
    const text = elements.message.value.trim();
    if (text && send(text, text)) elements.message.value = "";
    elements.message.focus();
  });

  elements.message.addEventListener("keydown", function (event) {
    if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      elements.composer.requestSubmit();
    }
  });

  elements.picker.addEventListener("change", function () {
    const language = supportedLanguage(elements.picker.value);
    if (!language) return;
    state.chosenLanguage = language;
    applyLanguage(language);
    send('/switch_language{"language":"' + language + '"}', null);
  });

  elements.quickExit.addEventListener("click", quickExit);

  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") return;
    const now = performance.now();
    if (now - state.lastEscapeAt <= ESCAPE_TWICE_MS) {
      quickExit();
    } else {
      state.lastEscapeAt = now;
    }
  });

  // A page restored from the back/forward cache would show an old chat: start afresh instead.
  window.addEventListener("pageshow", function (event) {
    if (event.persisted) window.location.replace(window.location.pathname);
  });

  applyLanguage(state.uiLanguage);
  connect();
})();
