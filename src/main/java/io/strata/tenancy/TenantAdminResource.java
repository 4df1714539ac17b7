package io.strata.tenancy;

import io.strata.audit.AuditExempt;
import io.strata.audit.Audited;
import io.strata.security.Callers;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.smallrye.mutiny.Uni;
import io.strata.infra.http.ProblemException;
import io.strata.security.Scopes;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Optional;

/** The platform operator's API: tenants and their keys. Needs the operator key. */
@Path("/api/v1/admin/tenants")
@RolesAllowed(Scopes.OPERATOR)
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class TenantAdminResource {

  /** The body of a request for a new tenant. */
  public record NewTenant(String id, String name,
      @JsonProperty("max_events_per_second") Integer maxEventsPerSecond) {}


  private final TenantService tenants;
  private final ApiKeyService keys;
  private final Callers callers;

  TenantAdminResource(TenantService tenants, ApiKeyService keys, Callers callers) {
    this.tenants = tenants;
    this.keys = keys;
    this.callers = callers;
  }

  /** Creates a tenant: 201, or 409 when the id is taken. */
  @POST
  @Audited("tenant.create")
  public Uni<Response> create(NewTenant body) {
    if (body == null) {
      throw ProblemException.badRequest("invalid-tenant", "Send {\"id\":..., \"name\":...}.");
    }
    return tenants.create(callers.current(), body.id(), body.name(), body.maxEventsPerSecond())
        .map(t -> Response.status(201).entity(TenantView.of(t)).build());
  }

  /** Lists all tenants. */
  @GET
  @AuditExempt("lists tenant names and limits")
  public Uni<List<TenantView>> list() {
    return tenants.list().map(all -> all.stream().map(TenantView::of).toList());
  }

  /**
   * Changes a tenant's limits; fields left out stay as they are, {@code null} lifts one: {@code
   * max_events_per_second} (ingest, from the tenant's next request) and {@code max_retention_days}
   * (the longest the tenant's retention policy may keep events; 409 if its policy keeps longer);
   * {@code partitions}, 1 to 1024, the partitions of the event topic its events are spread over
   * (from its next request; more than the topic has means all of them).
   */
  @PATCH
  @Path("{tenant}")
  @Audited("tenant.update")
  public Uni<TenantView> update(@PathParam("tenant") String tenant, JsonNode body) {
    if (body == null || !body.isObject()) {
      throw ProblemException.badRequest("invalid-tenant",
          "Send {\"max_events_per_second\": N or null, \"max_retention_days\": N or null,"
              + " \"partitions\": N}.");
    }
    body.fieldNames().forEachRemaining(name -> {
      if (!UPDATABLE.contains(name)) {
        throw ProblemException.badRequest("invalid-tenant", "'" + name + "' cannot be changed;"
            + " a PATCH may set " + String.join(", ", UPDATABLE) + ".").with("field", name);
      }
    });
    Optional<Optional<Integer>> partitions = limit(body, "partitions");
    if (partitions.isPresent() && partitions.get().isEmpty()) {
      throw ProblemException.badRequest("invalid-tenant",
          "'partitions' must be a whole number from 1 to 1024; it cannot be lifted.")
          .with("field", "partitions");
    }
    TenantChanges changes = new TenantChanges(limit(body, "max_events_per_second"),
        limit(body, "max_retention_days"), partitions.map(Optional::get));
    return tenants.update(callers.current(), tenant, changes).map(TenantView::of);
  }

  private static final List<String> UPDATABLE = List.of("max_events_per_second",
      "max_retention_days", "partitions");

  /** Absent: unchanged; null: lifted; else a whole number. */
  private static Optional<Optional<Integer>> limit(JsonNode body, String field) {
    if (!body.has(field)) {
      return Optional.empty();
    }
    JsonNode value = body.get(field);
    if (value.isNull()) {
      return Optional.of(Optional.empty());
    }
    if (!value.canConvertToInt() || !value.isIntegralNumber()) {
      throw ProblemException.badRequest("invalid-tenant", "'" + field
          + "' must be a whole number, or null to lift it.").with("field", field);
    }
    return Optional.of(Optional.of(value.intValue()));
  }

  /** Issues a key for a tenant; the secret is in this answer only. */
  @POST
  @Path("{tenant}/keys")
  @Audited("key.create")
  public Uni<Response> issueKey(@PathParam("tenant") String tenant, KeyRequest body) {
    return keys.issue(callers.current(), tenant, body)
        .map(k -> Response.status(201).entity(KeyView.issued(k)).build());
  }

  /** Lists a tenant's keys, without secrets. */
  @GET
  @Path("{tenant}/keys")
  @AuditExempt("lists key names and scopes, never secrets")
  public Uni<List<KeyView>> listKeys(@PathParam("tenant") String tenant) {
    return tenants.find(tenant).chain(t -> {
      if (t == null) {
        return Uni.createFrom().failure(ProblemException.notFound("No tenant '" + tenant + "'."));
      }
      return keys.list(tenant).map(all -> all.stream().map(KeyView::of).toList());
    });
  }

  /** Revokes a key at once: 204, or 404. */
  @DELETE
  @Path("{tenant}/keys/{key}")
  @Audited("key.revoke")
  public Uni<Response> revokeKey(@PathParam("tenant") String tenant, @PathParam("key") String key) {
    return keys.revoke(callers.current(), tenant, key).map(done -> Response.noContent().build());
  }
}
