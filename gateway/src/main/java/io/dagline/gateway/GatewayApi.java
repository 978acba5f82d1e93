package io.dagline.gateway;

import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.security.SecurityScheme;

/** The OpenAPI document's title and version; micronaut-openapi names the file after them. */
@OpenAPIDefinition(info = @Info(title = "dagline-gateway", version = GatewayApi.VERSION,
    description = "Submit job DAGs, follow jobs and tasks, see the cluster. Errors are JSON: {error, message}."))
@SecurityScheme(name = "bearer", type = SecuritySchemeType.HTTP, scheme = "bearer",
    description = "API token, required only when dagline.gateway.auth.enabled is true")
public final class GatewayApi {

  public static final String VERSION = "0.1.0";
  public static final String DOCUMENT_FILE = "dagline-gateway-" + VERSION + ".yml";

  private GatewayApi() {}
}
