package io.strata.ui.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class FieldNameCompletionTest {

  private static final List<String> NAMES =
      List.of("@timestamp", "host", "http.status", "level", "region", "service");

  @Test
  void theLastWordCompletesToFieldNames() {
    assertThat(FieldNameCompletion.suggest("level:ERROR AND h", NAMES, 8))
        .containsExactly("host", "http.status");
    assertThat(FieldNameCompletion.suggest("(a OR REG", NAMES, 8)).containsExactly("region");
    assertThat(FieldNameCompletion.suggest("NOT se", NAMES, 1)).containsExactly("service");
  }

  @Test
  void valuesPhrasesAndFinishedWordsAreLeftAlone() {
    assertThat(FieldNameCompletion.suggest("service:h", NAMES, 8)).isEmpty();
    assertThat(FieldNameCompletion.suggest("\"connection h", NAMES, 8)).isEmpty();
    assertThat(FieldNameCompletion.suggest("h ", NAMES, 8)).isEmpty();
    assertThat(FieldNameCompletion.suggest("", NAMES, 8)).isEmpty();
    assertThat(FieldNameCompletion.suggest("host", NAMES, 8)).isEmpty();
  }

  @Test
  void completingReplacesTheLastWord() {
    assertThat(FieldNameCompletion.complete("level:ERROR AND reg", "region"))
        .isEqualTo("level:ERROR AND region:");
    assertThat(FieldNameCompletion.complete("(a OR -se", "service")).isEqualTo("(a OR -service:");
  }
}
