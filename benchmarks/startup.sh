#!/usr/bin/env bash
# Whole-process start-up: what the agent adds to an application's wall time and peak memory.
#
# Applications: the small client application (Apache HttpClient 5, the JDK's HttpClient and
# the PostgreSQL driver, one call each, then exit), the demo storefront (dependencies up, one
# order, exit) and a Spring Boot 3 web application (ready, one RestTemplate call, exit); spring2 is
# the same application on Spring Boot 2.7, which runs on Java 11 (an older service's stack).
# Each runs without an agent, with a Java agent whose transformer does nothing (the floor any
# agent that sees classes as they load pays: benchmarks/noop-agent), with Tripswitch and no
# rules, with Tripswitch and every preset (benchmarks/startup-presets.yml), and with the
# OpenTelemetry Java agent (exporters off) as the reference users know. Runs are paired: each round runs every variant once,
# in turn (starting one further each round), so a busy moment of the machine hits all of them alike. Medians of RUNS rounds; the time added is
# the median of each round's difference to that round's run without an agent, and beside it the
# middle half of those differences (first to third quartile), which says how far one run can be trusted.
#
# Usage: benchmarks/startup.sh [RUNS] [JAVA] [APPS]
#   (after: mvn -B -q -DskipTests package; APPS default "client demo spring")
#   VARIANTS="none presets" runs only those; BEFORE_JAR=old/tripswitch-agent.jar adds that build beside this one
#   (BEFORE_PRESETS=file.yml gives it another rules file: one without the presets it does not know)
# It builds the Spring Boot application and fetches the OpenTelemetry agent on first use.
# A measurement, never a test: it fails only when an application does not run.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-7}
java=${2:-java}
apps=${3:-client demo spring}
agent=$PWD/agent/target/tripswitch-agent.jar
presets=$PWD/benchmarks/startup-presets.yml
empty=$(mktemp --suffix=.yml)
printf 'version: 1\nbreakers: []\n' > "$empty"
otel_version=2.21.0
otel=$HOME/.m2/repository/io/opentelemetry/javaagent/opentelemetry-javaagent/$otel_version/opentelemetry-javaagent-$otel_version.jar
if [ ! -f "$otel" ]; then
  mvn -B -q dependency:get -Dartifact=io.opentelemetry.javaagent:opentelemetry-javaagent:$otel_version -Dtransitive=false
fi
if [[ " $apps " == *" spring "* && ! -f benchmarks/spring-app/target/spring-app.jar ]]; then
  mvn -B -q -f benchmarks/spring-app/pom.xml package -DskipTests
fi
if [[ " $apps " == *" spring2 "* && ! -f benchmarks/spring2-app/target/spring2-app.jar ]]; then
  mvn -B -q -f benchmarks/spring2-app/pom.xml package -DskipTests
fi
noop_dir=$(mktemp -d)
javac --release 11 -d "$noop_dir/classes" benchmarks/noop-agent/NoopAgent.java  # loads on every JDK measured
printf 'Premain-Class: NoopAgent\nCan-Retransform-Classes: true\n' > "$noop_dir/manifest"
jar cfm "$noop_dir/noop-agent.jar" "$noop_dir/manifest" -C "$noop_dir/classes" .
noop=$noop_dir/noop-agent.jar
for jar in "$agent" benchmarks/client-app/target/client-app.jar demo-app/target/storefront.jar; do
  [ -f "$jar" ] || { echo "missing $jar: run mvn -B -q -DskipTests package first" >&2; exit 1; }
done

declare -A command=(
  [client]="-jar benchmarks/client-app/target/client-app.jar"
  [demo]="-jar demo-app/target/storefront.jar --boot"
  [spring]="-jar benchmarks/spring-app/target/spring-app.jar"
  [spring2]="-jar benchmarks/spring2-app/target/spring2-app.jar"
)
variants=(${VARIANTS:-none noop empty presets otel})  # VARIANTS="none presets" for a quicker look
# BEFORE_JAR=<another build's tripswitch-agent.jar> adds the variant "before": that jar with every
# preset, in the same paired rounds, so two builds are compared on the same minutes of the machine
if [ -n "${BEFORE_JAR:-}" ]; then
  [ -f "$BEFORE_JAR" ] || { echo "BEFORE_JAR: no such file $BEFORE_JAR" >&2; exit 1; }
  variants+=(before)
fi
agent_args() {
  case $1 in
    none) ;;
    noop) echo "-javaagent:$noop" ;;
    empty) echo "-javaagent:$agent=$empty" ;;
    presets) echo "-javaagent:$agent=$presets" ;;
    before) echo "-javaagent:$BEFORE_JAR=${BEFORE_PRESETS:-$presets}" ;;
    otel) echo "-javaagent:$otel -Dotel.traces.exporter=none -Dotel.metrics.exporter=none -Dotel.logs.exporter=none" ;;
  esac
}

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
# the first and third quartiles: half the rounds fall between them
quartiles() { sort -n | awk '{a[NR]=$1} END {printf "%+d..%+d", a[int((NR-1)/4)+1], a[int(3*(NR-1)/4)+1]}'; }
out=$(mktemp -d)
echo "$("$java" -version 2>&1 | head -1); $(nproc) cores; $runs paired rounds"
for app in $apps; do
  for round in $(seq "$runs"); do
    # each round starts at the next variant: none of them always runs first, or right after another
    for i in "${!variants[@]}"; do
      v=${variants[$(( (i + round) % ${#variants[@]} ))]}
      # shellcheck disable=SC2046
      /usr/bin/time -o "$out/time" -f '%e %M %U %S' "$java" $(agent_args "$v") ${command[$app]} > "$out/log" 2>&1 \
        || { echo "$app ($v) failed:" >&2; tail -20 "$out/log" >&2; exit 1; }
      read -r seconds kb user sys < "$out/time"
      awk -v s="$seconds" 'BEGIN {printf "%d\n", s * 1000}' >> "$out/$app.$v.ms"
      awk -v u="$user" -v s="$sys" 'BEGIN {printf "%d\n", (u + s) * 1000}' >> "$out/$app.$v.cpu"
      echo "$((kb / 1024))" >> "$out/$app.$v.mib"
    done
  done
  base_ms=$(median < "$out/$app.none.ms")
  base_mib=$(median < "$out/$app.none.mib")
  printf '\n%s\n| variant | wall (median) | added (paired) | middle half of the rounds | ratio | CPU (median) | peak RSS (median) | added |\n' "$app"
  printf '|---|---|---|---|---|---|---|---|\n'
  for v in "${variants[@]}"; do
    ms=$(median < "$out/$app.$v.ms")
    cpu=$(median < "$out/$app.$v.cpu")
    mib=$(median < "$out/$app.$v.mib")
    # the median of each round's difference to the round's run without an agent: a machine whose
    # speed drifts between rounds moves both runs of a round alike, so the difference keeps the agent's share
    added=$(paste "$out/$app.$v.ms" "$out/$app.none.ms" | awk '{print $1 - $2}' | median)
    # how far the rounds spread: a target inside this range is not settled by this run
    spread=$(paste "$out/$app.$v.ms" "$out/$app.none.ms" | awk '{print $1 - $2}' | quartiles)
    printf '| %s | %d ms | %+d ms | %s ms | %.2fx | %d ms | %d MiB | %+d MiB |\n' "$v" "$ms" "$added" "$spread" \
      "$(awk -v a="$added" -v b="$base_ms" 'BEGIN {print (b + a) / b}')" "$cpu" "$mib" $((mib - base_mib))
  done
done
rm -rf "$out" "$empty"
