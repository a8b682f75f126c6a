package io.amlnet.sandbox;

/** An IPv4 range in CIDR notation, for the subnet-within-VNet and overlap checks. */
public record Cidr(long first, long last) {

  /** The range of {@code a.b.c.d/n}, or null when {@code text} is not an IPv4 CIDR. */
  public static Cidr parse(String text) {
    String[] parts = text.trim().split("/");
    String[] octets = parts[0].split("\\.");
    if (parts.length != 2 || octets.length != 4) {
      return null;
    }
    try {
      long ip = 0;
      for (String o : octets) {
        int v = Integer.parseInt(o);
        if (v < 0 || v > 255) {
          return null;
        }
        ip = ip << 8 | v;
      }
      int bits = Integer.parseInt(parts[1]);
      if (bits < 0 || bits > 32) {
        return null;
      }
      long size = 1L << (32 - bits);
      long first = ip & ~(size - 1) & 0xFFFFFFFFL;
      return new Cidr(first, first + size - 1);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  public boolean contains(Cidr other) {
    return first <= other.first && other.last <= last;
  }

  public boolean overlaps(Cidr other) {
    return first <= other.last && other.first <= last;
  }
}
