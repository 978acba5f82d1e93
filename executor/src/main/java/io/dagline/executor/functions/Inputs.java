package io.dagline.executor.functions;

import io.dagline.executor.FunctionResult;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/** A task's inputs as JSON for programs and services: dependency id → its value, or {uri, sizeBytes, site}. */
final class Inputs {

  private Inputs() {}

  static Map<String, Object> asJson(Map<String, FunctionResult> inputs) {
    Map<String, Object> json = new TreeMap<>();
    inputs.forEach((dependency, result) -> {
      if (result.isReference()) {
        Map<String, Object> reference = new LinkedHashMap<>();
        reference.put("uri", result.uri().toString());
        reference.put("sizeBytes", result.sizeBytes());
        reference.put("site", result.site());
        json.put(dependency, reference);
      } else if (result.value() != null) {
        json.put(dependency, result.value());
      }
    });
    return json;
  }
}
