package io.strata.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.strata.infra.http.ProblemException;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ListPagingTest {

  private static final Instant AT = Instant.parse("2026-03-10T12:00:00.123456Z");

  @Test
  void aCursorComesBackAsItWasGiven() {
    ListCursor cursor = new ListCursor(AT, "0b6e4c1e-3f0a-4a57-9a4e-8c7a1f0d2e11");
    assertThat(ListCursor.decode(cursor.encode())).isEqualTo(cursor);
  }

  @Test
  void limitDefaultsTo100AndStaysWithin1To1000() {
    assertThat(PageRequest.of(null, null)).isEqualTo(new PageRequest(100, null));
    assertThat(PageRequest.of("1000", "")).isEqualTo(new PageRequest(1000, null));
    for (String bad : List.of("0", "1001", "-1", "ten")) {
      assertThatThrownBy(() -> PageRequest.of(bad, null)).as(bad)
          .isInstanceOfSatisfying(ProblemException.class, e -> {
            assertThat(e.status()).isEqualTo(400);
            assertThat(e.extensions()).containsEntry("parameter", "limit");
          });
    }
  }

  @Test
  void aCursorNotMadeHereIsA400NamingIt() {
    for (String bad : List.of("!!", "djE6MTox", "eDox", "djE6eDoxOmlk")) {
      assertThatThrownBy(() -> PageRequest.of("5", bad)).as(bad)
          .isInstanceOfSatisfying(ProblemException.class, e -> {
            assertThat(e.status()).isEqualTo(400);
            assertThat(e.extensions()).containsEntry("parameter", "cursor");
          });
    }
  }

  @Test
  void theRowBeyondTheLimitOnlySaysThatANextPageExists() {
    PageRequest request = new PageRequest(2, null);
    ListPage<Integer> full = ListPage.of(List.of(3, 2, 1), request, n -> new ListCursor(AT, "" + n));
    assertThat(full.rows()).containsExactly(3, 2);
    assertThat(full.next()).isEqualTo(new ListCursor(AT, "2"));

    ListPage<Integer> last = ListPage.of(List.of(1), request, n -> new ListCursor(AT, "" + n));
    assertThat(last.next()).isNull();
  }

  @Test
  void answersABareArrayWithTheNextPageInALinkHeader() {
    PageRequest request = new PageRequest(2, null);
    ListPage<Integer> page = ListPage.of(List.of(3, 2, 1), request, n -> new ListCursor(AT, "" + n));

    Response answer = page.response(n -> "#" + n, URI.create("https://strata.example"),
        "/api/v1/holds", request);

    assertThat(answer.getEntity()).isEqualTo(List.of("#3", "#2"));
    assertThat(answer.getHeaderString("Link")).isEqualTo("<https://strata.example/api/v1/holds"
        + "?limit=2&cursor=" + new ListCursor(AT, "2").encode() + ">; rel=\"next\"");
    Response last = ListPage.of(List.of(1), request, n -> new ListCursor(AT, "" + n))
        .response(n -> "#" + n, URI.create("https://strata.example"), "/api/v1/holds", request);
    assertThat(last.getHeaderString("Link")).isNull();
  }
}
