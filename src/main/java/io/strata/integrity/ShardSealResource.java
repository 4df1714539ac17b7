package io.strata.integrity;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.smallrye.common.annotation.Blocking;
import io.strata.audit.AuditExempt;
import io.strata.audit.SealedIndexCheck;
import io.strata.cluster.NodeClient;
import io.strata.cluster.NodeToNode;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;

/**
 * Recomputes the files of an index this node sealed, for the audit verification another node runs
 * ({@code POST /internal/v1/seals/check}). Only nodes call it, with the cluster secret.
 */
@Path(SealedIndexFiles.PATH)
@NodeToNode
@PermitAll
public class ShardSealResource {

  /** A seal to check: the index ({@code day/class}), its sealed commit and files' hashes. */
  public record Check(@JsonProperty("index") String index,
      @JsonProperty("generation") long generation,
      @JsonProperty("files") Map<String, String> files) {}

  private final SealedIndexFiles files;

  ShardSealResource(SealedIndexFiles files) {
    this.files = files;
  }

  /** Whether the index still has the files its seal recorded, on this node. */
  @POST
  @Blocking
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  @AuditExempt("another node's part of an audit verification, which that node records")
  public SealedIndexCheck.Result check(@HeaderParam(NodeClient.TENANT_HEADER) String tenant,
      Check check) {
    return files.checkHere(tenant, check.index(), check.generation(), check.files());
  }
}
