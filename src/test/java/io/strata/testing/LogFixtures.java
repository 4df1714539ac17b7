package io.strata.testing;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/** Real log files of well-known systems, from {@code ../shared/data} beside the project. */
public final class LogFixtures {

  private static final Path ROOT = Path.of("..", "shared", "data");

  private LogFixtures() {}

  /** The text of a file under {@code shared/data}; the test is skipped where it is not present. */
  public static String read(String path) throws IOException {
    Path file = ROOT.resolve(path);
    Assumptions.assumeTrue(Files.isReadable(file), "shared/data is not beside the project: " + path);
    return Files.readString(file, UTF_8);
  }
}
