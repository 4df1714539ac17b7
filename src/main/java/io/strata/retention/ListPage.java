package io.strata.retention;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import java.net.URI;
import java.util.List;
import java.util.function.Function;

/**
 * A page of a newest-first listing and where the next begins ({@code next} null: this is the
 * last). Answered as the bare JSON array the listing always was, with the next page in a {@code
 * Link: <...>; rel="next"} header (RFC 8288), so clients that read one array keep working.
 */
public record ListPage<T>(List<T> rows, ListCursor next) {

  /**
   * The page of {@code fetched}, rows read for {@code request} plus one more: that one, if
   * present, only says that there is a next page.
   */
  static <T> ListPage<T> of(List<T> fetched, PageRequest request, Function<T, ListCursor> at) {
    if (fetched.size() <= request.limit()) {
      return new ListPage<>(fetched, null);
    }
    List<T> rows = fetched.subList(0, request.limit());
    return new ListPage<>(rows, at.apply(rows.getLast()));
  }

  /** The 200 answer: the rows as {@code view} shows them, and the link to the next page. */
  <V> Response response(Function<T, V> view, URI publicUrl, String path, PageRequest request) {
    Response.ResponseBuilder answer = Response.ok(rows.stream().map(view).toList());
    if (next != null) {
      URI link = UriBuilder.fromUri(publicUrl).path(path)
          .queryParam("limit", request.limit()).queryParam("cursor", next.encode()).build();
      answer.header("Link", "<" + link + ">; rel=\"next\"");
    }
    return answer.build();
  }
}
