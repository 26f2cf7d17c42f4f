// The Settings tab: where the sound comes from, the language, and the site's words (glossary and replacements). The
// box checks everything; what it refuses comes back by field ("device", "replacements[2]") and is shown next to it.
"use strict";

import { describeProblem, request } from "./api.js";

const LANGUAGES = [
  ["auto", "Detect it"],
  ["en", "English"],
  ["es", "Spanish"],
  ["pt", "Portuguese"],
  ["fr", "French"],
  ["de", "German"],
  ["nl", "Dutch"],
  ["it", "Italian"],
  ["pl", "Polish"],
  ["ro", "Romanian"],
  ["uk", "Ukrainian"],
  ["ru", "Russian"],
  ["ko", "Korean"],
  ["zh", "Chinese"],
  ["vi", "Vietnamese"],
  ["tl", "Tagalog"],
  ["sw", "Swahili"],
  ["ar", "Arabic"],
];

const inputFormEl = document.getElementById("input-form");
const inputProblemEl = document.getElementById("input-problem");
const deviceFieldEl = document.getElementById("device-field");
const deviceEl = document.getElementById("device");
const devicesMessageEl = document.getElementById("devices-message");
const urlFieldEl = document.getElementById("url-field");
const urlEl = document.getElementById("url");
const channelEl = document.getElementById("channel");
const languageEl = document.getElementById("language");
const inputSavedEl = document.getElementById("input-saved");
const saveInputEl = document.getElementById("save-input");

const vocabularyFormEl = document.getElementById("vocabulary-form");
const glossaryEl = document.getElementById("glossary");
const replacementsEl = document.getElementById("replacements");
const vocabularySavedEl = document.getElementById("vocabulary-saved");
const saveVocabularyEl = document.getElementById("save-vocabulary");
const glossaryRowTemplate = document.getElementById("glossary-row");
const replacementRowTemplate = document.getElementById("replacement-row");

// ---- errors next to what they are about ----

function clearErrors(form) {
  form.querySelectorAll(".error").forEach((el) => { el.textContent = ""; });
  form.querySelectorAll("[aria-invalid]").forEach((el) => el.removeAttribute("aria-invalid"));
}

function showErrors(form, errors, rowLists) {
  for (const [key, messages] of Object.entries(errors)) {
    const text = Array.isArray(messages) ? messages.join(" ") : String(messages);
    const row = /^(glossary|replacements)\[(\d+)\]/.exec(key);
    let target = null;
    if (row && rowLists[row[1]]) {
      const item = rowLists[row[1]].children[Number(row[2])];
      target = item?.querySelector(".error") ?? null;
      item?.querySelector("input")?.setAttribute("aria-invalid", "true");
    }
    target ??= form.querySelector(`[data-error-for="${CSS.escape(key)}"]`) ?? form.querySelector('[data-error-for=""]');
    target.textContent = target.textContent ? `${target.textContent} ${text}` : text;
  }
}

// ---- input ----

function selectedSource() {
  return inputFormEl.querySelector('input[name="source"]:checked')?.value ?? "";
}

function showSourceFields() {
  const source = selectedSource();
  deviceFieldEl.hidden = source !== "alsa";
  urlFieldEl.hidden = source !== "stream";
}

function fillLanguages(current) {
  const options = LANGUAGES.some(([code]) => code === current) || !current ? LANGUAGES : [...LANGUAGES, [current, current]];
  languageEl.replaceChildren(...options.map(([code, name]) => new Option(code === "auto" ? name : `${name} (${code})`, code)));
  languageEl.value = current || "auto";
}

async function loadDevices(current) {
  devicesMessageEl.textContent = "Looking for capture devices…";
  const answer = await request("GET", "../api/audio/devices");
  const devices = answer.ok && Array.isArray(answer.body) ? answer.body : [];
  const options = devices.map((device) => new Option(`${device.description} (${device.name})`, device.name));
  if (current && !devices.some((device) => device.name === current)) {
    options.unshift(new Option(`${current} (not connected now)`, current));
  }
  if (options.length === 0) {
    options.push(new Option("No capture device found", ""));
  }
  deviceEl.replaceChildren(...options);
  deviceEl.value = current && options.some((option) => option.value === current) ? current : options[0].value;
  if (!answer.ok) {
    devicesMessageEl.textContent = describeProblem(answer.problem);
  } else {
    devicesMessageEl.textContent = devices.length === 0
      ? "No capture device is plugged in. Plug the sound desk's USB interface in, then tap Look again."
      : "";
  }
}

function fillInput(view) {
  const input = view.input;
  inputFormEl.querySelectorAll('input[name="source"]').forEach((radio) => { radio.checked = radio.value === input.source; });
  urlEl.value = input.url ?? "";
  channelEl.value = ["Mix", "Left", "Right"].includes(input.channel) ? input.channel : "Mix";
  fillLanguages(input.language);
  inputProblemEl.hidden = !view.problem;
  inputProblemEl.textContent = view.problem ?? "";
  showSourceFields();
  return loadDevices(input.device ?? "");
}

