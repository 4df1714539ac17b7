package io.strata.tenancy;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/** A credential of one tenant: only the hash of its secret is stored. */
@Entity
@Table(name = "api_keys", indexes = @Index(name = "api_keys_tenant", columnList = "tenant_id"))
public class ApiKey extends PanacheEntityBase {

  @Id
  @Column(length = 40)
  public String id;

  @Column(name = "tenant_id", nullable = false, length = 63)
  public String tenantId;

  @Column(nullable = false)
  public String name;

  @Column(nullable = false, unique = true, length = 64)
  public String hash;

  /** Comma-separated scopes. */
  @Column(nullable = false)
  public String scopes;

  @Column(name = "created_at", nullable = false)
  public Instant createdAt;

  @Column(name = "expires_at")
  public Instant expiresAt;

  @Column(name = "revoked_at")
  public Instant revokedAt;

  public List<String> scopeList() {
    return Arrays.stream(scopes.split(",")).filter(s -> !s.isBlank()).toList();
  }
}
