#!/usr/bin/env bash
# The benchmark suite: builds the WAR, starts PostgreSQL, Redis and Payara Micro on free loopback ports, seeds
# 1,000, 10,000 and 100,000 properties, measures with wrk, writes BENCHMARKS.md and the README's headline
# figures, and stops everything it started. About 15 minutes; --quick is a short smoke run of the same steps.
#   ./bench/run.sh [--quick]
set -euo pipefail
cd "$(dirname "$0")/.."

quick=false
command="./bench/run.sh"
for argument in "$@"; do
    case "$argument" in
        --quick) quick=true; command="./bench/run.sh --quick" ;;
        *) echo "usage: $0 [--quick]" >&2; exit 2 ;;
    esac
done

# wrk makes the load; Debian's nginx, where it can be installed, is the physical ceiling (the same bytes as static
# files). Without nginx the run goes on and its report says so.
missing=()
command -v wrk >/dev/null || missing+=(wrk)
[ -x /usr/sbin/nginx ] || missing+=(nginx-light)
if [ ${#missing[@]} -gt 0 ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "Installing ${missing[*]} (Debian packages)..."
    # The nginx package would start its server on port 80: forbid service starts during the install.
    policy=/usr/sbin/policy-rc.d
    own_policy=false
    if [ ! -e "$policy" ]; then
        printf '#!/bin/sh\nexit 101\n' > "$policy" && chmod +x "$policy" && own_policy=true
    fi
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null 2>&1 \
        || { DEBIAN_FRONTEND=noninteractive apt-get update -q >/dev/null \
             && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null; } \
        || echo "Could not install ${missing[*]}." >&2
    if [ "$own_policy" = true ]; then
        rm -f "$policy"
    fi
fi
if ! command -v wrk >/dev/null 2>&1; then
    echo "wrk is needed on the PATH (Debian/Ubuntu: apt-get install wrk)." >&2
    exit 1
fi

started=$(date +%s)
./mvnw -q -Pbench package -Dbench.quick="$quick" -Dbench.command="$command"
echo "Suite finished in $(( $(date +%s) - started )) s."
