#!/bin/bash
# Runs a class from the broker's jars: kafka-run-class.sh CLASS [ARGS...]. KAFKA_HEAP_OPTS, KAFKA_OPTS as usual.
exec java ${KAFKA_HEAP_OPTS:--Xmx256m} -XX:TieredStopAtLevel=1 ${KAFKA_OPTS:-} \
  -Dlog4j2.configurationFile=/opt/kafka/config/log4j2.properties -cp '/opt/kafka/libs/*' "$@"
