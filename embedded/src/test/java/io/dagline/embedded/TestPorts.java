package io.dagline.embedded;

/**
 * The fixed ports of the tests that start processes listening on a port they are told. All are below Linux's
 * ephemeral range (32768–60999), from which every outgoing connection of the machine takes its local port: a
 * port in that range can be taken by any client socket of the test run, and a broker or gateway told to listen
 * there then fails to start (LocalClusterIT did once, on 48080/49092). A Kafka cluster of N brokers on base port
 * P listens on P..P+N-1 and its controller on P+100; none of these meet each other, the defaults of
 * {@code bin/dagline-local} (8080, 19092–19093) and {@code bin/dagline-cluster} (8080, 26092…), or the compose
 * stack's (28080, 29191–29293, 29464–29467).
 */
final class TestPorts {

  static final int LOCAL_STACK_GATEWAY = 23080;
  static final int LOCAL_STACK_KAFKA = 23092;
  static final int LOCAL_CLUSTER_GATEWAY = 24080;
  static final int LOCAL_CLUSTER_KAFKA = 24092;
  static final int BROKER_FAILURE_KAFKA = 25092;

  private TestPorts() {}
}
