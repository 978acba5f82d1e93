#!/usr/bin/env bash
# Validates the compose stack without a Docker engine; run by `./mvnw verify` (compose module, verify phase).
#
#  1. `docker-compose config -q` when docker-compose is installed (skipped, with a line saying so, otherwise).
#  2. Images: every dagline/<service> image has a build section whose Dockerfile exists; the Dockerfile copies
#     target/<service>/lib, which images/<service>/pom.xml fills (and the images profile builds), and its
#     ENTRYPOINT names a main class that exists in the service's module.
#  3. Environment: every DAGLINE_*/MICRONAUT_* variable given to a Dagline service (in the compose file or
#     its Dockerfile's ENV) is read by that service's module: the literal name in its Java sources, or, for
#     the Micronaut gateway, a property of its application.yml or Java sources with that name.
#  4. Ports: every published container port is one the service listens on (a broker's KAFKA_LISTENERS port;
#     the gateway's MICRONAUT_SERVER_PORT or application.yml port); no host port is published twice; every
#     bootstrap address names a broker service and one of its listener ports.
#  5. Topics: every topic of DaglineTopics.newTopics is created by kafka/create-topics.sh with the same
#     compaction and fixed partition count, the same max.message.bytes and retention; every executor's site has
#     its task topic; replication fits the broker count, min ISR is RF - 1 (TopicLayout.replicated).
#  6. Start order: Dagline services wait for the topics job to complete, the topics job for healthy brokers;
#     every service waited on as healthy has a health check; executor ids are unique.
#
# The compose file follows a few conventions so that it can be read with awk (no YAML library needed): two-space
# indentation, environment as a map, no YAML merge keys in environment, ports or depends_on.
# VALIDATE_COMPOSE_FILE and CREATE_TOPICS_SCRIPT override the files checked (relative paths still resolve against compose/);
# VALIDATE_SELF_TEST=0 skips the self-test, which checks that broken copies of the file are rejected.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
compose_file=${VALIDATE_COMPOSE_FILE:-$here/docker-compose.yml}
topics_java=$root/schemas/src/main/java/io/dagline/topics/DaglineTopics.java
create_topics=${CREATE_TOPICS_SCRIPT:-$here/kafka/create-topics.sh}

errors=0
fail() { echo "compose validation: ERROR: $*" >&2; errors=$((errors + 1)); }
note() { echo "compose validation: $*"; }

[ -f "$compose_file" ] || { fail "no compose file at $compose_file"; exit 1; }

# ------------------------------------------------------------------ 1. docker-compose config
if [ "${VALIDATE_SKIP_CONFIG:-0}" = 1 ]; then
  :
elif command -v docker-compose > /dev/null 2>&1; then
  config_files=("$compose_file")
  [ -n "${VALIDATE_COMPOSE_FILE:-}" ] || config_files+=("$here/docker-compose.host.yml")
  for file in "${config_files[@]}"; do
    if (cd "$here" && docker-compose -f "$file" config -q); then
      note "docker-compose config -q $(basename "$file"): ok ($(docker-compose version --short 2>/dev/null || echo '?'))"
    else
      fail "docker-compose config -q rejected $file"
    fi
  done
else
  note "SKIPPED docker-compose config -q: docker-compose is not installed (apt-get install docker-compose)"
fi

