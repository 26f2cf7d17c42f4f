// The caption hub connection shared by the viewer and the livestream overlay: a single-use ticket per
// (re)connection, resume from the last committed line the page holds, retries spread out over a room's phones.
// Needs the SignalR browser client (lib/signalr/signalr.min.js) loaded before it.

// Addresses are taken from this file's own place, so pages in sub-folders (the overlay) reach the same hub.
const TICKETS_URL = new URL("../api/tickets", import.meta.url).href;
const HUB_URL = new URL("../hubs/captions", import.meta.url).href;

async function fetchTicket() {
  const response = await fetch(TICKETS_URL, { method: "POST", cache: "no-store" });
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

/**
 * Connects to the caption hub and keeps connecting.
 * handlers: resumePoint() -> { sessionId, seq } | null (the newest committed line shown), backlog(captions),
 * caption(caption), session(notice), status(state, text) with state "connecting" | "live" | "offline",
 * connected() after each (re)connection.
 * Returns { start(), invoke(method, ...args) }.
 */
export function createCaptionFeed(handlers) {
  const signalR = globalThis.signalR;

  // Negotiation is skipped so that each (re)connection costs exactly one ticket: the WebSocket request
  // carries it as access_token and the hub redeems it there. accessTokenFactory runs on every
  // (re)connect, so each attempt gets a fresh ticket.
  const connection = new signalR.HubConnectionBuilder()
    .withUrl(HUB_URL, {
      accessTokenFactory: fetchTicket,
      skipNegotiation: true,
      transport: signalR.HttpTransportType.WebSockets,
    })
    .withAutomaticReconnect({ nextRetryDelayInMilliseconds: (context) => retryDelayMs(context.previousRetryCount) })
    .configureLogging(signalR.LogLevel.Warning)
    .build();

  // Where to connect: with what this page already has, so the backlog holds only what it missed.
  function hubUrl() {
    const url = new URL(HUB_URL);
    const newest = handlers.resumePoint();
    if (newest) {
      url.searchParams.set("session", newest.sessionId);
      url.searchParams.set("after", String(newest.seq));
    }
    return url.href;
  }

  const status = handlers.status ?? (() => {});
  const connected = handlers.connected ?? (() => {});

  connection.on("backlog", (captions) => handlers.backlog(Array.isArray(captions) ? captions : []));
  connection.on("caption", (caption) => handlers.caption(caption));
  connection.on("session", (notice) => handlers.session?.(notice));

  connection.onreconnecting(() => {
    status("connecting", "Reconnecting…");
    connection.baseUrl = hubUrl();
  });
  connection.onreconnected(() => {
    status("live", "Live");
    connected();
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
        status("connecting", attempt === 0 ? "Connecting…" : "Reconnecting…");
        connection.baseUrl = hubUrl();
        try {
          await connection.start();
          status("live", "Live");
          connected();
          return;
        } catch {
          status("offline", "Can't reach the captions box; retrying…");
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

  return {
    start: startWithRetries,
    isConnected: () => connection.state === signalR.HubConnectionState.Connected,
    invoke: (method, ...args) => connection.invoke(method, ...args),
  };
}
