package io.strata.alerting.channel;

import io.strata.alerting.AlertConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;

/**
 * The guard against server-side request forgery through channels: a tenant chooses the URL that
 * Strata's nodes POST to, so a URL whose host resolves to a loopback, private, link-local, shared,
 * multicast or cloud-metadata address would let a tenant reach the operator's own network. Such
 * addresses are refused unless the operator allows their network ({@code
 * STRATA_ALERTS_ALLOWED_NETWORKS}). Checked when a channel is saved and again before every delivery,
 * since a name may resolve elsewhere later.
 */
@ApplicationScoped
public class ReceiverAddresses {

  /** Networks no tenant may reach unless allowed, beyond what {@link InetAddress} classifies. */
  private static final List<NetworkRange> INTERNAL = List.of(
      NetworkRange.parse("0.0.0.0/8"),
      NetworkRange.parse("100.64.0.0/10"), // carrier-grade NAT, used inside some clouds
      NetworkRange.parse("192.0.0.0/24"),
      NetworkRange.parse("198.18.0.0/15"),
      NetworkRange.parse("240.0.0.0/4"),
      NetworkRange.parse("fc00::/7"), // unique local
      NetworkRange.parse("fec0::/10"),
      NetworkRange.parse("64:ff9b::/96")); // NAT64: may map to any IPv4 address inside

  private final List<NetworkRange> allowed;
  private final Resolver resolver;

  /** Looks a host's addresses up; tests resolve names of their own. */
  @FunctionalInterface
  public interface Resolver {
    InetAddress[] resolve(String host) throws UnknownHostException;
  }

  @Inject
  ReceiverAddresses(AlertConfig config) {
    this(config.allowedNetworks().orElse(List.of()).stream().filter(s -> !s.isBlank())
        .map(NetworkRange::parse).toList(), InetAddress::getAllByName);
  }

  /** A guard allowing {@code allowed} besides public addresses, resolving with {@code resolver}. */
  public ReceiverAddresses(List<NetworkRange> allowed, Resolver resolver) {
    this.allowed = List.copyOf(allowed);
    this.resolver = resolver;
  }

  /**
   * Why {@code url} may not be sent to, or null when it may: it must be http or https, name a host,
   * and every address the host resolves to must be public or in an allowed network.
   */
  public String refusal(URI url) {
    String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      return "The URL must be http or https.";
    }
    if (url.getUserInfo() != null) {
      return "The URL must not carry a user name or password.";
    }
    String host = url.getHost();
    if (host == null || host.isBlank()) {
      return "The URL has no host.";
    }
    InetAddress[] addresses;
    try {
      addresses = resolver.resolve(host.startsWith("[") ? host.substring(1, host.length() - 1)
          : host);
    } catch (UnknownHostException e) {
      return "The host '" + host + "' cannot be resolved.";
    }
    for (InetAddress address : addresses) {
      if (internal(address) && allowed.stream().noneMatch(n -> n.contains(address))) {
        return "The host '" + host + "' resolves to " + address.getHostAddress() + ", an internal"
            + " address (loopback, private, link-local or metadata) that channels may not reach;"
            + " the operator may allow its network with STRATA_ALERTS_ALLOWED_NETWORKS.";
      }
    }
    return null;
  }

  /** Whether {@code address} belongs to a network a tenant must not reach by default. */
  static boolean internal(InetAddress address) {
    InetAddress plain = unmapped(address);
    return plain.isLoopbackAddress() || plain.isSiteLocalAddress() || plain.isLinkLocalAddress()
        || plain.isAnyLocalAddress() || plain.isMulticastAddress()
        || INTERNAL.stream().anyMatch(n -> n.contains(plain));
  }

  /** An IPv4-mapped or -compatible IPv6 address as the IPv4 address it stands for. */
  private static InetAddress unmapped(InetAddress address) {
    if (!(address instanceof Inet6Address)) {
      return address;
    }
    byte[] bytes = address.getAddress();
    for (int i = 0; i < 10; i++) {
      if (bytes[i] != 0) {
        return address;
      }
    }
    boolean mapped = bytes[10] == (byte) 0xff && bytes[11] == (byte) 0xff;
    boolean compatible = bytes[10] == 0 && bytes[11] == 0
        && (bytes[12] != 0 || bytes[13] != 0); // not :: or ::1
    if (!mapped && !compatible) {
      return address;
    }
    try {
      return Inet4Address.getByAddress(new byte[] {bytes[12], bytes[13], bytes[14], bytes[15]});
    } catch (UnknownHostException e) {
      throw new IllegalStateException("four bytes are always an IPv4 address", e);
    }
  }
}
