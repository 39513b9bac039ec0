#!/usr/bin/env bash
# Builds the local images that tcpunit's container tests use, from nothing (no registry is needed):
#   tcpunit/busybox:1           FROM scratch + Debian's static busybox: nc, httpd, a shell
#   tcpunit/toxiproxy:local     FROM scratch + a jlinked JRE + tcpunit's Toxiproxy-compatible server
# Each image carries a label with the hash of its inputs and is rebuilt only when they change.
# Usage: .ci/build-images.sh [path/to/tcpunit-core-*-toxiproxy-server.jar]
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

inputs_hash() { (cd "$1" && find . -type f -print0 | sort -z | xargs -0 sha256sum | sha256sum | cut -c1-16); }

# build TAG CONTEXT [HASH]: builds unless the image's label holds the hash of its inputs (by default
# the hash of the context's files).
build() {
  local tag=$1 context=$2 hash=${3:-} current
  [ -n "$hash" ] || hash=$(inputs_hash "$context")
  current=$(docker image inspect -f '{{index .Config.Labels "dev.tcpunit.inputs"}}' "$tag" 2>/dev/null || true)
  if [ "$current" = "$hash" ]; then
    echo "$tag is up to date"
    return
  fi
  docker build -q --label "dev.tcpunit.inputs=$hash" -t "$tag" "$context" >/dev/null
  echo "$tag built"
}

# 1. busybox
mkdir -p "$work/busybox"
cp /bin/busybox "$work/busybox/busybox"
cat >"$work/busybox/Dockerfile" <<'DOCKERFILE'
FROM scratch
COPY busybox /bin/busybox
RUN ["/bin/busybox", "--install", "-s", "/bin"]
CMD ["/bin/sh"]
DOCKERFILE
build tcpunit/busybox:1 "$work/busybox"

# 2. the Toxiproxy-compatible server
jar=${1:-$(ls core/target/tcpunit-core-*-toxiproxy-server.jar 2>/dev/null | head -1)}
if [ -z "$jar" ] || [ ! -f "$jar" ]; then
  echo "no toxiproxy-server jar: run ./mvnw -pl core package -DskipTests first" >&2
  exit 1
fi
jdk=${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")}
ctx="$work/toxiproxy"
mkdir -p "$ctx/app"
cat >"$ctx/Dockerfile" <<'DOCKERFILE'
FROM scratch
COPY rootfs/ /
COPY jre/ /jre/
COPY app/ /app/
EXPOSE 8474
ENTRYPOINT ["/jre/bin/java", "-XX:+UseSerialGC", "-Xss512k", "-jar", "/app/toxiproxy-server.jar", "-host", "0.0.0.0", "-port", "8474", "-allow-non-loopback"]
DOCKERFILE
# The inputs: the jar's entries (not its timestamps, which change with every build), the JDK and the
# Dockerfile; jlink's output is not byte-for-byte stable, so the hash is taken before it runs.
jar_hash=$( (unzip -p "$jar" 2>/dev/null || cat "$jar") | sha256sum)
hash=$( { echo "$jar_hash"; "$jdk/bin/java" -version 2>&1; cat "$ctx/Dockerfile"; } | sha256sum | cut -c1-16)
current=$(docker image inspect -f '{{index .Config.Labels "dev.tcpunit.inputs"}}' tcpunit/toxiproxy:local 2>/dev/null || true)
if [ "$current" = "$hash" ]; then
  echo "tcpunit/toxiproxy:local is up to date"
  exit 0
fi
cp "$jar" "$ctx/app/toxiproxy-server.jar"
modules=$("$jdk/bin/jdeps" --ignore-missing-deps --print-module-deps --multi-release 17 "$jar")
"$jdk/bin/jlink" --add-modules "$modules,jdk.crypto.ec" --strip-debug --no-header-files \
  --no-man-pages --compress=2 --output "$ctx/jre" 2>/dev/null
# The shared libraries the runtime needs, and the dynamic loader (easy to miss).
mkdir -p "$ctx/rootfs"
for lib in $( (ldd "$ctx/jre/bin/java"; find "$ctx/jre/lib" -name '*.so' -exec ldd {} \; ) 2>/dev/null \
    | awk '/=> \//{print $3} /^\s*\/lib/{print $1}' | sort -u); do
  mkdir -p "$ctx/rootfs$(dirname "$lib")"
  cp -L "$lib" "$ctx/rootfs$lib"
done
for loader in /lib64/ld-linux-x86-64.so.2 /lib/ld-linux-aarch64.so.1; do
  if [ -e "$loader" ]; then mkdir -p "$ctx/rootfs$(dirname "$loader")"; cp -L "$loader" "$ctx/rootfs$loader"; fi
done
build tcpunit/toxiproxy:local "$ctx" "$hash"
