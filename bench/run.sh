#!/usr/bin/env bash
# One command for the codec benchmarks: builds codec-jmh/target/benchmarks.jar, runs a profile of the JMH suites
# (our kernels, ISA-L through FFM, Hadoop's pure-Java RS coders, all in the same run), prints a table in GB/s with
# ratios to ISA-L and Hadoop, and writes the JMH JSON, a summary JSON, a Markdown table and an SVG chart under
# results/<cpu-tag>/. See docs/benchmarks.md.
#
#   bench/run.sh quick         # ~4 min on 2 cores: 1 fork, short iterations, 1 MiB shards (+ 10+4 at 4/64 KiB)
#   bench/run.sh full          # every shape x shard size x kernel, -f 3 (median of 3 forks); 85 min on 2 cores
#   bench/run.sh legacy-cpus   # our kernels again with -XX:UseAVX=2 and with -XX:MaxVectorSize=16
#   bench/run.sh gate          # ~9 min: the issue's target cells (10+4, 5+4 at 64 KiB and 1 MiB), -f 5, the
#                              # selected kernel on heap arrays and on 64-byte-aligned direct buffers, ISA-L, and the
#                              # memory-bound stream (k loads + m stores, no arithmetic)
#   bench/run.sh report <results/<tag>> <profile>    # re-make table + chart from stored JSON
#   bench/run.sh compare <summary.json> <summary.json> ...   # CPUs side by side
#   bench/run.sh tally [--min 1.5] <summary-gate-*.json>   # ratio to ISA-L per run, runs that reached it, median,
#                              # and the runs in which every cell reached it
#
# Environment: BENCH_SKIP_BUILD=1 reuses the jar; BENCH_JAR and BENCH_JAVA run a prebuilt jar on a given java
# (both set: nothing is built, e.g. with the kit bench/device-kit.sh makes for a machine without a JDK); BENCH_MVN_WRAPPER is put before ./mvnw (e.g. "flock /tmp/mvn.lock");
# BENCH_MVN_ARGS adds Maven flags (e.g. -o); BENCH_CPU_TAG overrides the results folder name; BENCH_KERNELS
# overrides the kernel list (default: every kernel usable on this JVM/CPU); BENCH_JMH_ARGS is appended to every JMH
# command line (e.g. "-prof gc"); BENCH_FORKS replaces the profile's fork count (e.g. 3 for the gate on a lent host
# whose commands may run 10 minutes at most). Python 3 (standard library only) draws the table and chart.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
cd "$root"

profile=${1:-quick}
shift || true

python=${PYTHON:-python3}
case "$profile" in
  report) exec "$python" "$here/report.py" report "$@" ;;
  compare) exec "$python" "$here/report.py" compare "$@" ;;
  tally) exec "$python" "$here/report.py" tally "$@" ;;
  quick|full|legacy-cpus|gate) ;;
  *) echo "usage: bench/run.sh quick|full|legacy-cpus|gate|report|compare|tally (see docs/benchmarks.md)" >&2; exit 2 ;;
esac

# The same JDK (>= 25) the Maven wrapper picks, unless BENCH_JAVA names a java (a JDK or a jlink'd runtime >= 25:
# machines that only run benchmarks, see bench/device-kit.sh).
if [ -n "${BENCH_JAVA:-}" ]; then
  java=$BENCH_JAVA
else
  JAVA_HOME=$(sh -c '. ./.mvn/find-jdk.sh >/dev/null && printf %s "$JAVA_HOME"')
  java="$JAVA_HOME/bin/java"
fi
jar=${BENCH_JAR:-"$root/codec-jmh/target/benchmarks.jar"}

start=$(date +%s)
if [ -n "${BENCH_JAR:-}" ]; then
  [ -f "$jar" ] || { echo "BENCH_JAR=$jar: no such file" >&2; exit 2; }
elif [ "${BENCH_SKIP_BUILD:-0}" != 1 ] || [ ! -f "$jar" ]; then
  echo "== building $jar" >&2
  # shellcheck disable=SC2086
  ${BENCH_MVN_WRAPPER:-} ./mvnw -q -B ${BENCH_MVN_ARGS:-} -pl codec-jmh -am package -DskipTests
  echo "== built in $(( $(date +%s) - start )) s" >&2
fi

