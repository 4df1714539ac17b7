package io.strata.tenancy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import org.junit.jupiter.api.Test;

class ApiKeyCacheTest {

  private Instant now = Instant.parse("2026-12-07T10:00:00Z");
  private final InstantSource clock = () -> now;
  private final ApiKeyCache cache = new ApiKeyCache(Duration.ofSeconds(30), clock);

  private static SecurityIdentity identity(String id) {
    return QuarkusSecurityIdentity.builder().setPrincipal(new QuarkusPrincipal(id)).build();
  }

  @Test
  void keepsNothingUntilChangesAreHeard() {
    SecurityIdentity key = identity("key_1");
    cache.put("h1", key, null, cache.generation());
    assertNull(cache.get("h1"));

    cache.trust(true);
    cache.put("h1", key, null, cache.generation());
    assertSame(key, cache.get("h1"));
  }

  @Test
  void aChangeForgetsEveryKey() {
    cache.trust(true);
    cache.put("h1", identity("key_1"), null, cache.generation());
    cache.put("h2", identity("key_2"), null, cache.generation());

    cache.invalidateAll();

    assertNull(cache.get("h1"));
    assertNull(cache.get("h2"));
  }

  @Test
  void aLookupThatAChangeCameInDuringIsNotKept() {
    cache.trust(true);
    long started = cache.generation();
    cache.invalidateAll(); // the key was revoked while its row was being read
    cache.put("h1", identity("key_1"), null, started);
    assertNull(cache.get("h1"));
  }

  @Test
  void losingTheListenerForgetsAndStopsKeeping() {
    cache.trust(true);
    cache.put("h1", identity("key_1"), null, cache.generation());

    cache.trust(false);
    assertNull(cache.get("h1"));
    cache.put("h1", identity("key_1"), null, cache.generation());
    assertEquals(0, cache.size());
  }

  @Test
  void aLookupStartedBeforeListeningIsNotKept() {
    long started = cache.generation();
    cache.trust(true); // LISTEN began after the row was read: a change in between went unheard
    cache.put("h1", identity("key_1"), null, started);
    assertNull(cache.get("h1"));
  }

  @Test
  void anExpiredKeyIsReadAgain() {
    cache.trust(true);
    cache.put("h1", identity("key_1"), now.plusSeconds(5), cache.generation());
    now = now.plusSeconds(4);
    assertEquals("key_1", cache.get("h1").getPrincipal().getName());
    now = now.plusSeconds(1);
    assertNull(cache.get("h1"));
    assertEquals(0, cache.size());
  }

  @Test
  void anEntryOlderThanTheTtlIsReadAgain() {
    cache.trust(true);
    cache.put("h1", identity("key_1"), null, cache.generation());
    now = now.plusSeconds(29);
    assertEquals("key_1", cache.get("h1").getPrincipal().getName());
    now = now.plusSeconds(1);
    assertNull(cache.get("h1"));
  }

  @Test
  void aZeroTtlKeepsNothing() {
    ApiKeyCache off = new ApiKeyCache(Duration.ZERO, clock);
    assertFalse(off.enabled());
    off.trust(true);
    off.put("h1", identity("key_1"), null, off.generation());
    assertNull(off.get("h1"));
  }

  @Test
  void aFullCacheStartsOver() {
    cache.trust(true);
    for (int i = 0; i < ApiKeyCache.MAX_ENTRIES; i++) {
      cache.put("h" + i, identity("key_" + i), null, cache.generation());
    }
    assertEquals(ApiKeyCache.MAX_ENTRIES, cache.size());
    cache.put("one-more", identity("key_x"), null, cache.generation());
    assertEquals(1, cache.size());
    assertEquals("key_x", cache.get("one-more").getPrincipal().getName());
  }
}
