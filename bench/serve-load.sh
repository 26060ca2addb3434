#!/usr/bin/env bash
# Load on `pfa-wasm serve` over loopback with wrk (a C load generator: a Node one takes a core of
# its own here and caps what it can see). Serves the Sonar demo model, POSTs Sonar rows over 32
# keep-alive connections for a bounded time, and prints requests/s, latency percentiles and the
# count of non-2xx answers. Needs `wrk` (Debian: apt-get install -y wrk) and a built dist/.
#   bench/serve-load.sh [DURATION_SECONDS=15] [CONNECTIONS=32] [THREADS=1]
set -euo pipefail
cd "$(dirname "$0")/.."
duration=${1:-15}
connections=${2:-32}
threads=${3:-1}
port=${PORT:-18080}
command -v wrk >/dev/null || { echo "serve-load: wrk is missing (apt-get install -y wrk)" >&2; exit 2; }
[ -f dist/hosts/cli/main.js ] || { echo "serve-load: dist/ is missing (npm run build)" >&2; exit 2; }

node bin/pfa-wasm serve models/sonar-naive-bayes.pfa.json --port "$port" --log-level warn ${BACKEND:+--backend "$BACKEND"} >/dev/null 2>/tmp/pfa-serve-load.err &
server=$!
trap 'kill "$server" 2>/dev/null; wait "$server" 2>/dev/null || true' EXIT
for _ in $(seq 600); do curl -sf "http://127.0.0.1:$port/health" >/dev/null && break; sleep 0.2; done
curl -sf "http://127.0.0.1:$port/health" >/dev/null || { cat /tmp/pfa-serve-load.err >&2; exit 1; }

# The Lua script cycles through the sample rows and counts non-2xx answers.
lua=$(mktemp --suffix=.lua)
{
  echo 'local rows = {'
  while IFS= read -r row; do [ -n "$row" ] && printf '  [==[%s]==],\n' "$row"; done < models/sonar-sample.jsonl
  echo '}'
  cat <<'LUA'
local i = 0
wrk.method = "POST"
wrk.headers["content-type"] = "application/json"
request = function()
  i = i % #rows + 1
  return wrk.format(nil, "/score", nil, rows[i])
end
local bad = 0
response = function(status, headers, body)
  if status < 200 or status > 299 then bad = bad + 1 end
end
done = function(summary, latency, requests)
  io.write(string.format("requests/s %.0f\n", summary.requests / (summary.duration / 1e6)))
  for _, p in ipairs({50, 90, 99, 99.9}) do
    io.write(string.format("p%s %.2f ms\n", p, latency:percentile(p) / 1000))
  end
  io.write(string.format("max %.2f ms\n", latency.max / 1000))
  io.write(string.format("non-2xx %d (socket errors: connect %d, read %d, write %d, timeout %d)\n",
    summary.errors.status, summary.errors.connect, summary.errors.read, summary.errors.write, summary.errors.timeout))
end
LUA
} > "$lua"

# A short warm-up lets V8 optimise the scoring path before the measured run.
wrk -t1 -c"$connections" -d2s -s "$lua" "http://127.0.0.1:$port/score" >/dev/null
# The server's CPU time per request (user + system, from /proc) does not depend on what else the
# machine runs, unlike requests/s: 1e6 / (µs per request) is what one core could serve.
cpu_ticks() { awk '{print $14 + $15}' "/proc/$server/stat"; }
echo "pfa-wasm serve (backend ${BACKEND:-auto}), Sonar naive Bayes, $connections keep-alive connections, $threads wrk thread(s), ${duration}s, $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
before=$(cpu_ticks)
out=$(wrk -t"$threads" -c"$connections" -d"${duration}s" --latency -s "$lua" "http://127.0.0.1:$port/score")
after=$(cpu_ticks)
echo "$out"
requests=$(echo "$out" | awk '/requests in/ {print $1}')
awk -v t=$((after - before)) -v hz="$(getconf CLK_TCK)" -v n="$requests" \
  'BEGIN { us = t / hz * 1e6 / n; printf "server CPU %.1f µs per request (one core: %.0f requests/s)\n", us, 1e6 / us }'
rm -f "$lua"
