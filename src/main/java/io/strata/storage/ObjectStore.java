package io.strata.storage;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketLocationConstraint;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The bucket, through the AWS SDK's S3 client: creates it when missing, puts files into it and
 * deletes them.
 * Calls block; the uploader's own thread makes them.
 */
final class ObjectStore implements AutoCloseable {

  private final S3Client client;
  private final String bucket;
  private final String region;

  private ObjectStore(S3Client client, String bucket, String region) {
    this.client = client;
    this.bucket = bucket;
    this.region = region;
  }

  /** A client for the bucket {@code config} names; connects to nothing yet. */
  static ObjectStore of(StorageConfig config, URI endpoint) {
    AwsCredentialsProvider credentials = config.accessKey().isPresent()
        ? StaticCredentialsProvider.create(AwsBasicCredentials.create(config.accessKey().get(),
            config.secretKey().orElseThrow(() -> new IllegalArgumentException(
                "STRATA_S3_ACCESS_KEY is set but STRATA_S3_SECRET_KEY is not"))))
        : DefaultCredentialsProvider.builder().build();
    S3Client client = S3Client.builder()
        .endpointOverride(endpoint)
        .region(Region.of(config.region()))
        .forcePathStyle(config.pathStyle())
        .credentialsProvider(credentials)
        .httpClient(UrlConnectionHttpClient.builder()
            .connectionTimeout(Duration.ofSeconds(5))
            .socketTimeout(Duration.ofSeconds(60))
            .build())
        .build();
    return new ObjectStore(client, config.bucket(), config.region());
  }

  /** Creates the bucket unless it exists. */
  void ensureBucket() {
    try {
      client.headBucket(b -> b.bucket(bucket));
      return;
    } catch (NoSuchBucketException e) {
      // Created below.
    } catch (S3Exception e) {
      if (e.statusCode() != 404) {
        throw e;
      }
    }
    client.createBucket(b -> {
      b.bucket(bucket);
      // us-east-1 is the one region that must not be named as a location.
      if (!region.equals("us-east-1")) {
        b.createBucketConfiguration(c -> c.locationConstraint(
            BucketLocationConstraint.fromValue(region)));
      }
    });
  }

  /** Puts {@code file} under {@code key}, replacing what was there. */
  void put(String key, Path file) {
    client.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromFile(file));
  }

  /** Writes the object {@code key} to {@code target}, which must not exist yet. */
  void get(String key, Path target) {
    client.getObject(b -> b.bucket(bucket).key(key), target);
  }

  /** Deletes the object {@code key}; nothing happens when there is none. */
  void delete(String key) {
    client.deleteObject(b -> b.bucket(bucket).key(key));
  }

  /** Deletes every object whose key starts with {@code prefix}; returns how many there were. */
  int deletePrefix(String prefix) {
    int deleted = 0;
    for (S3Object object : client.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix))
        .contents()) {
      client.deleteObject(b -> b.bucket(bucket).key(object.key()));
      deleted++;
    }
    return deleted;
  }

  @Override
  public void close() {
    client.close();
  }
}
