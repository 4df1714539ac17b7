package io.strata.testing;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
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

  /**
   * The log files under these directories of {@code shared/data}: every {@code *.log} and every
   * file without an extension, not the CSV and licence files beside them; sorted.
   */
  public static List<Path> files(String... dirs) throws IOException {
    List<Path> files = new ArrayList<>();
    for (String dir : dirs) {
      Path root = ROOT.resolve(dir);
      Assumptions.assumeTrue(Files.isDirectory(root), "shared/data is not beside the project: " + dir);
      try (Stream<Path> walk = Files.walk(root)) {
        walk.filter(Files::isRegularFile).filter(LogFixtures::isLog).sorted().forEach(files::add);
      }
    }
    return files;
  }

  private static boolean isLog(Path file) {
    String name = file.getFileName().toString();
    return name.endsWith(".log") || (!name.contains(".") && !name.equals("LICENSE"));
  }
}
