package io.strata.ingest;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Limits and batching of the ingest API. */
@ConfigMapping(prefix = "strata.ingest")
public interface IngestConfig {

  /** Largest single event, in bytes as sent; a larger one is rejected on its own. */
  @WithDefault("1M")
  MemorySize maxEventBytes();

  /** Largest request body, after decompression; a larger request is refused with 413. */
  @WithDefault("32M")
  MemorySize maxRequestBytes();

  /** Most fields (leaf values) in one event; an event with more is rejected on its own. */
  @WithDefault("1000")
  int maxFieldsPerEvent();

  /**
   * Target size of one Kafka record; a request is cut into records of about this size. Must stay
   * below the producer's {@code max.request.size} and the topic's {@code max.message.bytes}.
   */
  @WithDefault("1M")
  MemorySize recordBytes();

  /** Most events in one Kafka record (event ids reserve 14 bits for the position in a record). */
  @WithDefault("8192")
  int recordEvents();

  /**
   * How long an {@code Idempotency-Key} of the native ingest API is remembered (per tenant) after
   * its request was answered: a retry with the key within it gets the stored answer and stores
   * nothing again; after it, the key is free.
   */
  @WithDefault("24h")
  Duration idempotencyWindow();
}
