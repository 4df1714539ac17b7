package io.strata;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.util.Optional;

/** Settings shared by every feature of a Strata node. */
@ConfigMapping(prefix = "strata")
public interface StrataConfig {

  /** Where indexes, the embedded broker's log and the embedded database live ({@code STRATA_DATA_DIR}). */
  @WithDefault("data")
  Path dataDir();

  /**
   * The platform operator's credential ({@code STRATA_OPERATOR_KEY}). When unset, one is generated on
   * first start, printed once, and kept in {@code <data-dir>/operator.key}.
   */
  Optional<String> operatorKey();
}
