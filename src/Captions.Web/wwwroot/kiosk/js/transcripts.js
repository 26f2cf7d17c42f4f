// The Transcripts tab: every session's transcript, newest first, to download as text, SRT or WebVTT, or to delete
// (a second tap confirms; the running session's cannot be deleted).
"use strict";

import { describeProblem, request } from "./api.js";

const CONFIRM_MS = 4000;

const listEl = document.getElementById("transcript-list");
const messageEl = document.getElementById("transcripts-message");
const itemTemplate = document.getElementById("transcript-item");

const END_REASONS = {
  stopped: "stopped at the kiosk",
  "audio-ended": "the recording ended",
  faulted: "stopped by a fault",
  shutdown: "the box was shut down",
};

const when = new Intl.DateTimeFormat(undefined, { weekday: "short", day: "numeric", month: "short", hour: "2-digit", minute: "2-digit" });

function describeDuration(ms) {
  const minutes = Math.round(ms / 60000);
  if (minutes < 1) {
    return "under a minute";
  }
  if (minutes < 60) {
    return minutes === 1 ? "1 minute" : `${minutes} minutes`;
  }
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  return rest === 0 ? `${hours} h` : `${hours} h ${rest} min`;
}

function describe(transcript) {
  const parts = [describeDuration(transcript.durationMs), transcript.lines === 1 ? "1 line" : `${transcript.lines} lines`];
  if (transcript.live) {
    parts.push("running now");
  } else if (transcript.endReason) {
    parts.push(END_REASONS[transcript.endReason] ?? transcript.endReason);
  } else {
    parts.push("cut off (the box lost power or was killed); everything up to then is kept");
  }
  return parts.join(" · ");
}

function render(transcripts) {
  const sorted = [...transcripts].sort((a, b) => Date.parse(b.startedAt) - Date.parse(a.startedAt));
  listEl.replaceChildren(...sorted.map((transcript) => {
    const item = itemTemplate.content.firstElementChild.cloneNode(true);
    item.dataset.id = transcript.id;
    item.querySelector(".when").textContent = when.format(new Date(transcript.startedAt));
    item.querySelector(".about").textContent = describe(transcript);
    const base = `../api/transcripts/${encodeURIComponent(transcript.id)}`;
    item.querySelector(".txt").href = `${base}?format=txt`;
    item.querySelector(".srt").href = `${base}?format=srt`;
    item.querySelector(".vtt").href = `${base}?format=vtt`;
    const deleteEl = item.querySelector(".delete");
    deleteEl.hidden = transcript.live;
    wireDelete(deleteEl, transcript.id, item);
    return item;
  }));
  messageEl.textContent = sorted.length === 0 ? "No transcripts yet: one is kept for every session." : "";
}

function wireDelete(button, id, item) {
  let confirmUntil = 0;
  let timer = null;
  button.addEventListener("click", async () => {
    if (Date.now() >= confirmUntil) {
      confirmUntil = Date.now() + CONFIRM_MS;
      button.textContent = "Tap again to delete";
      button.dataset.confirming = "true";
      timer = setTimeout(() => {
        button.textContent = "Delete";
        button.dataset.confirming = "false";
      }, CONFIRM_MS);
      return;
    }
    clearTimeout(timer);
    button.disabled = true;
    const answer = await request("DELETE", `../api/transcripts/${encodeURIComponent(id)}`);
    if (answer.ok || answer.status === 404) {
      item.remove();
      messageEl.textContent = listEl.children.length === 0 ? "No transcripts left." : "Deleted.";
    } else {
      button.disabled = false;
      button.textContent = "Delete";
      messageEl.textContent = describeProblem(answer.problem);
    }
  });
}

export async function load() {
  messageEl.textContent = "Loading…";
  const answer = await request("GET", "../api/transcripts/");
  if (answer.ok && Array.isArray(answer.body)) {
    render(answer.body);
  } else {
    messageEl.textContent = describeProblem(answer.problem);
  }
}

document.getElementById("refresh-transcripts").addEventListener("click", load);
