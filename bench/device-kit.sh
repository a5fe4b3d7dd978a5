#!/usr/bin/env bash
# Packs what bench/run.sh needs on a machine that has no JDK, no Maven and no network (e.g. a lent benchmark host),
# into target/device/ (about 50 MB):
#   jdk/             a jlink'd Java 25 runtime with jdk.incubator.vector (no javac, no CDS archive, stripped libjvm)
#   benchmarks.jar   codec-jmh's suites without the storage stack (S3Proxy, AWS SDK): codec, ISA-L and Hadoop peers
#   lib/libisal.so.2.0.NN  this machine's ISA-L, when installed (glibc-only dependencies: runs on newer distributions)
# On the other machine, from a checkout of the same commit with target/device/ copied in:
#   BENCH_JAVA=target/device/jdk/bin/java BENCH_JAR=target/device/benchmarks.jar \
#     BENCH_JVM_FLAGS=-Dourstorage.isal.lib=$(ls $PWD/target/device/lib/libisal.so.*) bench/run.sh quick
# Needs codec-jmh/target/benchmarks.jar (bench/run.sh builds it) and a JDK >= 25 here.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
JAVA_HOME=$(sh -c '. ./.mvn/find-jdk.sh >/dev/null && printf %s "$JAVA_HOME"')
full=codec-jmh/target/benchmarks.jar
[ -f "$full" ] || { echo "no $full: run bench/run.sh quick (or ./mvnw -pl codec-jmh -am package -DskipTests) first" >&2; exit 2; }

kit=target/device
rm -rf "$kit"
mkdir -p "$kit/lib"
work=$(mktemp -d "${TMPDIR:-/tmp}/kit.XXXXXX")
trap 'rm -rf "$work"' EXIT

# JMH, our classes, the service registrations, Hadoop (the rs_java peer) and JMH's own dependencies; the storage
# benchmark's S3 stack is what makes the full jar 40 MB, and StorageBenchmark is not run by the codec profiles.
(cd "$work" && "$JAVA_HOME/bin/jar" xf "$root/$full" \
  META-INF/BenchmarkList META-INF/CompilerHints META-INF/services org/ourochronos org/openjdk joptsimple \
  org/apache/commons/math3 org/apache/hadoop common-version-info.properties)
"$JAVA_HOME/bin/jar" --create --file "$kit/benchmarks.jar" --main-class org.openjdk.jmh.Main -C "$work" .

"$JAVA_HOME/bin/jlink" --add-modules java.base,jdk.incubator.vector,java.management,jdk.unsupported,java.logging \
  --strip-debug --no-header-files --no-man-pages --compress zip-9 --output "$kit/jdk" 2>/dev/null
rm -f "$kit"/jdk/lib/server/classes*.jsa # class-data sharing only speeds up start-up; 13 MB
if command -v strip >/dev/null; then strip --strip-unneeded "$kit/jdk/lib/server/libjvm.so"; fi

isal=$(ls /usr/lib/x86_64-linux-gnu/libisal.so.2 /usr/lib64/libisal.so.2 /usr/lib/libisal.so.2 2>/dev/null | head -n 1 || true)
if [ -n "$isal" ]; then
  # keep the versioned file name (libisal.so.2.0.30): the reports read ISA-L's version from it
  cp -L "$isal" "$kit/lib/$(basename "$(readlink -f "$isal")")"
else
  echo "ISA-L not installed here: the kit has no ISA-L peer (apt-get install libisal2)" >&2
fi
du -sh "$kit/jdk" "$kit/benchmarks.jar" "$kit/lib" >&2
