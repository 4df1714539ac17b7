package io.strata.tail;

import static org.assertj.core.api.Assertions.assertThat;

import io.smallrye.mutiny.helpers.test.AssertSubscriber;
import io.strata.security.CallerCredential;
import jakarta.ws.rs.sse.OutboundSseEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.jboss.resteasy.reactive.server.jaxrs.SseImpl;
import org.junit.jupiter.api.Test;

class TailSessionTest {

  private static final long HEARTBEAT = TimeUnit.SECONDS.toNanos(15);
  private static final long SUBSCRIBE = TimeUnit.SECONDS.toNanos(30);

  private final List<TailSession> closed = new ArrayList<>();

  private TailSession session(int buffer) {
    return new TailSession("acme", new MatchAllDocsQuery(), CallerCredential.CONSOLE, buffer,
        closed::add);
  }

  /** Delivers matches {@code from} to {@code to}; returns how many were dropped. */
  private static int deliver(TailSession session, int from, int to) {
    int dropped = 0;
    for (int i = from; i <= to; i++) {
      if (!session.deliver(new TailMessage.Match("id-" + i, "{\"n\":" + i + "}"))) {
        dropped++;
      }
    }
    return dropped;
  }

  /** The session's messages as the HTTP layer writes them. */
  private static io.smallrye.mutiny.Multi<OutboundSseEvent> sse(TailSession session) {
    return session.events().map(m -> TailResource.toSse(m, SseImpl.INSTANCE));
  }

  private static List<String> describe(List<OutboundSseEvent> events) {
    List<String> lines = new ArrayList<>();
    for (OutboundSseEvent event : events) {
      if (event.getComment() != null) {
        lines.add(": " + event.getComment());
      } else {
        lines.add((event.getName() == null ? "" : event.getName() + " ")
            + (event.getId() == null ? "" : event.getId() + " ") + event.getData());
      }
    }
    return lines;
  }

  @Test
  void opensWithACommentAndSendsNoMoreThanTheClientAskedFor() {
    TailSession session = session(10);
    AssertSubscriber<OutboundSseEvent> client = sse(session)
        .subscribe().withSubscriber(AssertSubscriber.create(1));
    assertThat(describe(client.getItems())).containsExactly(": tail open");

    deliver(session, 1, 3);
    session.drain();
    assertThat(client.getItems()).hasSize(1);

    client.request(2);
    assertThat(describe(client.getItems()))
        .containsExactly(": tail open", "id-1 {\"n\":1}", "id-2 {\"n\":2}");
    client.request(5);
    assertThat(describe(client.getItems())).endsWith("id-3 {\"n\":3}").hasSize(4);
  }

  @Test
  void aClientThatStopsReadingIsToldHowManyItMissedOnceItReadsAgain() {
    TailSession session = session(3);
    AssertSubscriber<OutboundSseEvent> client = sse(session)
        .subscribe().withSubscriber(AssertSubscriber.create(1));
    assertThat(deliver(session, 1, 5)).isEqualTo(2);
    assertThat(session.isFull()).isTrue();
    session.missed(10); // skipped before matching, too
    assertThat(deliver(session, 6, 6)).isEqualTo(1);

    client.request(100);
    assertThat(describe(client.getItems())).containsExactly(": tail open", "id-1 {\"n\":1}",
        "id-2 {\"n\":2}", "id-3 {\"n\":3}", "dropped {\"missed\":13}");

    deliver(session, 7, 7);
    session.drain();
    assertThat(describe(client.getItems())).endsWith("id-7 {\"n\":7}");
  }

  @Test
  void aSilentTailGetsAHeartbeat() {
    TailSession session = session(3);
    AssertSubscriber<OutboundSseEvent> client = sse(session)
        .subscribe().withSubscriber(AssertSubscriber.create(10));
    session.tick(System.nanoTime(), HEARTBEAT, SUBSCRIBE);
    assertThat(describe(client.getItems())).containsExactly(": tail open");
    session.tick(System.nanoTime() + HEARTBEAT, HEARTBEAT, SUBSCRIBE);
    assertThat(describe(client.getItems())).containsExactly(": tail open", ": keep-alive");
  }

  @Test
  void aClientThatGoesAwayFreesTheSlot() {
    TailSession session = session(3);
    AssertSubscriber<OutboundSseEvent> client = sse(session)
        .subscribe().withSubscriber(AssertSubscriber.create(1));
    assertThat(closed).isEmpty();
    client.cancel();
    assertThat(closed).containsExactly(session);
    session.close();
    assertThat(closed).hasSize(1);
  }

  @Test
  void aTailNeverStreamedIsClosedAfterAWhile() {
    TailSession session = session(3);
    session.tick(System.nanoTime(), HEARTBEAT, SUBSCRIBE);
    assertThat(closed).isEmpty();
    session.tick(System.nanoTime() + SUBSCRIBE + 1, HEARTBEAT, SUBSCRIBE);
    assertThat(closed).containsExactly(session);
  }

  @Test
  void closingEndsTheStream() {
    TailSession session = session(3);
    AssertSubscriber<OutboundSseEvent> client = sse(session)
        .subscribe().withSubscriber(AssertSubscriber.create(10));
    session.close();
    client.assertCompleted();
    assertThat(closed).containsExactly(session);
  }

  @Test
  void aTailEndedForItsCredentialSaysWhyFreesTheSlotAndEnds() {
    TailSession session = session(3);
    AssertSubscriber<OutboundSseEvent> client = sse(session)
        .subscribe().withSubscriber(AssertSubscriber.create(10));
    deliver(session, 1, 1);
    session.drain();
    session.close(TailHub.REVOKED);
    client.assertCompleted();
    assertThat(describe(client.getItems())).containsExactly(": tail open", "id-1 {\"n\":1}",
        "end {\"reason\":\"credential-revoked\"}");
    assertThat(closed).containsExactly(session);
    // Nothing more once it ended, whatever arrives.
    deliver(session, 2, 2);
    session.drain();
    assertThat(client.getItems()).hasSize(3);
  }

  @Test
  void aCredentialExpiresAtItsTime() {
    java.time.Instant at = java.time.Instant.parse("2026-12-06T10:00:00Z");
    CallerCredential token = new CallerCredential(null, at);
    assertThat(token.expiredAt(at.minusSeconds(1))).isFalse();
    assertThat(token.expiredAt(at)).isTrue();
    assertThat(CallerCredential.CONSOLE.expiredAt(at.plusSeconds(1_000_000))).isFalse();
  }
}
