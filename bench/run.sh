#!/usr/bin/env bash
# Runs the benchmarks: builds what they need, then writes bench/results/latest.json and the
# table in bench/README.md. Not part of the test command. Usage: bench/run.sh
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=scripts/java-env.sh
. scripts/java-env.sh
mvn -B -q -Pbench -pl bench -am -DskipTests install
(cd bench/node && npm ci --no-audit --no-fund --silent)   # the Node ws reference (M2)
mvn -B -q -Pbench -pl bench dependency:build-classpath -Dmdep.outputFile="$PWD/bench/target/classpath.txt"
exec java -cp "bench/target/classes:$(cat bench/target/classpath.txt)" chorus.bench.Main bench "$(git rev-parse --short HEAD 2>/dev/null || echo unknown)"
