// The Captions tab: the session's state in words and colour, Start/Stop and Pause/Resume, the input's level meter and
// the box's status, all from the kiosk hub's pushed updates (about ten a second). Stopping asks for a second tap, so a
// brush against the screen cannot end the captions.
"use strict";

import { describeProblem, request } from "./api.js";

const METER_FLOOR_DBFS = -60;
const CONFIRM_MS = 4000;
const CLIP_WARNING_MS = 3000;

const stateEl = document.getElementById("state");
const stateDetailEl = document.getElementById("state-detail");
const startStopEl = document.getElementById("start-stop");
const pauseResumeEl = document.getElementById("pause-resume");
const commandMessageEl = document.getElementById("command-message");
const levelTextEl = document.getElementById("level-text");
const meterEl = document.getElementById("meter");
const meterBarEl = document.getElementById("meter-bar");
const clippingEl = document.getElementById("clipping");
const inputStateEl = document.getElementById("input-state");
const modelEl = document.getElementById("model");
const demoWarningEl = document.getElementById("demo-warning");
const transcriptWarningEl = document.getElementById("transcript-warning");
const lagEl = document.getElementById("lag");
const viewersEl = document.getElementById("viewers");
const lostAudioEl = document.getElementById("lost-audio");
const diskEl = document.getElementById("disk");
const temperatureRowEl = document.getElementById("temperature-row");
const temperatureEl = document.getElementById("temperature");
const recentLinesEl = document.getElementById("recent-lines");
const noLinesEl = document.getElementById("no-lines");

const STATES = {
  idle: { words: "Not started", detail: "Tap Start when the service begins." },
  ended: { words: "Stopped", detail: "Captions are off. Phones show “Ended — thank you”." },
  starting: { words: "Starting…", detail: "Getting the speech model and the sound ready." },
  live: { words: "Live", detail: "Captions are on. Phones are reading them." },
  paused: { words: "Paused", detail: "Nothing is heard, stored or sent until you tap Resume." },
  stopping: { words: "Stopping…", detail: "The last words are being written." },
  faulted: { words: "Problem", detail: "" },
};

let session = null;
let busy = false;
let confirmStopUntil = 0;
let confirmTimer = null;
let lastClipping = null;
let clipHideTimer = null;

/** The state word for a session, telling an ended session (idle, with an id) from one never started. */
function stateKey(snapshot) {
  if (!snapshot) {
    return "idle";
  }
  if (snapshot.state === "idle" && snapshot.sessionId) {
    return "ended";
  }
  return snapshot.state in STATES ? snapshot.state : "idle";
}

export function renderSession(snapshot) {
  session = snapshot;
  const key = stateKey(snapshot);
  stateEl.dataset.state = key;
  stateEl.textContent = STATES[key].words;
  stateDetailEl.textContent = key === "faulted" ? snapshot.error ?? "Captions stopped." : STATES[key].detail;
  renderButtons(key);
  renderInput(snapshot?.input ?? null, key);
  lagEl.textContent = key === "live" ? describeLag(snapshot.lagMs) : "–";
  const lost = (snapshot?.droppedAudioMs ?? 0) + (snapshot?.input?.gapMs ?? 0);
  lostAudioEl.textContent = lost > 0 ? `${seconds(lost)} this session` : "None";
  lostAudioEl.dataset.bad = String(lost > 0);
}

function renderButtons(key) {
  const running = key === "live" || key === "paused";
  const confirming = running && Date.now() < confirmStopUntil;
  if (running) {
    startStopEl.dataset.action = "stop";
    startStopEl.textContent = confirming ? "Tap again to stop" : "Stop captions";
  } else {
    startStopEl.dataset.action = "start";
    startStopEl.textContent = key === "faulted" ? "Try starting again" : "Start captions";
  }
  startStopEl.dataset.confirming = String(confirming);
  startStopEl.disabled = busy || key === "starting" || key === "stopping";

  pauseResumeEl.dataset.action = key === "paused" ? "resume" : "pause";
  pauseResumeEl.textContent = key === "paused" ? "Resume" : "Pause";
  pauseResumeEl.disabled = busy || !running;
}

function renderInput(input, key) {
  if (!input || key === "paused" || key === "idle" || key === "ended") {
    meterBarEl.style.width = "0%";
    meterEl.setAttribute("aria-valuenow", String(METER_FLOOR_DBFS));
    levelTextEl.textContent = "–";
    inputStateEl.dataset.state = "stopped";
    inputStateEl.textContent = key === "paused" ? "Paused: the input is closed" : "No input open";
    clippingEl.hidden = true;
    lastClipping = null;
    return;
  }

  const level = typeof input.levelDbfs === "number" ? input.levelDbfs : null;
  const shown = level === null ? METER_FLOOR_DBFS : Math.max(METER_FLOOR_DBFS, Math.min(0, level));
  meterBarEl.style.width = `${((shown - METER_FLOOR_DBFS) * 100) / -METER_FLOOR_DBFS}%`;
  meterBarEl.dataset.zone = shown > -3 ? "over" : shown > -12 ? "hot" : "ok";
  meterEl.setAttribute("aria-valuenow", shown.toFixed(0));
  levelTextEl.textContent = level === null ? "–" : level <= -119 ? "silence" : `${level.toFixed(0)} dBFS`;

  // Clipping is counted in 100 ms blocks; a count that grew since the last update means it is clipping now.
  if (lastClipping !== null && input.clipping > lastClipping) {
    clippingEl.hidden = false;
    clearTimeout(clipHideTimer);
    clipHideTimer = setTimeout(() => { clippingEl.hidden = true; }, CLIP_WARNING_MS);
  }
  lastClipping = input.clipping;

  inputStateEl.dataset.state = input.state;
  inputStateEl.textContent = describeInput(input);
}

