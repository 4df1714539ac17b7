package io.strata.integrity;

import io.strata.audit.SealedIndexCheck;
import io.strata.index.IndexId;
import io.strata.index.TenantIndexes;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Recomputes a sealed index's files on this node for the audit trail's verification. */
@ApplicationScoped
class SealedIndexFiles implements SealedIndexCheck {

  private final TenantIndexes indexes;

  SealedIndexFiles(TenantIndexes indexes) {
    this.indexes = indexes;
  }

  @Override
  public Result check(String tenant, String index, long generation, Map<String, String> files) {
    IndexId id = IndexSealer.idOf(tenant, index);
    if (id == null || !indexes.exists(id)) {
      return new Result(Status.ABSENT, null);
    }
    long current = indexes.commitGeneration(id);
    if (current > generation) {
      return new Result(Status.CHANGED, "committed again since it was sealed");
    }
    if (current < generation) {
      return new Result(Status.TAMPERED, "its last commit is " + current + ", older than the"
          + " sealed commit " + generation);
    }
    Map<String, String> now;
    try {
      now = indexes.hashFiles(id, files.keySet());
    } catch (java.io.UncheckedIOException e) {
      return new Result(Status.TAMPERED, "its files cannot be read: " + e.getMessage());
    }
    List<String> differ = new ArrayList<>();
    files.forEach((file, sealed) -> {
      String hash = now.get(file);
      if (hash == null) {
        differ.add(file + " is missing");
      } else if (!Objects.equals(hash, sealed)) {
        differ.add(file + " differs from its seal");
      }
    });
    return differ.isEmpty() ? new Result(Status.INTACT, null)
        : new Result(Status.TAMPERED, String.join("; ", differ));
  }

}
