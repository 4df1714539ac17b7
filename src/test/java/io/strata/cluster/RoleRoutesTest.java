package io.strata.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RoleRoutesTest {

  @Test
  void ingestApisNeedTheIngestRole() {
    for (String path : new String[] {"/api/v1/ingest", "/v1/logs", "/loki/api/v1/push", "/_bulk",
        "/logs-app/_bulk", "/_cluster/health", "/_license"}) {
      assertThat(RoleRoutes.roleFor(path, false)).as(path).isEqualTo(Role.INGEST);
    }
    // GET / is the Elasticsearch handshake for a client, the console for a browser.
    assertThat(RoleRoutes.roleFor("/", false)).isEqualTo(Role.INGEST);
    assertThat(RoleRoutes.roleFor("/", true)).isEqualTo(Role.CONSOLE);
  }

  @Test
  void otherApisNeedSearchAndPagesTheConsole() {
    assertThat(RoleRoutes.roleFor("/api/v1/search", false)).isEqualTo(Role.SEARCH);
    assertThat(RoleRoutes.roleFor("/api/v1/ingestion-stats", false)).isEqualTo(Role.SEARCH);
    assertThat(RoleRoutes.roleFor("/api/v1/admin/tenants", false)).isEqualTo(Role.SEARCH);
    assertThat(RoleRoutes.roleFor("/ui/search", true)).isEqualTo(Role.CONSOLE);
    assertThat(RoleRoutes.roleFor("/VAADIN/build/x.js", false)).isEqualTo(Role.CONSOLE);
  }

  @Test
  void nodeCallsAndHealthAreServedEverywhere() {
    assertThat(RoleRoutes.roleFor("/internal/v1/search/page", false)).isNull();
    assertThat(RoleRoutes.roleFor("/q/health/ready", false)).isNull();
  }
}
