#!/usr/bin/env bash
# Measures what the agent adds to a JVM's start: the median wall time of RUNS starts of
# a small application (it prints "ready" and exits on "quit"), without and with the agent.
# Usage: benchmarks/startup.sh [RUNS] [JAVA]   (after: mvn -B -q -DskipTests verify)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-15}
java=${2:-java}
agent=agent/target/tripswitch-agent.jar
classes=agent/target/test-classes
rules=$(mktemp --suffix=.yml)
trap 'rm -f "$rules"' EXIT
cat > "$rules" <<'YAML'
version: 1
breakers:
  - name: payments
    match: {type: com.acme.PaymentsClient, methods: [charge]}
  - name: outbound-http
    preset: jdk-http-client
  - name: database
    preset: jdbc
YAML

median_ms() {
  local times=()
  for _ in $(seq "$runs"); do
    local start end
    start=$(date +%s%N)
    echo quit | "$@" > /dev/null 2>&1
    end=$(date +%s%N)
    times+=($(( (end - start) / 1000000 )))
  done
  printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'
}

without=$(median_ms "$java" -cp "$classes" com.acme.TargetApp)
with=$(median_ms "$java" -javaagent:"$agent=$rules" -cp "$classes" com.acme.TargetApp)
echo "$("$java" -version 2>&1 | head -1)"
echo "median of $runs starts: without agent ${without} ms, with agent ${with} ms, added $((with - without)) ms"
