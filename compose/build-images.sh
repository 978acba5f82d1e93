#!/usr/bin/env bash
# Builds the Dagline images from the Maven artifacts (no source is compiled inside an image):
#   1. the Maven build with -Pimages copies each service's runtime class path to compose/target/<service>/lib
#   2. docker build of compose/docker/<service>/Dockerfile, context compose/ (see compose/.dockerignore)
# Usage: compose/build-images.sh [TAG]       (default: the Maven project version)
# Then:  docker compose -f compose/docker-compose.yml up -d   (DAGLINE_IMAGE_TAG=TAG for another tag)
set -euo pipefail
cd "$(dirname "$0")/.."

version=$(sed -n 's:.*<artifactId>dagline-parent</artifactId>.*<version>\(.*\)</version>.*:\1:p' compose/pom.xml | head -1)
tag=${1:-${version:?cannot read the project version from compose/pom.xml}}
services=(scheduler executor gateway)

rm -rf compose/target/scheduler compose/target/executor compose/target/gateway
./mvnw -B -q -Pimages -DskipTests package \
  -pl compose/images/scheduler,compose/images/executor,compose/images/gateway -am

for service in "${services[@]}"; do
  if ! compgen -G "compose/target/$service/lib/*.jar" > /dev/null; then
    echo "no jars in compose/target/$service/lib: the Maven build did not produce the class path" >&2
    exit 1
  fi
  echo "building dagline/$service:$tag ($(ls "compose/target/$service/lib" | wc -l) jars)"
  docker build -f "compose/docker/$service/Dockerfile" -t "dagline/$service:$tag" compose
done
echo "built: ${services[*]/#/dagline/} (tag $tag)"
