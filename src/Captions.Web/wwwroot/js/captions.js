// Caption viewer: shows committed lines with the current tentative text after them. Events carry a per-session
// seq; the backlog a viewer receives on (re)connecting may overlap live events, so lines are kept by seq and
// duplicates dropped. The connection itself (tickets, resume after a reconnect or a restart) is caption-feed.js.
import { createCaptionFeed } from "./caption-feed.js";
import { setUpReaderSettings } from "./reader-settings.js";
import { setUpEarlierLines } from "./earlier-lines.js";

const MAX_LINES = 1500;
const AT_BOTTOM_SLACK_PX = 48;
const ANNOUNCED_KEPT = 3;

const statusEl = document.getElementById("status");
const linesEl = document.getElementById("lines");
const tentativeEl = document.getElementById("tentative");
const waitingEl = document.getElementById("waiting");
const jumpEl = document.getElementById("jump");
const demoBannerEl = document.getElementById("demo-banner");
const sessionStateEl = document.getElementById("session-state");
const announcerEl = document.getElementById("announcer");

// ---- auto-scroll: follow the live edge until the reader scrolls up ----

let following = true;
let scrollQueued = false;

function scrolling() {
  return document.documentElement.dataset.view !== "last"; // the last-lines view never scrolls
}

function isAtBottom() {
  const root = document.documentElement;
  return window.innerHeight + window.scrollY >= root.scrollHeight - AT_BOTTOM_SLACK_PX;
}

function setFollowing(value) {
  following = value;
  jumpEl.hidden = value || !scrolling();
}

// One scroll per frame however many events came in it, and none while the page is hidden (frames do not run):
// reading the page's height forces a layout, which a burst of events must not pay for each time.
function afterContentChanged() {
  if (!following || scrollQueued || !scrolling()) {
    return;
  }
  scrollQueued = true;
  requestAnimationFrame(() => {
    scrollQueued = false;
    if (following && scrolling()) {
      window.scrollTo({ top: document.documentElement.scrollHeight, behavior: "instant" });
    }
  });
}

// A scroll while a move to the live edge is queued is the browser's own (scroll anchoring after a view change or a
// burst of lines runs its scroll steps before the frame's callbacks), not the reader's: it must not stop following.
window.addEventListener("scroll", () => {
  if (scrolling() && !scrollQueued) {
    setFollowing(isAtBottom());
  }
}, { passive: true });
window.addEventListener("resize", afterContentChanged);
jumpEl.addEventListener("click", () => {
  setFollowing(true);
  afterContentChanged();
});

setUpReaderSettings((settings, previous) => {
  if (settings.view !== previous.view) {
    setFollowing(true); // either view starts at the live edge
  }
  afterContentChanged();
});

// ---- transcript ----

// sessionId -> { block: HTMLElement, lastCommittedSeq: number, lines: Map<seq, HTMLElement> }
const sessions = new Map();
let tentative = null; // the CaptionEvent currently shown as tentative
let lineCount = 0;
let newest = null; // { sessionId, seq } of the newest committed line shown, for a reconnect to ask from

function sessionFor(sessionId) {
  let session = sessions.get(sessionId);
  if (!session) {
    const block = document.createElement("section");
    block.className = "session";
    block.dataset.session = sessionId;
    if (linesEl.childElementCount > 0) {
      const divider = document.createElement("hr");
      divider.className = "session-break";
      block.append(divider);
    }
    linesEl.append(block);
    session = { block, lastCommittedSeq: -1, lines: new Map() };
    sessions.set(sessionId, session);
  }
  return session;
}

function announce(caption) {
  const entry = document.createElement("p");
  entry.dataset.session = caption.sessionId;
  entry.dataset.seq = String(caption.seq);
  entry.textContent = caption.text;
  announcerEl.append(entry);
  while (announcerEl.childElementCount > ANNOUNCED_KEPT) {
    announcerEl.firstElementChild.remove(); // removals are not read out (aria-relevant="additions")
  }
}

/** Shows a committed line in its place by seq; false when it was there already. */
function addCommitted(caption, { live = true } = {}) {
  const session = sessionFor(caption.sessionId);
  if (session.lines.has(caption.seq)) {
    return false; // already shown (backlog and live overlap on reconnect)
  }

  const line = document.createElement("p");
  line.className = "line";
  line.dataset.seq = String(caption.seq);
  line.textContent = caption.text;

  // Insert in seq order; almost always this is the end.
  let before = null;
  if (caption.seq < session.lastCommittedSeq) {
    for (const [seq, el] of session.lines) {
      if (seq > caption.seq && (before === null || seq < Number(before.dataset.seq))) {
        before = el;
      }
    }
  }
  session.block.insertBefore(line, before);
  session.lines.set(caption.seq, line);
  lineCount++;
  if (!live) {
    return true;
  }

  session.lastCommittedSeq = Math.max(session.lastCommittedSeq, caption.seq);
  newest = { sessionId: caption.sessionId, seq: session.lastCommittedSeq };
  trimOldLines();
  if (announcing) {
    announce(caption);
  }
  if (tentative && (tentative.sessionId !== caption.sessionId || tentative.seq < caption.seq)) {
    showTentative(null);
  }
  return true;
}

