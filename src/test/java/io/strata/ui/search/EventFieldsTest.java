package io.strata.ui.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EventFieldsTest {

  @Test
  void nestedFieldsGetDottedNamesListsStayWholeAndIdAndTimeAreNotFilters() {
    Map<String, Object> user = new LinkedHashMap<>();
    user.put("email", "a@b.example");
    user.put("id", 42);
    Map<String, Object> event = new LinkedHashMap<>();
    event.put("_id", "abc-1");
    event.put("@timestamp", "2026-12-06T10:00:00Z");
    event.put("service", "checkout");
    event.put("user", user);
    event.put("tags", List.of("a", "b"));
    event.put("empty", Map.of());
    event.put("missing", null);

    assertThat(EventFields.of(event)).containsExactly(
        new EventFields.Row("_id", "abc-1", false),
        new EventFields.Row("@timestamp", "2026-12-06T10:00:00Z", false),
        new EventFields.Row("service", "checkout", true),
        new EventFields.Row("user.email", "a@b.example", true),
        new EventFields.Row("user.id", "42", true),
        new EventFields.Row("tags", "[\"a\",\"b\"]", false),
        new EventFields.Row("empty", "{}", false),
        new EventFields.Row("missing", "null", false));
  }
}
