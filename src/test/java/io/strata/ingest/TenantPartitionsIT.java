package io.strata.ingest;

import static io.restassured.RestAssured.given;
import static io.strata.testing.TestTenants.OPERATOR_KEY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.strata.search.EventId;
import io.strata.testing.Events;
import io.strata.testing.StrataServicesResource;
import io.strata.testing.TestTenants;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The operator spreads a big tenant's events over several partitions of the event topic (shuffle
 * sharding, issue 15), so that several indexers can share it: every event is still stored once, and
 * a tenant left at one partition stays on one.
 */
@QuarkusTest
@WithTestResource(StrataServicesResource.class)
class TenantPartitionsIT {

  /** Bits of an event's sequence number that hold its Kafka partition (IndexSchema.seq). */
  private static final long PARTITION_MASK = (1 << 10) - 1;

  @Test
  void aTenantsEventsSpreadOverThePartitionsTheOperatorGivesIt() {
    Events.useTextEncodingForNdjson();
    String tenant = TestTenants.newTenant("spread");
    String key = TestTenants.newKey(tenant, "ingest", "search");
    patch(tenant, Map.of("partitions", 4)).then().statusCode(200).body("partitions", equalTo(4));

    String spread = "s" + UUID.randomUUID().toString().replace("-", "");
    for (int request = 0; request < 8; request++) {
      Events.ingestNdjson(key, lines(spread, 5));
    }
    Set<Long> partitions = partitionsOf(Events.awaitTotal(key, Map.of("q", spread, "limit", 100), 40));
    assertThat(partitions).as("8 batches over 4 partitions").hasSizeGreaterThan(1);

    patch(tenant, Map.of("partitions", 1)).then().statusCode(200).body("partitions", equalTo(1));
    String single = "o" + UUID.randomUUID().toString().replace("-", "");
    for (int request = 0; request < 6; request++) {
      Events.ingestNdjson(key, lines(single, 5));
    }
    assertThat(partitionsOf(Events.awaitTotal(key, Map.of("q", single, "limit", 100), 30)))
        .hasSize(1);
  }

  @Test
  void partitionsAreAWholeNumberFromOneTo1024() {
    String tenant = TestTenants.newTenant("partitions");
    given().auth().oauth2(OPERATOR_KEY)
        .when().get("/api/v1/admin/tenants")
        .then().statusCode(200)
        .body("find { it.id == '" + tenant + "' }.partitions", equalTo(1));
    for (Object bad : new Object[] {0, 1025, "four", 2.5}) {
      patch(tenant, Map.of("partitions", bad))
          .then().statusCode(400).contentType("application/problem+json")
          .body("field", equalTo("partitions"));
    }
    Map<String, Object> lift = new HashMap<>();
    lift.put("partitions", null);
    patch(tenant, lift).then().statusCode(400).body("field", equalTo("partitions"));
    given().auth().oauth2(TestTenants.newKey(tenant, "admin")).contentType(ContentType.JSON)
        .body(Map.of("partitions", 8))
        .when().patch("/api/v1/admin/tenants/" + tenant)
        .then().statusCode(403);
  }

  private static io.restassured.response.Response patch(String tenant, Map<String, ?> body) {
    return given().auth().oauth2(OPERATOR_KEY).contentType(ContentType.JSON).body(body)
        .when().patch("/api/v1/admin/tenants/" + tenant);
  }

  private static String lines(String marker, int count) {
    StringBuilder body = new StringBuilder();
    for (int i = 0; i < count; i++) {
      body.append("{\"message\":\"").append(marker).append(" line ").append(i).append("\"}\n");
    }
    return body.toString();
  }

  private static Set<Long> partitionsOf(JsonPath found) {
    List<String> ids = found.getList("events._id", String.class);
    assertThat(ids).doesNotHaveDuplicates();
    return ids.stream().map(id -> EventId.parse(id).seq() & PARTITION_MASK)
        .collect(Collectors.toSet());
  }
}
