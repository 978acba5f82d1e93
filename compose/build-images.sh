#!/usr/bin/env bash
# Builds the Dagline images from the Maven artifacts (no source is compiled inside an image):
#   1. the Maven build with -Pimages copies each service's runtime class path to compose/target/<service>/lib
#   2. docker build of compose/docker/<service>/Dockerfile, context compose/ (see compose/.dockerignore)
# Usage: compose/build-images.sh [--local] [TAG]       (default tag: the Maven project version)
#   --local  for machines without an image registry: first a base image made from Debian packages
#            (images/base/build-base-image.sh, needs root and debootstrap) as BASE_IMAGE, and a Kafka image
#            dagline/kafka:4.3.1 from the broker jars of kafka-broker/target/lib; builds run on the host network.
# Then:  docker compose -f compose/docker-compose.yml up -d   (DAGLINE_IMAGE_TAG=TAG for another tag), or
#        KAFKA_IMAGE=dagline/kafka:4.3.1 docker-compose -f compose/docker-compose.host.yml up -d
set -euo pipefail
cd "$(dirname "$0")/.."

local_base=0
if [ "${1:-}" = --local ]; then local_base=1; shift; fi
version=$(sed -n 's:.*<artifactId>dagline-parent</artifactId>.*<version>\(.*\)</version>.*:\1:p' compose/pom.xml | head -1)
tag=${1:-${version:?cannot read the project version from compose/pom.xml}}
services=(scheduler executor gateway)
build_args=()

if [ "${DAGLINE_SKIP_MAVEN:-0}" != 1 ]; then
  rm -rf compose/target/scheduler compose/target/executor compose/target/gateway
  ./mvnw -B -q -DskipTests package \
    -pl compose/images/scheduler,compose/images/executor,compose/images/gateway,kafka-broker -am
fi

if [ "$local_base" = 1 ]; then
  base=dagline/base-jre:17
  compose/images/base/build-base-image.sh "$base"
  build_args=(--network host --build-arg "BASE_IMAGE=$base")
  rm -rf compose/target/kafka && mkdir -p compose/target/kafka
  cp -r kafka-broker/target/lib compose/target/kafka/lib
  kafka_version=$(ls compose/target/kafka/lib | sed -n 's/^kafka-clients-\(.*\)\.jar$/\1/p')
  echo "building dagline/kafka:$kafka_version ($(ls compose/target/kafka/lib | wc -l) jars)"
  docker build -q "${build_args[@]}" -f compose/docker/kafka/Dockerfile -t "dagline/kafka:$kafka_version" compose > /dev/null
fi

for service in "${services[@]}"; do
  if ! compgen -G "compose/target/$service/lib/*.jar" > /dev/null; then
    echo "no jars in compose/target/$service/lib: the Maven build did not produce the class path" >&2
    exit 1
  fi
  echo "building dagline/$service:$tag ($(ls "compose/target/$service/lib" | wc -l) jars)"
  docker build -q "${build_args[@]}" -f "compose/docker/$service/Dockerfile" -t "dagline/$service:$tag" compose > /dev/null
done
echo "built: ${services[*]/#/dagline/} (tag $tag)"
