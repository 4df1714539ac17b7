package io.strata.audit.report;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.util.Optional;

/** Where audit reports are built and how large one may grow. */
@ConfigMapping(prefix = "strata.reports")
public interface ReportConfig {

  /**
   * The largest report ({@code STRATA_REPORTS_MAX_SIZE}, e.g. {@code 512M}). A report is built in
   * full, hashed and recorded before its first byte is sent, so it takes this much disk at most
   * while it is made; a larger one is refused (422) and asks for a shorter period.
   */
  @WithDefault("1G")
  MemorySize maxSize();

  /**
   * Where reports are built ({@code STRATA_REPORTS_TEMP_DIR}); default {@code <data-dir>/reports}.
   * On the data disk rather than {@code /tmp}, which is often memory. Files there are readable by
   * the owner only and are removed once sent.
   */
  Optional<Path> tempDir();
}
