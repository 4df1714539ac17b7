package io.strata.integrity;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.strata.testing.Events;
import io.strata.testing.StrataServicesResource;
import io.strata.testing.TestTenants;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * A day that is over is sealed (merged, its files' SHA-256 in the tenant's audit chain), and
 * verification recomputes them: a byte flipped in a sealed file is reported at its index.
 */
@QuarkusTest
@WithTestResource(StrataServicesResource.class)
class IndexSealIT {

  private static JsonPath verify(String key) {
    return given().auth().oauth2(key).when().get("/api/v1/audit/verify").then().statusCode(200)
        .extract().jsonPath();
  }

  @Test
  void aSealedIndexVerifiesUntilAByteOfItChanges() throws Exception {
    String tenant = TestTenants.newTenant("seal");
    String key = TestTenants.newKey(tenant, "ingest", "search", "audit");
    String m = "se" + UUID.randomUUID().toString().replace("-", "");
    String when = Instant.now().minus(3, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS).toString();
    StringBuilder body = new StringBuilder();
    for (int i = 0; i < 50; i++) {
      body.append("{\"@timestamp\":\"").append(when).append("\",\"message\":\"").append(m)
          .append(" event ").append(i).append("\"}\n");
    }
    Events.ingestNdjson(key, body.toString());
    Events.awaitTotal(key, Map.of("q", m, "from", "now-7d"), 50);
    String day = LocalDate.ofInstant(Instant.parse(when), ZoneOffset.UTC).toString();
    String index = day + "/default";

    JsonPath[] seals = new JsonPath[1];
    await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).until(() -> {
      seals[0] = given().auth().oauth2(key).queryParam("action", "index.seal").when()
          .get("/api/v1/audit").then().statusCode(200).extract().jsonPath();
      return seals[0].getList("events.target").contains(index);
    });
    assertEquals("50", seals[0].getString("events[0].params.events"));
    JsonPath intact = verify(key);
    assertTrue(intact.getBoolean("ok"), intact.prettify());
    assertEquals(1, intact.getInt("verified_indexes"));

    // Flip one byte of the largest sealed file, as an attacker editing the disk would.
    Path dir = Path.of(ConfigProvider.getConfig().getValue("strata.data-dir", String.class),
        "indexes", tenant, day);
    Path victim;
    try (var files = Files.list(dir)) {
      victim = files.filter(f -> !f.getFileName().toString().startsWith("segments")
              && !f.getFileName().toString().equals("write.lock"))
          .max((a, b) -> Long.compare(a.toFile().length(), b.toFile().length())).orElseThrow();
    }
    try (RandomAccessFile file = new RandomAccessFile(victim.toFile(), "rw")) {
      long at = file.length() / 2;
      file.seek(at);
      int b = file.read();
      file.seek(at);
      file.write(b ^ 0x01);
    }

    JsonPath tampered = verify(key);
    assertFalse(tampered.getBoolean("ok"));
    List<Map<String, Object>> problems = tampered.getList("problems");
    assertEquals(1, problems.size(), tampered.prettify());
    assertEquals("index", problems.getFirst().get("kind"));
    assertEquals(index, problems.getFirst().get("index"));
    assertTrue(((String) problems.getFirst().get("detail"))
        .contains(victim.getFileName() + " differs from its seal"), tampered.prettify());
  }
}
