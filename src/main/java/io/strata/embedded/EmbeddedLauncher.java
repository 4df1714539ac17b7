package io.strata.embedded;

import io.strata.BundledServices;
import java.io.IOException;
import java.nio.file.Path;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * How the entry point finds the embedded default ({@code META-INF/services}): the production build
 * leaves this package out, and the entry point must not name it.
 */
public final class EmbeddedLauncher implements BundledServices.Launcher {

  @Override
  public BundledServices startMissing(Path dataDir, Function<String, String> lookup,
      Consumer<String> progress) throws IOException {
    return EmbeddedServices.startMissing(dataDir, lookup, progress);
  }
}
