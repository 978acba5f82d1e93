#!/usr/bin/env bash
# A private Docker engine for tests and for machines without one running: Debian's dockerd with host
# networking only (no bridge, no iptables), its data, runtime state and socket under DIR.
#   compose/engine/engine.sh start DIR   prints the DOCKER_HOST to use; exit 3 when no engine can start here
#   compose/engine/engine.sh stop DIR [--remove]   stops it (containers first); --remove deletes DIR too
# Containers on this engine must use network_mode host; every service listens on 127.0.0.1.
set -euo pipefail
command=${1:?usage: engine.sh start|stop DIR}
dir=$(mkdir -p "${2:?usage: engine.sh start|stop DIR}" && cd "$2" && pwd)
socket="$dir/docker.sock"
export DOCKER_HOST="unix://$socket"

case "$command" in
  start)
    if [ "$(id -u)" != 0 ]; then
      echo "engine: needs root to start dockerd" >&2; exit 3
    fi
    if ! command -v dockerd > /dev/null; then
      echo "engine: dockerd is not installed (apt-get install docker.io)" >&2; exit 3
    fi
    if docker info > /dev/null 2>&1; then
      echo "$DOCKER_HOST"; exit 0
    fi
    mkdir -p "$dir/data" "$dir/exec"
    dockerd --bridge=none --iptables=false --ip6tables=false --ip-forward=false --ip-masq=false \
      --data-root "$dir/data" --exec-root "$dir/exec" --pidfile "$dir/docker.pid" \
      -H "$DOCKER_HOST" > "$dir/dockerd.log" 2>&1 &
    for _ in $(seq 1 60); do
      if docker info > /dev/null 2>&1; then
        echo "$DOCKER_HOST"; exit 0
      fi
      sleep 1
    done
    echo "engine: dockerd did not answer within 60 s; see $dir/dockerd.log" >&2
    tail -20 "$dir/dockerd.log" >&2 || true
    exit 3
    ;;
  stop)
    if [ -f "$dir/docker.pid" ]; then
      containers=$(docker ps -q 2> /dev/null || true)
      if [ -n "$containers" ]; then docker kill $containers > /dev/null 2>&1 || true; fi
      pid=$(cat "$dir/docker.pid")
      kill "$pid" 2> /dev/null || true
      for _ in $(seq 1 30); do
        kill -0 "$pid" 2> /dev/null || break
        sleep 1
      done
      kill -9 "$pid" 2> /dev/null || true
      rm -f "$dir/docker.pid"
    fi
    if [ "${3:-}" = --remove ]; then
      # Whatever the engine left mounted (overlays, netns) goes first, so rm never walks into a mount.
      awk -v d="$dir/" 'index($2, d) == 1 { print $2 }' /proc/mounts | sort -r | xargs -r -n1 umount -l
      rm -rf "$dir"
    fi
    ;;
  *)
    echo "usage: engine.sh start|stop DIR" >&2; exit 2
    ;;
esac
