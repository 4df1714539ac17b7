package io.strata.audit;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import java.time.ZoneOffset;
import java.util.Arrays;

/** {@link ChainStore} over a connection of the reactive pool, in a transaction it is part of. */
final class PoolChainStore implements ChainStore {

  private final SqlConnection connection;

  PoolChainStore(SqlConnection connection) {
    this.connection = connection;
  }

  @Override
  public Uni<Head> lockHead(String chain) {
    return connection.preparedQuery(LOCK_HEAD).execute(Tuple.of(chain))
        .map(rows -> {
          Row row = rows.iterator().next();
          return new Head(row.getLong("seq"), row.getString("hash"));
        });
  }

  @Override
  public Uni<Void> insert(AuditRecord r) {
    return connection.preparedQuery(INSERT).execute(tuple(r)).replaceWithVoid();
  }

  @Override
  public Uni<Void> insertAll(java.util.List<AuditRecord> records) {
    return connection.preparedQuery(INSERT)
        .executeBatch(records.stream().map(PoolChainStore::tuple).toList()).replaceWithVoid();
  }

  private static Tuple tuple(AuditRecord r) {
    // Arrays.asList: several values may be null.
    return Tuple.from(Arrays.asList(r.chain(), r.seq(), r.time().atOffset(ZoneOffset.UTC),
        r.tenant(), r.actorType(), r.actorId(), r.actorName(), r.source(), r.userAgent(),
        r.action(), r.target(), AuditHashing.paramsJson(r.params()), r.outcome(), r.status(),
        r.prevHash(), r.hash()));
  }

  @Override
  public Uni<Void> updateHead(String chain, long seq, String hash) {
    return connection.preparedQuery(UPDATE_HEAD).execute(Tuple.of(chain, seq, hash))
        .replaceWithVoid();
  }
}
