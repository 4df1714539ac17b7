package io.strata.index;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How the indexer writes the per-tenant, per-day Lucene indexes. */
@ConfigMapping(prefix = "strata.index")
public interface IndexConfig {

  /** How often new events become searchable (Lucene near-real-time refresh). */
  @WithDefault("500ms")
  Duration refreshInterval();

  /**
   * An index nobody has searched for this long is not refreshed on the timer; the next search
   * refreshes it before it runs. Spares the small segments (and their merging) that refreshing an
   * index nobody reads would cost.
   */
  @WithDefault("30s")
  Duration searchIdleAfter();

  /**
   * A day index nobody has written, committed or searched for this long is closed (its files stay;
   * the next write or search opens it again), so a node does not hold every day it ever touched.
   */
  @WithDefault("10m")
  Duration closeIdleAfter();

  /**
   * How often indexed events are made durable (Lucene commit, then the Kafka offsets). Events not yet
   * committed are replayed from Kafka after a crash, so this trades restart work for write cost.
   */
  @WithDefault("5s")
  Duration commitInterval();

  /** Indexing buffer of each open day index, in MB, before Lucene flushes a segment. */
  @WithDefault("64")
  double ramBufferMb();

  /** Threads that build and add documents; one per core is a good start. */
  @WithDefault("2")
  int threads();

  /** How the stored original events are compressed: smaller on disk or faster to fetch. */
  @WithDefault("zstd")
  StoredCompression storedCompression();

  /**
   * Distinct field names one tenant's day index takes ({@code STRATA_INDEX_MAX_FIELD_NAMES}). Past
   * it, fields with new names are not indexed (the event is, and keeps them in its stored form);
   * {@code _ignored:<name>} finds the events concerned. Each name costs memory and time in every
   * segment, so a tenant sending random keys would otherwise slow the node for everyone.
   */
  @WithDefault("10000")
  int maxFieldNames();

  /**
   * How far ahead of its ingest time an event's own time may be ({@code
   * STRATA_INDEX_FUTURE_TOLERANCE}). An event stamped further ahead (a skewed clock, a local time
   * read as UTC) is indexed at its ingest time, and keeps its stamp in {@code timestamp_original};
   * otherwise it would sit in a future day, out of every "last hour" search, until that day came.
   */
  @WithDefault("1d")
  Duration futureTolerance();

  /** Keyword values longer than this many characters are indexed by their first characters only. */
  @WithDefault("256")
  int keywordMaxLength();

  /** The compression of the stored original events. */
  enum StoredCompression {
    /** Zstandard over 64 KB chunks: the smallest, and faster to fetch than DEFLATE. */
    ZSTD,
    /** Lucene's DEFLATE mode. */
    BEST_COMPRESSION,
    /** Lucene's LZ4 mode: the biggest, the cheapest to write. */
    BEST_SPEED
  }
}
