package io.amlnet.plan;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Deterministic Azure names for what amlnet creates, derived from the Kubernetes namespace/name so a
 * restarted operator finds its own objects again. Names longer than Azure allows keep a readable
 * prefix and end in a hash of the full name, so two long names never collide.
 */
public final class ResourceNames {
  /** Longest name for NSGs, route tables, NAT gateways and public IPs. */
  static final int NETWORK_NAME_MAX = 80;

  private ResourceNames() {}

  public static String networkSecurityGroup(String namespace, String name) {
    return bounded("amlnet-" + namespace + "-" + name, "-nsg");
  }

  public static String routeTable(String namespace, String name) {
    return bounded("amlnet-" + namespace + "-" + name, "-rt");
  }

  public static String natGateway(String namespace, String name) {
    return bounded("amlnet-" + namespace + "-" + name, "-natgw");
  }

  public static String natPublicIp(String namespace, String name) {
    return bounded("amlnet-" + namespace + "-" + name, "-natgw-pip");
  }

  /** The owner tag value that marks an Azure object as amlnet's. */
  public static String owner(String namespace, String name) {
    return namespace + "/" + name;
  }

  static String bounded(String stem, String suffix) {
    if (stem.length() + suffix.length() <= NETWORK_NAME_MAX) {
      return stem + suffix;
    }
    String hash = sha256(stem).substring(0, 10);
    int keep = NETWORK_NAME_MAX - suffix.length() - hash.length() - 1;
    return stem.substring(0, keep) + "-" + hash + suffix;
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of().formatHex(
          MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
