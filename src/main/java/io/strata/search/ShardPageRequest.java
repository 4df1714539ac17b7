package io.strata.search;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * What a node asks another for: its newest events matching {@code q} within the range, after the
 * cursor. Times are resolved by the asking node, so that every node reads the same range.
 */
public record ShardPageRequest(String q, @JsonProperty("from_millis") long fromMillis,
    @JsonProperty("to_millis") long toMillis, @JsonProperty("now_millis") long nowMillis,
    int limit, @JsonProperty("after_timestamp") Long afterTimestamp,
    @JsonProperty("after_seq") Long afterSeq, @JsonProperty("count_all") boolean countAll) {

  static ShardPageRequest of(EventFilter filter, int limit, Cursor after, boolean countAll) {
    return new ShardPageRequest(filter.text(), filter.fromMillis(), filter.toMillis(),
        filter.nowMillis(), limit, after == null ? null : after.timestampMillis(),
        after == null ? null : after.seq(), countAll);
  }

  Cursor after() {
    return afterTimestamp == null || afterSeq == null ? null : new Cursor(afterTimestamp, afterSeq);
  }
}
