package io.amlnet.sandbox;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * An ARM path taken apart: subscription, resource group, and after the last {@code /providers/}
 * a namespace with alternating type/name segments. Everything before that last {@code /providers/}
 * is the scope (used by extension resources such as locks and permissions).
 */
public final class ResourceId {
  private final String subscription;
  private final String resourceGroup;
  private final String scope;
  private final String namespace;
  private final List<String> types = new ArrayList<>();
  private final List<String> names = new ArrayList<>();

  private ResourceId(String subscription, String resourceGroup, String scope, String namespace) {
    this.subscription = subscription;
    this.resourceGroup = resourceGroup;
    this.scope = scope;
    this.namespace = namespace;
  }

  /** Parses a path; returns null when it does not start with /subscriptions/{id}. */
  public static ResourceId parse(String path) {
    String p = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    String[] seg = p.startsWith("/") ? p.substring(1).split("/") : p.split("/");
    if (seg.length < 2 || !seg[0].equalsIgnoreCase("subscriptions")) {
      return null;
    }
    String group = seg.length >= 4 && seg[2].equalsIgnoreCase("resourceGroups") ? seg[3] : null;
    int providers = -1;
    for (int i = seg.length - 1; i >= 2; i--) {
      if (seg[i].equalsIgnoreCase("providers")) {
        providers = i;
        break;
      }
    }
    if (providers < 0) {
      ResourceId id = new ResourceId(seg[1], group, p, null);
      if (seg.length > (group == null ? 2 : 4)) {
        id.types.add(seg[group == null ? 2 : 4]);
      }
      return id;
    }
    String scope = "/" + String.join("/", java.util.Arrays.copyOfRange(seg, 0, providers));
    String ns = providers + 1 < seg.length ? seg[providers + 1] : null;
    ResourceId id = new ResourceId(seg[1], group, scope, ns);
    for (int i = providers + 2; i < seg.length; i += 2) {
      id.types.add(seg[i]);
      if (i + 1 < seg.length) {
        id.names.add(seg[i + 1]);
      }
    }
    return id;
  }

  public String subscription() {
    return subscription;
  }

  public String resourceGroup() {
    return resourceGroup;
  }

  public String scope() {
    return scope;
  }

  public String namespace() {
    return namespace;
  }

  public List<String> types() {
    return types;
  }

  public List<String> names() {
    return names;
  }

  /** {@code Microsoft.Network/networkSecurityGroups}, or null without a provider. */
  public String topType() {
    return namespace == null || types.isEmpty() ? null : namespace + "/" + types.get(0);
  }

  public String name() {
    return names.isEmpty() ? null : names.get(0);
  }

  public String childName() {
    return names.size() > 1 ? names.get(1) : null;
  }

  public boolean isCollection() {
    return names.size() < types.size();
  }

  public String subscriptionId() {
    return "/subscriptions/" + subscription;
  }

  public String groupId() {
    return groupId(subscription, resourceGroup);
  }

  public static String groupId(String subscription, String group) {
    return "/subscriptions/" + subscription + "/resourceGroups/" + group;
  }

  /** The id of the top-level resource: scope/providers/ns/type/name. */
  public String topId() {
    return idAt(1);
  }

  /** The id made of the first {@code depth} type/name pairs. */
  public String idAt(int depth) {
    StringBuilder b = new StringBuilder(scope).append("/providers/").append(namespace);
    for (int i = 0; i < depth; i++) {
      b.append('/').append(types.get(i)).append('/').append(names.get(i));
    }
    return b.toString();
  }

  /** {@code namespace/type[/type...]} of the first {@code depth} types, lower case. */
  public String typeKeyAt(int depth) {
    return (namespace + "/" + String.join("/", types.subList(0, Math.min(depth, types.size()))))
        .toLowerCase(Locale.ROOT);
  }

  public static String key(String id) {
    return id.toLowerCase(Locale.ROOT);
  }
}
