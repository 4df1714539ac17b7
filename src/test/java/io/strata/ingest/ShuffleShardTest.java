package io.strata.ingest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A tenant's partitions: distinct, in range, stable, and different tenants spread out. */
class ShuffleShardTest {

  @Test
  void givesDistinctPartitionsWithinTheTopic() {
    for (int n = 1; n <= 40; n++) {
      int[] shard = ShuffleShard.partitions("acme", n, 32);
      assertEquals(Math.min(n, 32), shard.length);
      assertEquals(shard.length, Arrays.stream(shard).distinct().count(), "distinct for n=" + n);
      assertTrue(Arrays.stream(shard).allMatch(p -> p >= 0 && p < 32));
    }
  }

  @Test
  void isTheSameForTheSameTenantAndGrowsByAddingPartitions() {
    assertArrayEquals(ShuffleShard.partitions("acme", 4, 16), ShuffleShard.partitions("acme", 4, 16));
    // Raising a tenant's partitions keeps the ones it had: its indexes stay where they are.
    int[] two = ShuffleShard.partitions("acme", 2, 16);
    int[] five = ShuffleShard.partitions("acme", 5, 16);
    assertArrayEquals(two, Arrays.copyOf(five, 2));
  }

  @Test
  void spreadsSingleTenantsOverTheWholeTopic() {
    Set<Integer> used = new HashSet<>();
    for (int t = 0; t < 200; t++) {
      used.add(ShuffleShard.partitions("tenant-" + t, 1, 16)[0]);
    }
    assertEquals(16, used.size(), "200 one-partition tenants use every partition of 16");
  }

  @Test
  void aTenantWithMorePartitionsThanTheTopicUsesThemAll() {
    int[] shard = ShuffleShard.partitions("big", 64, 8);
    assertEquals(Set.of(0, 1, 2, 3, 4, 5, 6, 7),
        new HashSet<>(Arrays.stream(shard).boxed().toList()));
  }
}
