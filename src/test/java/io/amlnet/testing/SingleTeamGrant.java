package io.amlnet.testing;

import io.amlnet.api.AzureAccessGrant;
import io.amlnet.api.AzureAccessGrantSpec;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.util.List;

/**
 * The grant a single-team cluster runs under, for one namespace: every scope, every identity. What
 * every test and benchmark that is not about tenancy creates before amlnet acts in its namespace.
 */
public final class SingleTeamGrant {
  public static final String PREFIX = "it-everything-";

  private SingleTeamGrant() {}

  public static AzureAccessGrant forNamespace(String namespace) {
    return grant(PREFIX + namespace, List.of(namespace), List.of("*"),
        new AzureAccessGrantSpec.Identities(true, List.of("*"), List.of("*")));
  }

  public static AzureAccessGrant grant(String name, List<String> namespaces, List<String> scopes,
      AzureAccessGrantSpec.Identities identities) {
    AzureAccessGrant grant = new AzureAccessGrant();
    grant.setMetadata(new ObjectMetaBuilder().withName(name).build());
    grant.setSpec(new AzureAccessGrantSpec(namespaces, null, scopes, identities));
    return grant;
  }
}
