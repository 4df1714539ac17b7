package io.strata.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.strata.index.IndexSchema;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class EventIdTest {

  @ParameterizedTest
  @CsvSource({"1764238643456, 0, 3, 17", "0, 0, 0, 0", "-1, 123456789, 1023, 1",
      "253402300799999, 9007199254740991, 16383, 1023"})
  void roundTrips(long time, long offset, int ordinal, int partition) {
    long seq = IndexSchema.seq(partition, offset, ordinal);
    EventId id = new EventId(time, seq);
    assertThat(id.text()).matches("[0-9a-z]+-[0-9a-z]+");
    assertThat(EventId.parse(id.text())).isEqualTo(id);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "-", "abc", "abc-", "-abc", "a_b-c", "zzzzzzzzzzzzzzz-1",
      "1-2-3", "0123456789abcdef0123456789-abcdefgh"})
  void rejectsWhatIsNoId(String text) {
    assertThatThrownBy(() -> EventId.parse(text)).isInstanceOf(IllegalArgumentException.class);
  }
}
