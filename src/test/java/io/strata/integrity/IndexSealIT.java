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

  /** Flips the lowest bit of the byte in the middle of {@code file}. */
  private static void flip(Path file) throws java.io.IOException {
    try (RandomAccessFile data = new RandomAccessFile(file.toFile(), "rw")) {
      long at = data.length() / 2;
      data.seek(at);
      int b = data.read();
      data.seek(at);
      data.write(b ^ 0x01);
    }
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
    assertEquals("50", seals[0].getString("events.find { it.target == '" + index
        + "' }.params.events"));
    JsonPath intact = verify(key);
    assertTrue(intact.getBoolean("ok"), intact.prettify());
    assertEquals(1, intact.getInt("verified_indexes"));

    // Flip one byte of the largest sealed file, as an attacker editing the disk would.
    Path dir = Path.of(ConfigProvider.getConfig().getValue("strata.data-dir", String.class),
        "indexes", tenant, day);
    // The largest file of the sealed commit (older files may linger while a searcher holds them).
    Map<String, String> sealedFiles = new com.fasterxml.jackson.databind.ObjectMapper().readValue(
        seals[0].getString("events.find { it.target == '" + index + "' }.params.files"),
        new com.fasterxml.jackson.core.type.TypeReference<Map<String, String>>() {});
    Path victim = sealedFiles.keySet().stream().filter(f -> !f.startsWith("segments"))
        .map(dir::resolve).max((a, b) -> Long.compare(a.toFile().length(), b.toFile().length()))
        .orElseThrow();
    flip(victim);

    JsonPath tampered;
    try {
      tampered = verify(key);
    } finally {
      flip(victim); // the byte back: the other tests share this node's indexes and jobs
    }
    assertFalse(tampered.getBoolean("ok"));
    List<Map<String, Object>> problems = tampered.getList("problems");
    assertEquals(1, problems.size(), tampered.prettify());
    assertEquals("index", problems.getFirst().get("kind"));
    assertEquals(index, problems.getFirst().get("index"));
    assertTrue(((String) problems.getFirst().get("detail"))
        .contains(victim.getFileName() + " differs from its seal"), tampered.prettify());
    assertTrue(verify(key).getBoolean("ok"), "the restored file verifies again");
  }
}