function describeInput(input) {
  switch (input.state) {
    case "receiving":
      return `Hearing ${input.description}`;
    case "connecting":
      return `Connecting to ${input.description}…`;
    case "no-audio":
      return `No audio: ${input.reason ?? "nothing is arriving"}`;
    default:
      return "Input closed";
  }
}

function describeLag(ms) {
  if (typeof ms !== "number") {
    return "–";
  }
  return ms < 1000 ? "under a second" : `${seconds(ms)}`;
}

function seconds(ms) {
  return `${(ms / 1000).toFixed(1)} s`;
}

function describeBytes(bytes) {
  const gib = bytes / 1024 ** 3;
  return gib >= 10 ? `${gib.toFixed(0)} GB` : `${gib.toFixed(1)} GB`;
}

/** One pushed update from the kiosk hub. */
export function renderUpdate(update) {
  renderSession(update.session);
  viewersEl.textContent = String(update.viewers);

  if (update.model) {
    modelEl.textContent = update.model.name;
    demoWarningEl.hidden = !update.model.isDemo;
  } else if (update.download && update.download.totalBytes > 0) {
    const percent = Math.floor((update.download.receivedBytes * 100) / update.download.totalBytes);
    modelEl.textContent = `Downloading ${update.download.modelName}: ${percent} %`;
  } else {
    modelEl.textContent = "Not loaded yet";
  }

  const box = update.box ?? {};
  if (typeof box.diskFreeBytes === "number") {
    diskEl.textContent = describeBytes(box.diskFreeBytes);
    diskEl.dataset.bad = String(box.diskFreeBytes < 1024 ** 3);
  } else {
    diskEl.textContent = "Unknown";
  }
  temperatureRowEl.hidden = typeof box.cpuTemperatureC !== "number";
  if (!temperatureRowEl.hidden) {
    temperatureEl.textContent = `${box.cpuTemperatureC.toFixed(0)} °C`;
    temperatureEl.dataset.bad = String(box.cpuTemperatureC >= 85);
  }

  renderTranscript(update.session);
  renderLines(update.recentLines ?? []);
}

/** Phones still get every line when the disk is full; the record of them waits, and the volunteers should know. */
function renderTranscript(snapshot) {
  const transcript = snapshot?.transcript;
  const open = snapshot && ["starting", "live", "paused", "stopping"].includes(snapshot.state);
  const text = open && transcript && !transcript.writing
    ? `The transcript is not being written (${transcript.error ?? "unknown reason"}). Phones still get every line; ` +
      `${transcript.pending} records wait to be written when there is room` +
      (transcript.droppedLines > 0 ? `, ${transcript.droppedLines} lost to the transcript.` : ".")
    : "";
  if (transcriptWarningEl.textContent !== text) {
    transcriptWarningEl.textContent = text;
  }
  transcriptWarningEl.hidden = text === "";
}

function renderLines(lines) {
  const wanted = lines.map((line) => `${line.seq}\u0000${line.text}`).join("\u0001");
  if (recentLinesEl.dataset.lines === wanted) {
    return; // unchanged: leave the list alone, so a screen reader is not told it again ten times a second
  }
  recentLinesEl.dataset.lines = wanted;
  recentLinesEl.replaceChildren(...lines.map((line) => {
    const item = document.createElement("li");
    item.textContent = line.text;
    return item;
  }));
  noLinesEl.hidden = lines.length > 0;
}

function say(text) {
  commandMessageEl.textContent = text;
}

async function command(name) {
  busy = true;
  renderButtons(stateKey(session));
  say("");
  const answer = await request("POST", `../api/session/${name}`);
  busy = false;
  if (answer.ok) {
    renderSession(answer.body);
  } else if (answer.status !== 401) {
    say(describeProblem(answer.problem));
    renderButtons(stateKey(session));
  }
}

startStopEl.addEventListener("click", () => {
  if (startStopEl.dataset.action === "start") {
    command("start");
    return;
  }
  if (Date.now() < confirmStopUntil) {
    confirmStopUntil = 0;
    clearTimeout(confirmTimer);
    command("stop");
    return;
  }
  confirmStopUntil = Date.now() + CONFIRM_MS;
  renderButtons(stateKey(session));
  clearTimeout(confirmTimer);
  confirmTimer = setTimeout(() => {
    confirmStopUntil = 0;
    renderButtons(stateKey(session));
  }, CONFIRM_MS);
});

pauseResumeEl.addEventListener("click", () => command(pauseResumeEl.dataset.action));
