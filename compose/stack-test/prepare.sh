#!/usr/bin/env bash
# pre-integration-test of compose/stack-test: the private Docker engine in DIR, then every image from this
# machine's files (compose/build-images.sh --local). Where no engine can start, writes why to
# target/engine-unavailable and exits 0: the tests then skip, saying so. An image that cannot be built fails.
set -euo pipefail
engine_dir=${1:?usage: prepare.sh ENGINE_DIR}
here=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$here/target"
rm -f "$here/target/engine-unavailable"
if ! host=$(bash "$here/../engine/engine.sh" start "$engine_dir" 2> "$here/target/engine.err"); then
  { echo "no Docker engine could start here:"; cat "$here/target/engine.err"; } > "$here/target/engine-unavailable"
  echo "compose stack test: SKIPPED: $(tr '\n' ' ' < "$here/target/engine-unavailable")"
  exit 0
fi
export DOCKER_HOST=$host
echo "compose stack test: engine at $DOCKER_HOST ($(docker version -f '{{.Server.Version}}' 2> /dev/null))"
DAGLINE_SKIP_MAVEN=1 bash "$here/../build-images.sh" --local
