package io.strata.retention;

import io.strata.cluster.MissingNode;
import io.strata.search.ShardFanOut;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Asks every node that holds indexes for its part of an erasure, this node's own part included:
 * an erasure reaches the tenant's events wherever they were indexed. Each answer says which nodes
 * did not answer; an erasure never counts a missing node as done.
 */
@ApplicationScoped
public class ErasureParts {

  /** The nodes that did not answer, as an exception to refuse or defer on. */
  public static final class NodesMissing extends RuntimeException {
    private final List<MissingNode> missing;

    NodesMissing(List<MissingNode> missing) {
      super("no answer from " + String.join(", ", missing.stream()
          .map(m -> m.node() + " (" + m.reason() + ")").toList()));
      this.missing = missing;
    }

    public List<MissingNode> missing() {
      return missing;
    }
  }

  private final ShardFanOut fanOut;
  private final ErasureShard shard;

  ErasureParts(ShardFanOut fanOut, ErasureShard shard) {
    this.fanOut = fanOut;
    this.shard = shard;
  }

  /** How many of the range's events the query matches, of how many, on every node. */
  public ErasureScope.Counts count(String tenant, String query, Instant from, Instant to) {
    ErasureShard.Scope scope = scope(null, query, from, to);
    long matched = 0;
    long total = 0;
    for (ErasureScope.Counts part : all(fanOut.ask(tenant, ShardErasureResource.COUNT, scope,
        ErasureScope.Counts.class, () -> shard.count(tenant, scope)))) {
      matched += part.matched();
      total += part.total();
    }
    return new ErasureScope.Counts(matched, total);
  }

  /** The ids of the holds that cover events the erasure would delete, on any node. */
  public List<String> blockingHolds(String tenant, String id, String query, Instant from,
      Instant to) {
    ErasureShard.Scope scope = scope(id, query, from, to);
    Set<String> holds = new LinkedHashSet<>();
    for (ErasureShard.Blocking part : all(fanOut.ask(tenant, ShardErasureResource.HOLDS, scope,
        ErasureShard.Blocking.class, () -> shard.blockingHolds(tenant, scope)))) {
      holds.addAll(part.holds());
    }
    return List.copyOf(holds);
  }

  /** Has every node erase its part; what is left on all of them together. */
  public ErasureShard.Remains erase(String tenant, String id, String query, Instant from,
      Instant to) {
    ErasureShard.Scope scope = scope(id, query, from, to);
    long remaining = 0;
    long withDeletions = 0;
    for (ErasureShard.Remains part : all(fanOut.ask(tenant, ShardErasureResource.ERASE, scope,
        ErasureShard.Remains.class, () -> shard.erase(tenant, scope)))) {
      remaining += part.remaining();
      withDeletions += part.segmentsWithDeletions();
    }
    return new ErasureShard.Remains(remaining, withDeletions);
  }

  private static <T> List<T> all(ShardFanOut.Parts<T> parts) {
    if (!parts.missing().isEmpty()) {
      throw new NodesMissing(parts.missing());
    }
    return parts.answers();
  }

  private static ErasureShard.Scope scope(String id, String query, Instant from, Instant to) {
    return new ErasureShard.Scope(id, query, from.toEpochMilli(), to.toEpochMilli());
  }
}