# ------------------------------------------------------------------ read the compose file
# One record per fact: service<TAB>kind<TAB>key<TAB>value, kinds: image, dockerfile, env, port, dep, health.
read_compose() { awk '
  function unquote(s) { sub(/^[ \t]+/, "", s); sub(/[ \t]+#.*$/, "", s); sub(/[ \t]+$/, "", s);
                        if (s ~ /^".*"$/ || s ~ /^\047.*\047$/) s = substr(s, 2, length(s) - 2); return s }
  /^[ \t]*#/ || /^[ \t]*$/ { next }
  { match($0, /^ */); indent = RLENGTH; line = substr($0, indent + 1) }
  indent == 0 { in_services = (line ~ /^services:/); svc = ""; next }
  !in_services { next }
  indent == 2 { svc = line; sub(/:.*/, "", svc); block = ""; print svc "\tservice\t\t"; next }
  indent == 4 {
    key = line; sub(/:.*/, "", key); val = line; sub(/^[^:]*:/, "", val); block = key; dep = ""
    if (key == "image") print svc "\timage\t\t" unquote(val)
    if (key == "healthcheck") print svc "\thealth\t\t"
    next
  }
  indent == 6 && block == "build" && line ~ /^dockerfile:/ { v = line; sub(/^dockerfile:/, "", v); print svc "\tdockerfile\t\t" unquote(v); next }
  indent == 6 && block == "environment" {
    if (line ~ /^- /) { kv = substr(line, 3); k = kv; sub(/=.*/, "", k); v = kv; if (!sub(/^[^=]*=/, "", v)) v = "" }
    else { k = line; sub(/:.*/, "", k); v = line; sub(/^[^:]*:/, "", v) }
    print svc "\tenv\t" k "\t" unquote(v); next
  }
  indent == 6 && block == "ports" && line ~ /^- / { print svc "\tport\t\t" unquote(substr(line, 3)); next }
  indent == 6 && block == "depends_on" {
    if (line ~ /^- /) print svc "\tdep\t" unquote(substr(line, 3)) "\tservice_started"
    else { dep = line; sub(/:.*/, "", dep); print svc "\tdep\t" dep "\tservice_started" }
    next
  }
  indent == 8 && block == "depends_on" && line ~ /^condition:/ { c = line; sub(/^condition:/, "", c); print svc "\tdep\t" dep "\t" unquote(c); next }
' "$1"; }
records=$(read_compose "$compose_file")

field() { awk -F'\t' -v s="$1" -v k="$2" '$1 == s && $2 == k { print $4 }' <<< "$records"; }
env_of() { awk -F'\t' -v s="$1" -v k="$2" '$1 == s && $2 == "env" && $3 == k { print $4 }' <<< "$records"; }
services=$(awk -F'\t' '$2 == "service" { print $1 }' <<< "$records")
[ "$(wc -w <<< "$services")" -ge 5 ] || fail "read only $(wc -w <<< "$services") services from $compose_file: not the expected layout"
grep -qE '^[[:space:]]*<<:' "$compose_file" && fail "YAML merge keys (<<:) are not used here: the validator could not see what they bring"
grep -qE '^name:' "$compose_file" && fail "top-level name: is rejected by docker-compose 1.29 (Debian)"

kafka_services=""
dagline_services=""
for s in $services; do
  [ -n "$(env_of "$s" KAFKA_LISTENERS)" ] && kafka_services="$kafka_services $s"
  [ -n "$(field "$s" dockerfile)" ] && dagline_services="$dagline_services $s"
done
broker_count=$(wc -w <<< "$kafka_services")
[ "$broker_count" -ge 1 ] || fail "no Kafka broker service (none sets KAFKA_LISTENERS)"

listener_ports() { env_of "$1" KAFKA_LISTENERS | tr ',' '\n' | sed -n 's/.*:\([0-9][0-9]*\)$/\1/p'; }

# ------------------------------------------------------------------ 2. images
images_checked=0
module_of() { # the io.dagline module an image module packages
  sed -n 's:.*<dependency><groupId>io.dagline</groupId><artifactId>\([a-z-]*\)</artifactId>.*:\1:p' "$here/images/$1/pom.xml" | head -1
}
for s in $services; do
  image=$(field "$s" image)
  dockerfile=$(field "$s" dockerfile)
  case "$image" in
    dagline/*)
      name=${image#dagline/}; name=${name%%:*}
      if [ -z "$dockerfile" ]; then fail "$s: image $image has no build section"; continue; fi
      [ "$dockerfile" = "docker/$name/Dockerfile" ] || fail "$s: image $image is built from $dockerfile, expected docker/$name/Dockerfile"
      df=$here/$dockerfile
      if [ ! -f "$df" ]; then fail "$s: $dockerfile does not exist"; continue; fi
      grep -qE "^COPY target/$name/lib/? " "$df" || fail "$dockerfile does not copy target/$name/lib"
      if [ ! -f "$here/images/$name/pom.xml" ]; then
        fail "$s: no images/$name/pom.xml fills target/$name/lib"
      else
        grep -q "target/$name/lib" "$here/images/$name/pom.xml" || fail "images/$name/pom.xml does not write target/$name/lib"
        grep -q "<module>images/$name</module>" "$here/pom.xml" || fail "compose/pom.xml does not build images/$name"
        module=$(module_of "$name")
        main=$(grep -E '^ENTRYPOINT' "$df" | grep -oE '"io\.dagline\.[A-Za-z0-9_.]+"' | tr -d '"' | tail -1)
        src=$root/$module/src/main/java/${main//.//}.java
        if [ -z "$main" ]; then fail "$dockerfile: no io.dagline main class in its ENTRYPOINT"
        elif [ ! -f "$src" ] || ! grep -q 'public static void main' "$src"; then fail "$dockerfile: main class $main not found in $module"
        fi
      fi
      images_checked=$((images_checked + 1)) ;;
    '${KAFKA_IMAGE:-apache/kafka:'*|apache/kafka:*) ;; # the official image; its tag cannot be checked offline
    *) fail "$s: image '$image' is neither dagline/<service> nor apache/kafka" ;;
  esac
done
note "images: $images_checked Dagline services built from Dockerfiles in docker/ over Maven class paths; main classes exist"

# ------------------------------------------------------------------ 3. environment variables
# Property names a Micronaut module reads: application.yml keys (flattened) and dotted string literals in Java.
properties_of() {
  local module=$1 yml=$root/$1/src/main/resources/application.yml
  if [ -f "$yml" ]; then
    awk '
      /^[ \t]*#/ || /^[ \t]*$/ || /^[ \t]*-/ { next }
      { match($0, /^ */); d = RLENGTH / 2; k = substr($0, RLENGTH + 1); sub(/:.*/, "", k)
        path[d] = k; p = path[0]; for (i = 1; i <= d; i++) p = p "." path[i]; print p }' "$yml"
  fi
  grep -rhoE '"[a-z][a-z0-9-]*(\.[a-z0-9-]+)+\.?"' "$root/$module/src/main/java" | tr -d '"' || true
}
normalize() { tr 'a-z.-' 'A-Z__' | sed 's/_$//'; }
env_checked=0
for s in $dagline_services; do
  name=$(dirname "$(field "$s" dockerfile)"); name=${name#docker/}
  module=$(module_of "$name")
  [ -n "$module" ] || continue
  java_dir=$root/$module/src/main/java
  props=$(properties_of "$module" | normalize | sort -u)
  names=$(awk -F'\t' -v s="$s" '$1 == s && $2 == "env" { print $3 }' <<< "$records")
  names="$names $(sed -n 's/^ENV[[:space:]]\{1,\}\([A-Z_][A-Z0-9_]*\)=.*/\1/p' "$here/$(field "$s" dockerfile)")"
  for var in $names; do
    case "$var" in
      DAGLINE_*|MICRONAUT_*)
        if grep -rqF "\"$var\"" "$java_dir"; then :
        elif grep -qxF "$var" <<< "$props"; then :
        else fail "$s: $var is not read by $module (not in its Java sources nor a property of its application.yml)"
        fi
        env_checked=$((env_checked + 1)) ;;
      JAVA_TOOL_OPTIONS|JDK_JAVA_OPTIONS|TZ) ;;
      *) fail "$s: $var is not a variable a Dagline service reads (DAGLINE_*, MICRONAUT_*, JAVA_TOOL_OPTIONS)" ;;
    esac
  done
