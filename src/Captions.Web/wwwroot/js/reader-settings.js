// The reader's own settings (text size, colours, font, line spacing, what to show), kept on this phone.
// Storage may be unavailable (private mode, a locked-down browser): the settings then still apply, for this visit.

const STORAGE_KEY = "livestt.captions.settings";
const OLD_SIZE_KEY = "livestt.captions.fontSizePx"; // what the first viewer remembered: the text size alone

const SIZE_MIN = 16;
const SIZE_MAX = 96;
// What A− and A+ step through: finer where text is small, coarser where it is big.
const SIZE_STEPS = [16, 18, 20, 22, 24, 26, 28, 32, 36, 40, 44, 48, 56, 64, 72, 80, 88, 96];

const SPACINGS = { compact: "1.2", normal: "1.4", relaxed: "1.7", loose: "2" };
const THEMES = ["dark", "light", "contrast"];
const FONTS = ["system", "atkinson"];
const VIEWS = ["transcript", "last"];
const THEME_COLOURS = { dark: "#000000", light: "#ffffff", contrast: "#000000" };

const DEFAULTS = Object.freeze({ size: 28, theme: "dark", font: "system", spacing: "normal", view: "transcript" });

function oneOf(value, allowed, fallback) {
  return allowed.includes(value) ? value : fallback;
}

function validSize(value) {
  const size = Number(value);
  return Number.isInteger(size) && size >= SIZE_MIN && size <= SIZE_MAX ? size : DEFAULTS.size;
}

/** What is stored, each field checked on its own so that one bad field does not lose the others. */
export function readSettings() {
  let stored = {};
  try {
    const raw = localStorage.getItem(STORAGE_KEY);
    if (raw !== null) {
      const parsed = JSON.parse(raw);
      stored = parsed && typeof parsed === "object" ? parsed : {};
    } else {
      const oldSize = localStorage.getItem(OLD_SIZE_KEY);
      if (oldSize !== null) {
        stored = { size: Number.parseInt(oldSize, 10) };
      }
    }
  } catch {
    stored = {};
  }
  return {
    size: stored.size === undefined ? DEFAULTS.size : validSize(stored.size),
    theme: oneOf(stored.theme, THEMES, DEFAULTS.theme),
    font: oneOf(stored.font, FONTS, DEFAULTS.font),
    spacing: oneOf(stored.spacing, Object.keys(SPACINGS), DEFAULTS.spacing),
    view: oneOf(stored.view, VIEWS, DEFAULTS.view),
  };
}

function writeSettings(settings) {
  try {
    localStorage.setItem(STORAGE_KEY, JSON.stringify(settings));
  } catch {
    // not remembered; still applied
  }
}

function applyToPage(settings) {
  const root = document.documentElement;
  root.style.setProperty("--caption-size", `${settings.size}px`);
  root.style.setProperty("--caption-leading", SPACINGS[settings.spacing]);
  root.dataset.theme = settings.theme;
  root.dataset.font = settings.font;
  root.dataset.view = settings.view;
  document.querySelector('meta[name="color-scheme"]')?.setAttribute("content", settings.theme === "light" ? "light" : "dark");
  document.querySelector('meta[name="theme-color"]')?.setAttribute("content", THEME_COLOURS[settings.theme]);
}

/**
 * Applies the stored settings and wires the panel. onChange(settings, previous) runs after each change is applied.
 * Returns { current() }.
 */
export function setUpReaderSettings(onChange) {
  let settings = readSettings();
  applyToPage(settings);

  const dialog = document.getElementById("settings");
  const opener = document.getElementById("settings-open");
  const form = dialog.querySelector("form");
  const sizeInput = document.getElementById("size");
  const sizeValue = document.getElementById("size-value");

  function showInPanel() {
    sizeInput.value = String(settings.size);
    sizeValue.textContent = `${settings.size} px`;
    for (const name of ["theme", "font", "spacing", "view"]) {
      for (const radio of form.elements[name]) {
        radio.checked = radio.value === settings[name];
      }
    }
  }

  function change(patch) {
    const previous = settings;
    const next = { ...settings, ...patch };
    next.size = validSize(next.size);
    if (Object.keys(next).every((key) => next[key] === previous[key])) {
      return;
    }
    settings = next;
    applyToPage(settings);
    writeSettings(settings);
    showInPanel();
    onChange(settings, previous);
  }

  function stepSize(direction) {
    const next = direction > 0
      ? SIZE_STEPS.find((size) => size > settings.size) ?? SIZE_MAX
      : SIZE_STEPS.findLast((size) => size < settings.size) ?? SIZE_MIN;
    change({ size: next });
  }

  document.getElementById("smaller").addEventListener("click", () => stepSize(-1));
  document.getElementById("larger").addEventListener("click", () => stepSize(1));
  sizeInput.addEventListener("input", () => change({ size: Number(sizeInput.value) }));
  form.addEventListener("change", (event) => {
    const target = event.target;
    if (target instanceof HTMLInputElement && target.type === "radio" && target.checked) {
      change({ [target.name]: target.value });
    }
  });

  opener.addEventListener("click", () => {
    showInPanel();
    opener.setAttribute("aria-expanded", "true");
    dialog.showModal(); // modal: Escape closes it, and the page behind cannot be reached until it does
  });
  dialog.addEventListener("close", () => {
    opener.setAttribute("aria-expanded", "false");
    opener.focus();
  });
  // A tap on the dimmed page outside the panel closes it too.
  dialog.addEventListener("click", (event) => {
    if (event.target === dialog) {
      dialog.close();
    }
  });

  showInPanel();
  return { current: () => settings };
}
