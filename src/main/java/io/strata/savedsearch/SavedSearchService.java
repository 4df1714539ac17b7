package io.strata.savedsearch;

import jakarta.inject.Inject;
import io.strata.security.Caller;
import io.strata.audit.Audited;
import io.strata.audit.AuditTrail;
import io.strata.audit.AuditExempt;
import io.strata.audit.AuditEntry;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import io.strata.infra.http.ProblemException;
import io.strata.tenancy.Tenant;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/**
 * Creates, reads, replaces and deletes the saved searches of a tenant. Every lookup is by id and
 * tenant together, so another tenant's id is indistinguishable from a missing one.
 */
@ApplicationScoped
public class SavedSearchService {

  /** Saved searches one tenant may keep. */
  public static final int MAX_PER_TENANT = 1000;

  @Inject
  AuditTrail audit;

  @WithSession
  @AuditExempt("lists saved queries: no events, nothing changed")
  public Uni<List<SavedSearch>> list(String tenantId) {
    return SavedSearch.list("tenantId", Sort.by("name"), tenantId);
  }

  /** The tenant's saved search; a 404 problem when the tenant has none with this id. */
  @WithSession
  @AuditExempt("reads one saved query: no events, nothing changed")
  public Uni<SavedSearch> get(String tenantId, String id) {
    return owned(tenantId, id).map(search -> require(search, id));
  }

  /** Saves a search that passed {@link SavedSearchRules}: 409 for a taken name or a full tenant. */
  @WithTransaction
  @Audited("saved_search.create")
  public Uni<SavedSearch> create(Caller caller, String createdBy, SavedSearchRules.Valid valid) {
    return audit.auditedChange(AuditEntry.success(caller, "saved_search.create", null,
            AuditEntry.params("name", valid.name(), "q", valid.q())),
        () -> doCreate(caller.tenantForWriting(), createdBy, valid), saved -> saved.id);
  }

  private Uni<SavedSearch> doCreate(String tenantId, String createdBy,
      SavedSearchRules.Valid valid) {
    return lockTenant(tenantId)
        .chain(() -> SavedSearch.count("tenantId", tenantId))
        .chain(count -> {
          if (count >= MAX_PER_TENANT) {
            return Uni.createFrom().failure(new ProblemException(409, "too-many-saved-searches",
                "Conflict", "This tenant already has " + MAX_PER_TENANT
                    + " saved searches, the most it may keep; delete one first.")
                .with("limit", MAX_PER_TENANT));
          }
          return requireFreeName(tenantId, valid.name(), null);
        })
        .chain(() -> {
          Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
          SavedSearch search = new SavedSearch();
          search.id = UUID.randomUUID().toString();
          search.tenantId = tenantId;
          search.createdAt = now;
          search.createdBy = createdBy;
          apply(search, valid, now);
          return search.<SavedSearch>persist();
        });
  }

  /** Replaces name, query, range and columns: 404, or 409 as for {@link #create}. */
  @WithTransaction
  @Audited("saved_search.update")
  public Uni<SavedSearch> replace(Caller caller, String id, SavedSearchRules.Valid valid) {
    return audit.auditedChange(AuditEntry.success(caller, "saved_search.update", id,
            AuditEntry.params("name", valid.name(), "q", valid.q())),
        () -> doReplace(caller.tenantForWriting(), id, valid), null);
  }

  private Uni<SavedSearch> doReplace(String tenantId, String id, SavedSearchRules.Valid valid) {
    return lockTenant(tenantId)
        .chain(() -> owned(tenantId, id))
        .chain(found -> {
          SavedSearch search = require(found, id);
          return requireFreeName(tenantId, valid.name(), id).map(free -> {
            apply(search, valid, Instant.now().truncatedTo(ChronoUnit.MICROS));
            return search;
          });
        });
  }

  /** Deletes the tenant's saved search; false when the tenant has none with this id. */
  @WithTransaction
  @Audited("saved_search.delete")
  public Uni<Boolean> delete(Caller caller, String id) {
    return audit.auditedChange(AuditEntry.success(caller, "saved_search.delete", id),
        () -> SavedSearch.delete("id = ?1 and tenantId = ?2", id, caller.tenantForWriting())
            .map(deleted -> {
              if (deleted == 0) {
                throw ProblemException.notFound("No saved search '" + id + "'.");
              }
              return true;
            }), null);
  }

  /**
   * Serialises the writes of one tenant's saved searches, so that neither the limit nor the
   * name check can be passed by two requests at once (the unique constraint is only the backstop).
   * Authentication and ingest read the tenant row without locking, so they never wait on this.
   */
  private static Uni<Tenant> lockTenant(String tenantId) {
    return Tenant.findById(tenantId, LockModeType.PESSIMISTIC_WRITE);
  }

  private static Uni<SavedSearch> owned(String tenantId, String id) {
    return SavedSearch.<SavedSearch>find("id = ?1 and tenantId = ?2", id, tenantId).firstResult();
  }

  private static Uni<Void> requireFreeName(String tenantId, String name, String exceptId) {
    Uni<Long> same = exceptId == null
        ? SavedSearch.count("tenantId = ?1 and name = ?2", tenantId, name)
        : SavedSearch.count("tenantId = ?1 and name = ?2 and id <> ?3", tenantId, name, exceptId);
    return same.map(count -> {
      if (count > 0) {
        throw ProblemException.conflict("A saved search named '" + name + "' already exists.")
            .with("field", "name");
      }
      return null;
    });
  }

  private static SavedSearch require(SavedSearch search, String id) {
    if (search == null) {
      throw ProblemException.notFound("No saved search '" + id + "' in this tenant.");
    }
    return search;
  }

  private static void apply(SavedSearch search, SavedSearchRules.Valid valid, Instant now) {
    search.name = valid.name();
    search.q = valid.q();
    search.from = valid.from();
    search.to = valid.to();
    search.storeColumns(valid.columns());
    search.updatedAt = now;
  }
}
