#!/usr/bin/env bash
# One measured run of the ingest benchmark on a fresh embedded ChangeLedger, with the CPU of each process sampled
# every second, so that a part's CPU can be split by process afterwards (cpu-by-part.py), and each JVM thread's CPU
# read when a throughput part starts and ends (threads-in-part.py, into threads.txt).
#
#   benchmark/tools/run-ingest.sh OUT_DIR kafka|batch|both [benchmark options...]
#
# Build first: ./mvnw -q install -DskipTests. JARS (default: this clone's embedded/target) names the launcher's
# folder; BENCH_JAR the benchmark. Extra environment (CHANGELEDGER_INGEST_CONSUMERS=6, say) reaches both apps.
# The run's data directory is deleted afterwards unless KEEP_DATA=1: a full run leaves about 2.5 GB.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
out=$(mkdir -p "$1" && cd "$1" && pwd); via=$2; shift 2
jars=${JARS:-$root/embedded/target}
bench=${BENCH_JAR:-$root/benchmark/target/changeledger-benchmark.jar}
export CHANGELEDGER_ADMIN_TOKEN=${CHANGELEDGER_ADMIN_TOKEN:-cla_benchmark_$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')}

cd "$out"
rm -rf data
java -jar "$jars/changeledger-embedded.jar" > embedded.log 2>&1 &
launcher=$!
sampler=
threads=
cleanup() {
    [ -n "$sampler" ] && kill "$sampler" 2>/dev/null || true
    [ -n "$threads" ] && kill "$threads" 2>/dev/null || true
    kill "$launcher" 2>/dev/null && wait "$launcher" 2>/dev/null || true
    [ "${KEEP_DATA:-}" = 1 ] || rm -rf "$out/data"
}
trap cleanup EXIT
for _ in $(seq 1 180); do
    curl -sf localhost:8080/actuator/health > /dev/null && curl -sf localhost:8081/actuator/health > /dev/null && break
    kill -0 "$launcher" 2>/dev/null || { echo "the launcher stopped; see $out/embedded.log" >&2; exit 1; }
    sleep 1
done
python3 "$here/cpu-sampler.py" cpu.txt pids.txt &
sampler=$!
rm -f bench.log
python3 "$here/threads-in-part.py" bench.log threads.txt &
threads=$!
# each line of the benchmark's output with the second it was printed, to find its parts in cpu.txt
java -jar "$bench" --scenario ingest --ingest-via "$via" "$@" 2>&1 \
    | while IFS= read -r line; do echo "$(date +%s) $line"; done | tee bench.log
# which PostgreSQL backend serves which app: the backend's title names its client port, ss the port's process
ss -tnpH > sockets.txt || true
python3 "$here/cpu-by-part.py" "$out"
# the JVMs' threads in each throughput part: the first lines of each part (threads-in-part.py)
sleep 1
grep -A 8 ' thr ' threads.txt || true
