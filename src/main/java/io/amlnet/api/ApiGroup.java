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
  /** An AML compute name: 3-24 chars of letters, digits and '-', starting with a letter. */
  public static final String COMPUTE_NAME = "^[a-zA-Z][a-zA-Z0-9-]{1,22}[a-zA-Z0-9]$";
  /** An Azure VM size such as {@code Standard_DS3_v2}. */
  public static final String VM_SIZE = "^[A-Za-z]+_[A-Za-z0-9_]+$";
  /** An ARM resource ID below a resource group. */
  public static final String RESOURCE_ID =
      "^/subscriptions/[0-9a-fA-F-]{36}/resourceGroups/[-\\w._()]+/providers/[A-Za-z.]+/[A-Za-z]+/[^/]+$";
  /** An NSG source: '*', an IPv4 address or CIDR, or a service tag. */
  public static final String NSG_SOURCE =
      "^(\\*|((25[0-5]|2[0-4][0-9]|1?[0-9]?[0-9])\\.){3}(25[0-5]|2[0-4][0-9]|1?[0-9]?[0-9])(/([0-9]|[12][0-9]|3[0-2]))?|[A-Za-z][A-Za-z0-9]*(\\.[A-Za-z0-9]+)*)$";
  /** An ISO-8601 duration of minutes or seconds, as AML's nodeIdleTimeBeforeScaleDown takes it. */
  public static final String SCALE_DOWN_DURATION = "^PT([0-9]+H)?([0-9]+M)?([0-9]+S)?$";

  private ApiGroup() {}
}
