#!/usr/bin/env bash
# Load on `pfa-wasm serve` over loopback with wrk (a C load generator: a Node one takes a core of
# its own here and caps what it can see), against a baseline in the same run: a node:http server
# that only parses the same JSON bodies (bench/json-server.mjs). Serves the Sonar demo model on
# serve's defaults (the Wasm backend, from the compile cache), POSTs Sonar rows over 32 keep-alive
# connections for a bounded time, and prints requests/s, latency percentiles and non-2xx answers of
# each, then serve's share of the baseline's requests/s and of its CPU time per request.
# Issue 17's target: a share of at least 0.75, serve's p99 under 10 ms, no non-2xx.
# Needs `wrk` (Debian: apt-get install -y wrk) and a built dist/.
#   bench/serve-load.sh [DURATION_SECONDS=15] [CONNECTIONS=32] [THREADS=1]
set -euo pipefail
cd "$(dirname "$0")/.."
duration=${1:-15}
connections=${2:-32}
threads=${3:-1}
port=${PORT:-18080}
base_port=$((port + 1))
command -v wrk >/dev/null || { echo "serve-load: wrk is missing (apt-get install -y wrk)" >&2; exit 2; }
[ -f dist/hosts/cli/main.js ] || { echo "serve-load: dist/ is missing (npm run build)" >&2; exit 2; }

node bin/pfa-wasm serve models/sonar-naive-bayes.pfa.json --port "$port" --log-level warn ${BACKEND:+--backend "$BACKEND"} >/dev/null 2>/tmp/pfa-serve-load.err &
server=$!
node bench/json-server.mjs "$base_port" &
baseline=$!
lua=$(mktemp --suffix=.lua)
trap 'kill "$server" "$baseline" 2>/dev/null; wait "$server" "$baseline" 2>/dev/null || true; rm -f "$lua"' EXIT
# The first start may compile the model (seconds); later ones read the compile cache.
for _ in $(seq 600); do curl -sf "http://127.0.0.1:$port/health" >/dev/null && break; sleep 0.2; done
curl -sf "http://127.0.0.1:$port/health" >/dev/null || { cat /tmp/pfa-serve-load.err >&2; exit 1; }
for _ in $(seq 100); do curl -sf -d '{}' "http://127.0.0.1:$base_port/" >/dev/null && break; sleep 0.1; done
backend=$(curl -s "http://127.0.0.1:$port/health" | node -e 'const h = JSON.parse(require("fs").readFileSync(0, "utf8")); console.log(`${h.backend} (${h.why})`)')

# The Lua script cycles through the sample rows and counts non-2xx answers.
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

# The server's CPU time per request (user + system, from /proc) depends less on what else the
# machine runs than requests/s does: 1e6 / (µs per request) is what one core could serve. The
# user part is the server's own code (system time, the socket calls, is about equal for both).
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
user_ticks() { awk '{print $14}' "/proc/$1/stat"; }
# measure PID PORT LABEL: one wrk run; prints wrk's report and sets rps, p99, non2xx, us.
measure() {
  local pid=$1 url="http://127.0.0.1:$2/score" label=$3 before after user0 user1 out requests
  before=$(cpu_ticks "$pid")
  user0=$(user_ticks "$pid")
  out=$(wrk -t"$threads" -c"$connections" -d"${duration}s" --latency -s "$lua" "$url")
  after=$(cpu_ticks "$pid")
  user1=$(user_ticks "$pid")
  echo "== $label"
  echo "$out"
  requests=$(echo "$out" | awk '/requests in/ {print $1}')
  rps=$(echo "$out" | awk '$1 == "requests/s" {print $2}')
  p99=$(echo "$out" | awk '$1 == "p99" {print $2}')
  non2xx=$(echo "$out" | awk '$1 == "non-2xx" {print $2}')
  us=$(awk -v t=$((after - before)) -v hz="$(getconf CLK_TCK)" -v n="$requests" 'BEGIN { printf "%.1f", t / hz * 1e6 / n }')
  user_us=$(awk -v t=$((user1 - user0)) -v hz="$(getconf CLK_TCK)" -v n="$requests" 'BEGIN { printf "%.1f", t / hz * 1e6 / n }')
  echo "server CPU $us µs per request, $user_us of it user (one core: $(awk -v us="$us" 'BEGIN { printf "%.0f", 1e6 / us }') requests/s)"
}

# A short warm-up of each lets V8 optimise both before the measured runs.
wrk -t1 -c"$connections" -d2s -s "$lua" "http://127.0.0.1:$port/score" >/dev/null
wrk -t1 -c"$connections" -d2s -s "$lua" "http://127.0.0.1:$base_port/score" >/dev/null
echo "Sonar naive Bayes rows, $connections keep-alive connections, $threads wrk thread(s), ${duration}s each, $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
measure "$server" "$port" "pfa-wasm serve, backend $backend"
serve_rps=$rps serve_p99=$p99 serve_bad=$non2xx serve_us=$us
measure "$baseline" "$base_port" "baseline: node:http + JSON.parse (bench/json-server.mjs)"
base_rps=$rps base_bad=$non2xx base_us=$us
echo "== serve against the baseline"
awk -v s="$serve_rps" -v b="$base_rps" -v su="$serve_us" -v bu="$base_us" -v p99="$serve_p99" -v bad="$serve_bad" -v bbad="$base_bad" 'BEGIN {
  ratio = s / b
  printf "requests/s ratio %.2f (%s / %s; target >= 0.75)\n", ratio, s, b
  printf "CPU per request ratio %.2f (baseline %s / serve %s µs; less sensitive to other load than requests/s)\n", bu / su, bu, su
  printf "serve p99 %s ms (target < 10), non-2xx %s (baseline %s; target 0)\n", p99, bad, bbad
  ok = ratio >= 0.75 && p99 < 10 && bad == 0
  printf "%s\n", ok ? "target met" : "target not met"
}'
