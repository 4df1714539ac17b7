package io.strata.ingest;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * The answer stored for an idempotency key: its status and its JSON body exactly as first sent, so
 * that a retry gets the same bytes back.
 */
public record IdempotentAnswer(int status, String body) {

  /** The response header that marks an answer given again from the stored one. */
  public static final String REPLAYED_HEADER = "Idempotent-Replayed";

  /** The answer as an HTTP response; {@code replayed} adds {@value #REPLAYED_HEADER}: true. */
  public Response toResponse(boolean replayed) {
    Response.ResponseBuilder response = Response.status(status).type(MediaType.APPLICATION_JSON)
        .entity(body);
    if (replayed) {
      response.header(REPLAYED_HEADER, "true");
    }
    return response.build();
  }
}
