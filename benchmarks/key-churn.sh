#!/usr/bin/env bash
# Keys that churn past maxKeys: what a breaker per ever-new key costs, with the agent
# (benchmarks/key-churn.yml, JMX on as by default) and without, in the same paired runs.
# Each JVM runs ROUNDS rounds of KEYS distinct keys (one call each, a third failing); the
# first round of a fresh JVM includes the agent's warm-up, the later ones are what sustained
# churn costs. Prints each run's rounds, then the medians and their ratios.
#
# Usage: benchmarks/key-churn.sh [RUNS] [JAVA] [ROUNDS] [KEYS]   (after: mvn -B -q -DskipTests package)
# A measurement, never a test.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
java=${2:-java}
rounds=${3:-5}
keys=${4:-200000}
agent=$PWD/agent/target/tripswitch-agent.jar
jar=$PWD/benchmarks/target/benchmarks.jar
for f in "$agent" "$jar"; do
  [ -f "$f" ] || { echo "missing $f: run mvn -B -q -DskipTests package first" >&2; exit 1; }
done
"$java" -version 2>&1 | head -1
echo "$runs runs, $rounds rounds of $keys keys each, -Xmx256m"
with=(); without=()
for r in $(seq "$runs"); do
  a=$("$java" -Xmx256m -javaagent:"$agent"=benchmarks/key-churn.yml -cp "$jar" dev.tripswitch.benchmarks.KeyChurn "$rounds" "$keys" 2>/dev/null | tail -1)
  b=$("$java" -Xmx256m -cp "$jar" dev.tripswitch.benchmarks.KeyChurn "$rounds" "$keys" | tail -1)
  echo "run $r: agent [$a] ms, no agent [$b] ms"
  with+=("$a"); without+=("$b")
done
python3 - "$rounds" "${with[@]}" -- "${without[@]}" <<'PY'
import statistics, sys
rounds = int(sys.argv[1]); rest = sys.argv[2:]; cut = rest.index('--')
def parse(runs):
    return [list(map(int, r.split())) for r in runs]
a, b = parse(rest[:cut]), parse(rest[cut + 1:])
first = lambda runs: statistics.median(r[0] for r in runs)
later = lambda runs: statistics.median(x for r in runs for x in r[1:]) if rounds > 1 else float('nan')
print("| | no agent | agent | ratio |")
print("|---|---|---|---|")
print(f"| first round (fresh JVM) | {first(b):.0f} ms | {first(a):.0f} ms | {first(a) / first(b):.2f}x |")
if rounds > 1:
    print(f"| later rounds | {later(b):.0f} ms | {later(a):.0f} ms | {later(a) / later(b):.2f}x |")
PY
