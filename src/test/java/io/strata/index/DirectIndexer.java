package io.strata.index;

import io.strata.pipeline.EventNormalizer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import io.strata.index.codec.StoredCodecs;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.store.FSDirectory;

/**
 * The benchmark's baseline: indexes NDJSON bodies straight into Lucene with the app's own document
 * layout ({@link EventNormalizer} + {@link EventDocumentBuilder}) and writer settings (those of
 * {@link BucketIndex}: arrival order (no index sort), stored-field compression, RAM buffer, one index per
 * UTC day), but without HTTP, Kafka, near-real-time refreshes or periodic commits: one commit at the
 * end. Bodies are spread over the threads the way the app's indexer spreads Kafka records.
 */
public final class DirectIndexer {

  /** What one run did: events indexed and failed, wall time including the final commit, bytes on disk. */
  public record Result(long indexed, long failed, long nanos, long diskBytes, long parsed) {}

  private static final long DAY_MILLIS = 86_400_000L;

  private final Path root;
  private final int threads;
  private final double ramBufferMb;
  private final IndexConfig.StoredCompression mode;
  private final int keywordMaxLength;
  private final Analyzer analyzer = new StandardAnalyzer();
  private final Map<Long, IndexWriter> writers = new ConcurrentHashMap<>();
  private ParsingRouting.TenantParsing rules;

  /** With the app's defaults: 64 MB RAM buffer, zstd stored fields, keywords cut at 256 chars. */
  public DirectIndexer(Path root, int threads) {
    this(root, threads, 64, IndexConfig.StoredCompression.ZSTD, 256);
  }

  public DirectIndexer(Path root, int threads, double ramBufferMb, IndexConfig.StoredCompression mode,
      int keywordMaxLength) {
    this.root = root;
    this.threads = threads;
    this.ramBufferMb = ramBufferMb;
    this.mode = mode;
    this.keywordMaxLength = keywordMaxLength;
  }

  /** Runs these parsing rules on every event, as the app's indexer runs a tenant's. */
  public DirectIndexer withRules(ParsingRouting.TenantParsing rules) {
    this.rules = rules;
    return this;
  }

  /** The analyzer documents are indexed with (parsing-rule selectors must use it too). */
  public Analyzer analyzer() {
    return analyzer;
  }

  /** Indexes every line of every body, commits, closes; gives up after {@code timeoutSeconds}. */
  public Result index(List<byte[]> bodies, long timeoutSeconds) throws IOException, InterruptedException {
    Files.createDirectories(root);
    AtomicLong indexed = new AtomicLong();
    AtomicLong failed = new AtomicLong();
    AtomicLong parsedCount = new AtomicLong();
    long started = System.nanoTime();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> tasks = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int first = t;
        tasks.add(pool.submit(() -> {
          Worker worker = new Worker();
          for (int i = first; i < bodies.size(); i += threads) {
            worker.indexBody(bodies.get(i), i, System.currentTimeMillis());
          }
          indexed.addAndGet(worker.indexed);
          failed.addAndGet(worker.failed);
          parsedCount.addAndGet(worker.parsedEvents);
          return null;
        }));
      }
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
      for (Future<?> task : tasks) {
        try {
          task.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
          throw new IOException("direct indexing did not finish within " + timeoutSeconds + " s");
        } catch (java.util.concurrent.ExecutionException e) {
          throw new IOException("direct indexing failed", e.getCause());
        }
      }
      for (IndexWriter writer : writers.values()) {
        writer.commit();
      }
    } finally {
      pool.shutdownNow();
      for (IndexWriter writer : writers.values()) {
        writer.close();
      }
      writers.clear();
    }
    long nanos = System.nanoTime() - started;
    return new Result(indexed.get(), failed.get(), nanos, diskBytes(root), parsedCount.get());
  }

  /** Bytes of all regular files under {@code dir}. */
  public static long diskBytes(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return 0;
    }
    try (var files = Files.walk(dir)) {
      return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
    }
  }

  /** Segments (their {@code .si} files) under {@code dir}, over all its indexes. */
  public static long segmentCount(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return 0;
    }
    try (var files = Files.walk(dir)) {
      return files.filter(p -> p.getFileName().toString().endsWith(".si")).count();
    }
  }

  private IndexWriter writer(long epochDay) {
    return writers.computeIfAbsent(epochDay, day -> {
      try {
        Path path = root.resolve(LocalDate.ofEpochDay(day).toString());
        Files.createDirectories(path);
        IndexWriterConfig config = new IndexWriterConfig(analyzer)
            .setOpenMode(IndexWriterConfig.OpenMode.CREATE)
            .setRAMBufferSizeMB(ramBufferMb)
            .setCodec(StoredCodecs.forWriting(mode))
            .setCommitOnClose(false);
        return new IndexWriter(FSDirectory.open(path), config);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
  }

  /** One thread's reusable state, like a worker of the app's indexer. */
  private final class Worker {
    private final EventNormalizer normalizer = new EventNormalizer();
    private final EventDocumentBuilder builder = new EventDocumentBuilder(keywordMaxLength);
    private final ParsedFields parsed = new ParsedFields();
    private final MatcherScratch scratch = new MatcherScratch();
    private long lastDay = Long.MIN_VALUE;
    private IndexWriter lastWriter;
    long indexed;
    long failed;
    long parsedEvents;

    void indexBody(byte[] body, long bodyIndex, long ingestedAtMillis) throws IOException {
      int start = 0;
      int ordinal = 0;
      while (start < body.length) {
        int end = start;
        while (end < body.length && body[end] != '\n') {
          end++;
        }
        int stop = end > start && body[end - 1] == '\r' ? end - 1 : end;
        if (stop > start) {
          long seq = IndexSchema.seq(0, bodyIndex, ordinal++);
          // As ingest does: a line that starts like JSON is a JSON event, any other is plain text.
          byte kind = body[start] == '{' ? EventNormalizer.KIND_JSON : EventNormalizer.KIND_TEXT;
          builder.begin(seq, kind, body, start, stop - start);
          try {
            normalizer.normalize(kind, body, start, stop - start, ingestedAtMillis, builder);
          } catch (IOException e) {
            failed++; // not an event the app would index either
            start = end + 1;
            continue;
          }
          if (rules != null && builder.message() != null) {
            parsed.clear();
            if (rules.parse(builder.document(), builder.message(), ingestedAtMillis, scratch, parsed)
                == ParsingRouting.Outcome.PARSED && !parsed.isEmpty()) {
              parsedEvents++;
              parsed.applyTo(builder, ingestedAtMillis,
                  EventNormalizer.DEFAULT_FUTURE_TOLERANCE_NANOS);
            }
          }
          long day = Math.floorDiv(builder.timestampMillis(), DAY_MILLIS);
          if (day != lastDay) {
            lastWriter = writer(day);
            lastDay = day;
          }
          try {
            lastWriter.addDocument(builder.document());
            indexed++;
          } catch (IllegalArgumentException e) {
            failed++; // rejected by the index, as in the app
          }
        }
        start = end + 1;
      }
    }
  }
}
