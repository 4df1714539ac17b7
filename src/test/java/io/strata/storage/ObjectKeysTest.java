package io.strata.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.strata.index.IndexId;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class ObjectKeysTest {

  private static final IndexId DAY = new IndexId("acme", LocalDate.of(2026, 12, 1), "default");

  @Test
  void aFileLiesUnderItsTenantDayClassNodeAndCommit() {
    assertThat(ObjectKeys.fileKey(DAY, "strata-1", 7, "_0.cfs"))
        .isEqualTo("indexes/acme/2026-12-01/default/strata-1/7/_0.cfs");
    assertThat(ObjectKeys.fileKey(new IndexId("acme", LocalDate.of(2026, 12, 1), "payments"),
        "strata-1", 7, "segments_7"))
        .isEqualTo("indexes/acme/2026-12-01/payments/strata-1/7/segments_7");
  }

  @Test
  void aNewerCommitOfTheSameIndexGetsAPrefixOfItsOwn() {
    String older = ObjectKeys.commitPrefix(DAY, "strata-1", 7);
    String newer = ObjectKeys.commitPrefix(DAY, "strata-1", 8);
    assertThat(newer).isNotEqualTo(older);
    assertThat(newer).doesNotStartWith(older);
    assertThat(ObjectKeys.fileKey(DAY, "strata-1", 8, "_0.cfs")).startsWith(newer);
  }

  @Test
  void theSameDayOfTwoNodesOrTwoTenantsNeverShareAPrefix() {
    assertThat(ObjectKeys.commitPrefix(DAY, "strata-1", 7))
        .isNotEqualTo(ObjectKeys.commitPrefix(DAY, "strata-2", 7));
    assertThat(ObjectKeys.commitPrefix(new IndexId("acme-2", DAY.day(), "default"), "n", 1))
        .doesNotStartWith(ObjectKeys.ROOT + "acme/");
  }

  @Test
  void aNameThatWouldReachIntoAnotherPrefixIsRefused() {
    assertThatThrownBy(() -> ObjectKeys.commitPrefix(DAY, "rack-1/strata-1", 1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("rack-1/strata-1");
    assertThatThrownBy(() -> ObjectKeys.commitPrefix(DAY, "..", 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ObjectKeys.commitPrefix(DAY, "", 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ObjectKeys.fileKey(DAY, "n", 1, "../x"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ObjectKeys.commitPrefix(DAY, "n", -1))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
