#!/usr/bin/env bash
# A catalog under edits: 1,000 properties, 8 clients reading random details and the first pages while properties
# are written (one write a second, then one request in ten). Prints req/s and the detail and page hit ratios.
# Builds the WAR, starts PostgreSQL, Redis and one Payara Micro on free loopback ports, stops everything after.
#   ./bench/catalog.sh [WAR]    (another build's WAR, to compare; by default this build's)
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -DskipTests package
./mvnw -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-classpath.txt
war=${1:-target/property-listings.war}
java -cp "target/test-classes:target/classes:$(cat target/bench-classpath.txt)" -Dcatalog.war="$war" \
    -Djava.io.tmpdir=target -Dbench.target=target io.propertylistings.bench.CatalogRun
