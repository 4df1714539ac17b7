package io.strata.search;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.strata.testing.Events;
import io.strata.testing.StrataServicesResource;
import io.strata.testing.TestTenants;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A key of one tenant never reaches another tenant's events, whatever the query or payload says. */
@QuarkusTest
@WithTestResource(StrataServicesResource.class)
class TenantIsolationIT {

  @Test
  void searchOfOneTenantNeverSeesAnotherTenantsEvents() {
    String acme = TestTenants.newTenant("acme");
    String globex = TestTenants.newTenant("globex");
    String acmeKey = TestTenants.newKey(acme, "ingest", "search");
    String globexKey = TestTenants.newKey(globex, "ingest", "search");
    String secret = "secret" + UUID.randomUUID().toString().replace("-", "");
    String shared = "shared" + UUID.randomUUID().toString().replace("-", "");

    Events.ingestNdjson(acmeKey, "{\"message\":\"acme only " + secret + " " + shared
        + "\",\"tenant\":\"" + acme + "\",\"service\":\"vault\"}\n");
    // A payload claiming another tenant still lands in the tenant of the key.
    Events.ingestNdjson(globexKey, "{\"message\":\"globex " + shared + "\",\"tenant\":\"" + acme
        + "\",\"tenant_id\":\"" + acme + "\"}\n");
    Events.awaitTotal(acmeKey, Map.of("q", shared), 1);
    Events.awaitTotal(globexKey, Map.of("q", shared), 1);

    for (String q : new String[] {secret, "*:*", "", "service:vault", "tenant:" + acme,
        "tenant:" + acme + " OR " + secret, "message:*" + secret.substring(3) + "*"}) {
      JsonPath answer = Events.search(globexKey, Map.of("q", q, "from", "now-30d"));
      assertThat(answer.getList("events.message", String.class))
          .as("globex searching %s", q).noneMatch(m -> m.contains(secret));
    }
    JsonPath globexView = Events.search(globexKey, Map.of("q", shared));
    assertThat(globexView.getList("events.message", String.class)).containsExactly("globex " + shared);
    JsonPath acmeView = Events.search(acmeKey, Map.of("q", shared));
    assertThat(acmeView.getList("events.message", String.class))
        .containsExactly("acme only " + secret + " " + shared);
  }
}
