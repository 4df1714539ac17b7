package io.strata.ui.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EventColumnsTest {

  @Test
  void aDottedFieldIsFoundAsSentFlatOrNested() {
    assertThat(EventColumns.field(Map.of("http.status", 502), "http.status")).isEqualTo("502");
    assertThat(EventColumns.field(Map.of("http", Map.of("status", 404)), "http.status"))
        .isEqualTo("404");
    assertThat(EventColumns.field(Map.of("k8s", Map.of("pod.name", "web-1")), "k8s.pod.name"))
        .isEqualTo("web-1");
    assertThat(EventColumns.field(Map.of("k8s.pod", Map.of("name", "web-2")), "k8s.pod.name"))
        .isEqualTo("web-2");
  }

  @Test
  void aMissingFieldIsEmpty() {
    assertThat(EventColumns.field(Map.of("http", Map.of("method", "GET")), "http.status")).isEmpty();
    assertThat(EventColumns.field(Map.of("http", "flat"), "http.status")).isEmpty();
    assertThat(EventColumns.field(Map.of("tags", List.of("a", "b")), "tags")).isEqualTo("[a, b]");
  }
}
