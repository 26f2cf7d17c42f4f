#!/usr/bin/env bash
# The time a phone goes without captions while the ops agent swaps the appliance, and how long a broken release takes
# to be rolled back. Runs the end-to-end test OtaUpdateTests RUNS times (default 3): the real agent and appliance
# images started by docker-compose.yml, a registry on loopback, a SignalR viewer that reconnects as the page does; a
# good release (the same image re-labelled) forced in, then a broken one (exits 3 at once) rolled back. Each run
# leaves its timeline (caption arrivals, forced updates, the agent's history) in
# artifacts/test-results/end-to-end/ota-timeline.json; this script reads the numbers from it.
# Usage: scripts/bench/ota-caption-gap.sh [RUNS]
set -euo pipefail
source "$(dirname "$0")/../lib/common.sh"
runs=${1:-3}
ensure_docker
ensure_compose
export LIVESTT_IMAGE=${LIVESTT_IMAGE:-livestt/appliance:local} LIVESTT_OPSAGENT_IMAGE=${LIVESTT_OPSAGENT_IMAGE:-livestt/opsagent:local}
export LIVESTT_SPEECH_DIR=${LIVESTT_SPEECH_DIR:-$(cd "$LIVESTT_ROOT/.." && pwd)/shared/speech}
"$LIVESTT_ROOT/scripts/build-image.sh" "$LIVESTT_IMAGE" >&2
"$LIVESTT_ROOT/scripts/build-opsagent-image.sh" "$LIVESTT_OPSAGENT_IMAGE" >&2
dotnet build "$LIVESTT_ROOT/tests/EndToEnd.Tests" -c Release -nologo -v quiet >/dev/null
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
timeline="$LIVESTT_ROOT/artifacts/test-results/end-to-end/ota-timeline.json"
for i in $(seq 1 "$runs"); do
  rm -f "$timeline"
  log "run $i of $runs"
  dotnet test "$LIVESTT_ROOT/tests/EndToEnd.Tests" -c Release --no-build --filter "FullyQualifiedName~OtaUpdateTests" >"$work/test-$i.log" 2>&1 \
    || { tail -n 40 "$work/test-$i.log" >&2; die "run $i failed (log above)"; }
  cp "$timeline" "$work/run-$i.json"
done

python3 - "$work"/run-*.json <<'PY'
import json, statistics, sys

def gap(captions, sent, kinds):
    """Last caption of the session on screen when the update was sent, to the first caption of a later session."""
    shown = [c for c in captions if c["kind"] in kinds]
    before = [c for c in shown if c["at"] <= sent]
    session = before[-1]["sessionId"]
    last = max(c["at"] for c in shown if c["sessionId"] == session)
    first = min(c["at"] for c in shown if c["sessionId"] != session and c["at"] > last)
    return last, first

rows = []
for path in sys.argv[1:]:
    t = json.load(open(path))
    updates = {u["name"]: u for u in t["updates"]}
    history = [h for h in t["history"] if h["service"] == "appliance"]
    row = {}
    for name, done in (("good", "updated"), ("broken", "rolled-back")):
        u = updates[name]
        started = min(h["at"] for h in history if h["event"] == "started" and h["at"] >= u["sentAt"] - 1000)
        finished = min(h["at"] for h in history if h["event"] == done and h["at"] >= started)
        last_any, first_any = gap(t["captions"], u["sentAt"], ("tentative", "committed"))
        last_line, first_line = gap(t["captions"], u["sentAt"], ("committed",))
        row[name] = dict(
            gap_any=(first_any - last_any) / 1000, gap_line=(first_line - last_line) / 1000,
            agent=(finished - started) / 1000, answered=(u["answeredAt"] - u["sentAt"]) / 1000,
            after_done=(first_line - finished) / 1000)
    rows.append(row)

def fmt(values):
    return "{:.1f}".format(values[0]) if len(values) == 1 else "{:.1f} / {:.1f} / {:.1f}".format(min(values), statistics.median(values), max(values))

print("runs: {}{}".format(len(rows), "" if len(rows) == 1 else " (min / median / max, seconds)"))
print()
print("| | good release (swapped in) | broken release (rolled back) |")
print("|---|---|---|")
for key, label in (("gap_line", "no committed line on the phone: last line before to first line after, s"),
                   ("gap_any", "no caption event at all (tentative text included), s"),
                   ("agent", "agent: swap started to updated / rolled back (history), s"),
                   ("answered", "forced check sent to answered, s"),
                   ("after_done", "updated / rolled back to the first line on the phone, s")):
    print("| {} | {} | {} |".format(label, fmt([r["good"][key] for r in rows]), fmt([r["broken"][key] for r in rows])))
PY
