package io.strata.tenancy;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/** Tells which of some API keys are still valid, and why the others are not. */
@ApplicationScoped
public class ActiveKeys {

  /** What became of a key. */
  public enum State { ACTIVE, REVOKED, EXPIRED }

  private static final String STATES = "SELECT id, revoked_at IS NOT NULL AS revoked,"
      + " (expires_at IS NOT NULL AND expires_at <= now()) AS expired"
      + " FROM api_keys WHERE id = ANY($1)";

  private final Pool pool;

  ActiveKeys(Pool pool) {
    this.pool = pool;
  }

  /**
   * The state of each key of {@code ids}, in one query whatever their number; a key that no longer
   * exists counts as revoked.
   */
  public Uni<Map<String, State>> states(Collection<String> ids) {
    if (ids.isEmpty()) {
      return Uni.createFrom().item(Map.of());
    }
    return pool.preparedQuery(STATES).execute(Tuple.of(ids.toArray(String[]::new))).map(rows -> {
      Map<String, State> states = new HashMap<>();
      ids.forEach(id -> states.put(id, State.REVOKED));
      for (Row row : rows) {
        states.put(row.getString("id"), row.getBoolean("revoked") ? State.REVOKED
            : row.getBoolean("expired") ? State.EXPIRED : State.ACTIVE);
      }
      return states;
    });
  }
}
