package io.strata.alerting;

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
import java.util.List;

/**
 * A node's part of an alert rule's count asked by the node evaluating the rule ({@code POST
 * /internal/v1/alerts/count}): the rule's matches in the indexes this node holds, per group. Only
 * nodes call it, with the cluster secret.
 */
@Path(ShardAlertCountResource.PATH)
@NodeToNode
@PermitAll
public class ShardAlertCountResource {

  static final String PATH = "/internal/v1/alerts/count";

  private final RuleEvaluator evaluator;

  ShardAlertCountResource(RuleEvaluator evaluator) {
    this.evaluator = evaluator;
  }

  /** This node's counts for the tenant. */
  @POST
  @Blocking
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  @AuditExempt("another node's part of an alert evaluation, which reads no event out")
  public GroupCounts count(@HeaderParam(NodeClient.TENANT_HEADER) String tenant, Count request) {
    return evaluator.countHere(tenant, request);
  }

  /** What to count: the rule's query over a range, per combination of the group-by fields. */
  public record Count(String q, @JsonProperty("from_millis") long fromMillis,
      @JsonProperty("to_millis") long toMillis, @JsonProperty("group_by") List<String> groupBy) {}
}
