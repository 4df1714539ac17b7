package io.strata.security;

import io.quarkus.runtime.Startup;
import io.strata.StrataConfig;
import jakarta.annotation.PostConstruct;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * The platform operator's credential: from the environment, or generated once and kept in a file only
 * the service account may read (its path is logged, never the key).
 */
@Startup
@Singleton
public class OperatorKey {

  private static final Logger LOG = Logger.getLogger(OperatorKey.class);

  private final StrataConfig config;
  private String secret;
  private Path file;

  OperatorKey(StrataConfig config) {
    this.config = config;
  }

  @PostConstruct
  void load() {
    if (config.operatorKey().isPresent() && !config.operatorKey().get().isBlank()) {
      secret = config.operatorKey().get().trim();
      return;
    }
    file = config.dataDir().resolve("operator.key").toAbsolutePath();
    try {
      if (Files.exists(file)) {
        secret = Files.readString(file, StandardCharsets.UTF_8).trim();
        LOG.infof("Operator key read from %s", file.toAbsolutePath());
        return;
      }
      Files.createDirectories(file.getParent());
      secret = ApiKeySecrets.newSecret();
      // Created private, never readable by others even for an instant.
      Files.createFile(file, PosixFilePermissions.asFileAttribute(
          PosixFilePermissions.fromString("rw-------")));
      Files.writeString(file, secret + "\n", StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot keep the operator key in " + file, e);
    }
    // Only where it is: application logs are shipped and read by many; the file is the owner's.
    LOG.infof("Generated the operator key; read it from %s", file.toAbsolutePath());
  }

  /** The file the key is kept in; empty when it comes from {@code STRATA_OPERATOR_KEY}. */
  public Optional<Path> file() {
    return Optional.ofNullable(file);
  }

  /** Whether {@code candidate} is the operator key. */
  public boolean matches(String candidate) {
    return ApiKeySecrets.matches(candidate, secret);
  }
}
