package io.amlnet.tenancy;

import io.amlnet.api.NetworkSecurity;
import io.amlnet.api.TrainingComputeSpec;
import io.amlnet.api.TrainingEnvironmentSpec;
import io.amlnet.plan.AzureIds;
import java.util.ArrayList;
import java.util.List;

/**
 * The existing Azure resources an environment points at, which its grant must cover: the VNet (its
 * subnet's associations are rewritten), the workspace, and an NSG it does not create beside the VNet
 * (Existing mode, or another resource group). What amlnet creates for the environment itself (its
 * NSG, route table, NAT gateway and public IP, named after it in the VNet's resource group) comes
 * with the VNet.
 */
public final class TouchedScopes {
  private TouchedScopes() {}

  public static List<String> of(String namespace, String name, TrainingEnvironmentSpec spec) {
    AzureIds ids = AzureIds.of(namespace, name, spec);
    List<String> scopes = new ArrayList<>(List.of(ids.virtualNetwork(), ids.workspace()));
    NetworkSecurity nsg = spec.effectiveNetworkSecurity();
    boolean beside = nsg.resourceGroup() == null
        || nsg.resourceGroup().equalsIgnoreCase(spec.network().effectiveResourceGroup(spec.workspace()));
    if (nsg.effectiveMode() == NetworkSecurity.NsgMode.Existing || !beside) {
      scopes.add(ids.networkSecurityGroup());
    }
    return scopes;
  }

  /** A compute touches its environment's scopes and, when attached, the VM, cluster or workspace it attaches. */
  public static List<String> of(String namespace, String environment, TrainingEnvironmentSpec spec,
      TrainingComputeSpec compute) {
    List<String> scopes = new ArrayList<>(of(namespace, environment, spec));
    if (compute.attach() != null && compute.attach().resourceId() != null) {
      scopes.add(compute.attach().resourceId());
    }
    return scopes;
  }
}
