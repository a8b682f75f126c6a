package io.amlnet.azure;

import java.util.List;

/** One write amlnet made, with why: the fields that differed (or that the object was absent). */
public record AppliedWrite(String method, String id, String resourceType, List<String> differences) {}
