package io.strata.alerting.delivery;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.strata.audit.Audited;
import io.strata.security.CallerTenant;
import io.strata.security.Callers;
import io.strata.security.Scopes;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * The test button: sends a test notification to one of the caller's tenant's channels now, past
 * the outbox, and answers with what the receiver said ({@link ChannelTestService}). Needs the same
 * roles as changing channels, since it makes Strata send a request.
 */
@Path("/api/v1/alerts/channels/{id}/test")
@Produces(MediaType.APPLICATION_JSON)
public class ChannelTestResource {

  private final ChannelTestService tests;
  private final SecurityIdentity identity;
  private final Callers callers;

  ChannelTestResource(ChannelTestService tests, SecurityIdentity identity, Callers callers) {
    this.tests = tests;
    this.identity = identity;
    this.callers = callers;
  }

  /** 200 with the attempt: {@code delivered}, {@code status_code}, {@code error}, {@code response}. */
  @POST
  @RolesAllowed({Scopes.SEARCH, Scopes.ADMIN})
  @Audited("alert_channel.test")
  public Uni<Attempt> test(@PathParam("id") String id) {
    CallerTenant.forWriting(identity);
    return tests.test(callers.current(), id);
  }
}
