package io.strata.storage;

import io.strata.index.RemoteIndex;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Row;
import java.util.SortedMap;
import java.util.TreeMap;

/** Reads the catalog's rows ({@code index_objects}) as what the bucket holds of an index. */
final class CatalogRows {

  /** The columns {@link #remoteIndex} reads. */
  static final String COLUMNS = "generation, prefix, files, bytes, events, offsets";

  private CatalogRows() {}

  /**
   * The commit a row records, with where each of its files lies; its events are -1 when the row
   * does not know them or its offsets (written before they were recorded).
   */
  static RemoteIndex remoteIndex(Row row) {
    String prefix = row.getString("prefix");
    JsonObject files = (JsonObject) row.getValue("files");
    SortedMap<String, RemoteIndex.RemoteFile> remote = new TreeMap<>();
    for (String name : files.fieldNames()) {
      JsonObject file = files.getJsonObject(name);
      remote.put(name, new RemoteIndex.RemoteFile(file.getString("key", prefix + name),
          file.getLong("bytes"), file.getString("sha256")));
    }
    Long events = row.getLong("events");
    JsonObject positions = (JsonObject) row.getValue("offsets");
    java.util.Map<String, Long> offsets = new java.util.HashMap<>();
    if (positions == null) {
      events = null; // written before offsets were: fetched rather than left remote
    } else {
      for (String partition : positions.fieldNames()) {
        offsets.put(partition, positions.getLong(partition));
      }
    }
    return new RemoteIndex(row.getLong("generation"), events == null ? -1 : events,
        row.getLong("bytes"), offsets, remote);
  }
}
