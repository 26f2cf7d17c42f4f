// The printable join card: the QR code (drawn on the box), the address in words and the Wi-Fi name. Public, as the
// card on the wall is; it says no more than that.
"use strict";

const qrEl = document.getElementById("qr");
const urlEl = document.getElementById("url");
const wifiStepEl = document.getElementById("wifi-step");
const wifiNameEl = document.getElementById("wifi-name");

document.getElementById("print").addEventListener("click", () => window.print());

async function load() {
  try {
    const response = await fetch("../api/join/", { cache: "no-store" });
    if (!response.ok) {
      throw new Error(`HTTP ${response.status}`);
    }
    const join = await response.json();
    urlEl.textContent = join.url;
    wifiStepEl.hidden = !join.wifiName;
    wifiNameEl.textContent = join.wifiName ? `“${join.wifiName}”` : "";
    qrEl.src = `../api/join/qr.svg?t=${Date.now()}`;
    await qrEl.decode();
    document.body.dataset.ready = "true";
  } catch (error) {
    urlEl.textContent = `The captions box could not be asked for its address (${error.message}). Reload to try again.`;
  }
}

load();
