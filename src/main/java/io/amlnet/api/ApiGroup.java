package io.amlnet.api;

/** The Kubernetes API group and version that amlnet serves, and the patterns its schema shares. */
public final class ApiGroup {
  public static final String NAME = "amlnet.io";
  public static final String VERSION = "v1alpha1";

  /** An Azure subscription ID. */
  public static final String UUID = "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$";
  /** An ARM location name such as {@code eastus2}. */
  public static final String REGION = "^[a-z][a-z0-9]{1,38}$";
  /** A resource group name (1-90 chars of letters, digits, '_', '-', '.', '(', ')'; not ending in '.'). */
  public static final String RESOURCE_GROUP = "^[-\\w._()]{0,89}[-\\w_()]$";
  /** Names of Microsoft.Network resources: 1-80 chars, starting alphanumeric, ending alphanumeric or '_'. */
  public static final String NETWORK_NAME = "^[a-zA-Z0-9]([-a-zA-Z0-9._]{0,78}[a-zA-Z0-9_])?$";
  /** An AML workspace name: 3-33 chars, starting alphanumeric. */
  public static final String WORKSPACE_NAME = "^[a-zA-Z0-9][a-zA-Z0-9_-]{2,32}$";
  /**
   * An AML compute name of any kind: 2-24 letters, digits and '-', starting with a letter and ending
   * with a letter or digit. The per-kind lengths are CEL rules on TrainingCompute itself.
   */
  public static final String COMPUTE_NAME = "^[a-zA-Z][a-zA-Z0-9-]{0,22}[a-zA-Z0-9]$";
  /** AmlCompute and attached computes: 2-16 chars (AML's message for an invalid compute name). */
  public static final String CLUSTER_COMPUTE_NAME = "^[a-zA-Z][a-zA-Z0-9-]{0,14}[a-zA-Z0-9]$";
  /** ComputeInstance: 3-24 chars. */
  public static final String INSTANCE_COMPUTE_NAME = "^[a-zA-Z][a-zA-Z0-9-]{1,22}[a-zA-Z0-9]$";
  /** An Azure VM size such as {@code Standard_DS3_v2}. */
  public static final String VM_SIZE = "^[A-Za-z]+_[A-Za-z0-9_]+$";
  /**
   * The shape of an ARM resource ID below a resource group, in ASCII only (so no whitespace, control
   * or zero-width character, homoglyph or query string): a GUID subscription, a resource group, a
   * provider, a type and a name. The words are case-insensitive, as in ARM (Resource Graph prints
   * IDs in lower case), so the CEL rule on TrainingComputeSpec compares their lower-case spelling
   * with the type that the compute's kind needs; no (?i) here, because RE2 folds 'k' and 's' onto
   * the Kelvin sign and the long s.
   */
  public static final String RESOURCE_ID = "^/[a-zA-Z]{13}/" + "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}"
      + "/[a-zA-Z]{14}/[-\\w.()]{0,89}[-\\w()]/[a-zA-Z]{9}/[a-zA-Z]+\\.[a-zA-Z]+/[a-zA-Z]+/[a-zA-Z0-9][-a-zA-Z0-9._]{0,79}$";
  /** An NSG source: '*', an IPv4 address or CIDR, or a service tag. */
  public static final String NSG_SOURCE =
      "^(\\*|((25[0-5]|2[0-4][0-9]|1?[0-9]?[0-9])\\.){3}(25[0-5]|2[0-4][0-9]|1?[0-9]?[0-9])(/([0-9]|[12][0-9]|3[0-2]))?|[A-Za-z][A-Za-z0-9]*(\\.[A-Za-z0-9]+)*)$";
  /**
   * An ISO-8601 duration of hours, minutes and seconds, as AML's nodeIdleTimeBeforeScaleDown takes it:
   * at least one part, each of at most 6 digits. Its upper bound is a CEL rule on AmlComputeSpec.
   */
  public static final String SCALE_DOWN_DURATION =
      "^PT(([0-9]{1,6}H)([0-9]{1,6}M)?([0-9]{1,6}S)?|([0-9]{1,6}M)([0-9]{1,6}S)?|[0-9]{1,6}S)$";
  /** AmlCompute's longest idle time before scale-down: 7 days, in seconds. */
  public static final long MAX_SCALE_DOWN_SECONDS = 7 * 24 * 3600;

  private ApiGroup() {}
}
