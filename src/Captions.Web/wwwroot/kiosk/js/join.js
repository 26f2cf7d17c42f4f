// The Join tab: the QR code phones scan (drawn on the box), the address in words and the Wi-Fi to join first.
"use strict";

import { describeProblem, request } from "./api.js";

const qrEl = document.getElementById("join-qr");
const urlEl = document.getElementById("join-url");
const wifiEl = document.getElementById("join-wifi");

export async function load() {
  const answer = await request("GET", "../api/join/");
  if (!answer.ok) {
    urlEl.textContent = describeProblem(answer.problem);
    return;
  }
  // A fresh address each time: the QR code follows Captions:PublicUrl, or the address this page was opened on.
  qrEl.src = `../api/join/qr.svg?t=${Date.now()}`;
  urlEl.textContent = answer.body.url;
  wifiEl.hidden = !answer.body.wifiName;
  wifiEl.textContent = answer.body.wifiName ? `First join the Wi-Fi “${answer.body.wifiName}”.` : "";
}
