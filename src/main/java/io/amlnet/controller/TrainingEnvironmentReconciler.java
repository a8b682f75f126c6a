package io.amlnet.controller;

import io.amlnet.api.ForcedTunneling;
import io.amlnet.api.TrainingCompute;
import io.amlnet.api.TrainingEnvironment;
import io.amlnet.api.TrainingEnvironmentStatus;
import io.amlnet.api.AzureOperation;
import io.amlnet.azure.AppliedWrite;
import io.amlnet.azure.ApplyResult;
import io.amlnet.azure.ArmException;
import io.amlnet.azure.EnvironmentTeardown;
import io.amlnet.azure.FactsReader;
import io.amlnet.azure.OperationPoller;
import io.amlnet.azure.OperationPurpose;
import io.amlnet.plan.AzureFacts;
import io.amlnet.plan.AzureIds;
import io.amlnet.plan.EnvironmentPlanner;
import io.amlnet.plan.Finding;
import io.amlnet.plan.Plan;
import io.amlnet.plan.PlanInput;
import io.amlnet.plan.ResourceNames;
import io.amlnet.tenancy.TouchedScopes;
import io.fabric8.kubernetes.api.model.Secret;
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
import io.javaoperatorsdk.operator.processing.event.source.IndexerResourceCache;
import io.javaoperatorsdk.operator.processing.event.source.inbound.SimpleInboundEventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes one TrainingEnvironment real: read the facts, plan, stop on Blocking findings, write only
 * what differs, report. Reconciled again on every change of the environment or of a compute bound
 * to it, when the service tags of its region change, and at least once per resync period, which is
 * how drift made in the portal is found and corrected.
 */