# Flags every JMH fork gets (-jvmArgsAppend on the command line replaces the suites' own @Fork flags).
base_flags="--add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow"
# e.g. BENCH_JVM_FLAGS=-Dourstorage.isal.lib=/opt/isal-2.32/lib/libisal.so.2 to measure another ISA-L build
base_flags="$base_flags ${BENCH_JVM_FLAGS:-}"

env_json() { # $1: extra JVM flags; prints the environment facts as JSON
  # shellcheck disable=SC2086
  "$java" $base_flags $1 -Djava.util.logging.config.file=/dev/null -cp "$jar" \
    org.ourochronos.storage.jmh.BenchEnvironment 2>/dev/null
}
json_field() { "$python" -c 'import json,sys; print(json.load(sys.stdin)[sys.argv[1]])' "$1"; }

facts=$(env_json "")
tag=$(printf '%s' "$facts" | json_field cpuTag)
out="$root/results/$tag"
mkdir -p "$out"
mismatch=0
work=$(mktemp -d "${TMPDIR:-/tmp}/bench.XXXXXX")
trap 'rm -rf "$work"' EXIT

# jmh <name> <extra-jvm-flags> <args...>: one JMH invocation writing $work/<name>.json
jmh() {
  local name=$1 flags=$2
  shift 2
  echo "== JMH $name: $*" >&2
  # shellcheck disable=SC2086
  "$java" -jar "$jar" -foe false -rf json -rff "$work/$name.json" -jvmArgsAppend "$base_flags $flags" \
    "$@" ${BENCH_JMH_ARGS:-} 2>&1 | tee "$work/$name.log" \
    | grep --line-buffered -E '^(Benchmark |[A-Za-z]+Benchmark\.|<failure>|# Run complete)|SKIPPED|MISMATCH|Exception|Error' \
    || true
  if grep -q 'PARITY MISMATCH' "$work/$name.log"; then
    mismatch=1 # a coder computed wrong bytes: finish the run, then fail it
  fi
  [ -s "$work/$name.json" ] || echo '[]' > "$work/$name.json"
}

