package io.strata.tail;

import io.quarkus.scheduler.Scheduled;
import io.strata.cluster.ClusterNode;
import io.strata.cluster.ClusterNodes;
import io.strata.cluster.NodeClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/**
 * Brings a live tail the events that other nodes index: for each tail opened here, every other
 * index node runs the same query over what it indexes ({@code POST /internal/v1/tail}) and streams
 * its matches back, which join this node's own in the tail. Nodes that join later, or come back,
 * are followed within a check ({@code strata.cluster.heartbeat-interval}); the streams end with the
 * tail.
 *
 * <p>A node's events reach the tail in its order; across nodes they interleave as they arrive, as
 * Loki's querier merges its ingesters' tails.
 */
@ApplicationScoped
public class TailRelays {

  private static final Logger LOG = Logger.getLogger(TailRelays.class);
  static final String PATH = "/internal/v1/tail";
  /** How long opening a tail waits for the other nodes to follow it, so it misses nothing after. */
  private static final long FOLLOW_WAIT_MILLIS = 3_000;

  /** The query to relay, as the other nodes parse it, and the streams open per node. */
  private record Followed(String q, Map<String, Stream<String>> streams, Set<String> connecting) {}

  /** What another node is asked to follow. */
  public record Follow(String q) {}

  private final ClusterNodes cluster;
  private final NodeClient nodes;
  private final Map<TailSession, Followed> followed = new ConcurrentHashMap<>();

  TailRelays(ClusterNodes cluster, NodeClient nodes) {
    this.cluster = cluster;
    this.nodes = nodes;
  }

  /** Has every other index node follow {@code session}'s query; waits a little for them. */
  void follow(TailSession session, String q) {
    if (!cluster.distributed()) {
      return;
    }
    Followed relay = new Followed(q == null ? "" : q, new ConcurrentHashMap<>(),
        ConcurrentHashMap.newKeySet());
    followed.put(session, relay);
    List<CompletableFuture<?>> opening = connect(session, relay);
    try {
      CompletableFuture.allOf(opening.toArray(CompletableFuture[]::new))
          .get(FOLLOW_WAIT_MILLIS, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      // A node that does not follow yet is tried again at the next check.
    }
  }

  /** Ends the other nodes' part of a tail that ended. */
  void unfollow(TailSession session) {
    Followed relay = followed.remove(session);
    if (relay != null) {
      relay.streams().values().forEach(Stream::close);
    }
  }

  @Scheduled(every = "${strata.cluster.heartbeat-interval:2s}", delayed = "2s",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  void check() {
    followed.forEach((session, relay) -> {
      if (session.isClosed()) {
        unfollow(session);
      } else {
        connect(session, relay);
      }
    });
  }

  private List<CompletableFuture<?>> connect(TailSession session, Followed relay) {
    List<CompletableFuture<?>> opening = new ArrayList<>();
    for (ClusterNode node : cluster.otherIndexNodes()) {
      if (!node.live() || relay.streams().containsKey(node.id())
          || !relay.connecting().add(node.id())) {
        continue;
      }
      opening.add(nodes.stream(node, PATH, session.tenant(), new Follow(relay.q()))
          .whenComplete((lines, failure) -> {
            relay.connecting().remove(node.id());
            if (failure != null) {
              LOG.debugf("Node %s does not follow a tail of %s yet: %s", node.id(),
                  session.tenant(), failure.getMessage());
            } else if (session.isClosed() || followed.get(session) != relay) {
              lines.close();
            } else {
              relay.streams().put(node.id(), lines);
              Thread.ofVirtual().name("strata-tail-relay-" + node.id())
                  .start(() -> read(session, relay, node.id(), lines));
            }
          }));
    }
    return opening;
  }

  /** Reads a node's stream of Server-Sent Events into the tail until it ends or is closed. */
  private static void read(TailSession session, Followed relay, String node,
      Stream<String> lines) {
    ServerSentEvents events = new ServerSentEvents();
    try (lines) {
      Iterator<String> each = lines.iterator();
      while (each.hasNext() && !session.isClosed()) {
        ServerSentEvents.Event event = events.accept(each.next());
        if (event == null) {
          continue;
        }
        if (event.name() == null && event.data() != null) {
          session.deliver(new TailMessage.Match(event.id(), event.data()));
        } else if ("dropped".equals(event.name()) && event.data() != null) {
          session.missed(ServerSentEvents.missed(event.data()));
        }
      }
    } catch (UncheckedIOException | IllegalStateException e) {
      // Closed here (the tail ended) or the node went away: followed again at the next check.
    } finally {
      relay.streams().remove(node, lines);
    }
  }
}
