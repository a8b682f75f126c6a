package io.amlnet.api;

/**
 * Whether amlnet writes to Azure for an environment. Manage: it applies the plan. Observe: it reads,
 * plans and reports the drift, and never creates, updates, deletes or associates anything.
 */
public enum ManagementPolicy { Manage, Observe }
