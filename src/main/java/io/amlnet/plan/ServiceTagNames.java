package io.amlnet.plan;

import java.util.List;
import java.util.Optional;

/**
 * Resolves the service-tag names the rules and routes use. With a list, names come from it (ARM's
 * spelling); without one, the documented {@code <Tag>.<region>} pattern is used and recorded as an
 * assumed fact. A tag missing from a list that was given is a finding, never a guess.
 */
final class ServiceTagNames {
  private final ServiceTagList list;
  private final List<String> assumedFacts;
  private final List<Finding> findings;

  ServiceTagNames(ServiceTagList list, List<String> assumedFacts, List<Finding> findings) {
    this.list = list;
    this.assumedFacts = assumedFacts;
    this.findings = findings;
  }

  boolean haveList() {
    return list != null;
  }

  /** A global tag such as AzureMachineLearning. */
  String global(String tag, String requirement) {
    if (list == null) {
      return tag;
    }
    Optional<ServiceTag> found = list.named(tag);
    if (found.isEmpty()) {
      findings.add(Finding.blocking(requirement, "service tag " + tag + " is not in the service-tag list"));
      return tag;
    }
    return found.get().name();
  }

  /** The regional tag such as Storage.EastUS2, by systemService and region. */
  String regional(String tag, String region, String requirement) {
    return regionalTag(tag, region, requirement).map(ServiceTag::name).orElseGet(() -> {
      String spelled = tag + "." + region;
      if (list == null) {
        assumedFacts.add("service tag " + spelled + ": spelled from the documented pattern <Tag>.<Region>,"
            + " since no service-tag list was given");
      }
      return spelled;
    });
  }

  /** The regional tag with its prefixes, when a list was given and has it. */
  Optional<ServiceTag> regionalTag(String tag, String region, String requirement) {
    if (list == null) {
      return Optional.empty();
    }
    Optional<ServiceTag> found = list.regional(tag, region);
    if (found.isEmpty()) {
      findings.add(Finding.blocking(requirement,
          "service tag " + tag + " has no entry for region " + region + " in the service-tag list"));
    }
    return found;
  }
}
