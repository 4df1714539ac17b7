package io.strata.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.lucene.index.SegmentCommitInfo;
import org.apache.lucene.index.SegmentInfo;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;

/**
 * Bytes of the indexes under a directory by what they hold (terms, postings, stored events, …),
 * looking inside compound files: where the disk goes. Reads the last commit of each index.
 */
final class IndexFiles {

  /** Lucene file extensions by what they hold. */
  private static final Map<String, String> KINDS = Map.ofEntries(
      Map.entry("tim", "terms"), Map.entry("tip", "terms"), Map.entry("tmd", "terms"),
      Map.entry("doc", "postings"), Map.entry("pos", "positions"), Map.entry("pay", "positions"),
      Map.entry("kdd", "points"), Map.entry("kdi", "points"), Map.entry("kdm", "points"),
      Map.entry("dvd", "doc_values"), Map.entry("dvm", "doc_values"),
      Map.entry("fdt", "stored"), Map.entry("fdx", "stored"), Map.entry("fdm", "stored"),
      Map.entry("nvd", "norms"), Map.entry("nvm", "norms"));

  private IndexFiles() {}

  /** Bytes per kind of every index directly under {@code root} (one level of day folders). */
  static Map<String, Long> bytesByKind(Path root) throws IOException {
    Map<String, Long> bytes = new TreeMap<>();
    if (!Files.isDirectory(root)) {
      return bytes;
    }
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path dir : walk.filter(p -> p.getFileName().toString().startsWith("segments_"))
          .map(Path::getParent).distinct().toList()) {
        add(dir, bytes);
      }
    }
    return bytes;
  }

  /** {@code bytes} per kind as shares of their sum, largest first. */
  static Map<String, Object> shares(Map<String, Long> bytes) {
    long total = bytes.values().stream().mapToLong(Long::longValue).sum();
    Map<String, Object> shares = new LinkedHashMap<>();
    bytes.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
        .forEach(e -> shares.put(e.getKey(), e.getValue() + " (" + Stats.round(
            100.0 * e.getValue() / Math.max(1, total), 1) + "%)"));
    return shares;
  }

  private static void add(Path dir, Map<String, Long> bytes) throws IOException {
    try (Directory directory = FSDirectory.open(dir)) {
      for (SegmentCommitInfo commit : SegmentInfos.readLatestCommit(directory)) {
        SegmentInfo info = commit.info;
        if (info.getUseCompoundFile()) {
          try (Directory compound = info.getCodec().compoundFormat()
              .getCompoundReader(directory, info)) {
            for (String file : compound.listAll()) {
              bytes.merge(kind(file), compound.fileLength(file), Long::sum);
            }
          }
        } else {
          for (String file : commit.files()) {
            bytes.merge(kind(file), directory.fileLength(file), Long::sum);
          }
        }
      }
    }
  }

  private static String kind(String file) {
    return KINDS.getOrDefault(file.substring(file.lastIndexOf('.') + 1), "other");
  }
}
