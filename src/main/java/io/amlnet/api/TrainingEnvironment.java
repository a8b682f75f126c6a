package io.amlnet.api;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.generator.annotation.ValidationRule;
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
// spec is required on create, as a CEL rule rather than `required`: an object stored without spec by an
// older CRD must stay updatable, or the finalizer that deleting it needs removed could never be.
@ValidationRule(value = "has(self.spec) || (oldSelf.hasValue() && !has(oldSelf.value().spec))", optionalOldSelf = true,
    message = "spec is required")
public class TrainingEnvironment
    extends CustomResource<TrainingEnvironmentSpec, TrainingEnvironmentStatus> implements Namespaced {}
