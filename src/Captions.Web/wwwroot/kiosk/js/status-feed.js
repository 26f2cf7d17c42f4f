// The kiosk hub: the box pushes the kiosk's status about ten times a second while the page is unlocked. The hub admits
// only an unlocked kiosk session and closes the connection when that session expires; the page then asks the box
// whether it is still unlocked, and shows the PIN again when it is not.
"use strict";

const connectionEl = document.getElementById("connection");

let connection = null;
let wanted = false;
let retryTimer = null;
let closed = () => {};

function setConnection(state, text) {
  connectionEl.hidden = state === "live";
  connectionEl.dataset.state = state;
  connectionEl.textContent = text;
}

/** Listens for status updates until <see cref="stop"/>; <paramref name="onClosed"/> runs when the box closes the feed. */
export function start(onUpdate, onClosed) {
  wanted = true;
  closed = onClosed;
  if (connection === null) {
    connection = new signalR.HubConnectionBuilder()
      .withUrl("../hubs/kiosk", { skipNegotiation: true, transport: signalR.HttpTransportType.WebSockets })
      .withAutomaticReconnect([0, 1000, 2000, 5000, 5000, 10000])
      .configureLogging(signalR.LogLevel.Warning)
      .build();
    connection.on("status", onUpdate);
    connection.onreconnecting(() => setConnection("connecting", "Reconnecting to the box…"));
    connection.onreconnected(() => setConnection("live", ""));
    connection.onclose(() => {
      if (wanted) {
        setConnection("offline", "Not connected to the box; trying again…");
        closed();
      }
    });
  }
  connect();
}

async function connect() {
  clearTimeout(retryTimer);
  if (!wanted || connection.state !== signalR.HubConnectionState.Disconnected) {
    return;
  }
  setConnection("connecting", "Connecting to the box…");
  try {
    await connection.start();
    setConnection("live", "");
  } catch {
    setConnection("offline", "Can't reach the box; trying again…");
    retryTimer = setTimeout(connect, 3000);
    closed(); // refused because the kiosk session ended, perhaps: the page finds out and locks

  }
}

/** Connects again at once, after the page learnt it is still unlocked. */
export function retry() {
  connect();
}

export async function stop() {
  wanted = false;
  clearTimeout(retryTimer);
  setConnection("live", "");
  if (connection !== null) {
    await connection.stop();
  }
}
