// The volunteers' kiosk: asks the box whether this browser is unlocked, then shows the PIN or the kiosk with its four
// tabs. Losing the kiosk session (idle too long, or Lock tapped) brings the PIN back.
"use strict";

import { kioskState, request, whenSessionLost } from "./api.js";
import { hideLock, showLock, whenUnlocked } from "./lock.js";
import { renderSession, renderUpdate } from "./live.js";
import * as settings from "./settings.js";
import * as statusFeed from "./status-feed.js";
import * as transcripts from "./transcripts.js";
import * as join from "./join.js";

const kioskEl = document.getElementById("kiosk");
const lockNowEl = document.getElementById("lock-now");

const TABS = {
  live: { tab: "tab-live", panel: "panel-live", load: null },
  settings: { tab: "tab-settings", panel: "panel-settings", load: settings.load },
  transcripts: { tab: "tab-transcripts", panel: "panel-transcripts", load: transcripts.load },
  join: { tab: "tab-join", panel: "panel-join", load: join.load },
};

function showTab(name) {
  for (const [key, tab] of Object.entries(TABS)) {
    const selected = key === name;
    document.getElementById(tab.tab).setAttribute("aria-selected", String(selected));
    document.getElementById(tab.panel).hidden = !selected;
  }
  TABS[name].load?.();
}

for (const [name, tab] of Object.entries(TABS)) {
  document.getElementById(tab.tab).addEventListener("click", () => showTab(name));
}

async function openKiosk() {
  hideLock();
  kioskEl.hidden = false;
  lockNowEl.hidden = false;
  showTab("live");
  const session = await request("GET", "../api/session/");
  if (session.ok) {
    renderSession(session.body);
  }
  statusFeed.start(renderUpdate, checkStillUnlocked);
}

async function closeKiosk(message) {
  kioskEl.hidden = true;
  lockNowEl.hidden = true;
  await statusFeed.stop();
  const state = await kioskState();
  if (state.ok) {
    showLock(state.body, message);
  }
}

let checking = false;

// The feed closed or could not open: the box may be away (keep trying) or the kiosk session over (show the PIN).
async function checkStillUnlocked() {
  if (checking) {
    return;
  }
  checking = true;
  try {
    const state = await kioskState();
    if (state.ok && !state.body.unlocked && !kioskEl.hidden) {
      await closeKiosk("The kiosk locked itself after a while unused. Enter the PIN to go on.");
    }
  } finally {
    checking = false;
  }
}

whenUnlocked(openKiosk);
whenSessionLost(() => {
  if (!kioskEl.hidden) {
    closeKiosk("The kiosk locked itself after a while unused. Enter the PIN to go on.");
  }
});

lockNowEl.addEventListener("click", async () => {
  await request("POST", "../api/kiosk/lock");
  await closeKiosk("Locked.");
});

async function begin() {
  const state = await kioskState();
  if (!state.ok) {
    showLock({ pinConfigured: true, lockedForSeconds: 0 }, "Can't reach the captions box. Check the Wi-Fi, then reload this page.");
    return;
  }
  if (state.body.unlocked) {
    openKiosk();
  } else {
    showLock(state.body);
  }
}

begin();
