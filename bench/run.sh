#!/usr/bin/env bash
# The benchmark suite: builds the WAR, starts PostgreSQL, Redis and Payara Micro on free loopback ports, seeds
# 1,000, 10,000 and 100,000 properties, measures with wrk, writes BENCHMARKS.md and the README's headline
# figures, and stops everything it started. About 10 minutes; --quick is a short smoke run of the same steps.
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

if ! command -v wrk >/dev/null 2>&1; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
        echo "Installing wrk (Debian package)..."
        apt-get install -y wrk >/dev/null 2>&1 || { apt-get update >/dev/null && apt-get install -y wrk >/dev/null; }
    else
        echo "wrk is needed on the PATH (Debian/Ubuntu: apt-get install wrk)." >&2
        exit 1
    fi
fi

started=$(date +%s)
./mvnw -q -Pbench package -Dbench.quick="$quick" -Dbench.command="$command"
echo "Suite finished in $(( $(date +%s) - started )) s."
