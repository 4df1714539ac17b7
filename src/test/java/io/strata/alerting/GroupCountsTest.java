package io.strata.alerting;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GroupCountsTest {

  private static GroupCounts.Group group(String service, long count) {
    return new GroupCounts.Group(Map.of("service", service), count);
  }

  @Test
  void nodesCountsAddUpGroupByGroupMostFirst() {
    GroupCounts merged = GroupCounts.merge(List.of(
        new GroupCounts(List.of(group("api", 5), group("db", 1)), false),
        new GroupCounts(List.of(group("db", 7)), false)), 10);
    assertThat(merged.groups()).containsExactly(group("db", 8), group("api", 5));
    assertThat(merged.truncated()).isFalse();
  }

  @Test
  void truncatedWhenANodeWasOrWhenThereAreTooMany() {
    assertThat(GroupCounts.merge(List.of(new GroupCounts(List.of(group("a", 1)), true),
        new GroupCounts(List.of(), false)), 10).truncated()).isTrue();
    GroupCounts cut = GroupCounts.merge(List.of(new GroupCounts(List.of(group("a", 3)), false),
        new GroupCounts(List.of(group("b", 2), group("c", 1)), false)), 2);
    assertThat(cut.groups()).containsExactly(group("a", 3), group("b", 2));
    assertThat(cut.truncated()).isTrue();
  }

  @Test
  void theTotalOfARuleWithoutGroupsIsOneGroup() {
    GroupCounts merged = GroupCounts.merge(List.of(
        new GroupCounts(List.of(new GroupCounts.Group(Map.of(), 4)), false),
        new GroupCounts(List.of(new GroupCounts.Group(Map.of(), 0)), false)), 10);
    assertThat(merged.groups()).containsExactly(new GroupCounts.Group(Map.of(), 4));
  }
}
