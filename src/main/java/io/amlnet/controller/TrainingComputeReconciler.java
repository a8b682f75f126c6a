package io.amlnet.controller;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.amlnet.api.TrainingCompute;
import io.amlnet.api.TrainingComputeStatus;
import io.amlnet.api.TrainingEnvironment;
import io.amlnet.api.AzureOperation;
import io.amlnet.azure.ArmClient;
import io.amlnet.azure.ArmException;
import io.amlnet.azure.OperationPoller;
import io.amlnet.azure.OperationPurpose;
import io.amlnet.azure.PlanApplier;
import io.amlnet.azure.ArmResource;
import io.amlnet.azure.Drift;
import io.amlnet.azure.Ownership;
import io.amlnet.plan.ArmWrite;
import io.amlnet.plan.AzureFacts;
import io.amlnet.plan.AzureIds;
import io.amlnet.plan.ComputePlanner;
import io.amlnet.plan.EnvironmentPlanner;
import io.amlnet.plan.Finding;
import io.amlnet.plan.ImmutableFields;
import io.amlnet.plan.Plan;
import io.amlnet.plan.PlanInput;
import io.amlnet.plan.ResourceNames;
import io.amlnet.tenancy.TouchedScopes;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.PrimaryToSecondaryMapper;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Makes one TrainingCompute real once its environment is Ready: compute preflight (R2 via the
 * environment, R3, R8, R19, R20), create or update through ARM's long-running operations, report
 * AML's provisioning state. On deletion, created computes are deleted and attached ones detached.
 */
@ControllerConfiguration(name = "trainingcompute")
public final class TrainingComputeReconciler implements Reconciler<TrainingCompute>, Cleaner<TrainingCompute> {
  private static final Duration ENVIRONMENT_WAIT = Duration.ofSeconds(30);
  /** After a write that ended at once, how soon the next reconcile reads the compute back. */
  private static final Duration READ_BACK = Duration.ofMillis(200);
  /** ARM said "busy", or the compute shows an operation amlnet did not record (e.g. started before a restart). */
  private static final Duration BUSY_WAIT = Duration.ofSeconds(1);

  /** What one provisioning pass found, and when to look again. */
  private record Outcome(TrainingComputeStatus status, Duration next) {}

  private final AzureSessions sessions;
  private final EnvironmentPlanner planner;
  private final EventRecorder events;
  private final OperatorSettings settings;
  private final ComputeStatus statuses;
  private final Clock clock;
  private final ArmErrorReporter errors;
  private final GrantGate<TrainingCompute> grants = new GrantGate<>();
  private final FirstLookAfterStart firstLooks;

  public TrainingComputeReconciler(AzureSessions sessions, EnvironmentPlanner planner, EventRecorder events,
      OperatorSettings settings, Clock clock) {
    this.sessions = sessions;
    this.planner = planner;
    this.events = events;
    this.settings = settings;
    this.statuses = new ComputeStatus(clock);
    this.clock = clock;
    this.errors = new ArmErrorReporter(events, settings.resyncPeriod());
    this.firstLooks = new FirstLookAfterStart(settings.resyncPeriod());
  }

  @Override
  public List<EventSource<?, TrainingCompute>> prepareEventSources(EventSourceContext<TrainingCompute> context) {
    var primaries = context.getPrimaryCache();
    var environments = InformerEventSourceConfiguration.from(TrainingEnvironment.class, TrainingCompute.class)
        .withSecondaryToPrimaryMapper(env -> primaries.list(env.getMetadata().getNamespace())
            .filter(tc -> StoredSpecs.boundTo(tc, env.getMetadata().getName()))
            .map(ResourceID::fromResource).collect(Collectors.toSet()))
        .withPrimaryToSecondaryMapper((PrimaryToSecondaryMapper<TrainingCompute>) tc -> tc.getSpec() == null
            || tc.getSpec().environmentRef() == null ? Set.of()
            : Set.of(new ResourceID(tc.getSpec().environmentRef(), tc.getMetadata().getNamespace())))
        .build();
    return List.of(new InformerEventSource<>(environments, context),
        grants.eventSource(TrainingCompute.class, context));
  }

