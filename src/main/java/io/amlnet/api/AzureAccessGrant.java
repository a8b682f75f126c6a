package io.amlnet.api;

import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Categories;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * What a cluster admin lets a set of namespaces do in Azure: the scopes their environments may touch
 * and the identities they may act as. Cluster-scoped, so the built-in namespace roles (edit, admin)
 * cannot write it. Grants are fences, not additions: an environment must be inside every grant that
 * selects its namespace, and at least one must (the admission policy can check exactly this).
 */
@Group(ApiGroup.NAME)
@Version(ApiGroup.VERSION)
@ShortNames("aag")
@Categories("amlnet")
@ValidationRule(value = "has(self.spec)", message = "spec is required")
public class AzureAccessGrant extends CustomResource<AzureAccessGrantSpec, Void> {}
