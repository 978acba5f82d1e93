package io.dagline.functions;

import static org.assertj.core.api.Assertions.assertThat;

import io.dagline.schemas.DispatchEvent;
import io.dagline.schemas.ExecutorHeartbeat;
import io.dagline.schemas.FunctionSignature;
import io.dagline.serde.InMemorySchemaCatalog;
import io.dagline.serde.WireFormat;
import io.dagline.topics.DaglineTopics;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Declared arguments reach the gateway inside heartbeats (nested in the dispatch-events union). */
class SignaturesInHeartbeatsTest {

  @Test
  void shouldCarryEachFunctionsDeclaredArguments() {
    DaglineTopics topics = new DaglineTopics(WireFormat.singleObject(new InMemorySchemaCatalog()));
    ExecutorHeartbeat heartbeat = ExecutorHeartbeat.newBuilder().setExecutorId("e").setSite("s").setSlots(1)
        .setSentAt(1).setFunctions(List.of("add"))
        .setSignatures(List.of(new FunctionSignature("add", List.of(FunctionArguments.number("value", true, 0.0, null)))))
        .build();

    byte[] bytes = topics.dispatchEvents.valueSerde().serializer().serialize("t", new DispatchEvent(heartbeat));
    ExecutorHeartbeat read = (ExecutorHeartbeat) topics.dispatchEvents.valueSerde().deserializer()
        .deserialize("t", bytes).getEvent();

    assertThat(read.getSignatures()).singleElement().satisfies(signature -> {
      assertThat(signature.getFunction()).isEqualTo("add");
      assertThat(signature.getArguments()).containsExactly(FunctionArguments.number("value", true, 0.0, null));
    });
  }
}