  @Override
  public UpdateControl<TrainingCompute> reconcile(TrainingCompute tc, Context<TrainingCompute> context) {
    List<String> problems = StoredSpecs.problems(tc);
    if (!problems.isEmpty()) {
      return update(tc, statuses.stalled(tc, StoredSpecs.INVALID_SPEC, StoredSpecs.message(problems)),
          settings.resyncPeriod());
    }
    Optional<TrainingEnvironment> env = context.getSecondaryResource(TrainingEnvironment.class);
    if (env.isEmpty()) {
      return update(tc, statuses.waiting(tc, "EnvironmentNotFound", "no TrainingEnvironment "
          + tc.getSpec().environmentRef() + " in namespace " + tc.getMetadata().getNamespace()), ENVIRONMENT_WAIT);
    }
    TrainingEnvironment environment = env.get();
    // Outside the namespace's grants (the environment's scopes and identity, and the attach target):
    // no ARM request at all.
    Optional<Finding> refused = StoredSpecs.valid(environment) ? refused(tc, environment, context) : Optional.empty();
    if (refused.isPresent()) {
      return update(tc, refusal(tc, refused.get(), "Reconcile"), ReconcileTiming.resync(settings.resyncPeriod()));
    }
    if (StoredSpecs.valid(environment) && environment.getSpec().observeOnly()) {
      return update(tc, statuses.waiting(tc, "EnvironmentObserved", "TrainingEnvironment "
          + environment.getMetadata().getName() + " has managementPolicy Observe: amlnet neither creates nor attaches"
          + " its computes until it is Manage"), ReconcileTiming.resync(settings.resyncPeriod()));
    }
    if (environment.getStatus() == null
        || !Conditions.isTrue(environment.getStatus().getConditions(), Conditions.READY)
        || !environment.getMetadata().getGeneration().equals(environment.getStatus().getObservedGeneration())) {
      return update(tc, statuses.waiting(tc, "WaitingForEnvironment", "TrainingEnvironment "
          + environment.getMetadata().getName() + " is not Ready yet"), ENVIRONMENT_WAIT);
    }
    if (!EnvironmentStatus.plannedFor(environment, tc)) {
      // The rules this compute needs (R9/R10, R20's SSH) must be in Azure before AML uses the subnet;
      // the environment lists the computes whose rules it read back. Its status update wakes us.
      return update(tc, statuses.waiting(tc, "WaitingForEnvironmentRules", "TrainingEnvironment "
          + environment.getMetadata().getName() + " has not yet confirmed the NSG rules for generation "
          + tc.getMetadata().getGeneration() + " of this compute"), ENVIRONMENT_WAIT);
    }
    Optional<Duration> firstLook = firstLooks.delay(tc, tc.getStatus(), () -> operations(tc).isEmpty());
    if (firstLook.isPresent()) {
      return update(tc, tc.getStatus(), firstLook.get());
    }
    try {
      Outcome outcome = provision(tc, environment, context);
      return update(tc, outcome.status(), outcome.next());
    } catch (ArmException e) {
      sessions.forgetSharedFactsAfter(e);
      var stall = errors.stall(tc, tc.getStatus(), e, "Reconcile", error -> stalled(tc, error));
      return update(tc, stall.status(), stall.recheckAfter());
    }
  }

