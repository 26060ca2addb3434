#!/usr/bin/env bash
# Issue 9: a mixed load of good and hostile requests against `pfa-wasm serve` on loopback, with
# wrk. Prints the answers by status, latency percentiles, and the server's resident memory before
# and after (after a warm-up, so that memory growth would show as a difference). A 5xx or a dead
# server fails the script. Runs the sources through tsx (no dist/ needed).
#   bench/hostile-load.sh [DURATION_SECONDS=60] [CONNECTIONS=16]
set -euo pipefail
cd "$(dirname "$0")/.."
duration=${1:-60}
connections=${2:-16}
port=${PORT:-18090}
command -v wrk >/dev/null || { echo "hostile-load: wrk is missing (apt-get install -y wrk)" >&2; exit 2; }

node --import tsx --input-type=module -e "const { main } = await import('./src/hosts/cli/main.ts'); process.exitCode = await main(process.argv.slice(1));" \
  serve models/sonar-naive-bayes.pfa.json --port "$port" --log-level error ${BACKEND:+--backend "$BACKEND"} >/dev/null 2>/tmp/pfa-hostile-load.err &
server=$!
trap 'kill "$server" 2>/dev/null; wait "$server" 2>/dev/null || true' EXIT
for _ in $(seq 600); do curl -sf "http://127.0.0.1:$port/health" >/dev/null && break; sleep 0.1; done
curl -sf "http://127.0.0.1:$port/health" >/dev/null || { cat /tmp/pfa-hostile-load.err >&2; exit 1; }
# The node process serving is the child of the tsx loader's process, or the same one.
pid=$(pgrep -P "$server" node || echo "$server")
rss() { awk '/VmRSS/ {print $2 " kB"}' "/proc/$pid/status"; }

lua=$(mktemp --suffix=.lua)
row=$(head -1 models/sonar-sample.jsonl)
cat > "$lua" <<LUA
local good = [==[$row]==]
LUA
cat >> "$lua" <<'LUA'
-- One good request in two; the rest cycle through the hostile cases.
local deep = string.rep("[", 10000) .. string.rep("]", 10000)
local batch = "[" .. string.rep(good .. ",", 999) .. good .. "]"
local cases = {
  {"POST", "/score", good},
  {"POST", "/score", '{"V1": '},                                  -- malformed JSON
  {"POST", "/score", (good:gsub('"V1": *[-0-9.e]+', '"V1": "x"'))},  -- wrong type
  {"POST", "/score", '{"V1": 0.5}'},                             -- missing fields
  {"POST", "/score", (good:gsub("}$", ', "extra": 1}'))},         -- extra field
  {"POST", "/score", (good:gsub('"V1": *[-0-9.e]+', '"V1": NaN'))},  -- bare NaN
  {"POST", "/score", (good:gsub('"V1": *[-0-9.e]+', '"V1": "-inf"'))}, -- spelled infinity: answered
  {"POST", "/score", deep},                                      -- 10,000 levels
  {"POST", "/score", "{\"V1\": \"\255\254\"}"},                  -- invalid UTF-8
  {"POST", "/score", ""},                                        -- empty body
  {"POST", "/score", batch},                                     -- 1,000-record batch
  {"POST", "/score", string.rep(" ", 1100000) .. good},          -- over 1 MiB: 413
  {"GET", "/nope", nil},                                         -- 404
  {"GET", "/score", nil},                                        -- 405
}
local threads = {}
function setup(thread) table.insert(threads, thread) end
function init(args) counts = {} n = 0 end
function request()
  n = n + 1
  local c = (n % 2 == 0) and cases[1] or cases[(math.floor(n / 2) % (#cases - 1)) + 2]
  return wrk.format(c[1], c[2], {["content-type"] = "application/json"}, c[3])
end
function response(status, headers, body) counts[status] = (counts[status] or 0) + 1 end
function done(summary, latency, requests)
  local total = {}
  for _, t in ipairs(threads) do
    for status, k in pairs(t:get("counts")) do total[status] = (total[status] or 0) + k end
  end
  local keys = {}
  for status in pairs(total) do table.insert(keys, status) end
  table.sort(keys)
  for _, status in ipairs(keys) do io.write(string.format("status %d: %d\n", status, total[status])) end
  for _, p in ipairs({50, 90, 99, 99.9}) do io.write(string.format("p%s %.2f ms\n", p, latency:percentile(p) / 1000)) end
  io.write(string.format("max %.2f ms\n", latency.max / 1000))
  io.write(string.format("socket errors: connect %d, read %d, write %d, timeout %d\n",
    summary.errors.connect, summary.errors.read, summary.errors.write, summary.errors.timeout))
end
LUA

wrk -t1 -c"$connections" -d5s -s "$lua" "http://127.0.0.1:$port" >/dev/null
echo "pfa-wasm serve (backend ${BACKEND:-auto}), Sonar naive Bayes, mixed good and hostile requests, $connections connections, ${duration}s, $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "memory before: $(rss)"
out=$(wrk -t1 -c"$connections" -d"${duration}s" --timeout 10s --latency -s "$lua" "http://127.0.0.1:$port")
echo "$out" | sed -n '/requests in/,$p'
echo "memory after: $(rss)"
kill -0 "$server" 2>/dev/null || { echo "hostile-load: the server died" >&2; exit 1; }
curl -sf "http://127.0.0.1:$port/health" >/dev/null || { echo "hostile-load: the server no longer answers" >&2; exit 1; }
rm -f "$lua"
if echo "$out" | grep -Eq '^status 5[0-9][0-9]:'; then echo "hostile-load: 5xx answers" >&2; exit 1; fi
