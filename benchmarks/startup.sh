#!/usr/bin/env bash
# What the agent adds to the start of the demo application: the median wall time of RUNS
# starts of the storefront (dependencies up, schema created, one order placed, exit),
# without the agent and with it and the top-level rules.yml.
# Usage: benchmarks/startup.sh [RUNS] [JAVA]   (after: mvn -B -q -DskipTests package)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-15}
java=${2:-java}
agent=agent/target/tripswitch-agent.jar
app=demo-app/target/storefront.jar

median_ms() {
  local times=()
  for _ in $(seq "$runs"); do
    local start end
    start=$(date +%s%N)
    "$@" > /dev/null 2>&1
    end=$(date +%s%N)
    times+=($(( (end - start) / 1000000 )))
  done
  printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'
}

without=$(median_ms "$java" -jar "$app" --boot)
with=$(median_ms "$java" -javaagent:"$agent"=rules.yml -jar "$app" --boot)
echo "$("$java" -version 2>&1 | head -1)"
echo "median of $runs starts of the storefront: without agent ${without} ms, with agent ${with} ms, added $((with - without)) ms"
