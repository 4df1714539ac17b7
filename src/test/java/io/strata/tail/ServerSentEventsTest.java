package io.strata.tail;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ServerSentEventsTest {

  @Test
  void readsTheTailsEventsAndSkipsItsComments() {
    List<String> lines = List.of(": tail open", "", "id: 1a-2b", "data: {\"message\":\"a: b\"}", "",
        ": keep-alive", "", "event: dropped", "data: {\"missed\":17}", "", "id:3c",
        "data:{\"n\":1}", "", "event: end", "data: {\"reason\":\"max-duration\"}", "");
    ServerSentEvents reader = new ServerSentEvents();
    List<ServerSentEvents.Event> events = new ArrayList<>();
    for (String line : lines) {
      ServerSentEvents.Event event = reader.accept(line);
      if (event != null) {
        events.add(event);
      }
    }
    assertThat(events).containsExactly(
        new ServerSentEvents.Event(null, "1a-2b", "{\"message\":\"a: b\"}"),
        new ServerSentEvents.Event("dropped", null, "{\"missed\":17}"),
        new ServerSentEvents.Event(null, "3c", "{\"n\":1}"),
        new ServerSentEvents.Event("end", null, "{\"reason\":\"max-duration\"}"));
    assertThat(ServerSentEvents.missed("{\"missed\":17}")).isEqualTo(17);
    assertThat(ServerSentEvents.missed("{\"missed\":x}")).isZero();
  }
}
