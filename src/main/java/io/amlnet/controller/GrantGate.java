package io.amlnet.controller;

import io.amlnet.api.AzureAccessGrant;
import io.amlnet.api.Credential;
import io.amlnet.plan.Finding;
import io.amlnet.tenancy.GrantCheck;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * The operator's side of the grants: a watch on every AzureAccessGrant, which wakes the objects of
 * the namespaces a grant selects (and selected before its change, so a narrowed grant takes effect
 * at once), and the check each reconcile runs before any ARM request. A namespace's labels are read
 * only when some grant selects namespaces by label.
 */
final class GrantGate<P extends HasMetadata> {
  private final Map<String, Set<ResourceID>> lastWoken = new ConcurrentHashMap<>();
  private volatile InformerEventSource<AzureAccessGrant, P> grants;

  /** The watch, for the reconciler's prepareEventSources. */
  InformerEventSource<AzureAccessGrant, P> eventSource(Class<P> primary, EventSourceContext<P> context) {
    var primaries = context.getPrimaryCache();
    var config = InformerEventSourceConfiguration.from(AzureAccessGrant.class, primary)
        .withName("azure-access-grants")
        .withWatchAllNamespaces() // cluster-scoped
        .withSecondaryToPrimaryMapper(grant -> {
          Set<String> named = grant.getSpec() == null || grant.getSpec().namespaces() == null ? Set.of()
              : Set.copyOf(grant.getSpec().namespaces());
          boolean byLabel = GrantCheck.needsLabels(grant.getSpec());
          Set<ResourceID> now = primaries.list(p -> byLabel || named.contains(p.getMetadata().getNamespace()))
              .map(ResourceID::fromResource).collect(Collectors.toSet());
          Set<ResourceID> woken = new HashSet<>(now);
          Set<ResourceID> before = lastWoken.put(grant.getMetadata().getName(), now);
          if (before != null) {
            woken.addAll(before);
          }
          return woken;
        })
        .build();
    grants = new InformerEventSource<>(config, context);
    return grants;
  }

  /** Empty when the namespace may act as asked; otherwise the finding to stall with. */
  Optional<Finding> check(KubernetesClient client, String namespace, Credential credential, List<String> scopes) {
    List<GrantCheck.Grant> all = grants.list()
        .map(g -> new GrantCheck.Grant(g.getMetadata().getName(), g.getSpec())).toList();
    Map<String, String> labels = Map.of();
    if (all.stream().anyMatch(g -> GrantCheck.needsLabels(g.spec()))) {
      Namespace ns = client.namespaces().withName(namespace).get();
      labels = ns == null || ns.getMetadata().getLabels() == null ? Map.of() : ns.getMetadata().getLabels();
    }
    return GrantCheck.check(namespace, labels, credential, scopes, all);
  }
}
