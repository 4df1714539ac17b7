package io.strata.alerting;

import io.smallrye.common.annotation.Blocking;
import io.strata.audit.AuditExempt;
import io.strata.security.Scopes;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;

/** The platform's own alerts, for the operator: each condition that has fired, and its state. */
@Path("/api/v1/admin/alerts")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Scopes.OPERATOR)
public class PlatformAlertResource {

  private final PlatformAlerts alerts;

  PlatformAlertResource(PlatformAlerts alerts) {
    this.alerts = alerts;
  }

  /** {@code [{"name","state","since","value","summary","notified_at"}]}, by name. */
  @GET
  @Blocking
  @AuditExempt("lists the platform's alert states: no tenant data, nothing changed")
  public List<Map<String, Object>> list() {
    return alerts.list();
  }
}
