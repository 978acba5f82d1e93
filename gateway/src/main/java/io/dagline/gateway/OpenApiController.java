package io.dagline.gateway;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Produces;
import io.swagger.v3.oas.annotations.Hidden;
import java.io.IOException;
import java.io.InputStream;

/**
 * Serves the OpenAPI document that micronaut-openapi generates from the controllers at compile time
 * ({@value #DOCUMENT}), at {@code /openapi.yml}; it is also at {@code /swagger/} under its own name.
 */
@Controller
@Hidden
public class OpenApiController {

  static final String DOCUMENT = "META-INF/swagger/" + GatewayApi.DOCUMENT_FILE;

  @Get("/openapi.yml")
  @Produces("application/yaml")
  public HttpResponse<byte[]> openApi() throws IOException {
    try (InputStream in = OpenApiController.class.getClassLoader().getResourceAsStream(DOCUMENT)) {
      if (in == null) {
        return HttpResponse.notFound();
      }
      return HttpResponse.ok(in.readAllBytes()).contentType(MediaType.of("application/yaml"));
    }
  }
}