  private Outcome provision(TrainingCompute tc, TrainingEnvironment env, Context<TrainingCompute> context) {
    Duration resync = ReconcileTiming.resync(settings.resyncPeriod());
    String namespace = tc.getMetadata().getNamespace();
    List<PlanInput.BoundCompute> bound = context.getPrimaryCache().list(namespace)
        .filter(other -> StoredSpecs.boundTo(other, env.getMetadata().getName()) && StoredSpecs.valid(other))
        .sorted(Comparator.comparing(other -> other.getMetadata().getName()))
        .map(other -> new PlanInput.BoundCompute(other.getMetadata().getName(), other.getSpec())).toList();
    PlanInput.BoundCompute self = new PlanInput.BoundCompute(tc.getMetadata().getName(), tc.getSpec());
    AzureSessions.AzureSession azure = sessions.forEnvironment(env);
    String owner = ResourceNames.owner(namespace, env.getMetadata().getName());
    // The operation the last reconcile started is polled once; while it runs, nothing else is read.
    OperationPoller.Progress progress = azure.poller().pollOnce(operations(tc), owner);
    if (!progress.done()) {
      return new Outcome(statuses.waiting(tc, progress.purposes(), progress.running()), progress.pollAgainAfter());
    }
    AzureFacts facts = azure.facts().readForCompute(namespace, env.getMetadata().getName(), env.getSpec(), self);
    Plan plan = planner.plan(new PlanInput(namespace, env.getMetadata().getName(), env.getSpec(), bound, facts));
    List<Finding> blocking = plan.findings().stream()
        .filter(f -> f.isBlocking() && tc.getMetadata().getName().equals(f.compute())).toList();
    if (!blocking.isEmpty()) {
      azure.facts().shared().forget(); // the next look sees a policy lifted since
      String message = Conditions.join(blocking.stream().map(f -> f.requirement() + ": " + f.message()).toList());
      TrainingComputeStatus status = statuses.stalled(tc, blocking.get(0).reason(), message);
      if (!status.equals(tc.getStatus())) {
        events.warning(tc, "PreflightFailed", "Preflight", message);
      }
      return new Outcome(status, resync);
    }
    ArmWrite write = ComputePlanner.write(AzureIds.of(namespace, env.getMetadata().getName(), env.getSpec()),
        env.getSpec().workspace().region(), owner, self);
    // Read before the compute is written, so a missing Secret or key stalls with no write; only the
    // PUT carries the values (Drift never compares them: AML's GET does not return them).
    ObjectNode body = new AttachCredentials(context.getClient()).bodyToSend(tc, write.body());
    // A compute AML creates was read with the facts a moment ago; an attached one's AML record was not.
    Optional<JsonNode> current = tc.getSpec().kind().isCreatedByAml() ? facts.resource(write.id())
        : azure.arm().get(write.id(), write.apiVersion()).map(ArmResource::body);
    if (current.isPresent()) {
      if (!Ownership.ownedBy(current.get(), owner)) {
        throw Ownership.collision(write.id(), owner);
      }
      List<String> immutable = ImmutableFields.changed(write.body(), current.get());
      if (!immutable.isEmpty()) {
        String message = "Azure cannot change " + String.join(", ", immutable) + " of compute "
            + self.computeName() + " in place; delete the TrainingCompute and create it again";
        TrainingComputeStatus stalled = statuses.stalled(tc, "ImmutableField", message);
        if (!stalled.equals(tc.getStatus())) {
          events.warning(tc, "ImmutableField", "Reconcile", message);
        }
        return new Outcome(stalled, resync);
      }
      if (OperationPurpose.inFlight(current.get())) {
        // An operation amlnet has no record of (started before a restart): wait for it, never write over it.
        return new Outcome(statuses.observed(tc, current.get(), env.getSpec().credential()), BUSY_WAIT);
      }
    }
    List<String> differences = current.map(c -> Drift.between(write.body(), c)).orElse(List.of("(absent)"));
    if (differences.isEmpty()) {
      return new Outcome(statuses.observed(tc, current.get(), env.getSpec().credential()), resync);
    }
    ArmClient.Accepted accepted;
    try {
      accepted = azure.arm().startPut(write.id(), write.apiVersion(), body, null, OperationPurpose.COMPUTE);
    } catch (ArmException e) {
      if (!PlanApplier.busy(e)) {
        throw e;
      }
      return new Outcome(statuses.waiting(tc, List.of(OperationPurpose.COMPUTE), List.of()), BUSY_WAIT);
    }
    events.normal(tc, "AzureWrite", "PUT", "PUT " + write.id() + " ("
        + String.join(", ", differences.subList(0, Math.min(3, differences.size()))) + ") as "
        + azure.identity());
    // Ready only from a later read that finds nothing to write and nothing running.
    TrainingComputeStatus written = statuses.waiting(tc,
        statuses.observed(tc, accepted.body(), env.getSpec().credential()), List.of(OperationPurpose.COMPUTE),
        accepted.operation().map(List::of).orElse(List.of()));
    return new Outcome(written, accepted.operation()
        .map(op -> azure.poller().firstPoll(List.of(op), accepted.retryAfter())).orElse(READ_BACK));
  }

