package io.amlnet.api;

/** What happens to the Azure objects amlnet owns when the Kubernetes object is deleted. */
public enum DeletionPolicy { Delete, Orphan }
