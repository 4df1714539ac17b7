package io.strata.tenancy;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The identities of the API keys this node checked lately, by key hash, so that a request does not
 * wait for a database round trip to learn who it is.
 *
 * <p>It is trusted only while {@link CredentialChangeListener} is listening: any change to a key
 * or a tenant empties it. A lookup that was under way while it was emptied may have read the row
 * as it was before the change, so what it found is kept only if no change came in between (the
 * generation it started at is still the current one).
 */
@ApplicationScoped
class ApiKeyCache {

  /** More live keys than that on one node is unusual; starting over is simpler than evicting. */
  static final int MAX_ENTRIES = 10_000;

  private record Entry(SecurityIdentity identity, Instant expiresAt, Instant loadedAt) {}

  private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();
  private final AtomicLong generation = new AtomicLong();
  private final Duration ttl;
  private final InstantSource clock;
  private volatile boolean trusted;

  @Inject
  ApiKeyCache(ApiKeyConfig config, InstantSource clock) {
    this(config.cacheTtl(), clock);
  }

  ApiKeyCache(Duration ttl, InstantSource clock) {
    this.ttl = ttl;
    this.clock = clock;
  }

  /** Whether keys are kept at all; without, there is nothing to listen for. */
  boolean enabled() {
    return ttl.isPositive();
  }

  /** What a lookup starting now passes back to {@link #put}. */
  long generation() {
    return generation.get();
  }

  /** The identity of the key hashed {@code hash}, or null when it must be read again. */
  SecurityIdentity get(String hash) {
    if (!trusted) {
      return null;
    }
    Entry entry = entries.get(hash);
    if (entry == null) {
      return null;
    }
    Instant now = clock.instant();
    if (!now.isBefore(entry.loadedAt().plus(ttl))
        || (entry.expiresAt() != null && !now.isBefore(entry.expiresAt()))) {
      entries.remove(hash, entry);
      return null;
    }
    return entry.identity();
  }

  /**
   * Keeps {@code identity}, read by a lookup that started at {@code generationAtStart}, unless a
   * change came in since.
   *
   * @param expiresAt when the key expires, or null if it does not
   */
  void put(String hash, SecurityIdentity identity, Instant expiresAt, long generationAtStart) {
    if (!trusted || !enabled() || generation.get() != generationAtStart) {
      return;
    }
    if (entries.size() >= MAX_ENTRIES) {
      entries.clear();
    }
    Entry entry = new Entry(identity, expiresAt, clock.instant());
    entries.put(hash, entry);
    // A change that came in between the check above and the put has emptied the map already, or
    // is about to: either way it moved the generation first, so this sees it.
    if (generation.get() != generationAtStart) {
      entries.remove(hash, entry);
    }
  }

  /**
   * A revocation on this node empties the cache at once, before it commits; the notification that
   * follows the commit empties it again, so a lookup that raced the revocation is not kept either.
   */
  void onRevoked(@Observes ApiKeyRevoked revoked) {
    invalidateAll();
  }

  /** Forgets every key: one of them, or its tenant, changed. */
  void invalidateAll() {
    generation.incrementAndGet();
    entries.clear();
  }

  /**
   * Whether changes are being heard. Either way what is kept is forgotten: kept while deaf, it may
   * have missed a change; read before listening began, it may predate one.
   */
  void trust(boolean listening) {
    trusted = listening;
    invalidateAll();
  }

  int size() {
    return entries.size();
  }
}
