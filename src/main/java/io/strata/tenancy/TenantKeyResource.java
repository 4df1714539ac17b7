package io.strata.tenancy;

import io.strata.audit.AuditExempt;
import io.strata.audit.Audited;
import io.strata.security.Callers;
import io.strata.security.Caller;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.strata.security.CallerTenant;
import io.strata.security.Scopes;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;

/** A tenant admin's API for the keys of the own tenant. Needs a key with the {@code admin} scope. */
@Path("/api/v1/keys")
@RolesAllowed(Scopes.ADMIN)
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class TenantKeyResource {

  private final ApiKeyService keys;
  private final SecurityIdentity identity;
  private final Callers callers;

  TenantKeyResource(ApiKeyService keys, SecurityIdentity identity, Callers callers) {
    this.keys = keys;
    this.identity = identity;
    this.callers = callers;
  }

  /** Issues a key for the caller's tenant; the secret is in this answer only. */
  @POST
  @Audited("key.create")
  public Uni<Response> issue(KeyRequest body) {
    Caller caller = callers.current();
    return keys.issue(caller, caller.tenant(), body)
        .map(k -> Response.status(201).entity(KeyView.issued(k)).build());
  }

  /** Lists the caller's tenant's keys, without secrets. */
  @GET
  @AuditExempt("lists key names and scopes, never secrets")
  public Uni<List<KeyView>> list() {
    return keys.list(CallerTenant.of(identity)).map(all -> all.stream().map(KeyView::of).toList());
  }

  /** Revokes a key of the caller's tenant at once: 204, or 404. */
  @DELETE
  @Path("{key}")
  @Audited("key.revoke")
  public Uni<Response> revoke(@PathParam("key") String key) {
    Caller caller = callers.current();
    return keys.revoke(caller, caller.tenant(), key).map(done -> Response.noContent().build());
  }
}
