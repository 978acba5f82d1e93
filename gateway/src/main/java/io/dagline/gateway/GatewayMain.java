package io.dagline.gateway;

import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs the gateway on its own; configuration from application.yml, system properties and the environment. */
public final class GatewayMain {

  private static final Logger log = LoggerFactory.getLogger(GatewayMain.class);

  private GatewayMain() {}

  public static void main(String[] args) throws InterruptedException {
    GatewayServer server = GatewayServer.start(Map.of());
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      server.close();
      stopped.countDown();
    }, "dagline-gateway-shutdown"));
    log.info("Dagline gateway listening on {}", server.uri());
    stopped.await();
  }
}
