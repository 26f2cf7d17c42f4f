// The locked kiosk: the PIN form, the wait after too many wrong PINs (counted down on the page), and the words for a
// box on which nobody has set a PIN.
"use strict";

import { request, setCsrfToken } from "./api.js";

const lockEl = document.getElementById("lock");
const formEl = document.getElementById("unlock-form");
const pinEl = document.getElementById("pin");
const unlockEl = document.getElementById("unlock");
const messageEl = document.getElementById("lock-message");
const noPinEl = document.getElementById("no-pin");
const noPinTextEl = document.getElementById("no-pin-text");

let countdown = null;
let onUnlocked = () => {};

export function whenUnlocked(callback) {
  onUnlocked = callback;
}

/** Shows the lock screen for the kiosk state <c>GET /api/kiosk</c> gave. */
export function showLock(state, message = "") {
  lockEl.hidden = false;
  pinEl.value = "";
  if (!state.pinConfigured) {
    formEl.hidden = true;
    noPinEl.hidden = false;
    noPinTextEl.textContent = state.howToSetPin ?? "";
    return;
  }
  formEl.hidden = false;
  noPinEl.hidden = true;
  if (state.lockedForSeconds > 0) {
    lockFor(state.lockedForSeconds);
  } else {
    setMessage(message, message ? "info" : "");
    enable(true);
    pinEl.focus();
  }
}

export function hideLock() {
  stopCountdown();
  lockEl.hidden = true;
  pinEl.value = "";
  setMessage("", "");
}

function setMessage(text, kind) {
  messageEl.textContent = text;
  messageEl.dataset.kind = kind;
}

function enable(on) {
  pinEl.disabled = !on;
  unlockEl.disabled = !on;
}

function stopCountdown() {
  if (countdown !== null) {
    clearInterval(countdown);
    countdown = null;
  }
}

// The box keeps the real count; this only shows it going down, and lets the volunteer try again when it is over.
function lockFor(seconds) {
  stopCountdown();
  let left = Math.max(1, Math.ceil(seconds));
  const show = () => setMessage(`Too many wrong PINs. The kiosk is locked for ${describeWait(left)}.`, "error");
  enable(false);
  show();
  countdown = setInterval(() => {
    left -= 1;
    if (left <= 0) {
      stopCountdown();
      enable(true);
      setMessage("You can try the PIN again.", "info");
      pinEl.focus();
    } else {
      show();
    }
  }, 1000);
}

function describeWait(seconds) {
  if (seconds < 90) {
    return seconds === 1 ? "1 more second" : `${seconds} more seconds`;
  }
  const minutes = Math.ceil(seconds / 60);
  return `${minutes} more minutes`;
}

formEl.addEventListener("submit", async (event) => {
  event.preventDefault();
  const pin = pinEl.value.trim();
  if (!/^[0-9]{4,12}$/.test(pin)) {
    setMessage("The PIN is 4 to 12 digits.", "error");
    pinEl.focus();
    return;
  }
  enable(false);
  setMessage("Checking…", "info");
  const answer = await request("POST", "../api/kiosk/unlock", { pin }, { quietOn401: true });
  pinEl.value = "";
  if (answer.ok) {
    setCsrfToken(answer.body.csrfToken);
    hideLock();
    onUnlocked();
    return;
  }
  const extra = answer.problem.extra ?? {};
  if (answer.status === 429 && Number.isFinite(extra.lockedForSeconds)) {
    lockFor(extra.lockedForSeconds);
    return;
  }
  setMessage(answer.problem.detail || answer.problem.title, "error");
  enable(true);
  pinEl.focus();
});
