package io.amlnet.controller;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.Map;

/**
 * The documented escape hatch: {@code amlnet.io/skip-azure-cleanup: "true"} lets an object go
 * without touching Azure (a subscription that is gone, a credential revoked for good). amlnet
 * records a Warning event, since whatever it owned in Azure is then left behind.
 */
final class SkipAzureCleanup {
  static final String ANNOTATION = "amlnet.io/skip-azure-cleanup";
  static final String EVENT_REASON = "AzureCleanupSkipped";

  private SkipAzureCleanup() {}

  static boolean requested(HasMetadata object) {
    Map<String, String> annotations = object.getMetadata().getAnnotations();
    return annotations != null && "true".equalsIgnoreCase(annotations.get(ANNOTATION));
  }

  static String message() {
    return ANNOTATION + " is \"true\": the finalizer is removed without touching Azure; whatever amlnet owned"
        + " there stays and is no longer managed";
  }
}
