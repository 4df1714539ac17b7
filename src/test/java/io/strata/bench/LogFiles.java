package io.strata.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * A dataset of real log lines instead of generated events: every line of every log file under the
 * given paths, once, in file order: a path that is a file is taken whatever its name (an NDJSON
 * export, say); in a directory, files named {@code *.log}, {@code *_logs} (such as loghub's samples
 * and {@code apache_logs}), {@code *.ndjson} or {@code *.jsonl}. Real logs repeat themselves far more than random ids do, so this is the
 * fairer measure of disk per raw byte.
 */
final class LogFiles {

  private LogFiles() {}

  static EventGenerator.Dataset read(List<Path> roots, int perBody) throws IOException {
    List<Path> files = new ArrayList<>();
    for (Path root : roots) {
      if (Files.isRegularFile(root)) {
        files.add(root); // named on the command line: taken whatever its name
        continue;
      }
      try (Stream<Path> walk = Files.walk(root)) {
        walk.filter(Files::isRegularFile).filter(LogFiles::isLog).sorted().forEach(files::add);
      }
    }
    List<byte[]> bodies = new ArrayList<>();
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    long events = 0;
    long raw = 0;
    int inBody = 0;
    int min = Integer.MAX_VALUE;
    int max = 0;
    for (Path file : files) {
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        String event = line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
        if (event.isBlank()) {
          continue;
        }
        byte[] bytes = event.getBytes(StandardCharsets.UTF_8);
        body.write(bytes);
        body.write('\n');
        events++;
        raw += bytes.length;
        min = Math.min(min, bytes.length);
        max = Math.max(max, bytes.length);
        if (++inBody == perBody) {
          bodies.add(body.toByteArray());
          body.reset();
          inBody = 0;
        }
      }
    }
    if (inBody > 0) {
      bodies.add(body.toByteArray());
    }
    if (events == 0) {
      throw new IllegalArgumentException("no log lines under " + roots);
    }
    return new EventGenerator.Dataset(bodies, events, raw, min, max, "none", "none", "none");
  }

  private static boolean isLog(Path file) {
    String name = file.getFileName().toString();
    return name.endsWith(".log") || name.endsWith("_logs") || name.endsWith(".ndjson")
        || name.endsWith(".jsonl");
  }
}
