package io.strata.ingest.syslog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class AllowedSourcesTest {

  @Test
  void matchesAddressesAndRangesOfBothFamilies() {
    AllowedSources sources = AllowedSources.parse(List.of("10.0.0.0/8", " 192.0.2.7 ",
        "198.51.100.128/25", "2001:db8::/32", "127.0.0.2/32"));
    assertThat(sources.allows("10.255.1.2")).isTrue();
    assertThat(sources.allows("11.0.0.1")).isFalse();
    assertThat(sources.allows("192.0.2.7")).isTrue();
    assertThat(sources.allows("192.0.2.8")).isFalse();
    assertThat(sources.allows("198.51.100.200")).isTrue();
    assertThat(sources.allows("198.51.100.127")).isFalse();
    assertThat(sources.allows("2001:db8:0:0:0:0:0:1")).isTrue();
    assertThat(sources.allows("2001:db9::1")).isFalse();
    assertThat(sources.allows("127.0.0.2")).isTrue();
    assertThat(sources.allows("127.0.0.1")).isFalse();
    // An IPv4 sender on an IPv6 socket, with or without a scope.
    assertThat(sources.allows("0:0:0:0:0:ffff:a01:203")).isTrue();
    assertThat(sources.allows("::ffff:192.0.2.7")).isTrue();
    assertThat(sources.allows("fe80:0:0:0:0:0:0:1%1")).isFalse();
  }

  @Test
  void refusesWhatItCannotMatch() {
    AllowedSources sources = AllowedSources.parse(List.of("192.0.2.0/24"));
    assertThat(sources.allows(null)).isFalse();
    assertThat(sources.allows("localhost")).as("never a DNS name").isFalse();
    assertThat(sources.allows("192.0.2")).isFalse();
    assertThat(AllowedSources.ANY.allows(null)).isTrue();
    assertThat(AllowedSources.parse(List.of("0.0.0.0/0")).allows("203.0.113.9")).isTrue();
  }

  @Test
  void aMalformedEntryIsAnErrorNamingIt() {
    for (String bad : List.of("10.0.0.0/33", "10.0.0.1/8", "example.com", "10.0.0.0/x",
        "2001:db8::/129", "10.0.0.0/-1")) {
      assertThatThrownBy(() -> AllowedSources.parse(List.of("192.0.2.1", bad)))
          .as(bad).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(bad);
    }
    assertThatThrownBy(() -> AllowedSources.parse(List.of(" ")))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
