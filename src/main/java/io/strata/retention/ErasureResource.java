package io.strata.retention;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.strata.StrataConfig;
import io.strata.audit.AuditExempt;
import io.strata.audit.Audited;
import io.strata.infra.http.ProblemException;
import io.strata.security.CallerTenant;
import io.strata.security.Callers;
import io.strata.security.Scopes;
import io.vertx.mutiny.core.Vertx;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import java.net.URI;

/**
 * GDPR Art. 17 erasure of a data subject's events in the caller's tenant: {@code admin} requests
 * and cancels (while pending); {@code admin} and auditors read the requests and their receipts.
 */
@Path("/api/v1/erasures")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ErasureResource {

  private final ErasureService erasures;
  private final ErasureChecks checks;
  private final SecurityIdentity identity;
  private final Callers callers;
  private final Vertx vertx;
  private final ObjectMapper json;
  private final URI publicUrl;

  ErasureResource(ErasureService erasures, ErasureChecks checks, SecurityIdentity identity,
      Callers callers, Vertx vertx, ObjectMapper json, StrataConfig strata) {
    this.erasures = erasures;
    this.checks = checks;
    this.identity = identity;
    this.callers = callers;
    this.vertx = vertx;
    this.json = json;
    this.publicUrl = strata.publicUrl();
  }

  /**
   * Requests an erasure: 202 with it ({@code pending} until the cancel window has passed), or 400
   * naming the field: no query, a query matching everything or more than the allowed share of the
   * range's events, or one that cannot be matched event by event.
   */
  @POST
  @RolesAllowed(Scopes.ADMIN)
  @Audited("erasure.request")
  public Uni<Response> request(ErasureRequest body) {
    String tenant = CallerTenant.forWriting(identity);
    var caller = callers.current();
    return vertx.executeBlocking(() -> checks.valid(tenant, body), false)
        .chain(valid -> erasures.request(caller, valid))
        .map(erasure -> Response.accepted(ErasureView.of(erasure))
            .location(UriBuilder.fromUri(publicUrl).path("/api/v1/erasures").path(erasure.id)
                .build()).build());
  }

  /**
   * The tenant's erasures, newest first: a JSON array of at most {@code limit} (100; up to 1000),
   * and a {@code Link rel="next"} header while more follow; 400 naming the parameter for a bad
   * {@code limit} or {@code cursor}.
   */
  @GET
  @RolesAllowed({Scopes.ADMIN, Scopes.AUDIT})
  @AuditExempt("lists erasure requests: no events, nothing changed")
  public Uni<Response> list(@QueryParam("limit") String limit,
      @QueryParam("cursor") String cursor) {
    PageRequest request = PageRequest.of(limit, cursor);
    return erasures.page(CallerTenant.of(identity), request)
        .map(page -> page.response(ErasureView::of, publicUrl, "/api/v1/erasures", request));
  }

  @GET
  @Path("{id}")
  @RolesAllowed({Scopes.ADMIN, Scopes.AUDIT})
  @AuditExempt("reads one erasure request: no events, nothing changed")
  public Uni<ErasureView> get(@PathParam("id") String id) {
    return erasures.get(CallerTenant.of(identity), id).map(ErasureView::of);
  }

  /** Cancels a pending erasure: 200 with it, or 409 once it has started. */
  @DELETE
  @Path("{id}")
  @RolesAllowed(Scopes.ADMIN)
  @Audited("erasure.cancel")
  public Uni<ErasureView> cancel(@PathParam("id") String id) {
    CallerTenant.forWriting(identity);
    return erasures.cancel(callers.current(), id).map(ErasureView::of);
  }

  /**
   * The receipt of a completed erasure, with {@code receipt_sha256}: the SHA-256 of the receipt
   * without {@code audit} and {@code receipt_sha256}, keys sorted, no whitespace; {@code audit}
   * names the event of the tenant's chain that holds it. 404 until completed.
   */
  @GET
  @Path("{id}/receipt")
  @RolesAllowed({Scopes.ADMIN, Scopes.AUDIT})
  @AuditExempt("reads an erasure receipt: no events, nothing changed")
  public Uni<JsonNode> receipt(@PathParam("id") String id) {
    return erasures.get(CallerTenant.of(identity), id).map(erasure -> {
      if (erasure.receipt == null) {
        throw ProblemException.notFound("Erasure '" + id + "' is " + erasure.state
            + "; it has a receipt once completed.");
      }
      try {
        ObjectNode receipt = (ObjectNode) json.readTree(erasure.receipt);
        receipt.put("receipt_sha256", erasure.receiptHash);
        return receipt;
      } catch (java.io.IOException e) {
        throw new IllegalStateException("unreadable receipt of " + id, e);
      }
    });
  }
}
