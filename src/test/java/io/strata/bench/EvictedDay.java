package io.strata.bench;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Searches over a day that is in the bucket only: the node runs with a disk cache of one byte, so
 * yesterday's index leaves its disk once sealed, uploaded and closed. Each round waits for that,
 * then times the first search (which fetches the index) and the second (which finds it on disk).
 */
final class EvictedDay {

  /** The search of each round: a page of 100 of a day's errors. */
  static final String QUERY = "level:ERROR";

  private EvictedDay() {}

  /** The node settings that make yesterday leave the disk soon after it is sealed. */
  static java.util.Map<String, String> nodeEnvironment() {
    return java.util.Map.of(
        "STRATA_CLUSTER_S3", "1",
        "STRATA_S3_CACHE_SIZE", "1",
        "STRATA_S3_RETRY_INTERVAL", "2s",
        "STRATA_SEAL_AFTER", "5s",
        "STRATA_SEAL_INTERVAL", "5s",
        "STRATA_INDEX_CLOSE_IDLE_AFTER", "5s");
  }

  static void measure(StrataClient client, String key, Path nodeDir, String tenant, int rounds,
      Report report, Deadline deadline) throws IOException, InterruptedException {
    LocalDate yesterday = LocalDate.now(ZoneOffset.UTC).minusDays(1);
    Path marker = nodeDir.resolve("indexes").resolve(tenant).resolve(yesterday + "~remote");
    String from = yesterday + "T00:00:00Z";
    String to = yesterday + "T23:59:59.999Z";
    List<Double> first = new ArrayList<>();
    List<Double> second = new ArrayList<>();
    long bytes = 0;
    long events = 0;
    for (int round = 0; round < rounds; round++) {
      deadline.check("the evicted-day searches");
      long waitStart = System.nanoTime();
      while (!Files.exists(marker)) {
        if (System.nanoTime() - waitStart > 600_000_000_000L) {
          throw new IOException(yesterday + " did not leave the disk within 10 minutes ("
              + marker + ")");
        }
        Thread.sleep(200);
      }
      System.out.printf("Round %d: %s is in the bucket only (waited %.1f s) ...%n", round + 1,
          yesterday, (System.nanoTime() - waitStart) / 1e9);
      JsonObject remote = new JsonObject(Files.readString(marker));
      bytes = remote.getLong("bytes");
      events = remote.getLong("events");
      StrataClient.Result cold = client.request(key, "/api/v1/search", QUERY, from, to, 100, null);
      StrataClient.Result warm = client.request(key, "/api/v1/search", QUERY, from, to, 100, null);
      if (cold.total() != warm.total() || cold.events() == 0) {
        throw new IOException("the evicted day answered " + cold.total() + " then "
            + warm.total() + " events");
      }
      first.add(cold.clientNanos() / 1e6);
      second.add(warm.clientNanos() / 1e6);
    }
    report.put("evicted_day", "day", yesterday.toString());
    report.put("evicted_day", "index_events", events);
    report.put("evicted_day", "index_bytes", bytes);
    report.put("evicted_day", "rounds", rounds);
    report.put("evicted_day", "first_search_ms_p50", Stats.round(Stats.percentile(first, 50), 1));
    report.put("evicted_day", "first_search_ms_max", Stats.round(Stats.percentile(first, 100), 1));
    report.put("evicted_day", "second_search_ms_p50", Stats.round(Stats.percentile(second, 50), 1));
    report.put("evicted_day", "second_search_ms_max",
        Stats.round(Stats.percentile(second, 100), 1));
  }
}
