package io.amlnet.azure;

import java.util.Map;

/**
 * The one table from an ARM error to what amlnet does about it. Modelled on Azure Service
 * Operator's error classifier: transient conditions are retried at once with backoff, missing
 * permissions are reported and looked at again soon (a role assignment often arrives minutes after
 * the object), and everything else stays Stalled until the spec or Azure changes.
 */
public final class ArmErrors {
  /** What to do with an error. */
  public enum Action {
    /** A condition that passes by itself: throw, and JOSDK retries with backoff. */
    RETRY_NOW,
    /** Stalled with the error as reason, but looked at again at a short interval. */
    RETRY_LATER,
    /** Stalled with the error as reason until the next resync or change. */
    STALL
  }

  private static final Map<String, Action> BY_CODE = Map.ofEntries(
      Map.entry("AnotherOperationInProgress", Action.RETRY_NOW),
      Map.entry("RetryableError", Action.RETRY_NOW),
      Map.entry("TooManyRequests", Action.RETRY_NOW),
      Map.entry("InternalServerError", Action.RETRY_NOW),
      Map.entry("ServiceUnavailable", Action.RETRY_NOW),
      Map.entry("GatewayTimeout", Action.RETRY_NOW),
      Map.entry("OperationPreempted", Action.RETRY_NOW),
      Map.entry("ReferencedResourceNotProvisioned", Action.RETRY_NOW),
      Map.entry("CanceledAndSupersededDueToAnotherOperation", Action.RETRY_NOW),
      Map.entry("Throttled", Action.RETRY_NOW),
      Map.entry("PreconditionFailed", Action.RETRY_NOW),
      // Our own: the reconcile thread was interrupted (shutdown); the work is not done, not wrong.
      Map.entry(ArmException.INTERRUPTED, Action.RETRY_NOW),
      // The operator's identity lacks a role, often only until a pending role assignment lands.
      Map.entry("AuthorizationFailed", Action.RETRY_LATER),
      Map.entry("LinkedAuthorizationFailed", Action.RETRY_LATER),
      // Ours: the named Secret does not exist yet (often created right after the environment). Only
      // Secrets already in use are watched, so a new one is found by looking again.
      Map.entry("CredentialSecretNotFound", Action.RETRY_LATER),
      // Ours, for workload identity per namespace: ServiceAccounts are not watched, so a missing one
      // or its missing annotation is found by looking again; a refused token exchange likewise (a
      // federated credential is often created after the ServiceAccount).
      Map.entry("ServiceAccountNotFound", Action.RETRY_LATER),
      Map.entry("ServiceAccountNotAnnotated", Action.RETRY_LATER),
      Map.entry("AzureTokenExchangeFailed", Action.RETRY_LATER));

  private ArmErrors() {}

  /** By code first; an unknown code by HTTP status: 429 and 5xx pass by themselves, other 4xx do not. */
  public static Action classify(ArmException e) {
    Action known = BY_CODE.get(e.code());
    if (known != null) {
      return known;
    }
    return e.status() == 429 || e.status() >= 500 ? Action.RETRY_NOW : Action.STALL;
  }
}
