package io.dagline.gateway;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.swagger.v3.oas.annotations.Hidden;
import java.net.URI;

/** The gateway's root leads to the web page, which is served as static files under {@code /ui/}. */
@Controller
public class WebPageController {

  @Get
  @Hidden
  public HttpResponse<?> root() {
    return HttpResponse.seeOther(URI.create("/ui/"));
  }
}
