# Sourced by ./mvnw (POSIX sh). Makes sure Maven runs on a JDK >= 25, because this project compiles
# for release 25 and its kernels need jdk.incubator.vector. A fresh machine may have an older `java`
# on the PATH and JDK 25 elsewhere, so we look in the usual install places and export JAVA_HOME.
# Override with OURSTORAGE_JDK=/path/to/jdk.
ourstorage_required_jdk=25

ourstorage_major() { # prints the feature version of the JDK at $1, or nothing
  if [ -r "$1/release" ]; then
    sed -n 's/^JAVA_VERSION="\([0-9][0-9]*\).*/\1/p' "$1/release" | head -n 1
  elif [ -x "$1/bin/java" ]; then
    "$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = \([0-9][0-9]*\).*/\1/p' | head -n 1
  fi
}

ourstorage_ok() { # true when $1 is a JDK (has javac) of at least the required version
  [ -n "$1" ] && [ -x "$1/bin/javac" ] || return 1
  ourstorage_v=$(ourstorage_major "$1")
  [ -n "$ourstorage_v" ] && [ "$ourstorage_v" -ge "$ourstorage_required_jdk" ]
}

ourstorage_pick() {
  for ourstorage_c in "${OURSTORAGE_JDK-}" "${JAVA_HOME-}"; do
    if ourstorage_ok "$ourstorage_c"; then printf '%s\n' "$ourstorage_c"; return 0; fi
  done
  if command -v javac >/dev/null 2>&1; then
    ourstorage_c=$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")
    if ourstorage_ok "$ourstorage_c"; then printf '%s\n' "$ourstorage_c"; return 0; fi
  fi
  ourstorage_best="" ourstorage_best_v=0
  set +f # mvnw runs with globbing off; we need it for the install directories
  for ourstorage_c in /usr/lib/jvm/* /usr/java/* /opt/java/* /opt/jdk* /usr/local/jdk* \
      "$HOME"/.sdkman/candidates/java/* "$HOME"/.jdks/* /Library/Java/JavaVirtualMachines/*/Contents/Home; do
    [ -d "$ourstorage_c" ] || continue
    if ourstorage_ok "$ourstorage_c"; then
      ourstorage_v=$(ourstorage_major "$ourstorage_c")
      # prefer the lowest version that qualifies: 25 is what the project is built and measured on
      if [ -z "$ourstorage_best" ] || [ "$ourstorage_v" -lt "$ourstorage_best_v" ]; then
        ourstorage_best=$ourstorage_c ourstorage_best_v=$ourstorage_v
      fi
    fi
  done
  set -f
  [ -n "$ourstorage_best" ] && printf '%s\n' "$ourstorage_best"
}

ourstorage_home=$(ourstorage_pick || true)
if [ -z "$ourstorage_home" ]; then
  echo "ERROR: our-storage needs a JDK $ourstorage_required_jdk or newer, and none was found." >&2
  echo "       Looked at \$OURSTORAGE_JDK, \$JAVA_HOME, the javac on the PATH and /usr/lib/jvm, /usr/java, /opt," >&2
  echo "       ~/.sdkman and ~/.jdks. Install one (e.g. apt-get install openjdk-25-jdk or Temurin 25)" >&2
  echo "       or point OURSTORAGE_JDK at it." >&2
  exit 1
fi
if [ "${ourstorage_home}" != "${JAVA_HOME-}" ]; then
  [ "${MVNW_VERBOSE-}" = true ] && echo "mvnw: using JDK at $ourstorage_home" >&2
fi
JAVA_HOME=$ourstorage_home
export JAVA_HOME
