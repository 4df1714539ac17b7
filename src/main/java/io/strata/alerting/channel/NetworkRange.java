package io.strata.alerting.channel;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * One IPv4 or IPv6 network in CIDR notation ({@code 10.0.0.0/8}, {@code ::1/128}); a bare address
 * is a network of one. Parsed without name lookups: only literal addresses are accepted.
 */
public record NetworkRange(byte[] network, int prefix) {

  /** {@code cidr} parsed; an {@link IllegalArgumentException} saying what is wrong with it. */
  public static NetworkRange parse(String cidr) {
    String text = cidr.strip();
    int slash = text.indexOf('/');
    String address = slash < 0 ? text : text.substring(0, slash);
    if (address.isEmpty() || !(address.contains(":") || address.matches("[0-9.]+"))) {
      throw new IllegalArgumentException("'" + cidr + "' is not an IP network such as"
          + " 10.0.0.0/8 or fd00::/8");
    }
    byte[] bytes;
    try {
      bytes = InetAddress.getByName(address).getAddress(); // a literal: no lookup is made
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("'" + cidr + "' is not an IP network", e);
    }
    int bits = bytes.length * 8;
    int prefix;
    try {
      prefix = slash < 0 ? bits : Integer.parseInt(text.substring(slash + 1));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("'" + cidr + "' has no valid prefix length", e);
    }
    if (prefix < 0 || prefix > bits) {
      throw new IllegalArgumentException("'" + cidr + "' has a prefix length outside 0.." + bits);
    }
    return new NetworkRange(bytes, prefix);
  }

  /** Whether {@code address} is in this network (an IPv4 address is never in an IPv6 one). */
  public boolean contains(InetAddress address) {
    byte[] candidate = address.getAddress();
    if (candidate.length != network.length) {
      return false;
    }
    int whole = prefix / 8;
    for (int i = 0; i < whole; i++) {
      if (candidate[i] != network[i]) {
        return false;
      }
    }
    int rest = prefix % 8;
    if (rest == 0) {
      return true;
    }
    int mask = 0xff << (8 - rest) & 0xff;
    return (candidate[whole] & mask) == (network[whole] & mask);
  }
}
