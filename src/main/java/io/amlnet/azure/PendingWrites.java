package io.amlnet.azure;

import com.fasterxml.jackson.databind.JsonNode;
import io.amlnet.plan.ArmWrite;
import io.amlnet.plan.AzureFacts;
import io.amlnet.plan.FieldDifference;
import io.amlnet.plan.Plan;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Which of a plan's writes Azure does not already satisfy, and in which fields: what the operator
 * would write now. The applier writes exactly these; `amlnet plan --live`, `amlnet diff` and an
 * environment in Observe only show them. A target the facts do not cover is read (never written).
 */
public final class PendingWrites {
  private static final String SECURITY_RULES = "Microsoft.Network/networkSecurityGroups/securityRules";
  private static final String SUBNETS = "Microsoft.Network/virtualNetworks/subnets";
  private static final String MACHINE_LEARNING = "Microsoft.MachineLearningServices";

  /** How a target the facts did not cover is read: by ID and API version; empty when absent. */
  @FunctionalInterface
  public interface Reader {
    Optional<JsonNode> read(String id, String apiVersion);

    static Reader of(ArmClient arm) {
      return (id, apiVersion) -> arm.get(id, apiVersion).map(ArmResource::body);
    }
  }

  /**
   * One write the plan still needs. {@code differences} are the fields that differ, or the whole
   * object when it is absent (a create) or no longer declared (a delete); {@code foreign} when an
   * object someone else owns stands at the target, which amlnet never writes (NameCollision).
   */
  public record PendingWrite(ArmWrite write, List<FieldDifference> differences, boolean foreign) {
    public boolean creates() {
      return differences.size() == 1 && differences.get(0).field().equals(WHOLE)
          && FieldDifference.ABSENT.equals(differences.get(0).actual());
    }

    /** The differences in the one-line form of events (as {@link Drift#between}). */
    public List<String> described() {
      return differences.stream().map(FieldDifference::describe).toList();
    }
  }

  /** The field name of a difference that is the whole object. */
  public static final String WHOLE = "(resource)";

  private final Reader reader;

  public PendingWrites(Reader reader) {
    this.reader = reader;
  }

  /** Every write of the plan that Azure does not satisfy now, in the plan's order. */
  public List<PendingWrite> of(Plan plan, AzureFacts facts, String owner) {
    List<PendingWrite> pending = new ArrayList<>();
    for (ArmWrite write : plan.writes()) {
      judge(write, plan, facts, owner).ifPresent(pending::add);
    }
    return pending;
  }

  /** The pending form of one write of the plan, or empty when Azure already holds it. */
  public Optional<PendingWrite> judge(ArmWrite write, Plan plan, AzureFacts facts, String owner) {
    if (write.isDelete()) {
      return Optional.of(new PendingWrite(write, List.of(FieldDifference.notWanted(WHOLE)), false));
    }
    if (write.resourceType().equals(SUBNETS)) {
      Optional<JsonNode> subnet = facts.subnet(write.id()).map(s -> (JsonNode) s.armBody());
      List<FieldDifference> differences = subnet.map(s -> plan.network().subnetAssociations().fieldDifferences(s))
          .orElse(List.of(FieldDifference.missing(WHOLE)));
      return differences.isEmpty() ? Optional.empty() : Optional.of(new PendingWrite(write, differences, false));
    }
    Optional<JsonNode> current;
    try {
      current = current(write, facts);
    } catch (ArmException noExistingNsg) {
      current = Optional.empty(); // shown as a rule to create; the applier stops on the missing NSG
    }
    if (current.isEmpty()) {
      return Optional.of(new PendingWrite(write, List.of(FieldDifference.missing(WHOLE)), false));
    }
    List<FieldDifference> differences = Drift.fields(write.body(), current.get());
    if (differences.isEmpty()) {
      return Optional.empty();
    }
    // Computes are the compute reconciler's: AML keeps no owner tag on them.
    boolean foreign = !write.resourceType().startsWith(MACHINE_LEARNING) && !Ownership.ownedBy(current.get(), owner);
    return Optional.of(new PendingWrite(write, differences, foreign));
  }

  /** What Azure holds at the write's target; rules in another owner's NSG are found in one read of that NSG. */
  public Optional<JsonNode> current(ArmWrite write, AzureFacts facts) {
    if (!write.resourceType().equals(SECURITY_RULES)) {
      return read(write.id(), write.apiVersion(), facts);
    }
    int at = write.id().lastIndexOf("/securityRules/");
    String nsgId = write.id().substring(0, at);
    String ruleName = write.id().substring(at + "/securityRules/".length());
    Optional<JsonNode> nsg = read(nsgId, write.apiVersion(), facts);
    if (nsg.isEmpty()) {
      throw new ArmException(404, "ResourceNotFound", "the existing NSG " + nsgId + " does not exist");
    }
    for (JsonNode rule : nsg.get().path("properties").path("securityRules")) {
      if (rule.path("name").asText().equalsIgnoreCase(ruleName)) {
        return Optional.of(rule);
      }
    }
    return Optional.empty();
  }

  private Optional<JsonNode> read(String id, String apiVersion, AzureFacts facts) {
    Optional<JsonNode> known = facts.resource(id);
    if (known.isPresent() || facts.isAbsent(id)) {
      return known;
    }
    return reader.read(id, apiVersion);
  }
}
