package io.strata.audit;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** The audit trail's checkpoints and verification. */
@ConfigMapping(prefix = "strata.audit")
public interface AuditConfig {

  /**
   * How often the head of every chain that moved is signed as a checkpoint ({@code
   * STRATA_AUDIT_CHECKPOINT_INTERVAL}). A rewrite of a chain after its last checkpoint is only
   * caught by the next one, so this bounds how long it can go unnoticed.
   */
  @WithDefault("1h")
  Duration checkpointInterval();

  /** How often every chain is verified in full ({@code STRATA_AUDIT_VERIFY_INTERVAL}). */
  @WithDefault("24h")
  Duration verifyInterval();

  /**
   * Where the Ed25519 key pair that signs checkpoints is kept ({@code STRATA_AUDIT_KEY_DIR}):
   * {@code signing.key} (PKCS#8) and {@code signing.pub} (X.509), made on first start when missing
   * (mode 0600). Every node of a cluster must use the same pair: mount one secret there. Default
   * {@code <data-dir>/audit}.
   */
  Optional<Path> keyDir();
}
