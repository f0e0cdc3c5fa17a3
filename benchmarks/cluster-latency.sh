#!/usr/bin/env bash
# agent.cluster: time from a trip in one JVM to OPEN in the other JVMs of the namespace,
# p50/p99 over TRIPS trips with 3 JVMs and a real redis-server on loopback (Debian:
# apt-get install redis-server). A measurement, never a test.
#
# Usage: benchmarks/cluster-latency.sh [TRIPS] [JAVA]   (after: mvn -B -q -DskipTests package)
set -euo pipefail
cd "$(dirname "$0")/.."
trips=${1:-200}
java=${2:-java}
command -v redis-server >/dev/null || { echo "needs redis-server (apt-get install redis-server)" >&2; exit 1; }
"$java" -cp benchmarks/target/classes dev.tripswitch.benchmarks.ClusterLatency agent/target/tripswitch-agent.jar "$trips"
