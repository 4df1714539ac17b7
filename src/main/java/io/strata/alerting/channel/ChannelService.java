package io.strata.alerting.channel;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import io.strata.audit.AuditEntry;
import io.strata.audit.AuditExempt;
import io.strata.audit.AuditTrail;
import io.strata.audit.Audited;
import io.strata.infra.http.ProblemException;
import io.strata.security.Caller;
import io.strata.tenancy.Tenant;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.time.InstantSource;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Creates, reads, replaces and deletes the channels of a tenant. Lookups are by id and tenant
 * together, so another tenant's channel is indistinguishable from a missing one; every change is
 * recorded in its own transaction ({@code alert_channel.create|update|delete}), never with the
 * secret. A channel that rules still name cannot be deleted.
 */
@ApplicationScoped
public class ChannelService {

  /** Channels one tenant may keep. */
  public static final int MAX_PER_TENANT = 200;

  private final AuditTrail audit;
  private final InstantSource clock;

  ChannelService(AuditTrail audit, InstantSource clock) {
    this.audit = audit;
    this.clock = clock;
  }

  /** The tenant's channels, by name. */
  @WithSession
  @AuditExempt("lists alert channels: no events read, nothing changed")
  public Uni<List<Channel>> list(String tenant) {
    return Channel.list("tenant", Sort.by("name"), tenant);
  }

  /** The tenant's channel; a 404 problem when it has none with this id. */
  @WithSession
  @AuditExempt("reads one alert channel: no events read, nothing changed")
  public Uni<Channel> get(String tenant, String id) {
    return owned(tenant, id).map(channel -> require(channel, id));
  }

  /** Stores a checked channel: 409 for a taken name or a full tenant. */
  @WithTransaction
  @Audited("alert_channel.create")
  public Uni<Channel> create(Caller caller, ChannelRules.Valid valid) {
    String tenant = caller.tenantForWriting();
    return audit.auditedChange(AuditEntry.success(caller, "alert_channel.create", null,
            params(valid)),
        () -> lockTenant(tenant)
            .chain(() -> Channel.count("tenant", tenant))
            .chain(count -> {
              if (count >= MAX_PER_TENANT) {
                return Uni.createFrom().failure(new ProblemException(409,
                    "too-many-alert-channels", "Conflict", "This tenant already has "
                        + MAX_PER_TENANT + " channels, the most it may keep.")
                    .with("limit", MAX_PER_TENANT));
              }
              return requireFreeName(tenant, valid.name(), null);
            })
            .chain(() -> {
              Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
              Channel channel = new Channel();
              channel.id = "chan_" + UUID.randomUUID().toString().replace("-", "")
                  .substring(0, 20);
              channel.tenant = tenant;
              channel.createdAt = now;
              channel.createdBy = caller.actorName();
              channel.updatedAt = now;
              channel.updatedBy = caller.actorName();
              channel.apply(valid);
              return channel.<Channel>persist();
            }), created -> created.id);
  }

  /**
   * Replaces the channel's settings; a secret left out is kept. The kind cannot change (rules and
   * the outbox rely on it): 409.
   */
  @WithTransaction
  @Audited("alert_channel.update")
  public Uni<Channel> replace(Caller caller, String id, ChannelRules.Valid valid) {
    String tenant = caller.tenantForWriting();
    return audit.auditedChange(AuditEntry.success(caller, "alert_channel.update", id,
            params(valid)),
        () -> lockTenant(tenant)
            .chain(() -> owned(tenant, id))
            .chain(found -> {
              Channel channel = require(found, id);
              if (!channel.kind.equals(valid.kind().label())) {
                throw ProblemException.conflict("A channel's kind cannot change (it is "
                    + channel.kind + "); create another channel.").with("field", "kind");
              }
              return requireFreeName(tenant, valid.name(), id).map(free -> {
                channel.apply(valid);
                channel.updatedAt = clock.instant().truncatedTo(ChronoUnit.MICROS);
                channel.updatedBy = caller.actorName();
                return channel;
              });
            }), null);
  }

  /** Deletes the tenant's channel: 404, or 409 naming the rules that still send to it. */
  @WithTransaction
  @Audited("alert_channel.delete")
  public Uni<Boolean> delete(Caller caller, String id) {
    String tenant = caller.tenantForWriting();
    return audit.auditedChange(AuditEntry.success(caller, "alert_channel.delete", id),
        () -> lockTenant(tenant)
            .chain(() -> owned(tenant, id))
            .chain(found -> {
              require(found, id);
              return rulesUsing(tenant, id);
            })
            .chain(rules -> {
              if (!rules.isEmpty()) {
                throw ProblemException.conflict("Alert rules still send to this channel: "
                    + String.join(", ", rules) + ". Take it out of them first.")
                    .with("rules", rules);
              }
              return Channel.delete("id = ?1 and tenant = ?2", id, tenant).map(n -> true);
            }), null);
  }

  /** The names of the tenant's rules whose channels include {@code id}. */
  private static Uni<List<String>> rulesUsing(String tenant, String id) {
    // channels is a JSON array of ids, which are [A-Za-z0-9_]: the quoted id is a safe pattern.
    return Panache.getSession().chain(session -> session.createNativeQuery(
            "SELECT name FROM alert_rules WHERE tenant = ?1 AND channels LIKE ?2 ORDER BY name",
            String.class)
        .setParameter(1, tenant).setParameter(2, "%\"" + id + "\"%").getResultList());
  }

  private static Map<String, String> params(ChannelRules.Valid valid) {
    return AuditEntry.params("name", valid.name(), "kind", valid.kind().label(),
        "url", valid.url() == null ? null : valid.url().toString(),
        "to", valid.recipients().isEmpty() ? null : String.join(",", valid.recipients()),
        "secret_changed", valid.secret() != null);
  }

  private static Uni<Tenant> lockTenant(String tenant) {
    return Tenant.findById(tenant, LockModeType.PESSIMISTIC_WRITE);
  }

  private static Uni<Channel> owned(String tenant, String id) {
    return Channel.<Channel>find("id = ?1 and tenant = ?2", id, tenant).firstResult();
  }

  private static Uni<Void> requireFreeName(String tenant, String name, String exceptId) {
    Uni<Long> same = exceptId == null
        ? Channel.count("tenant = ?1 and name = ?2", tenant, name)
        : Channel.count("tenant = ?1 and name = ?2 and id <> ?3", tenant, name, exceptId);
    return same.map(count -> {
      if (count > 0) {
        throw ProblemException.conflict("A channel named '" + name + "' already exists.")
            .with("field", "name");
      }
      return null;
    });
  }

  private static Channel require(Channel channel, String id) {
    if (channel == null) {
      throw ProblemException.notFound("No alert channel '" + id + "' in this tenant.");
    }
    return channel;
  }
}
