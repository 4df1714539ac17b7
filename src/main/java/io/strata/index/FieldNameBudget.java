package io.strata.index;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.IndexableField;

/**
 * Bounds the distinct field names of one day index. Every name costs memory in every segment and
 * time in every flush and merge, so a tenant that sends random keys (the probe sent 198,000) would
 * slow the whole node; past the budget, an event's new fields are not indexed.
 *
 * <p>Such an event is still indexed and stored whole (it shows every field it was sent with), and
 * names what was left out in {@link #IGNORED}, so {@code _ignored:*} finds the events concerned.
 * Fields the index already has keep being indexed.
 */
final class FieldNameBudget {

  /** The field listing, per event, the field names the budget left unindexed. */
  static final String IGNORED = "_ignored";

  private final int max;
  private final Set<String> names = ConcurrentHashMap.newKeySet();

  /** A budget of {@code max} names, of which those in {@code existing} are already spent. */
  FieldNameBudget(int max, Set<String> existing) {
    this.max = max;
    names.addAll(existing);
    names.add(IGNORED);
  }

  /**
   * Takes the fields of {@code document} whose names are new to a full index out of it, and names
   * them in {@link #IGNORED}; returns how many names it left out.
   */
  int apply(Document document) {
    List<String> refused = null;
    for (IndexableField field : document) {
      String name = field.name();
      if (!names.contains(name) && !admit(name)) {
        if (refused == null) {
          refused = new ArrayList<>();
        }
        if (!refused.contains(name)) {
          refused.add(name);
        }
      }
    }
    if (refused == null) {
      return 0;
    }
    for (String name : refused) {
      document.removeFields(name);
      document.add(new StringField(IGNORED, IndexSchema.attributeName(name), Field.Store.NO));
    }
    return refused.size();
  }

  /** Whether the index may take one more name; the check and the add are one step. */
  private synchronized boolean admit(String name) {
    if (names.contains(name)) {
      return true;
    }
    if (names.size() >= max) {
      return false;
    }
    names.add(name);
    return true;
  }

  /** Whether the budget is spent. */
  boolean exhausted() {
    return names.size() >= max;
  }
}
