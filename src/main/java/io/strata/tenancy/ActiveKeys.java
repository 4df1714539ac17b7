package io.strata.tenancy;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;

/** Tells which of some API keys are still valid: not revoked, not expired. */
@ApplicationScoped
public class ActiveKeys {

  private static final String ACTIVE = "SELECT id FROM api_keys WHERE id = ANY($1)"
      + " AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > now())";

  private final Pool pool;

  ActiveKeys(Pool pool) {
    this.pool = pool;
  }

  /** The ids among {@code ids} whose keys may still be used. One query, whatever their number. */
  public Uni<Set<String>> among(Collection<String> ids) {
    if (ids.isEmpty()) {
      return Uni.createFrom().item(Set.of());
    }
    return pool.preparedQuery(ACTIVE).execute(Tuple.of(ids.toArray(String[]::new))).map(rows -> {
      Set<String> active = new HashSet<>();
      for (Row row : rows) {
        active.add(row.getString("id"));
      }
      return active;
    });
  }
}
