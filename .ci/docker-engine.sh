#!/usr/bin/env bash
# Makes sure a Docker engine answers on this machine: installs Debian's docker.io (and the static
# busybox the local images are built from) when missing, and starts dockerd when none runs.
# Every published container port is bound to 127.0.0.1 only (--ip=127.0.0.1).
set -euo pipefail
log=${DOCKERD_LOG:-/tmp/tcpunit-dockerd.log}

if ! command -v dockerd >/dev/null 2>&1 || [ ! -x /bin/busybox ]; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends docker.io busybox-static >/dev/null
fi

if ! docker info >/dev/null 2>&1; then
  rm -f /var/run/docker.pid
  setsid nohup dockerd --ip=127.0.0.1 >"$log" 2>&1 </dev/null &
  for _ in $(seq 1 120); do
    docker info >/dev/null 2>&1 && break
    sleep 0.5
  done
  docker info >/dev/null 2>&1 || { echo "dockerd did not start:" >&2; tail -50 "$log" >&2; exit 1; }
fi
docker version --format 'Docker engine {{.Server.Version}} (API {{.Server.APIVersion}})'
