package io.strata.index;

import java.nio.file.Path;

/** Brings the files of an index that is only in the bucket onto this node's disk. */
public interface IndexFetcher {

  /**
   * Downloads every file of {@code remote} into the directory {@code into} (created), each checked
   * against its size and SHA-256; throws {@link java.io.UncheckedIOException} or the client's
   * exception when one cannot be had.
   */
  void fetch(IndexId id, RemoteIndex remote, Path into);
}
