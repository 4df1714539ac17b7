package io.strata.storage;

import io.strata.index.IndexId;

/**
 * Where a sealed index lies in the bucket: {@code
 * indexes/<tenant>/<day>/<class>/<node>/<generation>/<file>}, one prefix per commit of one node's
 * part of a day. Tenant first, so that a tenant's copy can be listed, billed or erased by prefix;
 * the commit generation last, so that a newer seal never overwrites an object an older catalog row
 * still names.
 */
public final class ObjectKeys {

  /** The prefix every index object's key starts with. */
  public static final String ROOT = "indexes/";

  private ObjectKeys() {}

  /** The prefix of the objects of commit {@code generation} of {@code node}'s part of an index. */
  public static String commitPrefix(IndexId id, String node, long generation) {
    if (generation < 0) {
      throw new IllegalArgumentException("no commit generation " + generation);
    }
    return ROOT + segment(id.tenant()) + "/" + id.day() + "/" + segment(id.retentionClass()) + "/"
        + segment(node) + "/" + generation + "/";
  }

  /** The key of {@code file} (a Lucene file name) of that commit. */
  public static String fileKey(IndexId id, String node, long generation, String file) {
    return commitPrefix(id, node, generation) + segment(file);
  }

  /**
   * One part of a key as it is: a '/' in it would make one index's objects look like another's
   * (a node id is free text), so such a name is refused rather than escaped.
   */
  private static String segment(String part) {
    if (part == null || part.isEmpty() || part.indexOf('/') >= 0 || part.equals(".")
        || part.equals("..")) {
      throw new IllegalArgumentException("not usable in an object key: '" + part + "'");
    }
    return part;
  }
}
