package io.strata.tenancy;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.strata.infra.http.ProblemException;
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

  TenantKeyResource(ApiKeyService keys, SecurityIdentity identity) {
    this.keys = keys;
    this.identity = identity;
  }

  /** Issues a key for the caller's tenant; the secret is in this answer only. */
  @POST
  public Uni<Response> issue(KeyRequest body) {
    return keys.issue(CallerTenant.of(identity), body)
        .map(k -> Response.status(201).entity(KeyView.issued(k)).build());
  }

  /** Lists the caller's tenant's keys, without secrets. */
  @GET
  public Uni<List<KeyView>> list() {
    return keys.list(CallerTenant.of(identity)).map(all -> all.stream().map(KeyView::of).toList());
  }

  /** Revokes a key of the caller's tenant at once: 204, or 404. */
  @DELETE
  @Path("{key}")
  public Uni<Response> revoke(@PathParam("key") String key) {
    return keys.revoke(CallerTenant.of(identity), key).map(done -> {
      if (!done) {
        throw ProblemException.notFound("No key '" + key + "' in this tenant.");
      }
      return Response.noContent().build();
    });
  }
}
