// Caption viewer: fetches a single-use ticket, connects to the caption hub, and shows committed lines
// with the current tentative text after them. Events carry a per-session seq; the backlog a viewer
// receives on (re)connecting may overlap live events, so lines are kept by seq and duplicates dropped.
// Reconnecting, it tells the hub the session and the last committed seq it has, and gets only what it missed:
// after the box itself restarted too, since a session cut off by a crash goes on with the same id and seq.
"use strict";

(() => {
  const FONT_SIZE_KEY = "livestt.captions.fontSizePx";
  const FONT_SIZES = [18, 22, 26, 28, 32, 38, 44, 52, 62, 72];
  const DEFAULT_FONT_SIZE = 28;
  const MAX_LINES = 1500;
  const AT_BOTTOM_SLACK_PX = 48;

  const statusEl = document.getElementById("status");
  const linesEl = document.getElementById("lines");
  const tentativeEl = document.getElementById("tentative");
  const waitingEl = document.getElementById("waiting");
  const jumpEl = document.getElementById("jump");
  const demoBannerEl = document.getElementById("demo-banner");
  const sessionStateEl = document.getElementById("session-state");

  // ---- text size, remembered on this phone ----

  function readFontSize() {
    try {
      const stored = Number.parseInt(localStorage.getItem(FONT_SIZE_KEY) ?? "", 10);
      return FONT_SIZES.includes(stored) ? stored : DEFAULT_FONT_SIZE;
    } catch {
      return DEFAULT_FONT_SIZE; // storage can be unavailable (private mode)
    }
  }

  let fontSize = readFontSize();

  function applyFontSize(px) {
    fontSize = px;
    document.documentElement.style.setProperty("--caption-size", `${px}px`);
    try {
      localStorage.setItem(FONT_SIZE_KEY, String(px));
    } catch {
      // not remembered; still applied
    }
    if (following) {
      scrollToLive();
    }
  }

  function stepFontSize(direction) {
    const index = FONT_SIZES.indexOf(fontSize);
    const next = FONT_SIZES[Math.min(FONT_SIZES.length - 1, Math.max(0, index + direction))];
    applyFontSize(next);
  }

  document.getElementById("smaller").addEventListener("click", () => stepFontSize(-1));
  document.getElementById("larger").addEventListener("click", () => stepFontSize(1));

  // ---- auto-scroll: follow the live edge until the reader scrolls up ----

  let following = true;

  function isAtBottom() {
    const root = document.documentElement;
    return window.innerHeight + window.scrollY >= root.scrollHeight - AT_BOTTOM_SLACK_PX;
  }

  function scrollToLive() {
    window.scrollTo({ top: document.documentElement.scrollHeight, behavior: "instant" });
  }

  function setFollowing(value) {
    following = value;
    jumpEl.hidden = value;
  }

  window.addEventListener("scroll", () => setFollowing(isAtBottom()), { passive: true });
  window.addEventListener("resize", () => { if (following) scrollToLive(); });
  jumpEl.addEventListener("click", () => {
    setFollowing(true);
    scrollToLive();
  });

  function afterContentChanged() {
    if (following) {
      scrollToLive();
    }
  }

  // ---- transcript ----

  // sessionId -> { block: HTMLElement, lastCommittedSeq: number, lines: Map<seq, HTMLElement> }
  const sessions = new Map();
  let tentative = null; // the CaptionEvent currently shown as tentative
  let lineCount = 0;
  let newest = null; // { sessionId, seq } of the newest committed line shown, for a reconnect to ask from

  function sessionFor(sessionId) {
    let session = sessions.get(sessionId);
    if (!session) {
      const block = document.createElement("section");
      block.className = "session";
      block.dataset.session = sessionId;
      if (linesEl.childElementCount > 0) {
        const divider = document.createElement("hr");
        divider.className = "session-break";
        block.append(divider);
      }
      linesEl.append(block);
      session = { block, lastCommittedSeq: -1, lines: new Map() };
      sessions.set(sessionId, session);
    }
    return session;
  }

  function addCommitted(caption) {
    const session = sessionFor(caption.sessionId);
    if (session.lines.has(caption.seq)) {
      return; // already shown (backlog and live overlap on reconnect)
    }

    const line = document.createElement("p");
    line.className = "line";
    line.dataset.seq = String(caption.seq);
    line.textContent = caption.text;

    // Insert in seq order; almost always this is the end.
    let before = null;
    if (caption.seq < session.lastCommittedSeq) {
      for (const [seq, el] of session.lines) {
        if (seq > caption.seq && (before === null || seq < Number(before.dataset.seq))) {
          before = el;
        }
      }
    }
    session.block.insertBefore(line, before);
    session.lines.set(caption.seq, line);
    session.lastCommittedSeq = Math.max(session.lastCommittedSeq, caption.seq);
    newest = { sessionId: caption.sessionId, seq: session.lastCommittedSeq };
    lineCount++;
    trimOldLines();

    if (tentative && (tentative.sessionId !== caption.sessionId || tentative.seq < caption.seq)) {
      showTentative(null);
    }
  }

  function trimOldLines() {
    while (lineCount > MAX_LINES) {
      const oldest = linesEl.querySelector(".line");
      if (!oldest) {
        return;
      }
      const block = oldest.closest(".session");
      const session = sessions.get(block.dataset.session);
      session?.lines.delete(Number(oldest.dataset.seq));
      oldest.remove();
      lineCount--;
      if (!block.querySelector(".line") && block !== linesEl.lastElementChild) {
        sessions.delete(block.dataset.session);
        block.remove();
      }
    }
  }

  function showTentative(caption) {
    tentative = caption;
    tentativeEl.textContent = caption ? caption.text : "";
  }

  function applyCaption(caption) {
    if (!caption || typeof caption.seq !== "number" || typeof caption.text !== "string") {
      return;
    }
    waitingEl.hidden = true;

    if (caption.kind === "committed") {
      addCommitted(caption);
    } else if (caption.kind === "tentative") {
      const session = sessionFor(caption.sessionId);
      const newer = !tentative || tentative.sessionId !== caption.sessionId || caption.seq > tentative.seq;
      if (caption.seq > session.lastCommittedSeq && newer) {
        showTentative(caption);
      }
    }
    afterContentChanged();
  }

  // ---- the session's life: before the service, a pause, the end ----

  const SESSION_TEXT = {
    waiting: "Captions will start soon",
    starting: "Captions are starting…",
    live: "",
    paused: "Paused",
    ended: "Ended — thank you",
    unavailable: "Captions are not available right now",
  };

  function applySession(notice) {
    if (!notice || typeof notice.state !== "string" || !(notice.state in SESSION_TEXT)) {
      return;
    }
    sessionStateEl.dataset.state = notice.state;
    sessionStateEl.textContent = SESSION_TEXT[notice.state];
    if (notice.state !== "live") {
      // Nothing tentative survives a pause or the end: it will never be confirmed.
      showTentative(null);
    }
    if (notice.state === "starting" && notice.sessionId) {
      sessionFor(notice.sessionId); // the new session's lines get a place of their own, after a divider
    }
    afterContentChanged();
  }

  // ---- connection status ----

  function setStatus(state, text) {
    statusEl.dataset.state = state;
    statusEl.textContent = text;
  }

  // ---- model banner and first-boot progress ----

  const waitingText = waitingEl.textContent;
  let statusPoll = null;

  async function refreshModelBanner() {
    try {
      const response = await fetch("api/status", { cache: "no-store" });
      if (!response.ok) {
        return;
      }
      const status = await response.json();
      demoBannerEl.hidden = !(status && status.model && status.model.isDemo === true);
      showDownload(status && status.download);
    } catch {
      // the box is unreachable; the connection status already says so
    }
  }

  // On a first boot the box downloads its speech model before any caption can appear; say so, and
  // keep asking until it is done, rather than leave people looking at "Waiting".
  function showDownload(download) {
    if (download && download.totalBytes > 0) {
      const percent = Math.floor((download.receivedBytes * 100) / download.totalBytes);
      waitingEl.textContent = `Getting the speech model (${download.modelName}) ready: ${percent} %`;
      statusPoll ??= setInterval(refreshModelBanner, 3000);
    } else {
      waitingEl.textContent = waitingText;
      if (statusPoll !== null) {
        clearInterval(statusPoll);
        statusPoll = null;
      }
    }
  }

  // ---- hub connection ----

  async function fetchTicket() {
    const response = await fetch("api/tickets", { method: "POST", cache: "no-store" });
    if (!response.ok) {
      throw new Error(`The captions box refused a ticket (HTTP ${response.status}).`);
    }
    const body = await response.json();
    return body.ticket;
  }

  function retryDelayMs(attempt) {
    const base = Math.min(10000, 500 * 2 ** attempt);
    return base + Math.floor(Math.random() * 500); // spread a room's phones out after a Wi-Fi blip
  }

  // Negotiation is skipped so that each (re)connection costs exactly one ticket: the WebSocket request
  // carries it as access_token and the hub redeems it there. accessTokenFactory runs on every
  // (re)connect, so each attempt gets a fresh ticket.
  const connection = new signalR.HubConnectionBuilder()
    .withUrl("hubs/captions", {
      accessTokenFactory: fetchTicket,
      skipNegotiation: true,
      transport: signalR.HttpTransportType.WebSockets,
    })
    .withAutomaticReconnect({ nextRetryDelayInMilliseconds: (context) => retryDelayMs(context.previousRetryCount) })
    .configureLogging(signalR.LogLevel.Warning)
    .build();

  // Where to connect: with what this page already has, so the backlog holds only what it missed.
  function hubUrl() {
    const url = new URL("hubs/captions", document.baseURI);
    if (newest) {
      url.searchParams.set("session", newest.sessionId);
      url.searchParams.set("after", String(newest.seq));
    }
    return url.href;
  }

  connection.on("backlog", (captions) => {
    // A backlog comes with each (re)connection; tentative text from before it may never be confirmed.
    showTentative(null);
    if (Array.isArray(captions)) {
      captions.forEach(applyCaption);
    }
  });
  connection.on("caption", applyCaption);
  connection.on("session", applySession);

  connection.onreconnecting(() => {
    setStatus("connecting", "Reconnecting…");
    connection.baseUrl = hubUrl();
  });
  connection.onreconnected(() => {
    setStatus("live", "Live");
    refreshModelBanner();
  });
  connection.onclose(() => startWithRetries());

  let starting = false;
  let wakeUp = null;

  function sleep(ms) {
    return new Promise((resolve) => {
      wakeUp = resolve;
      setTimeout(resolve, ms);
    });
  }

  async function startWithRetries() {
    if (starting) {
      return;
    }
    starting = true;
    try {
      for (let attempt = 0; ; attempt++) {
        if (connection.state !== signalR.HubConnectionState.Disconnected) {
          return;
        }
        setStatus("connecting", attempt === 0 ? "Connecting…" : "Reconnecting…");
        connection.baseUrl = hubUrl();
        try {
          await connection.start();
          setStatus("live", "Live");
          refreshModelBanner();
          return;
        } catch {
          setStatus("offline", "Can't reach the captions box; retrying…");
          await sleep(retryDelayMs(attempt));
        }
      }
    } finally {
      starting = false;
    }
  }

  // A phone that slept may come back with a dead connection; try at once rather than at the next retry.
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "visible" && connection.state === signalR.HubConnectionState.Disconnected) {
      wakeUp?.();
      startWithRetries();
    }
  });

  applyFontSize(fontSize);
  refreshModelBanner();
  startWithRetries();
})();
