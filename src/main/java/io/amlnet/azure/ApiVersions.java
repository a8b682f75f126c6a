package io.amlnet.azure;

/** The ARM api-versions amlnet reads with, one per resource provider. */
public final class ApiVersions {
  /** What azure-resourcemanager-network 2.53.0 sends for every operation group amlnet uses; raw requests match it. */
  public static final String NETWORK = "2024-07-01";
  public static final String MACHINE_LEARNING = "2024-10-01";
  public static final String STORAGE = "2023-05-01";
  public static final String COMPUTE = "2024-07-01";
  public static final String HDINSIGHT = "2024-08-01-preview";
  public static final String DATABRICKS = "2024-05-01";
  public static final String PERMISSIONS = "2022-04-01";
  public static final String LOCKS = "2020-05-01";
  public static final String POLICY_INSIGHTS = "2022-03-01";

  private ApiVersions() {}

  /** The version to GET an attached resource with, by its provider. */
  public static String forResource(String resourceId) {
    String id = resourceId.toLowerCase();
    if (id.contains("/providers/microsoft.compute/")) {
      return COMPUTE;
    } else if (id.contains("/providers/microsoft.hdinsight/")) {
      return HDINSIGHT;
    } else if (id.contains("/providers/microsoft.databricks/")) {
      return DATABRICKS;
    } else if (id.contains("/providers/microsoft.storage/")) {
      return STORAGE;
    } else if (id.contains("/providers/microsoft.machinelearningservices/")) {
      return MACHINE_LEARNING;
    }
    return NETWORK;
  }
}