# run_profile <label> <extra-jvm-flags> <short: 0|1 (1 MiB encode and region only)>
run_profile() {
  local label=$1 flags=$2 short=$3
  local f kernels
  local -a excl
  f=$(env_json "$flags")
  printf '%s\n' "$f" > "$out/env-$label.json"
  kernels=${BENCH_KERNELS:-$(printf '%s' "$f" | json_field kernels.usable)}
  echo "== profile $label on $tag; kernels: $kernels; $(printf '%s' "$f" | json_field isal)" >&2
  if [ "$(printf '%s' "$f" | json_field isal.available)" != True ]; then
    # Say it once and leave the ISA-L suites out instead of letting each one fail at set-up.
    echo "== ISA-L: not installed — ISA-L benchmarks skipped (apt-get install libisal2)" >&2
    excl=(-e '\.Isal[A-Za-z]*Benchmark\.')
  else
    excl=()
  fi
  # ScalarBaselineBenchmark.backblazeLoop: the classic Java table loop (Backblaze JavaReedSolomon), for reference
  # MemoryBoundBenchmark.encode: the one-pass stream with no arithmetic, how much of the memory system each coder
  # reaches (not a coder)
  local enc='((\.EncodeBenchmark|\.IsalEncodeBenchmark|\.HadoopRawEncodeBenchmark|\.MemoryBoundBenchmark)\.encode|\.ScalarBaselineBenchmark\.backblazeLoop)$'
  local spi='\.HadoopCoderBenchmark\..*'
  local dec='(\.DecodeBenchmark|\.IsalDecodeBenchmark|\.HadoopRawDecodeBenchmark)\.decode$'
  local reg='(\.RegionMultiplyBenchmark|\.IsalRegionBenchmark)\.region$'
  local it
  case "$label" in
    quick|legacy-*) it=(-f 1 -wi 2 -w 300ms -i 3 -r 400ms) ;;
    full) it=(-f 3 -wi 2 -w 1s -i 3 -r 1s) ;;
    gate) it=(-f 5 -wi 2 -w 1s -i 3 -r 1s) ;;
  esac
  if [ -n "${BENCH_FORKS:-}" ]; then it[1]=$BENCH_FORKS; fi
  if [ "$label" = full ]; then
    # every shape x 4 KiB / 64 KiB / 1 MiB, direct buffers too, every decode loss, every region size
    jmh "$label-encode" "$flags" "${it[@]}" "${excl[@]}" -p kernel="$kernels" \
      '(\.EncodeBenchmark\.encode.*|\.IsalEncodeBenchmark\.encode|\.HadoopRawEncodeBenchmark\.encode|\.MemoryBoundBenchmark\..*)$'
    jmh "$label-hadoop-spi" "$flags" "${it[@]}" "${excl[@]}" "$spi"
    jmh "$label-decode" "$flags" "${it[@]}" "${excl[@]}" -p kernel="$kernels" "$dec"
    jmh "$label-region" "$flags" "${it[@]}" "${excl[@]}" -p kernel="$kernels" "$reg"
    jmh "$label-baseline" "$flags" "${it[@]}" "${excl[@]}" '\.ScalarBaselineBenchmark\.'
    # the codec and integrity suites (their own parameters; reported in ops/s)
    jmh "$label-other" "$flags" "${it[@]}" "${excl[@]}" '\.(CodecBenchmark|IntegrityBenchmark)\.'
  elif [ "$label" = gate ]; then
    # the hard target of the SIMD-kernel issue: >= 1.5x ISA-L in the same run, median of the forks; the selected
    # kernel only (BENCH_KERNELS overrides), on the heap arrays users pass and on memory aligned as ISA-L's is
    jmh "$label-encode" "$flags" "${it[@]}" "${excl[@]}" -p kernel="${BENCH_KERNELS:-$(printf '%s' "$f" | json_field kernel)}" \
      -p code=10+4,5+4 -p shardSize=65536,1048576 \
      '(\.EncodeBenchmark\.encode|\.EncodeBenchmark\.encodeAlignedDirect|\.IsalEncodeBenchmark\.encode|\.MemoryBoundBenchmark\.encode.*)$'
  else
    # legacy profiles: ISA-L's AVX2 kernel too, the native peer for what our kernels do without AVX-512
    local isal_kernels=auto
    case "$label" in legacy-*) isal_kernels=auto,avx2 ;; esac
    jmh "$label-encode-1m" "$flags" "${it[@]}" "${excl[@]}" -p kernel="$kernels" -p code=3+2,5+4,10+4,7+8,17+3 \
      -p shardSize=1048576 -p isalKernel="$isal_kernels" "$enc"
    if [ "$short" = 0 ]; then
      jmh "$label-encode-small" "$flags" "${it[@]}" "${excl[@]}" -p kernel="$kernels" -p code=10+4 -p shardSize=4096,65536 "$enc"
      jmh "$label-decode" "$flags" "${it[@]}" "${excl[@]}" -p kernel="$kernels" -p code=10+4 -p lost=1,2,3,4 \
        -p shardSize=1048576 "$dec"
      # our coder behind Hadoop's SPI (codec-hadoop) next to hadoop's rs_java, same shapes as above
      jmh "$label-hadoop-spi" "$flags" "${it[@]}" "${excl[@]}" -p code=10+4 -p buffers=heap "$spi"
    fi
    jmh "$label-region" "$flags" "${it[@]}" "${excl[@]}" -p kernel="$kernels" -p size=1048576 "$reg"
  fi
  # One JMH JSON per profile (JMH's own schema: a list of results), then the table and chart.
  "$python" - "$out/jmh-$label.json" "$work"/"$label"-*.json <<'EOF'
import json, sys
rows = []
for f in sys.argv[2:]:
    with open(f) as fh:
        rows += json.load(fh)
with open(sys.argv[1], "w") as fh:
    json.dump(rows, fh, indent=2)
EOF
  "$python" "$here/report.py" report "$out" "$label"
}

case "$profile" in
  quick) run_profile quick "" 0 ;;
  full) run_profile full "" 0 ;;
  gate) run_profile gate "" 0 ;;
  legacy-cpus)
    # What the kernels do on CPUs without AVX-512 (UseAVX=2) and with 128-bit vectors only (MaxVectorSize=16).
    run_profile legacy-avx2 "-XX:UseAVX=2" 1
    run_profile legacy-mvs16 "-XX:MaxVectorSize=16" 1
    ;;
esac
echo "== done in $(( $(date +%s) - start )) s (build included); results in $out" >&2
if [ "$mismatch" = 1 ]; then
  echo "== FAILED: PARITY MISMATCH reported above; those rows are missing from the table" >&2
  exit 1
fi
