package io.strata.search;

import io.strata.cluster.ClusterConfig;
import io.strata.cluster.ClusterNode;
import io.strata.cluster.ClusterNodes;
import io.strata.cluster.IndexesReady;
import io.strata.cluster.MissingNode;
import io.strata.cluster.NodeClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Asks every node that holds indexes for its part of a read, in parallel, this node's own part
 * computed meanwhile; collects the answers within the request timeout and names the nodes that
 * gave none (down, or too slow), so the caller can merge and say {@code partial}.
 */
@ApplicationScoped
public class ShardFanOut {

  private final ClusterNodes cluster;
  private final NodeClient nodes;
  private final ClusterConfig config;
  private final IndexesReady ready;
  private final String self;

  ShardFanOut(ClusterNodes cluster, NodeClient nodes, ClusterConfig config, IndexesReady ready,
      io.strata.StrataConfig strata) {
    this.cluster = cluster;
    this.nodes = nodes;
    this.config = config;
    this.ready = ready;
    this.self = strata.nodeId();
  }

  /** Whether a read must ask other nodes: some other node holds indexes. */
  public boolean distributed() {
    return cluster.distributed();
  }

  /**
   * Posts {@code request} to {@code path} of every other index node for {@code tenant}, and runs
   * {@code local} when this node holds indexes too.
   */
  public <T> Parts<T> ask(String tenant, String path, Object request, Class<T> type,
      Supplier<T> local) {
    List<MissingNode> missing = new ArrayList<>();
    Map<ClusterNode, CompletableFuture<T>> asked = new LinkedHashMap<>();
    for (ClusterNode node : cluster.otherIndexNodes()) {
      if (!node.live()) {
        missing.add(new MissingNode(node.id(), "no heartbeat for " + node.silentSeconds() + " s"));
      } else {
        asked.put(node, nodes.post(node, path, tenant, request, type));
      }
    }
    List<T> answers = new ArrayList<>(asked.size() + 1);
    if (cluster.indexesHere()) {
      if (ready.isOpen()) {
        answers.add(local.get());
      } else {
        missing.add(new MissingNode(self, "starting: dropping events other nodes took over"));
      }
    }
    long deadline = System.nanoTime() + config.requestTimeout().toNanos();
    for (Map.Entry<ClusterNode, CompletableFuture<T>> answer : asked.entrySet()) {
      try {
        long left = Math.max(0, deadline - System.nanoTime());
        answers.add(answer.getValue().get(left, TimeUnit.NANOSECONDS));
      } catch (TimeoutException e) {
        answer.getValue().cancel(true);
        missing.add(new MissingNode(answer.getKey().id(),
            "no answer within " + config.requestTimeout().toMillis() + " ms"));
      } catch (ExecutionException e) {
        missing.add(new MissingNode(answer.getKey().id(), MissingNode.reason(e.getCause())));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for other nodes", e);
      }
    }
    return new Parts<>(answers, missing);
  }

  /** The answers that came, and the nodes whose answer is missing. */
  public record Parts<T>(List<T> answers, List<MissingNode> missing) {}
}
