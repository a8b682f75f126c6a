package io.amlnet.controller;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.api.model.events.v1.EventBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.api.model.MicroTime;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Kubernetes Events on amlnet's objects: one per Azure write and per preflight failure. */
public final class EventRecorder {
  private static final Logger LOG = LoggerFactory.getLogger(EventRecorder.class);
  private static final DateTimeFormatter MICRO = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'")
      .withZone(ZoneOffset.UTC);

  private final KubernetesClient client;
  private final Clock clock;
  private final String instance;

  /** @param instance this replica (the leader-election identity): which of several replicas did what */
  public EventRecorder(KubernetesClient client, Clock clock, String instance) {
    this.client = client;
    this.clock = clock;
    this.instance = instance;
  }

  public void normal(HasMetadata object, String reason, String action, String note) {
    record(object, "Normal", reason, action, note);
  }

  public void warning(HasMetadata object, String reason, String action, String note) {
    record(object, "Warning", reason, action, note);
  }

  private void record(HasMetadata object, String type, String reason, String action, String note) {
    String namespace = object.getMetadata().getNamespace();
    try {
      client.resources(io.fabric8.kubernetes.api.model.events.v1.Event.class).inNamespace(namespace).resource(
          new EventBuilder()
              .withNewMetadata().withName(object.getMetadata().getName() + "." + UUID.randomUUID().toString()
                  .substring(0, 8)).withNamespace(namespace).endMetadata()
              .withType(type).withReason(reason).withAction(action)
              .withNote(note.length() > 1000 ? note.substring(0, 1000) : note)
              .withReportingController("amlnet.io/operator").withReportingInstance(instance)
              .withEventTime(new MicroTime(MICRO.format(clock.instant())))
              .withRegarding(new ObjectReferenceBuilder().withApiVersion(object.getApiVersion())
                  .withKind(object.getKind()).withName(object.getMetadata().getName()).withNamespace(namespace)
                  .withUid(object.getMetadata().getUid()).build())
              .build()).create();
    } catch (KubernetesClientException e) {
      // An event is a courtesy: failing to record one must never fail the reconcile.
      LOG.debug("event {} on {}/{} not recorded: {}", reason, namespace, object.getMetadata().getName(), e.getCode());
    }
  }
}
