#!/usr/bin/env bash
# What pgjmx costs a process, start to exit, beside no agent, the Jolokia JVM agent and the OpenTelemetry
# Java agent; then the attach latency. Run from anywhere:  examples/benchmarks/startup-table.sh [RUNS] [ATTACH_ROUNDS]
# RUNS (default 8) interleaved runs per variant; ATTACH_ROUNDS (default 3; 0 = skip) fresh JVMs per attach case.
# Offline build (mvn -o); the OpenTelemetry agent is used when Maven can copy it from the local repository
# (fetch it once online: mvn dependency:get -Dartifact=io.opentelemetry.javaagent:opentelemetry-javaagent:2.31.1).
set -euo pipefail
cd "$(dirname "$0")/../.."
runs=${1:-8}
attach_rounds=${2:-3}
mvn -o -q -B -pl examples/benchmarks -am package -DskipTests
otel_version=2.31.1
otel=""
if mvn -o -q -B dependency:copy -Dartifact=io.opentelemetry.javaagent:opentelemetry-javaagent:$otel_version \
    -DoutputDirectory=examples/benchmarks/target/agents >/dev/null 2>&1; then
  otel=examples/benchmarks/target/agents/opentelemetry-javaagent-$otel_version.jar
else
  echo "(OpenTelemetry Java agent $otel_version not in the local Maven repository: left out)"
fi
cp=examples/benchmarks/target/pgjmx-benchmarks.jar
java -Dbench.otel="$otel" -cp $cp io.pgjmx.bench.StartupCostMain "$runs"
if [ "$attach_rounds" != 0 ]; then
  java -cp $cp io.pgjmx.bench.AttachLatencyMain "$attach_rounds"
fi
