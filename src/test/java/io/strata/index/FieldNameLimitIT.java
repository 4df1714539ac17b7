package io.strata.index;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.strata.testing.Events;
import io.strata.testing.StrataServicesResource;
import io.strata.testing.TestTenants;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A tenant that sends ever new field names (the probe sent 198,000) fills its own day index's
 * budget of names (1,000 in the test profile) and no more: later events are indexed without their
 * new fields, say so in {@code _ignored}, and lose nothing else; another tenant is not affected.
 */
@QuarkusTest
@WithTestResource(StrataServicesResource.class)
class FieldNameLimitIT {

  @Test
  void newFieldNamesPastTheBudgetAreNotIndexedAndTheEventsSaySo() {
    String tenant = TestTenants.newTenant("fields");
    String key = TestTenants.newKey(tenant, "ingest", "search");
    String marker = "fl" + UUID.randomUUID().toString().replace("-", "");
    // 30 events of 45 new names each: 1,350 names for a budget of 1,000. The first 22 (990 names)
    // fit, whatever order the two indexing threads take them in; of the last 8, only the first
    // 10 names met fit.
    StringBuilder first = new StringBuilder();
    StringBuilder rest = new StringBuilder();
    for (int event = 0; event < 30; event++) {
      StringBuilder body = event < 22 ? first : rest;
      body.append("{\"message\":\"").append(marker).append(" event ").append(event).append('"');
      for (int field = 0; field < 45; field++) {
        body.append(",\"f").append(event).append('_').append(field).append("\":\"x\"");
      }
      body.append("}\n");
    }
    Events.ingestNdjson(key, first.toString());
    Events.awaitTotal(key, Map.of("q", marker), 22);
    Events.ingestNdjson(key, rest.toString());
    // Every event is there, whatever happened to its fields.
    Events.awaitTotal(key, Map.of("q", marker), 30);
    assertThat(Events.search(key, Map.of("q", "f0_0:x")).getInt("total")).isEqualTo(1);
    assertThat(Events.search(key, Map.of("q", "f29_44:x")).getInt("total")).isZero();
    int ignored = Events.search(key, Map.of("q", marker + " _ignored:*", "limit", 100))
        .getInt("total");
    assertThat(ignored).as("events with fields left out").isBetween(7, 10);
    assertThat(Events.search(key, Map.of("q", "_ignored:f29_44")).getInt("total")).isEqualTo(1);
    // The event still shows what it was sent with.
    assertThat(Events.search(key, Map.of("q", marker + " \"event 29\"")).getString("events[0].f29_44"))
        .isEqualTo("x");

    String other = TestTenants.newTenant("fields2");
    String otherKey = TestTenants.newKey(other, "ingest", "search");
    Events.ingestNdjson(otherKey, "{\"message\":\"" + marker + "\",\"f29_44\":\"y\"}\n");
    Events.awaitTotal(otherKey, Map.of("q", "f29_44:y"), 1);
  }
}
