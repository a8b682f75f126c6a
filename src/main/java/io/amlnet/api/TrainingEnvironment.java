package io.amlnet.api;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.generator.annotation.Required;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Categories;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/** One secured subnet for Azure ML training compute, kept in the state Microsoft documents. */
@Group(ApiGroup.NAME)
@Version(ApiGroup.VERSION)
@ShortNames("te")
@Categories("amlnet")
@AdditionalPrinterColumn(name = "Ready", type = AdditionalPrinterColumn.Type.STRING,
    jsonPath = ".status.conditions[?(@.type==\"Ready\")].status")
@AdditionalPrinterColumn(name = "Reason", type = AdditionalPrinterColumn.Type.STRING,
    jsonPath = ".status.conditions[?(@.type==\"Ready\")].reason")
@AdditionalPrinterColumn(name = "Subnet", type = AdditionalPrinterColumn.Type.STRING,
    jsonPath = ".spec.network.subnet")
@AdditionalPrinterColumn(name = "Outbound", type = AdditionalPrinterColumn.Type.STRING,
    jsonPath = ".spec.outbound.mode")
@AdditionalPrinterColumn(name = "Tunneling", type = AdditionalPrinterColumn.Type.STRING,
    jsonPath = ".spec.forcedTunneling.mode")
@AdditionalPrinterColumn(name = "Routes", type = AdditionalPrinterColumn.Type.INTEGER,
    jsonPath = ".status.routeCount")
@AdditionalPrinterColumn(name = "Age", type = AdditionalPrinterColumn.Type.DATE,
    jsonPath = ".metadata.creationTimestamp")
public class TrainingEnvironment
    extends CustomResource<TrainingEnvironmentSpec, TrainingEnvironmentStatus> implements Namespaced {
  /** Required: an object without spec would leave every reconcile of its peers to guess. */
  @Override
  @Required
  public TrainingEnvironmentSpec getSpec() {
    return super.getSpec();
  }
}
