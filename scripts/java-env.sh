# shellcheck shell=bash
# Sourced by the scripts here: point JAVA_HOME at a JDK 21 or newer (Payara Micro 7 needs it).
# Keeps a JAVA_HOME that already qualifies; otherwise takes the newest JDK under /usr/lib/jvm.

java_major() {
  "$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p'
}

if [ -z "${JAVA_HOME:-}" ] || [ ! -x "$JAVA_HOME/bin/java" ] || [ "$(java_major "$JAVA_HOME")" -lt 21 ] 2>/dev/null; then
  found=""
  for jdk in /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/temurin-25-jdk-arm64 /usr/lib/jvm/*; do
    if [ -x "$jdk/bin/javac" ] && [ "$(java_major "$jdk")" -ge 21 ] 2>/dev/null; then
      found="$jdk"
      break
    fi
  done
  if [ -z "$found" ]; then
    echo "Chorus needs a JDK 21 or newer (Temurin 25 is tested); set JAVA_HOME to one." >&2
    exit 1
  fi
  export JAVA_HOME="$found"
fi
export PATH="$JAVA_HOME/bin:$PATH"

# Maven's bundled Guava uses sun.misc.Unsafe, which JDK 24+ warns about on every run.
if [ "$(java_major "$JAVA_HOME")" -ge 24 ] 2>/dev/null; then
  case "${MAVEN_OPTS:-}" in
    *sun-misc-unsafe*) ;;
    *) export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow" ;;
  esac
fi