  private static List<AzureOperation> operations(TrainingCompute tc) {
    return tc.getStatus() == null || tc.getStatus().getOperations() == null ? List.of() : tc.getStatus().getOperations();
  }

  @Override
  public ErrorStatusUpdateControl<TrainingCompute> updateErrorStatus(TrainingCompute tc, Context<TrainingCompute> context,
      Exception e) {
    if (Conditions.refusedForSize(e)) {
      TrainingComputeStatus minimal = new TrainingComputeStatus();
      minimal.setObservedGeneration(tc.getMetadata().getGeneration());
      minimal.setConditions(Conditions.minimal(tc.getMetadata().getGeneration(), clock));
      minimal.setComputeId(tc.getStatus() == null ? null : tc.getStatus().getComputeId());
      tc.setStatus(minimal);
      return ErrorStatusUpdateControl.patchStatus(tc);
    }
    String reason = e instanceof ArmException arm ? arm.code() : "Retrying";
    tc.setStatus(statuses.waiting(tc, reason, e.getMessage() == null ? e.toString() : e.getMessage()));
    // No rescheduleAfter here: on this control it turns JOSDK's retry off. The retry (no attempt
    // limit, backoff capped at the resync period) is what reschedules a failed reconcile.
    return ErrorStatusUpdateControl.patchStatus(tc);
  }

