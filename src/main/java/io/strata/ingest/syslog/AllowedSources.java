package io.strata.ingest.syslog;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * The source addresses a listener takes ({@link SyslogConfig.Listener#allowedSources()}): IP
 * addresses and CIDR ranges, IPv4 or IPv6. An IPv4 sender that reaches an IPv6 socket is seen as an
 * IPv4-mapped address and matched as the IPv4 address it is.
 */
final class AllowedSources {

  /** Every source: no list configured. */
  static final AllowedSources ANY = new AllowedSources(List.of());

  private final List<Range> ranges;

  private AllowedSources(List<Range> ranges) {
    this.ranges = ranges;
  }

  /**
   * Parses {@code 10.0.0.0/8}, {@code 192.0.2.7}, {@code 2001:db8::/32}, ...; a malformed entry, or
   * one with address bits beyond its prefix (a typo for a host or a network), is refused.
   *
   * @throws IllegalArgumentException naming the entry
   */
  static AllowedSources parse(List<String> entries) {
    List<Range> ranges = new ArrayList<>();
    for (String entry : entries) {
      String text = entry.trim();
      if (!text.isEmpty()) {
        ranges.add(Range.parse(text));
      }
    }
    if (ranges.isEmpty()) {
      throw new IllegalArgumentException("the list names no address or range");
    }
    return new AllowedSources(List.copyOf(ranges));
  }

  /** Whether every source is taken (no list). */
  boolean isAny() {
    return ranges.isEmpty();
  }

  /** Whether the sender at {@code address} (an IP literal, as the socket reports it) is taken. */
  boolean allows(String address) {
    if (ranges.isEmpty()) {
      return true;
    }
    byte[] bytes = literal(address);
    if (bytes == null) {
      return false;
    }
    for (Range range : ranges) {
      if (range.contains(bytes)) {
        return true;
      }
    }
    return false;
  }

  @Override
  public String toString() {
    return ranges.isEmpty() ? "any" : ranges.toString();
  }

  /** The address bytes of an IP literal (an IPv4-mapped IPv6 one as IPv4), or null. */
  private static byte[] literal(String address) {
    if (address == null) {
      return null;
    }
    int scope = address.indexOf('%');
    String text = scope < 0 ? address : address.substring(0, scope);
    if (text.startsWith("[") && text.endsWith("]")) {
      text = text.substring(1, text.length() - 1);
    }
    try {
      // ofLiteral never asks DNS, and gives an Inet4Address for an IPv4-mapped IPv6 literal.
      return InetAddress.ofLiteral(text).getAddress();
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private record Range(String text, byte[] network, int prefix) {

    static Range parse(String text) {
      int slash = text.indexOf('/');
      byte[] network = literal(slash < 0 ? text : text.substring(0, slash));
      if (network == null) {
        throw new IllegalArgumentException("'" + text + "' is not an IP address or CIDR range");
      }
      int bits = network.length * 8;
      int prefix = bits;
      if (slash >= 0) {
        try {
          prefix = Integer.parseInt(text.substring(slash + 1));
        } catch (NumberFormatException e) {
          prefix = -1;
        }
        if (prefix < 0 || prefix > bits) {
          throw new IllegalArgumentException("'" + text + "' has a prefix length outside 0-" + bits);
        }
      }
      for (int bit = prefix; bit < bits; bit++) {
        if ((network[bit / 8] & (0x80 >>> (bit % 8))) != 0) {
          throw new IllegalArgumentException("'" + text + "' has address bits set beyond its /"
              + prefix + " prefix");
        }
      }
      return new Range(text, network, prefix);
    }

    boolean contains(byte[] address) {
      if (address.length != network.length) {
        return false;
      }
      int full = prefix / 8;
      for (int i = 0; i < full; i++) {
        if (address[i] != network[i]) {
          return false;
        }
      }
      int rest = prefix % 8;
      if (rest == 0) {
        return true;
      }
      int mask = (0xff << (8 - rest)) & 0xff;
      return (address[full] & mask) == (network[full] & mask);
    }

    @Override
    public String toString() {
      return text;
    }
  }
}