async function loadInput() {
  clearErrors(inputFormEl);
  inputSavedEl.textContent = "";
  const answer = await request("GET", "../api/settings/input");
  if (answer.ok) {
    await fillInput(answer.body);
  } else {
    inputSavedEl.textContent = describeProblem(answer.problem);
  }
}

inputFormEl.addEventListener("change", (event) => {
  if (event.target.name === "source") {
    showSourceFields();
  }
});

document.getElementById("refresh-devices").addEventListener("click", () => loadDevices(deviceEl.value));

inputFormEl.addEventListener("submit", async (event) => {
  event.preventDefault();
  clearErrors(inputFormEl);
  inputSavedEl.textContent = "Saving…";
  saveInputEl.disabled = true;
  const source = selectedSource();
  const answer = await request("PUT", "../api/settings/input", {
    source,
    device: source === "alsa" ? deviceEl.value : null,
    url: source === "stream" ? urlEl.value.trim() : null,
    channel: channelEl.value,
    language: languageEl.value,
  });
  saveInputEl.disabled = false;
  if (answer.ok) {
    await fillInput(answer.body);
    inputSavedEl.textContent = answer.body.appliesAtNextStart ? "Saved. Used from the next Start." : "Saved.";
    return;
  }
  inputSavedEl.textContent = answer.status === 400 ? "Not saved: see what is marked above." : describeProblem(answer.problem);
  if (answer.problem.errors) {
    showErrors(inputFormEl, answer.problem.errors, {});
  }
});

// ---- vocabulary ----

function addGlossaryRow(term = "") {
  const row = glossaryRowTemplate.content.firstElementChild.cloneNode(true);
  row.querySelector(".term").value = term;
  row.querySelector(".remove").addEventListener("click", () => row.remove());
  glossaryEl.append(row);
  return row;
}

function addReplacementRow(rule = {}) {
  const row = replacementRowTemplate.content.firstElementChild.cloneNode(true);
  const isPattern = typeof rule.pattern === "string" && rule.pattern !== "";
  row.querySelector(".kind").value = isPattern ? "pattern" : "find";
  row.querySelector(".find").value = (isPattern ? rule.pattern : rule.find) ?? "";
  row.querySelector(".replace").value = rule.replace ?? "";
  row.querySelector(".case").checked = rule.matchCase === true;
  row.querySelector(".remove").addEventListener("click", () => row.remove());
  replacementsEl.append(row);
  return row;
}

function fillVocabulary(view) {
  glossaryEl.replaceChildren();
  replacementsEl.replaceChildren();
  (view.vocabulary.glossary ?? []).forEach((term) => addGlossaryRow(term));
  (view.vocabulary.replacements ?? []).forEach((rule) => addReplacementRow(rule));
}

// Empty rows are dropped before sending, so that the positions the box reports are the rows on the page.
function collectVocabulary() {
  [...glossaryEl.children].forEach((row) => { if (!row.querySelector(".term").value.trim()) row.remove(); });
  [...replacementsEl.children].forEach((row) => { if (!row.querySelector(".find").value.trim()) row.remove(); });
  return {
    glossary: [...glossaryEl.children].map((row) => row.querySelector(".term").value.trim()),
    replacements: [...replacementsEl.children].map((row) => {
      const text = row.querySelector(".find").value;
      const isPattern = row.querySelector(".kind").value === "pattern";
      return {
        find: isPattern ? null : text.trim(),
        pattern: isPattern ? text : null,
        replace: row.querySelector(".replace").value,
        matchCase: row.querySelector(".case").checked,
      };
    }),
  };
}

async function loadVocabulary() {
  clearErrors(vocabularyFormEl);
  vocabularySavedEl.textContent = "";
  const answer = await request("GET", "../api/settings/vocabulary");
  if (answer.ok) {
    vocabularyFormEl.hidden = false;
    fillVocabulary(answer.body);
  } else if (answer.status === 409) {
    vocabularyFormEl.hidden = true;
  } else {
    vocabularySavedEl.textContent = describeProblem(answer.problem);
  }
}

document.getElementById("add-glossary").addEventListener("click", () => addGlossaryRow().querySelector("input").focus());
document.getElementById("add-replacement").addEventListener("click", () => addReplacementRow().querySelector(".find").focus());

vocabularyFormEl.addEventListener("submit", async (event) => {
  event.preventDefault();
  clearErrors(vocabularyFormEl);
  vocabularySavedEl.textContent = "Saving…";
  saveVocabularyEl.disabled = true;
  const answer = await request("PUT", "../api/settings/vocabulary", collectVocabulary());
  saveVocabularyEl.disabled = false;
  if (answer.ok) {
    fillVocabulary(answer.body);
    vocabularySavedEl.textContent = "Saved. Captions use it from now on.";
    return;
  }
  vocabularySavedEl.textContent = answer.status === 400 ? "Not saved: see what is marked above." : describeProblem(answer.problem);
  if (answer.problem.errors) {
    showErrors(vocabularyFormEl, answer.problem.errors, { glossary: glossaryEl, replacements: replacementsEl });
  }
});

/** Reads the settings afresh each time the tab is opened: another kiosk may have changed them. */
export async function load() {
  await Promise.all([loadInput(), loadVocabulary()]);
}
