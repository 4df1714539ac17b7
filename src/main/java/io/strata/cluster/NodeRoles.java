package io.strata.cluster;

import io.strata.StrataConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Collections;
import java.util.Set;

/** The roles of this node ({@code STRATA_ROLES}), read once at start. */
@ApplicationScoped
public class NodeRoles {

  private final Set<Role> roles;

  @Inject
  NodeRoles(StrataConfig config) {
    this(Role.parse(config.roles().orElse(null)));
  }

  /** Roles given as they are, for tests of pure logic. */
  public NodeRoles(Set<Role> roles) {
    this.roles = Collections.unmodifiableSet(roles);
  }

  /** Whether this node has {@code role}. */
  public boolean has(Role role) {
    return roles.contains(role);
  }

  /** Every role of this node. */
  public Set<Role> all() {
    return roles;
  }

  @Override
  public String toString() {
    return Role.format(roles);
  }
}
