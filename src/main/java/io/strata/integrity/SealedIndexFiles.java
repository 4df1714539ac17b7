package io.strata.integrity;

import io.strata.audit.SealedIndexCheck;
import io.strata.cluster.ClusterConfig;
import io.strata.cluster.ClusterNode;
import io.strata.cluster.ClusterNodes;
import io.strata.cluster.NodeClient;
import io.strata.index.IndexId;
import io.strata.index.TenantIndexes;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Recomputes a sealed index's files for the audit trail's verification, on the node that sealed
 * it: here, or through that node's {@code /internal/v1/seals/check}.
 */
@ApplicationScoped
class SealedIndexFiles implements SealedIndexCheck {

  static final String PATH = "/internal/v1/seals/check";

  private final TenantIndexes indexes;
  private final ClusterNodes cluster;
  private final NodeClient nodes;
  private final ClusterConfig config;

  SealedIndexFiles(TenantIndexes indexes, ClusterNodes cluster, NodeClient nodes,
      ClusterConfig config) {
    this.indexes = indexes;
    this.cluster = cluster;
    this.nodes = nodes;
    this.config = config;
  }

  @Override
  public Result check(String tenant, String index, String node, long generation,
      Map<String, String> files) {
    if (node == null || node.isEmpty() || node.equals(cluster.self().id())) {
      return checkHere(tenant, index, generation, files);
    }
    ClusterNode holder = cluster.all().stream().filter(n -> n.id().equals(node)).findFirst()
        .orElse(null);
    if (holder == null) {
      return new Result(Status.ABSENT, "node " + node + " that held it was removed");
    }
    if (!holder.live()) {
      return new Result(Status.UNREACHABLE, "node " + node + " that holds it is down");
    }
    try {
      return nodes.post(holder, PATH, tenant, new ShardSealResource.Check(index, generation, files),
          Result.class).get(config.requestTimeout().toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Result(Status.UNREACHABLE, "interrupted while asking node " + node);
    } catch (ExecutionException | TimeoutException e) {
      return new Result(Status.UNREACHABLE, "node " + node + " that holds it did not answer");
    }
  }

  /** Recomputes the files of an index this node holds. */
  Result checkHere(String tenant, String index, long generation, Map<String, String> files) {
    IndexId id = IndexSealer.idOf(tenant, index);
    if (id == null || !indexes.exists(id)) {
      return new Result(Status.ABSENT, null);
    }
    long current = indexes.commitGeneration(id);
    if (current > generation) {
      return new Result(Status.CHANGED, "committed again since it was sealed");
    }
    if (current < generation) {
      return new Result(Status.TAMPERED, "its last commit is " + current + ", older than the"
          + " sealed commit " + generation);
    }
    Map<String, String> now;
    try {
      now = indexes.hashFiles(id, files.keySet());
    } catch (java.io.UncheckedIOException e) {
      return new Result(Status.TAMPERED, "its files cannot be read: " + e.getMessage());
    }
    List<String> differ = new ArrayList<>();
    files.forEach((file, sealed) -> {
      String hash = now.get(file);
      if (hash == null) {
        differ.add(file + " is missing");
      } else if (!Objects.equals(hash, sealed)) {
        differ.add(file + " differs from its seal");
      }
    });
    return differ.isEmpty() ? new Result(Status.INTACT, null)
        : new Result(Status.TAMPERED, String.join("; ", differ));
  }

}
