// The livestream overlay: the newest one or two committed lines, styled from the query string, on a transparent
// page. No controls and no status: while the box is unreachable it keeps trying, and shows the last lines it had.
import { createCaptionFeed } from "../js/caption-feed.js";

const DEFAULTS = Object.freeze({ lines: 2, size: 48, color: "ffffff", bg: "000000", bgopacity: 60, position: "bottom", font: "system" });
const FONTS = {
  system: 'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "DejaVu Sans", sans-serif',
  atkinson: '"Atkinson Hyperlegible", system-ui, sans-serif',
};
// Without a box behind it, a thin dark edge keeps light text readable over a bright picture.
const EDGE = "0 0 0.08em rgb(0 0 0 / 90%), 0 0 0.03em #000";

// Each option is checked against what it may be; anything else is its default. Nothing from the address is ever
// put into the page as markup or as free CSS: colours must be hex digits, numbers must be whole and in range.
function whole(value, min, max, fallback) {
  return /^\d{1,4}$/.test(value ?? "") && Number(value) >= min && Number(value) <= max ? Number(value) : fallback;
}

function hex(value, fallback) {
  const digits = (value ?? "").replace(/^#/, "");
  if (!/^([0-9a-f]{3}|[0-9a-f]{6})$/i.test(digits)) {
    return fallback;
  }
  return (digits.length === 3 ? [...digits].map((d) => d + d).join("") : digits).toLowerCase();
}

function readOptions(search) {
  const query = new URLSearchParams(search);
  const bg = query.get("bg")?.toLowerCase() === "none" ? "none" : hex(query.get("bg"), DEFAULTS.bg);
  return {
    lines: whole(query.get("lines"), 1, 2, DEFAULTS.lines),
    size: whole(query.get("size"), 12, 200, DEFAULTS.size),
    color: hex(query.get("color"), DEFAULTS.color),
    bg,
    bgopacity: whole(query.get("bgopacity"), 0, 100, DEFAULTS.bgopacity),
    position: ["top", "bottom"].includes(query.get("position")) ? query.get("position") : DEFAULTS.position,
    font: Object.hasOwn(FONTS, query.get("font") ?? "") ? query.get("font") : DEFAULTS.font,
  };
}

function rgb(digits, percent) {
  const [r, g, b] = [0, 2, 4].map((i) => Number.parseInt(digits.slice(i, i + 2), 16));
  return `rgb(${r} ${g} ${b} / ${percent}%)`;
}

const options = readOptions(location.search);
const overlayEl = document.getElementById("overlay");
const boxEl = document.getElementById("box");
const root = document.documentElement.style;
root.setProperty("--size", `${options.size}px`);
root.setProperty("--color", `#${options.color}`);
root.setProperty("--font", FONTS[options.font]);
root.setProperty("--box", options.bg === "none" ? "transparent" : rgb(options.bg, options.bgopacity));
root.setProperty("--shadow", options.bg === "none" || options.bgopacity < 50 ? EDGE : "none");
overlayEl.dataset.position = options.position;

let shown = []; // the newest committed captions of the current session, oldest first, at most options.lines
let newest = null; // { sessionId, seq }: where a reconnect resumes from

function render() {
  boxEl.replaceChildren(...shown.map((caption) => {
    const line = document.createElement("p");
    line.className = "line";
    line.dataset.session = caption.sessionId;
    line.dataset.seq = String(caption.seq);
    line.textContent = caption.text;
    return line;
  }));
  boxEl.hidden = shown.length === 0;
}

function applyCaption(caption) {
  if (!caption || caption.kind !== "committed" || typeof caption.seq !== "number" || typeof caption.text !== "string" || typeof caption.sessionId !== "string") {
    return false; // tentative text is left out: on a stream, words that change under the viewer only distract
  }
  if (newest && newest.sessionId === caption.sessionId && caption.seq <= newest.seq) {
    return false; // already had it (a backlog overlaps live events)
  }
  if (!newest || newest.sessionId !== caption.sessionId) {
    shown = [];
  }
  newest = { sessionId: caption.sessionId, seq: caption.seq };
  shown = [...shown, caption].slice(-options.lines);
  return true;
}

const feed = createCaptionFeed({
  resumePoint: () => newest,
  backlog: (captions) => {
    if (captions.map(applyCaption).includes(true)) {
      render();
    }
  },
  caption: (caption) => {
    if (applyCaption(caption)) {
      render();
    }
  },
  // Off the air (before the service, a pause, the end) the stream shows no stale words.
  session: (notice) => {
    if (notice && typeof notice.state === "string" && notice.state !== "live" && shown.length > 0) {
      shown = [];
      render();
    }
  },
});

feed.start();
