package io.strata.alerting.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReceiverAddressesTest {

  /** Names resolved as a test says, so that no test depends on the machine's DNS. */
  private static ReceiverAddresses.Resolver names(Map<String, String> table) {
    return host -> {
      String address = table.getOrDefault(host, host);
      if (!address.matches("[0-9.]+|.*:.*")) {
        throw new UnknownHostException(host);
      }
      return new InetAddress[] {InetAddress.getByName(address)};
    };
  }

  private static final ReceiverAddresses GUARD = new ReceiverAddresses(List.of(), names(Map.of(
      "hooks.example.com", "93.184.215.14", "rebind.example.com", "169.254.169.254",
      "inside.example.com", "10.1.2.3", "v6.example.com", "2606:4700::1111")));

  @Test
  void publicAddressesMayBeReached() {
    assertThat(GUARD.refusal(URI.create("https://hooks.example.com/x"))).isNull();
    assertThat(GUARD.refusal(URI.create("http://93.184.215.14:8080/x"))).isNull();
    assertThat(GUARD.refusal(URI.create("https://v6.example.com/"))).isNull();
  }

  @Test
  void internalAddressesAreRefusedWhateverTheirSpelling() {
    for (String url : List.of("http://127.0.0.1/", "http://127.9.9.9:9000/", "http://[::1]/",
        "http://10.0.0.1/", "http://172.16.5.4/", "http://192.168.1.1/", "http://169.254.169.254/",
        "http://[fe80::1]/", "http://[fd00:ec2::254]/", "http://0.0.0.0/", "http://100.64.0.1/",
        "http://[::ffff:127.0.0.1]/", "http://[::ffff:10.0.0.1]/", "http://224.0.0.1/",
        "http://inside.example.com/", "http://rebind.example.com/latest/meta-data/")) {
      assertThat(GUARD.refusal(URI.create(url))).as(url).isNotNull()
          .contains("STRATA_ALERTS_ALLOWED_NETWORKS");
    }
  }

  @Test
  void otherSchemesUserInfoAndUnknownHostsAreRefused() {
    assertThat(GUARD.refusal(URI.create("file:///etc/passwd"))).contains("http or https");
    assertThat(GUARD.refusal(URI.create("gopher://hooks.example.com/"))).contains("http");
    assertThat(GUARD.refusal(URI.create("https://user:pw@hooks.example.com/")))
        .contains("user name");
    assertThat(GUARD.refusal(URI.create("https://nowhere.invalid/"))).contains("resolved");
  }

  @Test
  void theOperatorMayAllowInternalNetworks() {
    ReceiverAddresses guard = new ReceiverAddresses(
        List.of(NetworkRange.parse("10.0.0.0/8"), NetworkRange.parse("::1/128")),
        names(Map.of("inside.example.com", "10.1.2.3")));
    assertThat(guard.refusal(URI.create("http://inside.example.com/hook"))).isNull();
    assertThat(guard.refusal(URI.create("http://[::1]:9000/"))).isNull();
    assertThat(guard.refusal(URI.create("http://127.0.0.1/"))).isNotNull();
    assertThat(guard.refusal(URI.create("http://192.168.0.1/"))).isNotNull();
  }

  @Test
  void networksAreParsedStrictly() {
    NetworkRange range = NetworkRange.parse("172.16.0.0/12");
    assertThat(range.contains(addr("172.31.255.255"))).isTrue();
    assertThat(range.contains(addr("172.32.0.0"))).isFalse();
    assertThat(range.contains(addr("::1"))).isFalse();
    assertThat(NetworkRange.parse("10.1.2.3").contains(addr("10.1.2.3"))).isTrue();
    assertThat(NetworkRange.parse("10.1.2.3").contains(addr("10.1.2.4"))).isFalse();
    assertThat(NetworkRange.parse("0.0.0.0/0").contains(addr("8.8.8.8"))).isTrue();
    for (String bad : List.of("localhost", "10.0.0.0/33", "::/129", "10.0.0.0/x", "")) {
      assertThatThrownBy(() -> NetworkRange.parse(bad)).as(bad)
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  private static InetAddress addr(String literal) {
    try {
      return InetAddress.getByName(literal);
    } catch (UnknownHostException e) {
      throw new AssertionError(e);
    }
  }
}
