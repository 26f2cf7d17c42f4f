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
    """Last caption of the session on screen when the update was sent, and the first caption of a later session."""
    shown = [c for c in captions if c["kind"] in kinds]
    session = [c for c in shown if c["at"] <= sent][-1]["sessionId"]
    last = max(c["at"] for c in shown if c["sessionId"] == session)
    first = min(c["at"] for c in shown if c["sessionId"] != session and c["at"] > last)
    return last, first

rows = []
for path in sys.argv[1:]:
    t = json.load(open(path))
    history = [h for h in t["history"] if h["service"] == "appliance"]
    row = {}
    for u in t["updates"]:
        swap = [h for h in history if u["sentAt"] <= h["at"] <= u["answeredAt"] + 1000]
        at = lambda event, step=None: min(h["at"] for h in swap if h["event"] == event and (step is None or h["step"] == step))
        last_any, first_any = gap(t["captions"], u["sentAt"], ("tentative", "committed"))
        last_line, first_line = gap(t["captions"], u["sentAt"], ("committed",))
        r = dict(gap_line=first_line - last_line, gap_any=first_any - last_any,
                 stop_old=at("step", "OldStopped") - at("step", "Created"), total=u["answeredAt"] - u["sentAt"])
        if u["name"] == "good":
            r.update(new_to_line=first_line - at("step", "NewStarted"), to_healthy=at("updated") - at("step", "NewStarted"))
        else:
            r.update(detect=at("step", "RollingBack") - at("step", "NewStarted"), back=at("rolled-back") - at("step", "RollingBack"),
                     back_to_line=first_line - at("step", "RollingBack"))
        row[u["name"]] = {k: v / 1000 for k, v in r.items()}
    rows.append(row)

def fmt(name, key):
    values = [r[name][key] for r in rows if key in r[name]]
    if not values:
        return "-"
    return "{:.1f}".format(values[0]) if len(values) == 1 else "{:.1f} / {:.1f} / {:.1f}".format(min(values), statistics.median(values), max(values))

print("runs: {}{}".format(len(rows), ", seconds" if len(rows) == 1 else "; min / median / max, seconds"))
print()
print("| | good release (swapped in) | broken release (rolled back) |")
print("|---|---|---|")
for key, label in (("gap_line", "**phone without a committed line**: the last line before to the first line after"),
                   ("gap_any", "phone without any caption event (tentative text included)"),
                   ("stop_old", "the old container stopping (agent: Created to OldStopped)"),
                   ("new_to_line", "new container started to its first line on the phone"),
                   ("to_healthy", "new container started to healthy, and the swap committed"),
                   ("detect", "new container started to the agent rolling back (it exited)"),
                   ("back", "**rollback**: rolling back to the previous container running and healthy again"),
                   ("back_to_line", "rolling back to the first line on the phone again"),
                   ("total", "the forced check, sent to answered")):
    print("| {} | {} | {} |".format(label, fmt("good", key), fmt("broken", key)))
PY
