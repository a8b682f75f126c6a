package io.amlnet.tenancy;

import io.amlnet.api.AzureAccessGrantSpec;
import io.amlnet.api.AzureAccessGrantSpec.Identities;
import io.amlnet.api.Credential;
import io.amlnet.plan.Finding;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Whether a namespace may act in Azure as asked, under the cluster admin's grants; no I/O. Grants are
 * fences, not additions: every grant that selects the namespace must allow the identity and every
 * scope, and at least one grant must select it (with none, nothing is allowed). The admission policy
 * in the chart checks the same rule in CEL, where each grant is evaluated on its own.
 */
public final class GrantCheck {
  public static final String SCOPE_NOT_GRANTED = "ScopeNotGranted";
  public static final String IDENTITY_NOT_GRANTED = "IdentityNotGranted";
  /** The requirement a refused environment's finding names (amlnet's own, not one of R1-R20). */
  public static final String REQUIREMENT = "Grant";
  public static final String ANY = "*";

  /** A grant by its name (for messages) and its spec. */
  public record Grant(String name, AzureAccessGrantSpec spec) {}

  private GrantCheck() {}

  /**
   * Empty when allowed; otherwise the Blocking finding (reason ScopeNotGranted or IdentityNotGranted)
   * that names what is missing and from which grant.
   */
  public static Optional<Finding> check(String namespace, Map<String, String> namespaceLabels, Credential credential,
      List<String> scopes, List<Grant> grants) {
    List<Grant> fences = grants.stream().filter(g -> selects(g.spec(), namespace, namespaceLabels)).toList();
    if (fences.isEmpty()) {
      return refused(SCOPE_NOT_GRANTED, "no AzureAccessGrant selects namespace " + namespace
          + ", so it may touch no Azure scope");
    }
    for (Grant grant : fences) {
      if (!allowsIdentity(grant.spec().identities(), credential)) {
        return refused(IDENTITY_NOT_GRANTED, "AzureAccessGrant " + grant.name() + " does not let namespace "
            + namespace + " use " + identity(credential));
      }
    }
    for (Grant grant : fences) {
      for (String scope : scopes) {
        if (!covers(grant.spec().scopes(), scope)) {
          return refused(SCOPE_NOT_GRANTED, "AzureAccessGrant " + grant.name() + " does not let namespace "
              + namespace + " touch " + scope);
        }
      }
    }
    return Optional.empty();
  }

  /** Whether a grant selects the namespace: by name, or by labels ({} selects every namespace). */
  public static boolean selects(AzureAccessGrantSpec grant, String namespace, Map<String, String> labels) {
    if (grant == null) {
      return false;
    }
    if (grant.namespaces() != null && grant.namespaces().contains(namespace)) {
      return true;
    }
    if (grant.namespaceSelector() == null) {
      return false;
    }
    Map<String, String> wanted = grant.namespaceSelector().matchLabels();
    return wanted == null || wanted.entrySet().stream()
        .allMatch(e -> labels != null && e.getValue().equals(labels.get(e.getKey())));
  }

  /** The grant selects namespaces by label, so deciding needs the namespace's labels. */
  public static boolean needsLabels(AzureAccessGrantSpec grant) {
    return grant != null && grant.namespaceSelector() != null;
  }

  /** A scope covers an ID that equals it or lies below it, in any case, as ARM compares IDs. */
  static boolean covers(List<String> granted, String id) {
    if (granted == null) {
      return false;
    }
    String wanted = id.toLowerCase(Locale.ROOT);
    for (String scope : granted) {
      String s = scope.toLowerCase(Locale.ROOT).replaceAll("/+$", "");
      if (s.equals(ANY) || wanted.equals(s) || wanted.startsWith(s + "/")) {
        return true;
      }
    }
    return false;
  }

  /** A secretName credential is the namespace's own Secret: it needs no identity entry. */
  static boolean allowsIdentity(Identities identities, Credential credential) {
    if (credential != null && credential.secretName() != null) {
      return true;
    }
    if (identities == null) {
      return false;
    }
    if (credential == null || credential.federatedClientId() == null && credential.serviceAccountName() == null) {
      return identities.allowsOperatorDefault();
    }
    if (credential.federatedClientId() != null) {
      return listed(identities.clientIds(), credential.federatedClientId());
    }
    return listed(identities.serviceAccounts(), credential.serviceAccountName());
  }

  private static boolean listed(List<String> allowed, String value) {
    return allowed != null && allowed.stream().anyMatch(a -> a.equals(ANY) || a.equalsIgnoreCase(value));
  }

  private static String identity(Credential credential) {
    if (credential == null || credential.federatedClientId() == null && credential.serviceAccountName() == null) {
      return "the operator's default identity";
    }
    return credential.federatedClientId() != null ? "client ID " + credential.federatedClientId()
        : "ServiceAccount " + credential.serviceAccountName();
  }

  private static Optional<Finding> refused(String reason, String message) {
    return Optional.of(Finding.blocking(REQUIREMENT, message).withCode(reason));
  }
}
