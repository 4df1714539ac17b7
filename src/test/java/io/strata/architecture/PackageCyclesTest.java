package io.strata.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The feature packages under {@code io.strata} depend on each other without cycles, so that each
 * can be read, tested and changed from the bottom up (security defines credentials, tenancy keeps
 * the keys and reads them; the trail depends on no feature that records into it).
 */
class PackageCyclesTest {

  private static final Path SOURCES = Path.of("src/main/java/io/strata");
  private static final Pattern IMPORT = Pattern.compile("^import (?:static )?io\\.strata\\.([a-z]+)\\.",
      Pattern.MULTILINE);

  @Test
  void featurePackagesFormNoCycle() throws IOException {
    Map<String, Set<String>> uses = new TreeMap<>();
    try (Stream<Path> files = Files.walk(SOURCES)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
        Path relative = SOURCES.relativize(file);
        if (relative.getNameCount() < 2) {
          continue; // io.strata itself: the application's entry points
        }
        String feature = relative.getName(0).toString();
        Matcher imports = IMPORT.matcher(Files.readString(file));
        Set<String> used = uses.computeIfAbsent(feature, f -> new TreeSet<>());
        while (imports.find()) {
          if (!imports.group(1).equals(feature)) {
            used.add(imports.group(1));
          }
        }
      }
    }
    assertThat(uses).containsKeys("security", "tenancy", "audit", "retention", "index");
    List<String> cycles = new ArrayList<>();
    for (String start : uses.keySet()) {
      List<String> path = cycleFrom(start, start, uses, new ArrayList<>(List.of(start)),
          new TreeSet<>());
      if (path != null) {
        cycles.add(String.join(" -> ", path));
      }
    }
    assertThat(cycles).as("cycles between feature packages").isEmpty();
  }

  private static List<String> cycleFrom(String start, String at, Map<String, Set<String>> uses,
      List<String> path, Set<String> seen) {
    for (String next : uses.getOrDefault(at, Set.of())) {
      if (next.equals(start)) {
        List<String> cycle = new ArrayList<>(path);
        cycle.add(start);
        return cycle;
      }
      if (seen.add(next)) {
        path.add(next);
        List<String> found = cycleFrom(start, next, uses, path, seen);
        if (found != null) {
          return found;
        }
        path.removeLast();
      }
    }
    return null;
  }
}
