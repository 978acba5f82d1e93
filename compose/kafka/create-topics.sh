#!/usr/bin/env bash
# Creates every Dagline topic (the list of DaglineTopics.newTopics in schemas/) on a running cluster with
# the Kafka distribution's kafka-topics.sh. Idempotent: a topic that exists is left as it is (its
# partition count is printed at the end, so a mismatch is visible). compose/validate.sh checks that
# every topic named in DaglineTopics is created here, and compacted where it is compacted there.
#
# Environment (defaults fit the 3-broker compose stack):
#   BOOTSTRAP_SERVERS          kafka-1:9092,kafka-2:9092,kafka-3:9092
#   TOPIC_PARTITIONS           partitions of every topic but dagline.schemas (1); the ceiling on
#                              scheduler instances that get work (default 6)
#   TOPIC_REPLICATION_FACTOR   3
#   TOPIC_MIN_INSYNC_REPLICAS  2 (RF - 1: one broker may be down and everything stays writable)
#   TASK_SITES                 space- or comma-separated sites: one dagline.tasks.<site> each
#   KAFKA_TOPICS               the kafka-topics command (default /opt/kafka/bin/kafka-topics.sh)
set -euo pipefail

bootstrap=${BOOTSTRAP_SERVERS:-kafka-1:9092,kafka-2:9092,kafka-3:9092}
partitions=${TOPIC_PARTITIONS:-6}
replication=${TOPIC_REPLICATION_FACTOR:-3}
min_isr=${TOPIC_MIN_INSYNC_REPLICAS:-2}
sites=${TASK_SITES:-site-a site-b}
kafka_topics=${KAFKA_TOPICS:-/opt/kafka/bin/kafka-topics.sh}

# Must equal DaglineTopics.MAX_MESSAGE_BYTES and CANCELLATION_RETENTION_MS.
max_message_bytes=16777216
cancellation_retention_ms=86400000

# create NAME PARTITIONS CLEANUP_POLICY [--config k=v ...]
create() {
  local name=$1 count=$2 policy=$3
  shift 3
  echo "topic $name: $count partitions, replication $replication, cleanup.policy=$policy"
  # shellcheck disable=SC2086  # $kafka_topics may be a command with arguments
  $kafka_topics --bootstrap-server "$bootstrap" --create --if-not-exists --topic "$name" \
    --partitions "$count" --replication-factor "$replication" \
    --config "cleanup.policy=$policy" --config "min.insync.replicas=$min_isr" "$@"
}

big=(--config "max.message.bytes=$max_message_bytes")

# name                        partitions     cleanup.policy
create dagline.schemas          1              compact "${big[@]}"
create dagline.job-commands     "$partitions"  delete  "${big[@]}"
create dagline.partition-events "$partitions"  delete  "${big[@]}"
create dagline.task-reports     "$partitions"  delete  "${big[@]}"  # co-partitioned with partition-events
create dagline.dispatch-events  "$partitions"  delete  "${big[@]}"
create dagline.job-events       "$partitions"  delete  "${big[@]}"
create dagline.job-status       "$partitions"  compact "${big[@]}"
create dagline.partition-status "$partitions"  compact "${big[@]}"
create dagline.task-results     "$partitions"  compact "${big[@]}"
create dagline.dead-letters     "$partitions"  delete  "${big[@]}"
create dagline.cancellations    "$partitions"  compact,delete --config "retention.ms=$cancellation_retention_ms"
for site in ${sites//,/ }; do
  create "dagline.tasks.$site"  1  delete  "${big[@]}"  # one partition every slot of the site shares
done

echo "Dagline topics:"
# shellcheck disable=SC2086
$kafka_topics --bootstrap-server "$bootstrap" --describe --topic 'dagline\..*' | grep -E '^Topic:' || true