done
note "environment: $env_checked DAGLINE_*/MICRONAUT_* variables, each read by its service's module"

# ------------------------------------------------------------------ 4. ports
ports_checked=0
host_ports=""
for s in $services; do
  for mapping in $(field "$s" port); do
    container=${mapping##*:}; container=${container%/*}
    host=${mapping%:*}; host=${host##*:}
    [ "$host" = "$mapping" ] && host=""
    if [ -n "$host" ]; then
      grep -qw "$host" <<< "$host_ports" && fail "$s: host port $host is published twice"
      host_ports="$host_ports $host"
    fi
    if [ -n "$(env_of "$s" KAFKA_LISTENERS)" ]; then
      listener_ports "$s" | grep -qx "$container" || fail "$s: publishes $container, not one of its KAFKA_LISTENERS ports"
    elif [ "$(field "$s" dockerfile)" = docker/gateway/Dockerfile ]; then
      expected=$(env_of "$s" MICRONAUT_SERVER_PORT)
      [ -n "$expected" ] || expected=$(awk '/^micronaut:/ { m = 1 } m && /^  server:/ { v = 1 } v && /^    port:/ { print $2; exit }' \
        "$root/gateway/src/main/resources/application.yml")
      [ "$container" = "$expected" ] || fail "$s: publishes $container but the gateway listens on ${expected:-?}"
    else
      fail "$s: publishes $container, but nothing says it listens there"
    fi
    ports_checked=$((ports_checked + 1))
  done
done
for s in $services; do
  for var in DAGLINE_BOOTSTRAP_SERVERS DAGLINE_KAFKA_BOOTSTRAP_SERVERS BOOTSTRAP_SERVERS; do
    for address in $(env_of "$s" "$var" | tr ',' ' '); do
      host=${address%:*}; port=${address##*:}
      if ! grep -qw "$host" <<< "$kafka_services"; then fail "$s: $var names $host, not a broker service"
      elif ! listener_ports "$host" | grep -qx "$port"; then fail "$s: $var names $address, but $host listens on $(listener_ports "$host" | tr '\n' ' ')"
      fi
    done
  done
done
note "ports: $ports_checked published ports, each one its service listens on; bootstrap addresses name brokers' listeners"

# ------------------------------------------------------------------ 5. topics
java_value() { sed -n "s/.*static final [A-Za-z]* $1 = \(.*\);.*/\1/p" "$topics_java" | head -1; }
arith() { local e=${1//L/}; echo $((e)); }
new_topics=$(awk '/static List<NewTopic> newTopics\(/ { on = 1 } on { print } on && /return topics;/ { exit }' "$topics_java")
[ -n "$new_topics" ] || fail "cannot find DaglineTopics.newTopics in $topics_java"
topics_checked=0
while read -r kind constant count; do
  [ -n "$constant" ] || continue
  topic=$(java_value "$constant" | tr -d '"')
  [ -n "$topic" ] || { fail "DaglineTopics.$constant has no string value"; continue; }
  compacted=no
  if [ "$kind" = compacted ]; then compacted=yes
  elif [ "$kind" = NewTopic ] && awk -v c="$constant" 'index($0, "NewTopic(" c ",") { on = 1 } on { print } on && /;$/ { exit }' <<< "$new_topics" \
      | grep -q CLEANUP_POLICY_COMPACT; then compacted=yes
  fi
  line=$(grep -E "^create $topic[[:space:]]" "$create_topics" || true)
  if [ -z "$line" ]; then fail "topic $topic (DaglineTopics.$constant) is not created by kafka/create-topics.sh"; continue; fi
  policy=$(awk '{ print $4 }' <<< "$line"); partitions=$(awk '{ print $3 }' <<< "$line")
  case "$compacted:$policy" in
    yes:*compact*|no:delete) ;;
    *) fail "topic $topic: cleanup.policy $policy in create-topics.sh, but DaglineTopics makes it $( [ $compacted = yes ] && echo compacted || echo a log)" ;;
  esac
  if [[ "$count" =~ ^[0-9]+$ ]]; then
    [ "$partitions" = "$count" ] || fail "topic $topic: $partitions partitions in create-topics.sh, $count in DaglineTopics"
  else
    [ "$partitions" = '"$partitions"' ] || fail "topic $topic: fixed $partitions partitions in create-topics.sh, the layout's count in DaglineTopics"
  fi
  topics_checked=$((topics_checked + 1))
done < <(grep -oE '(compacted|log|NewTopic)\([A-Z_]+(, *[0-9]+)?' <<< "$new_topics" | sed -E 's/\(/ /; s/, */ /')
grep -q 'tasksTopicName(site)' <<< "$new_topics" && ! grep -q '"dagline.tasks.$site"' "$create_topics" \
  && fail "create-topics.sh does not create dagline.tasks.<site> for each site"
[ "$(sed -n 's/^max_message_bytes=//p' "$create_topics")" = "$(arith "$(java_value MAX_MESSAGE_BYTES)")" ] \
  || fail "max_message_bytes in create-topics.sh differs from DaglineTopics.MAX_MESSAGE_BYTES"
[ "$(sed -n 's/^cancellation_retention_ms=//p' "$create_topics")" = "$(arith "$(java_value CANCELLATION_RETENTION_MS)")" ] \
  || fail "cancellation_retention_ms in create-topics.sh differs from DaglineTopics.CANCELLATION_RETENTION_MS"
topic_job=$(for s in $services; do if [ -n "$(env_of "$s" TASK_SITES)" ]; then echo "$s"; fi; done | head -1)
if [ -z "$topic_job" ]; then
  fail "no service sets TASK_SITES: nothing creates the task topics"
else
  sites=$(env_of "$topic_job" TASK_SITES | tr ',' ' ')
  for s in $dagline_services; do
    site=$(env_of "$s" DAGLINE_SITE)
    [ -z "$site" ] || grep -qw -- "$site" <<< "$sites" || fail "$s: site $site has no task topic (not in $topic_job's TASK_SITES: $sites)"
  done
  rf=$(env_of "$topic_job" TOPIC_REPLICATION_FACTOR); isr=$(env_of "$topic_job" TOPIC_MIN_INSYNC_REPLICAS)
  [ "${rf:-0}" -le "$broker_count" ] || fail "$topic_job: replication factor $rf on $broker_count brokers"
  [ "${isr:-0}" -eq $(( rf > 1 ? rf - 1 : 1 )) ] || fail "$topic_job: min.insync.replicas $isr, expected RF - 1 = $((rf - 1))"
fi
for s in $dagline_services; do
  rf=$(env_of "$s" DAGLINE_REPLICATION_FACTOR)
  [ -z "$rf" ] || [ "$rf" -le "$broker_count" ] || fail "$s: DAGLINE_REPLICATION_FACTOR $rf on $broker_count brokers"
done
note "topics: $topics_checked topics of DaglineTopics.newTopics created with their compaction and partitions, plus one per site ($sites)"

# ------------------------------------------------------------------ 6. start order and identities
deps() { awk -F'\t' -v s="$1" '$1 == s && $2 == "dep" { print $3 " " $4 }' <<< "$records"; }
for s in $dagline_services; do
  deps "$s" | grep -qx "$topic_job service_completed_successfully" || fail "$s: does not wait for $topic_job to complete"
done
for b in $kafka_services; do
  deps "$topic_job" | grep -qx "$b service_healthy" || fail "$topic_job: does not wait for $b to be healthy"
done
while read -r s target condition; do
  [ -n "$s" ] || continue
  grep -qw "$target" <<< "$services" || fail "$s depends on $target, which is not a service"
  if [ "$condition" = service_healthy ] && ! awk -F'\t' -v t="$target" '$1 == t && $2 == "health"' <<< "$records" | grep -q .; then
    fail "$s waits for $target to be healthy, but $target has no health check"
  fi
done < <(awk -F'\t' '$2 == "dep" { print $1, $3, $4 }' <<< "$records")
ids=$(for s in $dagline_services; do env_of "$s" DAGLINE_EXECUTOR_ID; done)
[ -z "$(sort <<< "$ids" | uniq -d)" ] || fail "executor ids used twice: $(sort <<< "$ids" | uniq -d | tr '\n' ' ')"
note "start order: brokers healthy -> $topic_job completed -> Dagline services; executor ids unique"

# ------------------------------------------------------------------ 7. the single-host variant keeps in step
# docker-compose.host.yml (engines without bridge networking) must have the same services, each with the same
# image and the same variables, and the topics job the same topic settings; every service on the host network,
# every address in it 127.0.0.1.
host_file=${VALIDATE_HOST_COMPOSE_FILE:-$here/docker-compose.host.yml}
if [ -z "${VALIDATE_COMPOSE_FILE:-}" ] || [ -n "${VALIDATE_HOST_COMPOSE_FILE:-}" ]; then
  if [ ! -f "$host_file" ]; then
    fail "no single-host compose file at $host_file"
  else
    host_records=$(read_compose "$host_file")
    host_services=$(awk -F'\t' '$2 == "service" { print $1 }' <<< "$host_records")
    [ "$(sort <<< "$services")" = "$(sort <<< "$host_services")" ] \
      || fail "$(basename "$host_file"): services $(echo $host_services) differ from $(echo $services)"
    for s in $services; do
      names() { awk -F'\t' -v s="$s" '$1 == s && $2 == "env" { print $3 }' <<< "$1" | sort; }
      [ "$(names "$records")" = "$(names "$host_records")" ] \
        || fail "$(basename "$host_file"): $s's variables differ: $(diff <(names "$records") <(names "$host_records") | grep '^[<>]' | tr '\n' ' ')"
      [ "$(field "$s" image)" = "$(awk -F'\t' -v s="$s" '$1 == s && $2 == "image" { print $4 }' <<< "$host_records")" ] \
        || fail "$(basename "$host_file"): $s runs another image"
    done
    for v in TASK_SITES TOPIC_PARTITIONS TOPIC_REPLICATION_FACTOR TOPIC_MIN_INSYNC_REPLICAS; do
      [ "$(env_of "$topic_job" "$v")" = "$(awk -F'\t' -v s="$topic_job" -v k="$v" '$1 == s && $2 == "env" && $3 == k { print $4 }' <<< "$host_records")" ] \
        || fail "$(basename "$host_file"): $topic_job's $v differs"
    done
    [ "$(grep -c '^    network_mode: host$' "$host_file")" -eq "$(wc -w <<< "$host_services")" ] \
      || fail "$(basename "$host_file"): every service needs network_mode: host"
    grep -qE '^    ports:' "$host_file" && fail "$(basename "$host_file"): publishes ports (host networking has none)"
    outside=$(awk -F'\t' '$2 == "env" { print $4 }' <<< "$host_records" | grep -oE '[A-Za-z0-9_.-]+:[0-9]{2,5}' \
      | grep -vE '^(127\.0\.0\.1|[0-9]+@127\.0\.0\.1):' | grep -vE '^(PLAINTEXT|CONTROLLER|EXTERNAL):' || true)
    [ -z "$outside" ] || fail "$(basename "$host_file"): addresses outside 127.0.0.1: $(echo $outside)"
    note "single-host variant: $(basename "$host_file") has the same $(wc -w <<< "$host_services") services, variables and topics; host network, 127.0.0.1 only"
  fi
fi

# ------------------------------------------------------------------ self-test: broken copies must be rejected
if [ "${VALIDATE_SELF_TEST:-1}" = 1 ] && [ "$errors" -eq 0 ]; then
  tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
  mutations=(
    "unknown variable|s/DAGLINE_SLOTS:/DAGLINE_SLOTZ:/"
    "variable of another service|s/DAGLINE_EXACTLY_ONCE:/DAGLINE_SPEED:/"
    "gateway port|s/\"8080:8080\"/\"8080:8081\"/"
    "broker port|s/\"29092:9094\"/\"29092:9095\"/"
    "bootstrap port|s/DAGLINE_BOOTSTRAP_SERVERS: kafka-1:9092/DAGLINE_BOOTSTRAP_SERVERS: kafka-1:9999/"
    "missing Dockerfile|s#docker/executor/Dockerfile#docker/executer/Dockerfile#"
    "site without topic|s/DAGLINE_SITE: site-b/DAGLINE_SITE: site-c/"
    "start order|s/condition: service_completed_successfully/condition: service_started/"
  )
  for i in "${!mutations[@]}"; do # each broken copy is checked in parallel; each must be rejected
    expression=${mutations[$i]#*|}
    sed -E "$expression" "$compose_file" > "$tmp/broken-$i.yml"
    if cmp -s "$compose_file" "$tmp/broken-$i.yml"; then echo changed-nothing > "$tmp/result-$i"; continue; fi
    ( if VALIDATE_COMPOSE_FILE=$tmp/broken-$i.yml VALIDATE_SELF_TEST=0 VALIDATE_SKIP_CONFIG=1 bash "$0" > /dev/null 2>&1
      then echo accepted; else echo rejected; fi > "$tmp/result-$i" ) &
  done
  wait
  for i in "${!mutations[@]}"; do
    result=$(cat "$tmp/result-$i")
    [ "$result" = rejected ] || fail "self-test '${mutations[$i]%%|*}': the broken compose file was $result"
  done
  note "self-test: ${#mutations[@]} broken copies of the compose file rejected"
fi

if [ "$errors" -gt 0 ]; then
  echo "compose validation: $errors error(s)" >&2
  exit 1
fi
note "ok"