  /**
   * Created computes are deleted and attached ones detached. The compute's own status keeps what
   * this needs (compute ID, credential reference), so it works after its environment is gone.
   */
  @Override
  public DeleteControl cleanup(TrainingCompute tc, Context<TrainingCompute> context) {
    if (SkipAzureCleanup.requested(tc)) {
      events.warning(tc, SkipAzureCleanup.EVENT_REASON, "Delete", SkipAzureCleanup.message());
      return DeleteControl.defaultDelete();
    }
    if (tc.getSpec() == null) {
      return DeleteControl.defaultDelete(); // never planned, never written to Azure
    }
    Optional<TrainingEnvironment> env = context.getSecondaryResource(TrainingEnvironment.class);
    if (env.isPresent() && StoredSpecs.valid(env.get()) && env.get().getSpec().observeOnly()) {
      events.normal(tc, "Observed", "Delete", "environment in managementPolicy Observe: deleted without touching Azure");
      return DeleteControl.defaultDelete();
    }
    String namespace = tc.getMetadata().getNamespace();
    String id = tc.getStatus() == null ? null : tc.getStatus().getComputeId();
    if (id == null && env.isPresent() && StoredSpecs.valid(env.get())) {
      // Written but not yet recorded (a crash between the PUT and the status): look where it would be.
      id = AzureIds.of(namespace, env.get().getMetadata().getName(), env.get().getSpec())
          .compute(new PlanInput.BoundCompute(tc.getMetadata().getName(), tc.getSpec()).computeName());
    }
    if (id == null) {
      return DeleteControl.defaultDelete(); // never written to Azure: nothing to clean up
    }
    String action = tc.getSpec().kind().isCreatedByAml() ? "Delete" : "Detach";
    Optional<Finding> refused = env.isPresent() && StoredSpecs.valid(env.get()) ? refused(tc, env.get(), context)
        : grants.check(context.getClient(), namespace, tc.getStatus() == null ? null : tc.getStatus().getCredential(),
            List.of(id));
    if (refused.isPresent()) {
      // amlnet never acts outside the grants, not even to clean up: deletion waits, and says why.
      TrainingComputeStatus status = refusal(tc, refused.get(), action);
      if (!status.equals(tc.getStatus())) {
        tc.setStatus(status);
        context.getClient().resource(tc).patchStatus();
      }
      return DeleteControl.noFinalizerRemoval().rescheduleAfter(ReconcileTiming.resync(settings.resyncPeriod()));
    }
    try {
      AzureSessions.AzureSession azure = env.isPresent() ? sessions.forEnvironment(env.get())
          : sessions.forCredential(namespace, tc.getStatus().getCredential());
      String owner = ResourceNames.owner(namespace, tc.getSpec().environmentRef());
      OperationPoller.Progress progress = azure.poller().pollOnceForTeardown(operations(tc), owner);
      if (!progress.done()) {
        patchIfChanged(tc, statuses.waiting(tc, progress.purposes(), progress.running()), context);
        return DeleteControl.noFinalizerRemoval().rescheduleAfter(progress.pollAgainAfter());
      }
      Optional<ArmResource> current = azure.arm().get(id, ComputePlanner.ML_API_VERSION);
      if (current.isPresent() && Ownership.ownedBy(current.get().body(), owner)) {
        if (OperationPurpose.inFlight(current.get().body())) {
          return DeleteControl.noFinalizerRemoval().rescheduleAfter(BUSY_WAIT); // e.g. still Creating, or Deleting
        }
        ArmClient.Accepted accepted = azure.arm().startDelete(id, ComputePlanner.ML_API_VERSION,
            "&underlyingResourceAction=" + action, OperationPurpose.COMPUTE);
        events.normal(tc, "AzureDelete", action, action + " " + id + " as " + azure.identity());
        if (!accepted.done()) {
          patchIfChanged(tc, statuses.waiting(tc, List.of(OperationPurpose.COMPUTE), List.of(accepted.operation().get())),
              context);
          return DeleteControl.noFinalizerRemoval().rescheduleAfter(
              azure.poller().firstPoll(List.of(accepted.operation().get()), accepted.retryAfter()));
        }
      }
      return DeleteControl.defaultDelete();
    } catch (ArmException e) {
      var stall = errors.stall(tc, tc.getStatus(), e, action, error -> stalled(tc, error));
      if (stall.changed()) {
        tc.setStatus(stall.status());
        context.getClient().resource(tc).patchStatus();
      }
      return DeleteControl.noFinalizerRemoval().rescheduleAfter(stall.recheckAfter());
    }
  }

  private static void patchIfChanged(TrainingCompute tc, TrainingComputeStatus status, Context<TrainingCompute> context) {
    if (!status.equals(tc.getStatus())) {
      tc.setStatus(status);
      context.getClient().resource(tc).patchStatus();
    }
  }

  private Optional<Finding> refused(TrainingCompute tc, TrainingEnvironment env, Context<TrainingCompute> context) {
    String namespace = tc.getMetadata().getNamespace();
    return grants.check(context.getClient(), namespace, env.getSpec().credential(),
        TouchedScopes.of(namespace, env.getMetadata().getName(), env.getSpec(), tc.getSpec()));
  }

  /** Stalled with ScopeNotGranted or IdentityNotGranted; the Warning only when the status changes. */
  private TrainingComputeStatus refusal(TrainingCompute tc, Finding refused, String action) {
    TrainingComputeStatus status = statuses.stalled(tc, refused.reason(), refused.message());
    if (!status.equals(tc.getStatus())) {
      events.warning(tc, refused.reason(), action, refused.message());
    }
    return status;
  }

  private TrainingComputeStatus stalled(TrainingCompute tc, ArmException error) {
    return statuses.stalled(tc, error.code(), error.getMessage());
  }

  private static UpdateControl<TrainingCompute> update(TrainingCompute tc, TrainingComputeStatus status, Duration next) {
    UpdateControl<TrainingCompute> control;
    if (status.equals(tc.getStatus())) {
      control = UpdateControl.noUpdate();
    } else {
      tc.setStatus(status);
      control = UpdateControl.patchStatus(tc);
    }
    return control.rescheduleAfter(next);
  }
}
