package io.strata.index;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.lucene.util.BytesRef;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IdTermsTest {

  @Test
  void hexIdsAreKeptAsHalfAsManyBytes() {
    BytesRef term = IdTerms.encode("4bf92f3577b34da6a3ce929d0e0e4736");
    assertThat(term.length).isEqualTo(17);
    assertThat(IdTerms.decode(term)).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
  }

  @Test
  void hexIdsMatchWhateverTheCaseOfTheirLetters() {
    assertThat(IdTerms.encode("00F067AA0BA902B7")).isEqualTo(IdTerms.encode("00f067aa0ba902b7"));
  }

  @Test
  void uuidsAreKeptAsSixteenBytes() {
    BytesRef term = IdTerms.encode("989f7eea-4986-4927-83bf-ab8bea1508ae");
    assertThat(term.length).isEqualTo(17);
    assertThat(IdTerms.decode(term)).isEqualTo("989f7eea-4986-4927-83bf-ab8bea1508ae");
  }

  @ParameterizedTest
  @ValueSource(strings = {"req-1", "abc", "4bf92f3", "4bf92f3577b34da6a3ce929d0e0e473g",
      "989f7eea-4986-4927-83bf-ab8bea1508a", "１２３４５６７８", "\u0001x", "\u0000", ""})
  void anythingElseIsKeptAsTextAndReadsBack(String id) {
    BytesRef term = IdTerms.encode(id);
    assertThat(IdTerms.decode(term)).isEqualTo(id);
    assertThat(term).isNotEqualTo(IdTerms.encode("00000000"));
  }

  @Test
  void textThatLooksLikeAnEncodedIdStaysDistinct() {
    BytesRef hex = IdTerms.encode("01020304");
    BytesRef text = IdTerms.encode(new String(new char[] {1, 2, 3, 4}));
    assertThat(text).isNotEqualTo(hex);
  }

  @Test
  void evenHexPrefixesBecomeBytePrefixes() {
    BytesRef[] prefixes = IdTerms.encodePrefix("4bf9");
    assertThat(prefixes).hasSize(2);
    assertThat(IdTerms.encode("4bf92f3577b34da6a3ce929d0e0e4736").bytesEquals(prefixes[0])).isFalse();
    assertThat(startsWith(IdTerms.encode("4bf92f3577b34da6a3ce929d0e0e4736"), prefixes[0])).isTrue();
    assertThat(startsWith(IdTerms.encode("4bf97eea-4986-4927-83bf-ab8bea1508ae"), prefixes[1])).isTrue();
    assertThat(IdTerms.encodePrefix("4bf")).isNull();
    assertThat(IdTerms.encodePrefix("req-")).isNull();
  }

  private static boolean startsWith(BytesRef term, BytesRef prefix) {
    if (prefix.length > term.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if (term.bytes[term.offset + i] != prefix.bytes[prefix.offset + i]) {
        return false;
      }
    }
    return true;
  }
}
