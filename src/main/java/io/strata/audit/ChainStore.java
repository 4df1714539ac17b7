package io.strata.audit;

import io.smallrye.mutiny.Uni;

/**
 * The statements that append to a chain inside a transaction the caller owns: the Hibernate session
 * of a change being audited, so that the change and its record commit together, or neither. (Reads
 * are appended by {@link AuditWriter}, in groups.)
 */
interface ChainStore {

  /** The head of a chain: its newest sequence number and hash. */
  record Head(long seq, String hash) {}

  /** Locks the head of {@code chain} until the transaction ends, creating it when missing. */
  Uni<Head> lockHead(String chain);

  Uni<Void> insert(AuditRecord record);

  Uni<Void> updateHead(String chain, long seq, String hash);

  /** The head statements, shared by both stores. */
  /** Creates the head when missing and locks it, in one statement: the upsert locks the row. */
  String LOCK_HEAD = "INSERT INTO audit_heads (chain, seq, hash) VALUES ($1, 0, '"
      + AuditHashing.GENESIS + "') ON CONFLICT (chain) DO UPDATE SET chain = EXCLUDED.chain"
      + " RETURNING seq, hash";
  String INSERT = "INSERT INTO audit_events (chain, seq, time, tenant, actor_type, actor_id,"
      + " actor_name, source, user_agent, action, target, params, outcome, status, prev_hash, hash)"
      + " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)";
  String UPDATE_HEAD = "UPDATE audit_heads SET seq = $2, hash = $3 WHERE chain = $1";
}
