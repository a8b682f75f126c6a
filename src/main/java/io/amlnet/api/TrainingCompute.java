package io.amlnet.api;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.generator.annotation.ValidationRule;
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
// At the root because the default name is metadata.name, which a rule on spec cannot see.
@ValidationRule(value = "!has(self.spec) || self.spec.kind == 'ComputeInstance'"
    + " || (has(self.spec.computeName) ? self.spec.computeName : self.metadata.name).matches('^[a-zA-Z][a-zA-Z0-9-]{0,14}[a-zA-Z0-9]$')",
    message = "the compute name (spec.computeName, default metadata.name) of an AmlCompute or attached compute must be"
        + " 2-16 letters, digits or hyphens, starting with a letter and ending with a letter or digit")
@ValidationRule(value = "!has(self.spec) || self.spec.kind != 'ComputeInstance'"
    + " || (has(self.spec.computeName) ? self.spec.computeName : self.metadata.name).matches('^[a-zA-Z][a-zA-Z0-9-]{1,22}[a-zA-Z0-9]$')",
    message = "the compute name (spec.computeName, default metadata.name) of a ComputeInstance must be"
        + " 3-24 letters, digits or hyphens, starting with a letter and ending with a letter or digit")
// spec is required on create, as a CEL rule rather than `required`: an object stored without spec by an
// older CRD must stay updatable, or the finalizer that deleting it needs removed could never be.
@ValidationRule(value = "has(self.spec) || (oldSelf.hasValue() && !has(oldSelf.value().spec))", optionalOldSelf = true,
    message = "spec is required")
public class TrainingCompute extends CustomResource<TrainingComputeSpec, TrainingComputeStatus>
    implements Namespaced {}