function trimOldLines() {
  while (lineCount > MAX_LINES) {
    const oldest = linesEl.querySelector(".line");
    if (!oldest) {
      return;
    }
    const block = oldest.closest(".session");
    const session = sessions.get(block.dataset.session);
    session?.lines.delete(Number(oldest.dataset.seq));
    oldest.remove();
    lineCount--;
    if (!block.querySelector(".line") && block !== linesEl.lastElementChild) {
      sessions.delete(block.dataset.session);
      block.remove();
    }
  }
}

function showTentative(caption) {
  tentative = caption;
  tentativeEl.textContent = caption ? caption.text : "";
}

function validCaption(caption) {
  return caption && typeof caption.seq === "number" && typeof caption.text === "string" && typeof caption.sessionId === "string";
}

function applyCaption(caption) {
  if (!validCaption(caption)) {
    return;
  }
  waitingEl.hidden = true;

  if (caption.kind === "committed") {
    addCommitted(caption);
  } else if (caption.kind === "tentative") {
    const session = sessionFor(caption.sessionId);
    const newer = !tentative || tentative.sessionId !== caption.sessionId || caption.seq > tentative.seq;
    if (caption.seq > session.lastCommittedSeq && newer) {
      showTentative(caption);
    }
  }
  earlier.refresh();
  afterContentChanged();
}

// The first backlog is what was said before this page opened: it is on the page to read, not read out.
// Later ones hold what was missed while cut off, which is news.
let announcing = false;

function applyBacklog(captions) {
  // A backlog comes with each (re)connection; tentative text from before it may never be confirmed.
  showTentative(null);
  captions.forEach(applyCaption);
  announcing = true;
}

// ---- the session's life: before the service, a pause, the end ----

const SESSION_TEXT = {
  waiting: "Captions will start soon",
  starting: "Captions are starting…",
  live: "",
  paused: "Paused",
  ended: "Ended — thank you",
  unavailable: "Captions are not available right now",
};

function applySession(notice) {
  if (!notice || typeof notice.state !== "string" || !(notice.state in SESSION_TEXT)) {
    return;
  }
  sessionStateEl.dataset.state = notice.state;
  sessionStateEl.textContent = SESSION_TEXT[notice.state];
  if (notice.state !== "live") {
    // Nothing tentative survives a pause or the end: it will never be confirmed.
    showTentative(null);
  }
  if (notice.state === "starting" && notice.sessionId) {
    sessionFor(notice.sessionId); // the new session's lines get a place of their own, after a divider
  }
  earlier.refresh();
  afterContentChanged();
}

// ---- model banner and first-boot progress ----

const waitingText = waitingEl.textContent;
let statusPoll = null;

async function refreshModelBanner() {
  try {
    const response = await fetch("api/status", { cache: "no-store" });
    if (!response.ok) {
      return;
    }
    const status = await response.json();
    demoBannerEl.hidden = !(status && status.model && status.model.isDemo === true);
    showDownload(status && status.download);
  } catch {
    // the box is unreachable; the connection status already says so
  }
}

// On a first boot the box downloads its speech model before any caption can appear; say so, and
// keep asking until it is done, rather than leave people looking at "Waiting".
function showDownload(download) {
  if (download && download.totalBytes > 0) {
    const percent = Math.floor((download.receivedBytes * 100) / download.totalBytes);
    waitingEl.textContent = `Getting the speech model (${download.modelName}) ready: ${percent} %`;
    statusPoll ??= setInterval(refreshModelBanner, 3000);
  } else {
    waitingEl.textContent = waitingText;
    if (statusPoll !== null) {
      clearInterval(statusPoll);
      statusPoll = null;
    }
  }
}

// ---- connection ----

const feed = createCaptionFeed({
  resumePoint: () => newest,
  backlog: applyBacklog,
  caption: applyCaption,
  session: applySession,
  status: (state, text) => {
    statusEl.dataset.state = state;
    statusEl.textContent = text;
  },
  connected: () => {
    refreshModelBanner();
    earlier.refresh();
  },
});

const earlier = setUpEarlierLines({
  feed,
  linesEl,
  roomLeft: () => MAX_LINES - lineCount,
  currentSession: () => {
    const block = linesEl.lastElementChild;
    return block ? { id: block.dataset.session, block, lines: sessions.get(block.dataset.session)?.lines } : null;
  },
  insert: (caption) => validCaption(caption) && caption.kind === "committed" && addCommitted(caption, { live: false }),
});

refreshModelBanner();
feed.start();
