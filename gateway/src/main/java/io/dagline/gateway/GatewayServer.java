package io.dagline.gateway;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;

/**
 * The gateway as a component to embed: starts a Micronaut context with its HTTP server and stops
 * both on {@link #close()}.
 *
 * <p>Properties override {@code application.yml}; the common ones are
 * {@code dagline.kafka.bootstrap-servers} and {@code micronaut.server.port} (0 or -1: a free port,
 * which {@link #port()} then reports).
 */
public final class GatewayServer implements AutoCloseable {

  private static final String PORT = "micronaut.server.port";

  private final ApplicationContext context;
  private final EmbeddedServer server;

  private GatewayServer(ApplicationContext context, EmbeddedServer server) {
    this.context = context;
    this.server = server;
  }

  public static GatewayServer start(Map<String, Object> properties) {
    Map<String, Object> effective = new HashMap<>(properties);
    Object port = effective.get(PORT);
    if (port != null && "0".equals(port.toString().trim())) {
      effective.put(PORT, -1); // Micronaut's spelling of "any free port"
    }
    ApplicationContext context = ApplicationContext.builder().properties(effective).build();
    try {
      context.start();
      EmbeddedServer server = context.getBean(EmbeddedServer.class);
      server.start();
      return new GatewayServer(context, server);
    } catch (RuntimeException e) {
      context.close();
      throw e;
    }
  }

  public int port() {
    return server.getPort();
  }

  public URI uri() {
    return server.getURI();
  }

  public ApplicationContext context() {
    return context;
  }

  @Override
  public void close() {
    if (server.isRunning()) {
      server.stop();
    }
    if (context.isRunning()) {
      context.close();
    }
  }
}
