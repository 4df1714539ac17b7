package io.strata.ingest;

import java.util.SplittableRandom;

/**
 * The partitions of the event topic a tenant's events go to: {@code n} of them, chosen by the tenant
 * id alone, so every ingest node picks the same ones and two tenants rarely share all of theirs
 * (shuffle sharding). A tenant on few partitions is indexed by few nodes, so its searches ask few.
 */
public final class ShuffleShard {

  private ShuffleShard() {}

  /**
   * {@code n} distinct partitions of {@code total} for {@code tenant} (all of them when {@code n}
   * is {@code total} or more); the same answer for the same arguments, on every node.
   */
  public static int[] partitions(String tenant, int n, int total) {
    int count = Math.max(1, Math.min(n, total));
    int[] all = new int[total];
    for (int i = 0; i < total; i++) {
      all[i] = i;
    }
    // String#hashCode is specified, so the seed is the same in every JVM; the first `count` steps
    // of a Fisher-Yates shuffle pick the shard.
    SplittableRandom random = new SplittableRandom(0x5eed_5eedL * 31 + tenant.hashCode());
    for (int i = 0; i < count; i++) {
      int j = i + random.nextInt(total - i);
      int swap = all[i];
      all[i] = all[j];
      all[j] = swap;
    }
    int[] shard = new int[count];
    System.arraycopy(all, 0, shard, 0, count);
    return shard;
  }
}
