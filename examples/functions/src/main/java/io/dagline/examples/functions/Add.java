package io.dagline.examples.functions;

import io.dagline.executor.FunctionResult;
import io.dagline.executor.PermanentFailureException;
import io.dagline.executor.TaskFunction;
import io.dagline.executor.TaskInvocation;
import io.dagline.functions.FunctionArguments;
import io.dagline.schemas.FunctionArgument;
import java.math.BigDecimal;
import java.util.List;

/**
 * {@code add}: its {@code value} argument (default 0) plus the results of all its dependencies, read
 * as decimal numbers. A chain of {@code add} tasks computes a running sum across the graph.
 */
public final class Add implements TaskFunction {

  @Override
  public String name() {
    return "add";
  }

  /** Declared, so the gateway refuses {@code "value": "ten"} at submission. */
  @Override
  public List<FunctionArgument> arguments() {
    return List.of(FunctionArguments.number("value", false, null, null));
  }

  @Override
  public FunctionResult run(TaskInvocation invocation) throws PermanentFailureException {
    BigDecimal sum = number("argument \"value\"", invocation.arg("value", "0"));
    for (var input : invocation.inputs().entrySet()) {
      if (input.getValue().value() != null) {
        sum = sum.add(number("the result of " + input.getKey(), input.getValue().value()));
      }
    }
    return FunctionResult.of(sum.stripTrailingZeros().toPlainString());
  }

  private static BigDecimal number(String what, String text) throws PermanentFailureException {
    try {
      return new BigDecimal(text.trim());
    } catch (NumberFormatException e) {
      // The same input fails every attempt: no retry.
      throw new PermanentFailureException(what + " is not a number: \"" + text + "\"");
    }
  }
}
