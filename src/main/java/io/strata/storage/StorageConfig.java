package io.strata.storage;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.net.URI;
import java.time.Duration;
import io.quarkus.runtime.configuration.MemorySize;
import java.util.Optional;

/**
 * Object storage, the durable copy of every index in an S3-compatible bucket (sealed days at once,
 * the others every {@link #checkpointInterval()}). Off unless {@link #endpoint()} is set: a node
 * without it keeps its indexes on local disk only.
 */
@ConfigMapping(prefix = "strata.s3")
public interface StorageConfig {

  /**
   * The S3 API's address ({@code STRATA_S3_ENDPOINT}), e.g. {@code
   * https://s3.eu-west-1.amazonaws.com} or {@code http://127.0.0.1:9090} for s3proxy; unset,
   * nothing is uploaded.
   */
  Optional<URI> endpoint();

  /** The bucket ({@code STRATA_S3_BUCKET}); created at start when missing. */
  @WithDefault("strata")
  String bucket();

  /** The region requests are signed for ({@code STRATA_S3_REGION}). */
  @WithDefault("us-east-1")
  String region();

  /**
   * The access key id ({@code STRATA_S3_ACCESS_KEY}); unset, the AWS SDK's default chain applies
   * (environment, profile, instance role).
   */
  Optional<String> accessKey();

  /** The access key's secret ({@code STRATA_S3_SECRET_KEY}): from the environment, not a file. */
  Optional<String> secretKey();

  /**
   * Whether the bucket is addressed in the path ({@code STRATA_S3_PATH_STYLE}), as most
   * S3-compatible servers want, rather than as a host name.
   */
  @WithDefault("true")
  boolean pathStyle();

  /**
   * How often sealed indexes not uploaded yet are looked for and failed uploads retried ({@code
   * STRATA_S3_RETRY_INTERVAL}).
   */
  @WithDefault("1m")
  Duration retryInterval();

  /**
   * How often a node puts the indexes it changed since the last time into the bucket, with the
   * Kafka offsets they cover ({@code STRATA_S3_CHECKPOINT_INTERVAL}): a node that loses its disk
   * downloads them and reads Kafka again only from there, so this bounds what it re-indexes, and
   * must stay well inside the topic's retention ({@code STRATA_KAFKA_RETENTION}).
   */
  @WithDefault("5m")
  Duration checkpointInterval();

  /**
   * How much of this node's disk its indexes may take ({@code STRATA_S3_CACHE_SIZE}, e.g. {@code
   * 200G}): beyond it, sealed days whose copy is in the bucket leave the disk, least recently read
   * first, and are fetched again when a search needs them. Unset, every index stays on disk.
   */
  Optional<MemorySize> cacheSize();

  /**
   * The longest wait before an index whose upload keeps failing is tried again ({@code
   * STRATA_S3_RETRY_MAX}); the wait doubles from {@link #retryInterval()} up to it.
   */
  @WithDefault("15m")
  Duration retryMax();
}
