#!/usr/bin/env bash
# amlnet's benchmarks (issue 13): steady state, convergence, scale at ARM's throttling limits,
# faults, crashes and bad input. Builds what is missing as hack/sandbox.sh does (the control plane
# from Go modules, the jar with Maven), then runs the harness (io.amlnet.bench.Benchmarks, or
# QuickBenchmarksIT for --quick, after BadInputIT, which writes bad-input.json: pom.xml's failsafe
# runOrder puts it first) through failsafe. The operator runs as its own process
# (java -jar target/amlnet.jar run). Writes target/bench/*.json, target/bench/REPORT.md and PNG
# charts; prints figures and targets, asserts none. Extra Maven flags: BENCH_MAVEN_ARGS (e.g. -o).
#   bench/run.sh           full run: 1,000 environments + 100 computes in the scale benchmark
#   bench/run.sh --quick   every benchmark small and at time scale 0.02 (Benchmarks.Mode.QUICK): what CI runs
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
mode=full
for arg in "$@"; do
  case "$arg" in
    --quick) mode=quick ;;
    *) echo "usage: bench/run.sh [--quick]" >&2; exit 2 ;;
  esac
done
hack/control-plane/install.sh control-plane
mkdir -p target/bench
rm -f target/bench/*.json target/bench/*.png target/bench/REPORT.md
started=$(date +%s)
# maven.test.failure.ignore: a wrong bad-input verdict is a figure of the report, not a reason to lose it.
# --quick runs QuickBenchmarksIT, exactly what `mvn verify` (CI) runs; the full run, Benchmarks in full mode.
if [ "$mode" = quick ]; then harness=QuickBenchmarksIT; else harness=Benchmarks; fi
mvn -B ${BENCH_MAVEN_ARGS:-} verify -DskipTests=false -Dtest=NONE -Dsurefire.failIfNoSpecifiedTests=false \
  -Dit.test="BadInputIT,$harness" -Dmaven.test.failure.ignore=true -Dbench.mode="$mode"
echo
echo "bench/run.sh ($mode) took $(( $(date +%s) - started )) s; report: target/bench/REPORT.md"
test -f target/bench/REPORT.md
