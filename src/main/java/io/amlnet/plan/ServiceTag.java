package io.amlnet.plan;

import java.util.List;

/** One entry of ARM's serviceTags list: a tag such as {@code Storage.EastUS2} and its prefixes. */
public record ServiceTag(
    String name, String region, String systemService, String changeNumber, List<String> addressPrefixes) {}
