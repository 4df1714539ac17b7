package io.strata.retention;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.smallrye.common.annotation.Blocking;
import io.strata.audit.AuditExempt;
import io.strata.cluster.NodeClient;
import io.strata.cluster.NodeToNode;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.time.LocalDate;

/**
 * A node's part of retention's reads, asked by the node answering the API or the console ({@code
 * /internal/v1/retention/...}): the indexes it would expire, and its usage. Only nodes call it, with
 * the cluster secret.
 */
@Path(ShardRetentionResource.PATH)
@NodeToNode
@PermitAll
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class ShardRetentionResource {

  static final String PATH = "/internal/v1/retention";
  static final String EXPIRED = PATH + "/expired";
  static final String USAGE = PATH + "/usage";

  /** An instant to plan expiry at. */
  public record At(@JsonProperty("at_millis") long atMillis) {}

  /** A range of days, both included. */
  public record Days(@JsonProperty("from") LocalDate from, @JsonProperty("to") LocalDate to) {}

  private final RetentionParts parts;
  private final IndexUsage usage;

  ShardRetentionResource(RetentionParts parts, IndexUsage usage) {
    this.parts = parts;
    this.usage = usage;
  }

  /** The tenant's indexes on this node expired by the given time. */
  @POST
  @Path("expired")
  @Blocking
  @AuditExempt("another node's part of a retention preview: index names, sizes and dates")
  public RetentionParts.Expiries expired(@HeaderParam(NodeClient.TENANT_HEADER) String tenant,
      At at) {
    return parts.expiredHere(tenant, Instant.ofEpochMilli(at.atMillis()));
  }

  /** This node's usage of the tenant ({@code *}: of every tenant) over the days. */
  @POST
  @Path("usage")
  @Blocking
  @AuditExempt("another node's part of a usage read: index sizes and counts")
  public RetentionParts.UsageDays usage(@HeaderParam(NodeClient.TENANT_HEADER) String tenant,
      Days days) {
    return new RetentionParts.UsageDays(usage.here(tenant, days.from(), days.to()));
  }
}
