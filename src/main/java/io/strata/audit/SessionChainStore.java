package io.strata.audit;

import io.smallrye.mutiny.Uni;
import java.time.ZoneOffset;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * {@link ChainStore} through the Hibernate Reactive session of a change being made, so that the
 * change and its audit event are one transaction: if the event cannot be written, the change is
 * rolled back.
 */
final class SessionChainStore implements ChainStore {

  private final Mutiny.Session session;

  SessionChainStore(Mutiny.Session session) {
    this.session = session;
  }

  /** Hibernate's native queries number their parameters ?1, ?2, ... */
  private static String jdbcStyle(String sql) {
    return sql.replaceAll("\\$(\\d+)", "?$1");
  }

  @Override
  public Uni<Head> lockHead(String chain) {
    return session.createNativeQuery(jdbcStyle(LOCK_HEAD), Object[].class)
        .setParameter(1, chain).getSingleResult()
        .map(row -> new Head(((Number) row[0]).longValue(), row[1].toString()));
  }

  @Override
  public Uni<Void> insert(AuditRecord r) {
    Object[] values = {r.chain(), r.seq(), r.time().atOffset(ZoneOffset.UTC), r.tenant(),
        r.actorType(), r.actorId(), r.actorName(), r.source(), r.userAgent(), r.action(),
        r.target(), AuditHashing.paramsJson(r.params()), r.outcome(), r.status(), r.prevHash(),
        r.hash()};
    var query = session.createNativeQuery(jdbcStyle(INSERT));
    for (int i = 0; i < values.length; i++) {
      query.setParameter(i + 1, values[i]);
    }
    return query.executeUpdate().replaceWithVoid();
  }

  @Override
  public Uni<Void> updateHead(String chain, long seq, String hash) {
    return session.createNativeQuery(jdbcStyle(UPDATE_HEAD)).setParameter(1, chain)
        .setParameter(2, seq).setParameter(3, hash).executeUpdate().replaceWithVoid();
  }
}
