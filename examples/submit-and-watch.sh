#!/usr/bin/env bash
# Posts a job file to the gateway and prints its status until it finishes.
# Usage: examples/submit-and-watch.sh [FILE] [GATEWAY]
set -euo pipefail
file=${1:-examples/hello-dag.json}
gateway=${2:-http://127.0.0.1:8080}
answer=$(curl -sS -X POST -H 'Content-Type: application/json' --data-binary "@$file" "$gateway/v1/jobs")
echo "$answer"
job=$(printf '%s' "$answer" | sed -n 's/.*"jobId" *: *"\([^"]*\)".*/\1/p')
[ -n "$job" ] || { echo "the gateway did not accept the job" >&2; exit 1; }
for _ in $(seq 1 600); do
  status=$(curl -sS "$gateway/v1/jobs/$job")
  state=$(printf '%s' "$status" | sed -n 's/.*"state" *: *"\([A-Z]*\)".*/\1/p')
  echo "$(date +%T) $state"
  case "$state" in
    SUCCEEDED|FAILED|CANCELLED|REJECTED) echo "$status"; [ "$state" = SUCCEEDED ]; exit $?;;
  esac
  sleep 0.5
done
echo "gave up waiting for job $job" >&2
exit 1
