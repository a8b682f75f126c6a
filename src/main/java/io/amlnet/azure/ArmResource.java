package io.amlnet.azure;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** A resource as ARM returned it, with its etag for optimistic concurrency. */
public record ArmResource(String id, String etag, ObjectNode body) {}