@ControllerConfiguration(name = "trainingenvironment")
public final class TrainingEnvironmentReconciler
    implements Reconciler<TrainingEnvironment>, Cleaner<TrainingEnvironment> {
  private static final Logger LOG = LoggerFactory.getLogger(TrainingEnvironmentReconciler.class);
  /** After a write, how soon the next reconcile reads Azure back before anything is called Ready. */
  static final Duration READ_BACK = Duration.ofMillis(200);
  /**
   * Waiting for a VNet's write slot: the holder's release wakes the first in line, so this is only a
   * safety net. It is as long as a queued owner's turn: a shorter one made every queued environment
   * re-read Azure every few seconds, and at 50 environments on a few VNets those reads spent ARM's read
   * budget (25/s) that the slot holder needed (bench/latest: scale).
   */
  static final Duration VNET_WAIT = Duration.ofSeconds(30);
  /** ARM said "busy" (AnotherOperationInProgress, 412) or an object shows an operation amlnet did not record. */
  static final Duration BUSY_WAIT = Duration.ofSeconds(1);

  private final AzureSessions sessions;
  private final EnvironmentPlanner planner;
  private final EventRecorder events;
  private final OperatorSettings settings;
  private final EnvironmentStatus statuses;
  private final DriftReport drift;
  private final CredentialSecretFinalizer credentialSecrets;
  private final io.amlnet.metrics.ReconcileOutcomes outcomes;
  private final Clock clock;
  private final ArmErrorReporter errors;
  private final SimpleInboundEventSource<TrainingEnvironment> serviceTagChanges =
      new SimpleInboundEventSource<>("service-tag-changes");
  /** An environment queued for a VNet's write slot is woken when the slot is given back. */
  private final SimpleInboundEventSource<TrainingEnvironment> vnetSlotFreed =
      new SimpleInboundEventSource<>("vnet-slot-freed");
  private volatile IndexerResourceCache<TrainingEnvironment> environments;
  private final GrantGate<TrainingEnvironment> grants = new GrantGate<>();
  private final FirstLookAfterStart firstLooks;

  public TrainingEnvironmentReconciler(AzureSessions sessions, EnvironmentPlanner planner, EventRecorder events,
      OperatorSettings settings, Clock clock, CredentialSecretFinalizer credentialSecrets,
      io.amlnet.metrics.ReconcileOutcomes outcomes) {
    this.credentialSecrets = credentialSecrets;
    this.outcomes = outcomes;
    this.sessions = sessions;
    this.planner = planner;
    this.events = events;
    this.settings = settings;
    this.statuses = new EnvironmentStatus(clock);
    this.drift = new DriftReport(clock);
    this.clock = clock;
    this.errors = new ArmErrorReporter(events, settings.resyncPeriod());
    this.firstLooks = new FirstLookAfterStart(settings.resyncPeriod());
    sessions.vnetLocks().onFree(owner -> {
      int slash = owner.indexOf('/');
      vnetSlotFreed.propagateEvent(new ResourceID(owner.substring(slash + 1), owner.substring(0, slash)));
    });
  }

  @Override
  public List<EventSource<?, TrainingEnvironment>> prepareEventSources(EventSourceContext<TrainingEnvironment> context) {
    environments = context.getPrimaryCache();
    var computes = InformerEventSourceConfiguration.from(TrainingCompute.class, TrainingEnvironment.class)
        .withSecondaryToPrimaryMapper(tc -> tc.getSpec() == null || tc.getSpec().environmentRef() == null ? Set.of()
            : Set.of(new ResourceID(tc.getSpec().environmentRef(), tc.getMetadata().getNamespace())))
        // A compute matters to its environment through its spec (public IP, size, attached resource)
        // and its Ready condition (ComputeReady); its other status updates would only cost ARM reads.
        .withOnUpdateFilter((next, previous) -> !next.getMetadata().getGeneration()
            .equals(previous.getMetadata().getGeneration()) || computeReady(next) != computeReady(previous))
        .build();
    // A credential Secret's rotation re-plans at once with the new session; only Secrets amlnet marked
    // as in use are cached, and only a change of their data counts (not amlnet's own label/finalizer).
    var secrets = InformerEventSourceConfiguration.from(Secret.class, TrainingEnvironment.class)
        .withLabelSelector(CredentialSecretFinalizer.LABEL + "=true")
        .withSecondaryToPrimaryMapper(secret -> environments.list(secret.getMetadata().getNamespace())
            .filter(e -> secret.getMetadata().getName().equals(CredentialSecretFinalizer.secretName(e)))
            .map(ResourceID::fromResource).collect(Collectors.toSet()))
        .withOnUpdateFilter((next, previous) -> !Objects.equals(next.getData(), previous.getData()))
        .build();
    return List.of(new InformerEventSource<>(computes, context), new InformerEventSource<>(secrets, context),
        serviceTagChanges, vnetSlotFreed, grants.eventSource(TrainingEnvironment.class, context));
  }

  private static boolean computeReady(TrainingCompute tc) {
    return tc.getStatus() != null && Conditions.isTrue(tc.getStatus().getConditions(), Conditions.READY);
  }

  /** A new changeNumber in (subscription, region): re-plan every environment there that routes by prefix. */
  public void serviceTagsChanged(String subscription, String region, String changeNumber) {
    if (environments == null) {
      return;
    }
    environments.list().filter(e -> StoredSpecs.valid(e) && e.getSpec().subscriptionId().equalsIgnoreCase(subscription)
            && e.getSpec().workspace().region().equalsIgnoreCase(region)
            && routesByServiceTagPrefixes(e))
        .forEach(e -> {
          LOG.info("service tags of {} changed to {}: re-planning {}/{}", region, changeNumber,
              e.getMetadata().getNamespace(), e.getMetadata().getName());
          serviceTagChanges.propagateEvent(ResourceID.fromResource(e));
        });
  }

  @Override
  public UpdateControl<TrainingEnvironment> reconcile(TrainingEnvironment env, Context<TrainingEnvironment> context) {
    List<String> problems = StoredSpecs.problems(env);
    if (!problems.isEmpty()) {
      return statusUpdate(env, statuses.stalled(env, StoredSpecs.INVALID_SPEC, StoredSpecs.message(problems)),
          settings.resyncPeriod());
    }
    // Outside the namespace's grants: not one ARM request, not even a read.
    Optional<Finding> refused = refused(env, context);
    if (refused.isPresent()) {
      return statusUpdate(env, refusal(env, refused.get()), ReconcileTiming.resync(settings.resyncPeriod()));
    }
    // An invalid compute is left out of the plan (it stalls itself) but still counts as not ready; so is
    // one whose attach target is outside the grants (its facts are never read).
    List<TrainingCompute> all = context.getSecondaryResources(TrainingCompute.class).stream()
        .sorted(Comparator.comparing(tc -> tc.getMetadata().getName())).toList();
    List<TrainingCompute> computes = all.stream().filter(StoredSpecs::valid)
        .filter(tc -> grants.check(context.getClient(), env.getMetadata().getNamespace(), env.getSpec().credential(),
            TouchedScopes.of(env.getMetadata().getNamespace(), env.getMetadata().getName(), env.getSpec(),
                tc.getSpec())).isEmpty()).toList();
    String owner = ResourceNames.owner(env.getMetadata().getNamespace(), env.getMetadata().getName());
    Optional<Duration> firstLook = firstLooks.delay(env, env.getStatus(), () -> idle(env, all));
    if (firstLook.isPresent()) {
      return statusUpdate(env, env.getStatus(), firstLook.get());
    }
    TrainingEnvironmentStatus status;
    Duration next = ReconcileTiming.resync(settings.resyncPeriod());
    try {
      credentialSecrets.hold(env);
      AzureSessions.AzureSession azure = sessions.forEnvironment(env);
      // What the last reconcile started is polled once; while any of it runs, nothing else is read.
      OperationPoller.Progress progress = azure.poller().pollOnce(operations(env), owner);
      if (!progress.done()) {
        return statusUpdate(env, statuses.waiting(env, progress.purposes(), progress.running()),
            progress.pollAgainAfter());
      }
      if (queuedForVirtualNetwork(env, AzureIds.of(env.getMetadata().getNamespace(), env.getMetadata().getName(),
          env.getSpec()).subnet(), owner)) {
        // Its turn comes with the holder's release (an event); reading Azure meanwhile would only
        // spend the subscription's read budget that the slot's holders need (1,000 environments, 20 VNets).
        return statusUpdate(env, env.getStatus(), VNET_WAIT);
      }
      List<PlanInput.BoundCompute> bound = computes.stream()
          .map(tc -> new PlanInput.BoundCompute(tc.getMetadata().getName(), tc.getSpec())).toList();
      AzureFacts facts = azure.facts().read(env.getMetadata().getNamespace(), env.getMetadata().getName(),
          env.getSpec(), bound, recorded(env), candidates(env));
      Plan plan = planner.plan(new PlanInput(env.getMetadata().getNamespace(), env.getMetadata().getName(),
          env.getSpec(), bound, facts));
      outcomes.planned(plan);
      List<Finding> blocking = plan.findings().stream().filter(f -> f.isBlocking() && f.compute() == null).toList();
      if (!blocking.isEmpty()) {
        azure.facts().shared().forget(); // the next look sees a role granted or a lock removed since
        status = statuses.blocked(env, blocking, all);
        if (!status.equals(env.getStatus())) {
          blocking.forEach(f -> events.warning(env, "PreflightFailed", "Preflight", f.requirement() + ": " + f.message()));
        }
      } else if (env.getSpec().observeOnly()) {
        status = drift.withDrift(env, statuses.observed(env, plan, facts, owner),
            DriftReport.pending(plan, facts, owner));
      } else {
        var pending = DriftReport.pending(plan, facts, owner);
        ApplyResult applied = azure.applier().apply(plan, facts, owner);
        List<AppliedWrite> writes = applied.writes();
        for (AppliedWrite write : writes) {
          outcomes.applied(write);
          events.normal(env, "AzureWrite", write.method(), write.method() + " " + write.id() + " ("
              + String.join(", ", write.differences().subList(0, Math.min(3, write.differences().size()))) + ") as "
              + azure.identity());
        }
        if (applied.inSync()) {
          status = statuses.ready(env, plan, facts, owner, all);
        } else {
          // Ready is for a reconcile that read Azure, found nothing to write and nothing running.
          status = writes.isEmpty() ? statuses.retrying(env, "Converging", "waiting for Azure")
              : drift.withCorrections(statuses.converging(env, plan, facts, owner, writes, all), writes);
          if (!applied.waitingFor().isEmpty()) {
            status = statuses.waiting(env, status, applied.waitingFor(), applied.operations());
          }
          next = nextLook(azure, applied);
        }
        status = drift.withDrift(env, status, pending);
      }
    } catch (ArmException e) {
      sessions.forgetSharedFactsAfter(e);
      var stall = errors.stall(env, env.getStatus(), e, "Reconcile", error -> statuses.stalled(env, error));
      status = stall.status();
      next = stall.recheckAfter();
    }
    return statusUpdate(env, status, next);
  }

  /**
   * Nothing is running, drifted or unplanned for the environment as its status tells: the computes it
   * planned are exactly its valid ones, at these generations, and routes by service-tag prefixes were
   * planned from the region's current tag list (one read per region and refresh period, shared).
   */
  private boolean idle(TrainingEnvironment env, List<TrainingCompute> computes) {
    TrainingEnvironmentStatus status = env.getStatus();
    if (status == null || !operations(env).isEmpty() || status.getDrift() != null) {
      return false;
    }
    Set<TrainingEnvironmentStatus.PlannedCompute> current = computes.stream().filter(StoredSpecs::valid)
        .map(tc -> new TrainingEnvironmentStatus.PlannedCompute(tc.getMetadata().getName(), tc.getMetadata().getGeneration()))
        .collect(Collectors.toSet());
    if (!current.equals(status.getComputes() == null ? Set.of() : Set.copyOf(status.getComputes()))) {
      return false;
    }
    return !routesByServiceTagPrefixes(env) || serviceTagsUnchanged(env);
  }

  private static boolean routesByServiceTagPrefixes(TrainingEnvironment env) {
    return env.getSpec().effectiveForcedTunneling().effectiveMode() == ForcedTunneling.TunnelingMode.UserDefinedRoutes
        && env.getSpec().effectiveForcedTunneling().effectivePrefixMode() == ForcedTunneling.PrefixMode.IpPrefixes;
  }

  /** The tags may have changed while no operator ran; an error reading them leaves the answer to a full reconcile. */
  private boolean serviceTagsUnchanged(TrainingEnvironment env) {
    try {
      String current = sessions.forEnvironment(env).facts()
          .serviceTags(env.getSpec().subscriptionId(), env.getSpec().workspace().region()).changeNumber();
      return current.equals(env.getStatus().getServiceTagsChangeNumber());
    } catch (RuntimeException e) {
      return false;
    }
  }

  /** When to look again after an apply that did not find Azure in sync. */
  private static Duration nextLook(AzureSessions.AzureSession azure, ApplyResult applied) {
    if (!applied.operations().isEmpty()) {
      return azure.poller().firstPoll(applied.operations(), applied.retryAfter());
    }
    if (applied.waitingFor().contains(OperationPurpose.VIRTUAL_NETWORK)) {
      return VNET_WAIT;
    }
    return applied.waitingFor().isEmpty() ? READ_BACK : BUSY_WAIT;
  }

  private static List<AzureOperation> operations(TrainingEnvironment env) {
    return env.getStatus() == null || env.getStatus().getOperations() == null ? List.of()
        : env.getStatus().getOperations();
  }

  private Optional<Finding> refused(TrainingEnvironment env, Context<TrainingEnvironment> context) {
    return grants.check(context.getClient(), env.getMetadata().getNamespace(), env.getSpec().credential(),
        TouchedScopes.of(env.getMetadata().getNamespace(), env.getMetadata().getName(), env.getSpec()));
  }

  /** Stalled with ScopeNotGranted or IdentityNotGranted; the Warning only when the status changes. */
  private TrainingEnvironmentStatus refusal(TrainingEnvironment env, Finding refused) {
    TrainingEnvironmentStatus status = statuses.stalled(env, refused.reason(), refused.message());
    if (!status.equals(env.getStatus())) {
      events.warning(env, refused.reason(), "Reconcile", refused.message());
    }
    return status;
  }

  /**
   * The last reconcile of this spec queued for its VNet's write slot, and another environment still
   * holds it or has the turn to take it: nothing has changed for this one until its own turn comes.
   */
  private boolean queuedForVirtualNetwork(TrainingEnvironment env, String subnetId, String owner) {
    TrainingEnvironmentStatus status = env.getStatus();
    if (status == null || !java.util.Objects.equals(status.getObservedGeneration(), env.getMetadata().getGeneration())) {
      return false;
    }
    io.fabric8.kubernetes.api.model.Condition reconciling = Conditions.find(status.getConditions(), Conditions.RECONCILING);
    return reconciling != null && "True".equals(reconciling.getStatus())
        && Waiting.reason(List.of(OperationPurpose.VIRTUAL_NETWORK)).equals(reconciling.getReason())
        && sessions.vnetLocks().mustWait(subnetId, owner);
  }

  /**
   * Every name amlnet may have used is looked for when the spec changed since status was written;
   * otherwise status records whatever amlnet made, and a reconcile reads only that and what is declared.
   * A new environment (no status yet) has made nothing but what its spec declares: a write accepted
   * just before a crash is under a declared name. (One made under a spec that changed before any
   * status was written is found at the next change of spec, or by the teardown, which looks for all.)
   */
  private static FactsReader.Candidates candidates(TrainingEnvironment env) {
    TrainingEnvironmentStatus status = env.getStatus();
    boolean changed = status != null && status.getObservedGeneration() != null
        && !status.getObservedGeneration().equals(env.getMetadata().getGeneration());
    boolean unrecorded = status != null && status.getAzureResources() == null && status.getObservedGeneration() != null;
    return changed || unrecorded ? FactsReader.Candidates.EVERY : FactsReader.Candidates.DECLARED;
  }

  private static List<String> recorded(TrainingEnvironment env) {
    return env.getStatus() == null || env.getStatus().getAzureResources() == null ? List.of()
        : env.getStatus().getAzureResources().all();
  }

  @Override
  public ErrorStatusUpdateControl<TrainingEnvironment> updateErrorStatus(TrainingEnvironment env,
      Context<TrainingEnvironment> context, Exception e) {
    if (Conditions.refusedForSize(e)) {
      TrainingEnvironmentStatus minimal = new TrainingEnvironmentStatus();
      minimal.setObservedGeneration(env.getMetadata().getGeneration());
      minimal.setConditions(Conditions.minimal(env.getMetadata().getGeneration(), clock));
      // What amlnet owns in Azure stays known, so deletion can still clean it up.
      minimal.setAzureResources(env.getStatus() == null ? null : env.getStatus().getAzureResources());
      env.setStatus(minimal);
      return ErrorStatusUpdateControl.patchStatus(env);
    }
    String reason = e instanceof ArmException arm ? arm.code() : "Retrying";
    env.setStatus(statuses.retrying(env, reason, e.getMessage() == null ? e.toString() : e.getMessage()));
    // No rescheduleAfter here: on this control it turns JOSDK's retry off. The retry (no attempt
    // limit, backoff capped at the resync period) is what reschedules a failed reconcile.
    return ErrorStatusUpdateControl.patchStatus(env);
  }

  /**
   * Deletion follows dependencies: while computes are bound (their rules and subnet come from this
   * environment) it waits and says so; then it removes what it owns, or leaves it (Orphan), and
   * lets the credential Secret go.
   */
  @Override
  public DeleteControl cleanup(TrainingEnvironment env, Context<TrainingEnvironment> context) {
    if (SkipAzureCleanup.requested(env)) {
      events.warning(env, SkipAzureCleanup.EVENT_REASON, "Delete", SkipAzureCleanup.message());
      return released(env);
    }
    if (!StoredSpecs.valid(env)) {
      // amlnet never plans with an invalid spec, so it never wrote anything to Azure for it.
      return released(env);
    }
    List<String> bound = context.getSecondaryResources(TrainingCompute.class).stream()
        .map(tc -> tc.getMetadata().getName()).sorted().toList();
    if (!bound.isEmpty()) {
      TrainingEnvironmentStatus status = statuses.waitingForComputes(env, bound);
      if (!status.equals(env.getStatus())) {
        env.setStatus(status);
        context.getClient().resource(env).patchStatus();
      }
      // Each compute's deletion is an event for this environment; the delay is only a safety net.
      return DeleteControl.noFinalizerRemoval().rescheduleAfter(ReconcileTiming.resync(settings.resyncPeriod()));
    }
    if (env.getSpec().observeOnly()) {
      events.normal(env, "Observed", "Delete", "managementPolicy Observe: deleted without touching Azure");
      return released(env);
    }
    if (env.getSpec().effectiveDeletionPolicy() == io.amlnet.api.DeletionPolicy.Orphan) {
      events.normal(env, "Orphaned", "Delete", "deletionPolicy Orphan: the Azure objects and subnet associations stay");
      return released(env);
    }
    Optional<Finding> refused = refused(env, context);
    if (refused.isPresent()) {
      return refusedCleanup(env, context, refused.get());
    }
    String owner = ResourceNames.owner(env.getMetadata().getNamespace(), env.getMetadata().getName());
    try {
      AzureSessions.AzureSession azure = sessions.forEnvironment(env);
      OperationPoller.Progress progress = azure.poller().pollOnceForTeardown(operations(env), owner);
      if (!progress.done()) {
        patchIfChanged(env, statuses.waiting(env, progress.purposes(), progress.running()), context);
        return DeleteControl.noFinalizerRemoval().rescheduleAfter(progress.pollAgainAfter());
      }
      AzureIds ids = AzureIds.of(env.getMetadata().getNamespace(), env.getMetadata().getName(), env.getSpec());
      if (env.getStatus() != null && env.getStatus().getAzureResources() != null
          && env.getStatus().getAzureResources().subnetId() != null) {
        // The subnet amlnet last wrote to, even if a refused move (R8) changed the spec since.
        ids = ids.atSubnet(env.getStatus().getAzureResources().subnetId());
      }
      if (queuedForVirtualNetwork(env, ids.subnet(), owner)) {
        // As in reconcile: its turn to detach comes with the holder's release, and reading every name
        // amlnet may have used meanwhile would spend the read budget the holder needs.
        return DeleteControl.noFinalizerRemoval().rescheduleAfter(VNET_WAIT);
      }
      ApplyResult step = azure.teardown().delete(ids, owner, recorded(env));
      step.writes().forEach(w -> events.normal(env, "AzureDelete", "Delete", w.method() + " " + w.id()
          + " as " + azure.identity()));
      if (!EnvironmentTeardown.finished(step)) {
        patchIfChanged(env, statuses.waiting(env, step.waitingFor(), step.operations()), context);
        return DeleteControl.noFinalizerRemoval().rescheduleAfter(nextLook(azure, step));
      }
      return released(env);
    } catch (ArmException e) {
      if (!e.retryable() && (env.getStatus() == null || env.getStatus().getAzureResources() == null)) {
        // No Azure object was ever recorded as amlnet's (no plan was applied), and Azure cannot be
        // reached to look (a missing credential Secret): nothing to clean up keeps the object alive.
        events.warning(env, e.code(), "Delete", "deleted without cleanup, as amlnet never applied a plan for it: "
            + e.getMessage());
        return released(env);
      }
      // A lock (R3) or missing permission: say so on the object and keep the finalizer.
      var stall = errors.stall(env, env.getStatus(), e, "Delete", error -> statuses.stalled(env, error));
      if (stall.changed()) {
        env.setStatus(stall.status());
        context.getClient().resource(env).patchStatus();
      }
      return DeleteControl.noFinalizerRemoval().rescheduleAfter(stall.recheckAfter());
    }
  }

  private static void patchIfChanged(TrainingEnvironment env, TrainingEnvironmentStatus status,
      Context<TrainingEnvironment> context) {
    if (!status.equals(env.getStatus())) {
      env.setStatus(status);
      context.getClient().resource(env).patchStatus();
    }
  }

  /**
   * A grant withdrawn before deletion: amlnet never acts outside the grants, not even to clean up.
   * With nothing ever recorded in Azure the object goes; otherwise deletion waits, Stalled with the
   * reason, until a grant covers it again or amlnet.io/skip-azure-cleanup lets it go without cleanup.
   */
  private DeleteControl refusedCleanup(TrainingEnvironment env, Context<TrainingEnvironment> context, Finding refused) {
    if (env.getStatus() == null || env.getStatus().getAzureResources() == null) {
      events.warning(env, refused.reason(), "Delete", "deleted without cleanup, as amlnet never applied a plan for it: "
          + refused.message());
      return released(env);
    }
    TrainingEnvironmentStatus status = refusal(env, new Finding(refused.requirement(), refused.severity(),
        "deletion waits: " + refused.message() + "; grant the scope again, or set " + SkipAzureCleanup.ANNOTATION
            + "=true to leave the Azure objects behind", null, refused.code()));
    patchIfChanged(env, status, context);
    return DeleteControl.noFinalizerRemoval().rescheduleAfter(ReconcileTiming.resync(settings.resyncPeriod()));
  }

  private DeleteControl released(TrainingEnvironment env) {
    credentialSecrets.release(env, environments == null ? java.util.stream.Stream.empty()
        : environments.list(env.getMetadata().getNamespace()));
    return DeleteControl.defaultDelete();
  }

  private UpdateControl<TrainingEnvironment> statusUpdate(TrainingEnvironment env, TrainingEnvironmentStatus status,
      Duration next) {
    UpdateControl<TrainingEnvironment> control;
    if (status.equals(env.getStatus())) {
      control = UpdateControl.noUpdate();
    } else {
      env.setStatus(status);
      control = UpdateControl.patchStatus(env);
    }
    return control.rescheduleAfter(next);
  }
}
