package io.amlnet.api;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Categories;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/** One AML compute bound by name to a TrainingEnvironment in the same namespace. */
@Group(ApiGroup.NAME)
@Version(ApiGroup.VERSION)
@ShortNames("tc")
@Categories("amlnet")
@AdditionalPrinterColumn(name = "Kind", type = AdditionalPrinterColumn.Type.STRING, jsonPath = ".spec.kind")
@AdditionalPrinterColumn(name = "Environment", type = AdditionalPrinterColumn.Type.STRING,
    jsonPath = ".spec.environmentRef")
@AdditionalPrinterColumn(name = "Ready", type = AdditionalPrinterColumn.Type.STRING,
    jsonPath = ".status.conditions[?(@.type==\"Ready\")].status")
@AdditionalPrinterColumn(name = "Reason", type = AdditionalPrinterColumn.Type.STRING,
    jsonPath = ".status.conditions[?(@.type==\"Ready\")].reason")
@AdditionalPrinterColumn(name = "State", type = AdditionalPrinterColumn.Type.STRING,
    jsonPath = ".status.provisioningState")
@AdditionalPrinterColumn(name = "Nodes", type = AdditionalPrinterColumn.Type.INTEGER,
    jsonPath = ".status.currentNodeCount")
@AdditionalPrinterColumn(name = "Age", type = AdditionalPrinterColumn.Type.DATE,
    jsonPath = ".metadata.creationTimestamp")
public class TrainingCompute extends CustomResource<TrainingComputeSpec, TrainingComputeStatus>
    implements Namespaced {}
