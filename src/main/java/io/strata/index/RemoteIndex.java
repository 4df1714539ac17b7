package io.strata.index;

import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * An index whose files are in the bucket and not on this node's disk: the commit there, what it
 * holds (events, bytes, and the Kafka positions it covers: topic partition to next offset), and
 * where each of its files lies with its size and SHA-256. The node keeps this in place
 * of the index's directory, and fetches the files when the index is next read or written.
 */
public record RemoteIndex(long generation, long events, long bytes, Map<String, Long> offsets,
    SortedMap<String, RemoteFile> files) {

  /** One file of the commit: its object key, its size and its SHA-256 (lower-case hex). */
  public record RemoteFile(String key, long bytes, String sha256) {}

  /** As kept on disk. */
  String toJson() {
    JsonObject files = new JsonObject();
    this.files.forEach((name, file) -> files.put(name, new JsonObject().put("key", file.key())
        .put("bytes", file.bytes()).put("sha256", file.sha256())));
    JsonObject positions = new JsonObject();
    offsets.forEach(positions::put);
    return new JsonObject().put("generation", generation).put("events", events)
        .put("bytes", bytes).put("offsets", positions).put("files", files).encode();
  }

  /** Reads what {@link #toJson()} wrote. */
  static RemoteIndex fromJson(String json) {
    JsonObject object = new JsonObject(json);
    SortedMap<String, RemoteFile> files = new TreeMap<>();
    JsonObject listed = object.getJsonObject("files");
    for (String name : listed.fieldNames()) {
      JsonObject file = listed.getJsonObject(name);
      files.put(name, new RemoteFile(file.getString("key"), file.getLong("bytes"),
          file.getString("sha256")));
    }
    Map<String, Long> offsets = new java.util.HashMap<>();
    JsonObject positions = object.getJsonObject("offsets", new JsonObject());
    for (String partition : positions.fieldNames()) {
      offsets.put(partition, positions.getLong(partition));
    }
    return new RemoteIndex(object.getLong("generation"), object.getLong("events"),
        object.getLong("bytes"), offsets, files);
  }

  /** The SHA-256 of each file, by name. */
  public SortedMap<String, String> sha256() {
    SortedMap<String, String> hashes = new TreeMap<>();
    for (Map.Entry<String, RemoteFile> file : files.entrySet()) {
      hashes.put(file.getKey(), file.getValue().sha256());
    }
    return hashes;
  }
}
