package io.strata.retention;

import io.smallrye.mutiny.Uni;
import io.strata.audit.AuditExempt;
import io.strata.audit.Audited;
import io.strata.security.CallerTenant;
import io.strata.security.Callers;
import io.strata.security.Scopes;
import io.quarkus.security.identity.SecurityIdentity;
import io.vertx.mutiny.core.Vertx;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * The caller's tenant's retention policy: {@code admin} sets it, {@code admin} and auditors read it
 * and the preview of the next retention run.
 */
@Path("/api/v1/retention")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class RetentionResource {

  private final RetentionService retention;
  private final StreamSelectors selectors;
  private final RetentionParts parts;
  private final RetentionJob job;
  private final RetentionConfig config;
  private final SecurityIdentity identity;
  private final Callers callers;
  private final Vertx vertx;

  RetentionResource(RetentionService retention, StreamSelectors selectors, RetentionParts parts,
      RetentionJob job, RetentionConfig config, SecurityIdentity identity,
      Callers callers, Vertx vertx) {
    this.retention = retention;
    this.selectors = selectors;
    this.parts = parts;
    this.job = job;
    this.config = config;
    this.identity = identity;
    this.callers = callers;
    this.vertx = vertx;
  }

  /** The policy in force: the tenant's own, or the platform default ({@code updated_at} null). */
  @GET
  @RolesAllowed({Scopes.ADMIN, Scopes.AUDIT})
  @AuditExempt("reads the retention policy: no events, nothing changed")
  public Uni<RetentionPolicy> get() {
    return retention.get(CallerTenant.of(identity));
  }

  /**
   * Replaces the policy: 200 with it, or 400 naming the field, the stream and the bound it breaks
   * (profile floor, {@code max_days}, the operator's {@code max_retention_days}).
   */
  @PUT
  @RolesAllowed(Scopes.ADMIN)
  @Audited("retention.update")
  public Uni<RetentionPolicy> put(RetentionPolicy body) {
    CallerTenant.forWriting(identity);
    var caller = callers.current();
    // Selectors are parsed and compiled on a worker: CPU work that must not hold up the event loop.
    return vertx.executeBlocking(() -> RetentionRules.validate(body, null, selectors::check), false)
        .chain(valid -> retention.put(caller, valid));
  }

  /** What the next retention runs will delete on every node, what holds keep, what waits. */
  @GET
  @Path("preview")
  @RolesAllowed({Scopes.ADMIN, Scopes.AUDIT})
  @AuditExempt("reads index names, sizes and dates: no events, nothing changed")
  public RetentionPreview preview() {
    String tenant = CallerTenant.of(identity);
    var nextRun = job.nextRun();
    RetentionParts.Merged<IndexExpiry> expired = parts.expired(tenant, nextRun);
    return RetentionPreview.of(nextRun, config.deleteDelay(), expired.rows(), expired.missing());
  }
}
