package io.amlnet.plan;

/** One user-defined route (R16): an IP prefix or a service tag sent straight to the Internet. */
public record Route(String name, String addressPrefix, String nextHopType, String source) {}
