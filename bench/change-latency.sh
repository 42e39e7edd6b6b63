#!/usr/bin/env bash
# How soon a change made in the database without the service (a JDBC UPDATE) shows in every node's reads: with
# 1 and 2 Payara Micro nodes, idle and under a 90/10 read/write mix. Builds the WAR, starts PostgreSQL, Redis and
# the nodes on free loopback ports, prints p50, p99 and max, and stops everything. About 3 minutes.
#   ./bench/change-latency.sh [CHANGES]    (200 outside UPDATEs per setting by default)
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -DskipTests package
./mvnw -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-classpath.txt
java -cp "target/test-classes:target/classes:$(cat target/bench-classpath.txt)" -Dchanges="${1:-200}" \
    -Djava.io.tmpdir=target -Dbench.target=target io.propertylistings.bench.ChangeLatency
