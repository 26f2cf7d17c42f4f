// "Load earlier lines": the current session's lines from before the backlog, asked of the hub a page at a time
// (hub method Earlier(sessionId, beforeSeq, count) -> { lines, more }), put in by seq above what the reader is
// looking at without moving it.

const PAGE = 100;

/**
 * options: feed (caption-feed.js), roomLeft() -> lines the page may still hold, currentSession() ->
 * { id, block, lines: Map<seq, element> } | null, insert(caption) -> whether it was put on the page.
 * Returns { refresh() }, to call when the current session or its lines may have changed.
 */
export function setUpEarlierLines({ feed, roomLeft, currentSession, insert }) {
  const button = document.createElement("button");
  button.type = "button";
  button.id = "earlier";
  button.className = "earlier";
  button.textContent = "Load earlier lines";
  button.hidden = true;

  const exhausted = new Set(); // sessions whose first line is on the page
  let loading = false;

  function oldestSeq(lines) {
    let oldest = Infinity;
    for (const seq of lines.keys()) {
      oldest = Math.min(oldest, seq);
    }
    return oldest;
  }

  function refresh() {
    const session = currentSession();
    if (session && button.parentElement !== session.block) {
      // Above the session's first line, after the divider from the session before.
      session.block.insertBefore(button, session.block.querySelector(".line"));
      button.textContent = "Load earlier lines";
    }
    const show = Boolean(session && session.lines && session.lines.size > 0 && !exhausted.has(session.id) && roomLeft() > 0);
    if (button.hidden === show) {
      button.hidden = !show;
    }
  }

  async function load() {
    const session = currentSession();
    if (loading || !session || !session.lines || session.lines.size === 0) {
      return;
    }
    loading = true;
    button.disabled = true;
    button.textContent = "Loading earlier lines…";
    const before = oldestSeq(session.lines);
    try {
      const answer = await feed.invoke("Earlier", session.id, before, Math.min(PAGE, roomLeft()));
      const lines = Array.isArray(answer?.lines) ? answer.lines : [];
      // What the reader sees now is the session's first line and below; it stays where it is on the screen.
      const anchor = session.lines.get(before);
      const top = anchor.getBoundingClientRect().top;
      for (const caption of lines) {
        if (caption?.sessionId === session.id && caption.seq < before) {
          insert(caption);
        }
      }
      if (anchor.isConnected) {
        window.scrollBy({ top: anchor.getBoundingClientRect().top - top, behavior: "instant" });
      }
      if (answer?.more !== true) {
        exhausted.add(session.id);
      }
      button.textContent = "Load earlier lines";
    } catch {
      button.textContent = "Could not load earlier lines. Try again";
    } finally {
      loading = false;
      button.disabled = false;
      refresh();
    }
  }

  button.addEventListener("click", load);
  return { refresh };
}
