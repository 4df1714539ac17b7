package io.strata.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import org.junit.jupiter.api.Test;

class RoleTest {

  @Test
  void unsetMeansEveryRole() {
    assertThat(Role.parse(null)).isEqualTo(EnumSet.allOf(Role.class));
    assertThat(Role.parse("  ")).isEqualTo(EnumSet.allOf(Role.class));
  }

  @Test
  void readsAListInAnyCaseWithBlanks() {
    assertThat(Role.parse(" Ingest, index ,,SEARCH")).containsExactlyInAnyOrder(Role.INGEST,
        Role.INDEX, Role.SEARCH);
    assertThat(Role.format(Role.parse("search,index"))).isEqualTo("index,search");
  }

  @Test
  void anUnknownRoleIsNamed() {
    assertThatThrownBy(() -> Role.parse("ingest,indexer"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'indexer'");
    assertThatThrownBy(() -> Role.parse(",")).hasMessageContaining("names no role");
  }
}
