#!/usr/bin/env bash
# Measures the first GET /properties/ after a write, with cache warming on and off: for each setting it starts
# the service as ./mvnw -Prun does (own PostgreSQL and Redis, 20 demo properties), then TRIES times: POST a
# property, wait (warming on: until the metrics show the write's warm-up done; off: a fixed 0.5 s, so both
# reads come equally long after their write), and time one GET /properties/ with curl. Prints the median,
# min and max in milliseconds and the X-Cache answers, and writes them to target/first-read-after-write.txt.
# Usage: scripts/first-read-after-write.sh [TRIES [ROWS]]: TRIES defaults to 20; with ROWS, properties are
# added first until there are that many (the data stays in target/run/ for the next run). Needs curl and
# python3 (for a free port).
set -euo pipefail
cd "$(dirname "$0")/.."
TRIES=${1:-20}
ROWS=${2:-0}
OUT=target/first-read-after-write.txt
AUTH=admin:admin
mkdir -p target
: > "$OUT"

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

metric() { # name level -> value in the scrape in $SCRAPE
  awk -v n="$1" -v l="level=\"$2\"" '$1 ~ "^"n"\\{" && index($1, l) { printf "%d", $2; exit }' <<<"$SCRAPE"
}

warmups_done() {
  SCRAPE=$(curl -s "$BASE/metrics?scope=application")
  [ $(( $(metric cache_warmups_total response) + $(metric cache_warmups_skipped_total response) )) -eq \
    $(( $(metric cache_evictions_total response) + 1 )) ]
}

measure() { # warming enabled: true|false
  local enabled=$1 port pid times=() outcomes=()
  port=$(free_port)
  BASE="http://127.0.0.1:$port"
  PORT=$port PROPERTIES_ADMIN_USERNAME=admin PROPERTIES_ADMIN_PASSWORD=admin CACHING_WARM_ENABLED=$enabled \
    setsid ./mvnw -o -q -Prun > "target/first-read-after-write-$enabled.log" 2>&1 &
  pid=$!
  trap 'kill -- -'"$pid"' 2>/dev/null || true' EXIT
  until grep -q "Ctrl-C stops" "target/first-read-after-write-$enabled.log"; do
    kill -0 "$pid" 2>/dev/null || { echo "the service did not start, see target/first-read-after-write-$enabled.log"; exit 1; }
    sleep 1
  done
  local count
  count=$(curl -s "$BASE/properties/" | grep -o '"count":[0-9]*' | cut -d: -f2)
  for ((n = count; n < ROWS; n++)); do
    curl -s -o /dev/null -u "$AUTH" -H 'Content-Type: application/json' "$BASE/properties/" \
      -d "{\"title\":\"Filler $n\",\"description\":\"a longer description to make the list realistic\",\"price\":\"1000\",\"location\":\"Oslo\"}"
  done
  local rows=$(( count > ROWS ? count : ROWS ))
  for i in $(seq 1 "$TRIES"); do
    curl -s -o /dev/null -u "$AUTH" -H 'Content-Type: application/json' "$BASE/properties/" \
      -d "{\"title\":\"Latency $i\",\"description\":\"measured\",\"price\":\"1000\",\"location\":\"Oslo\"}"
    if [ "$enabled" = true ]; then
      until warmups_done; do sleep 0.02; done
    else
      sleep 0.5
    fi
    read -r seconds outcome < <(curl -s -o /dev/null -D - -w '%{time_total}\n' "$BASE/properties/" |
      awk 'tolower($1) == "x-cache:" { x = $2 } /^[0-9.]+$/ { t = $1 } END { gsub("\r", "", x); print t, x }')
    times+=("$seconds")
    outcomes+=("$outcome")
  done
  kill -- -"$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  trap - EXIT
  printf '%s\n' "${times[@]}" | sort -n | awk -v enabled="$enabled" -v rows="$rows" -v outcomes="$(printf '%s\n' "${outcomes[@]}" | sort | uniq -c | tr -s ' \n' ' ')" '
    { t[NR] = $1 * 1000 }
    END { m = NR % 2 ? t[(NR + 1) / 2] : (t[NR / 2] + t[NR / 2 + 1]) / 2
          printf "warming %-5s, %d properties: first GET /properties/ after a write, %d tries: median %.1f ms, min %.1f ms, max %.1f ms; X-Cache:%s\n",
                 enabled, rows, NR, m, t[1], t[NR], outcomes }' | tee -a "$OUT"
}

measure true
measure false
