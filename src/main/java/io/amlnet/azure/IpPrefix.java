package io.amlnet.azure;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An IPv4 address or CIDR prefix by what it matches: {@code 10.0.0.5/24} and {@code 10.0.0.0/24 }
 * are both the network 10.0.0.0/24, and a bare address is its /32. Only unambiguous decimal
 * spellings are read: an octet or length with a leading zero ({@code 010.0.0.0/8}) is octal to some
 * parsers and decimal to others, so it is not read at all and compares as text (at worst one
 * rewrite, never a difference hidden). IPv6 prefixes are not read either; they compare as text.
 */
final class IpPrefix {
  private static final String NUMBER = "(0|[1-9][0-9]{0,2})";
  private static final Pattern IPV4 = Pattern.compile(
      NUMBER + "\\." + NUMBER + "\\." + NUMBER + "\\." + NUMBER + "(?:/" + NUMBER + ")?");

  private IpPrefix() {}

  /** The network as {@code a.b.c.d/n} with the host bits cleared, or empty when it is no unambiguous IPv4 prefix. */
  static Optional<String> canonical(String text) {
    Matcher m = IPV4.matcher(text.strip());
    if (!m.matches()) {
      return Optional.empty();
    }
    long address = 0;
    for (int i = 1; i <= 4; i++) {
      int octet = Integer.parseInt(m.group(i));
      if (octet > 255) {
        return Optional.empty();
      }
      address = address << 8 | octet;
    }
    int length = m.group(5) == null ? 32 : Integer.parseInt(m.group(5));
    if (length > 32) {
      return Optional.empty();
    }
    long network = length == 0 ? 0 : address & (0xFFFFFFFFL << (32 - length)) & 0xFFFFFFFFL;
    return Optional.of((network >>> 24) + "." + (network >>> 16 & 255) + "." + (network >>> 8 & 255) + "."
        + (network & 255) + "/" + length);
  }
}
