package io.amlnet.controller;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.amlnet.api.TrainingCompute;
import io.amlnet.api.TrainingEnvironment;
import io.amlnet.sandbox.ArmRequest;
import io.amlnet.testing.BadInputCorpus;
import io.amlnet.testing.BadInputCorpus.Case;
import io.amlnet.testing.BadInputCorpus.Verdict;
import io.amlnet.testing.ControlPlane;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.http.HttpClient;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The hostile-input corpus (src/test/resources/bad-input) on the real API server and the operator,
 * one shared sandbox: each case gets the verdict its first line names. Objects are sent as kubectl
 * sends them (YAML as written, field validation Strict). Cases of one kind run as a batch, so the
 * whole corpus costs about one operator start-up; afterwards every object can be deleted, and a
 * canary compute and every example still reach Ready.
 */
@ExtendWith(ControlPlane.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BadInputIT {
  private static final Duration VERDICT = Duration.ofSeconds(90);
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final ObjectMapper JSON = new ObjectMapper();

  private final List<Case> cases = BadInputCorpus.cases();
  private final List<String> wrong = new ArrayList<>();
  private final List<String> allWrong = new ArrayList<>();
  private final Map<Verdict, Integer> confirmed = new LinkedHashMap<>();
  private final List<Case> wrongCases = new ArrayList<>();
  /** Stalled or waiting cases confirmed in a phase that saw no ARM write. */
  private int stalledWithZeroWrites;
  private OperatorSandbox sandbox;

  @BeforeAll
  void startWithTheCorpusEnvironmentReady() throws Exception {
    sandbox = OperatorSandbox.start(OperatorIT.NEVER, o -> { });
    String otherTeam = ControlPlane.createNamespace("other-team");
    // The cross-namespace credential case names a Secret that exists, but only in another namespace.
    sandbox.kube.secrets().inNamespace(otherTeam).resource(new SecretBuilder().withNewMetadata()
        .withName("azure-sp-of-another-team").endMetadata()
        .withStringData(Map.of("tenantId", "t", "clientId", "c", "clientSecret", "s")).build()).create();
    // The login the corpus's attached computes name (attach.credentialsSecret), sandbox-only values.
    sandbox.kube.secrets().inNamespace(sandbox.namespace).resource(new SecretBuilder().withNewMetadata()
        .withName("attach-login").endMetadata()
        .withStringData(Map.of("username", "azureuser", "password", "sandbox-only-not-a-secret")).build()).create();
    assertThat(send("POST", BadInputCorpus.fixture()).code()).isEqualTo(201);
    sandbox.awaitEnvironment("corpus", Conditions.READY, "True", OperatorIT.READY);
  }

  @AfterAll
  void stop() {
    System.out.println("bad-input corpus: " + cases.size() + " cases, confirmed " + confirmed + ", wrong " + allWrong);
    writeBenchmark();
    if (sandbox != null) {
      sandbox.close();
    }
  }

  private List<Case> cases(Verdict verdict, boolean update) {
    return cases.stream().filter(c -> c.verdict() == verdict && c.update() == update).toList();
  }

  @Test
  @Order(1)
  void theApiServerRefusesEveryMalformedObject() throws Exception {
    for (Case c : cases(Verdict.REJECTED, false)) {
      HttpResponse<String> response = send("POST", c.last());
      expect(c, response.code() >= 400 && response.code() < 500, "HTTP " + response.code() + ": "
          + brief(response.body()));
    }
    for (Case c : cases(Verdict.REJECTED, true)) {
      for (String earlier : c.documents().subList(0, c.documents().size() - 1)) {
        assertThat(send("POST", earlier).code()).as(c.name() + ": first version").isEqualTo(201);
      }
      HttpResponse<String> response = send("PUT", c.last());
      expect(c, response.code() == 422, "HTTP " + response.code() + ": " + brief(response.body()));
    }
    assertNoneWrong();
  }

  /** Admitted, but only Azure's facts can tell: Stalled (or waiting) with its reason, and 0 ARM writes. */
  @Test
  @Order(2)
  void whatOnlyAzureCanTellStallsWithoutAnyArmWrite() throws Exception {
    List<Case> batch = Stream.concat(cases(Verdict.STALLED, false).stream(), cases(Verdict.WAITING, false).stream())
        .toList();
    sandbox.arm.requests().reset();
    for (Case c : batch) {
      assertThat(send("POST", c.last()).code()).as(c.name()).isEqualTo(201);
    }
    awaitAll(batch, c -> c.verdict() == Verdict.STALLED
        ? condition(c, Conditions.STALLED, "True", c.reason()) : condition(c, Conditions.READY, "False", c.reason()));
    OperatorSandbox.sleep(2000); // writes a late reconcile would make
    countStalledWithoutWrites(batch);
    assertThat(writes()).as("ARM writes while the stalled cases were reconciled").isEmpty();
    assertNoneWrong();
  }

  @Test
  @Order(3)
  void trickyValidObjectsReachReady() throws Exception {
    List<Case> batch = new ArrayList<>(cases(Verdict.READY, false));
    for (Case c : batch) {
      assertThat(send("POST", c.last()).code()).as(c.name()).isEqualTo(201);
    }
    for (Case c : cases(Verdict.READY, true)) {
      for (String earlier : c.documents().subList(0, c.documents().size() - 1)) {
        assertThat(send("POST", earlier).code()).as(c.name() + ": first version").isEqualTo(201);
      }
      assertThat(send("PUT", c.last()).code()).as(c.name() + ": update").isEqualTo(200);
      batch.add(c);
    }
    awaitAll(batch, c -> condition(c, Conditions.READY, "True", null));
    assertNoneWrong();
  }

  /** R8: an environment whose cluster lives in its subnet may not move to another one. */
  @Test
  @Order(4)
  void anUpdateThatMovesAnEnvironmentAwayFromItsClusterStallsWithoutAnyArmWrite() throws Exception {
    List<Case> batch = cases(Verdict.STALLED, true);
    for (Case c : batch) {
      List<String> earlier = c.documents().subList(0, c.documents().size() - 1);
      for (String document : earlier) {
        assertThat(send("POST", document).code()).as(c.name()).isEqualTo(201);
      }
      for (String document : earlier) {
        awaitReady(document);
      }
    }
    sandbox.arm.requests().reset();
    for (Case c : batch) {
      assertThat(send("PUT", c.last()).code()).as(c.name() + ": update").isEqualTo(200);
    }
    awaitAll(batch, c -> condition(c, Conditions.STALLED, "True", c.reason()));
    countStalledWithoutWrites(batch);
    assertThat(writes()).as("ARM writes after the moves").isEmpty();
    assertNoneWrong();
  }

  /** No bad object blocks its own deletion: every finalizer clears. */
  @Test
  @Order(5)
  void everyObjectOfTheCorpusCanBeDeleted() {
    sandbox.kube.resources(TrainingCompute.class).inNamespace(sandbox.namespace).delete();
    sandbox.kube.resources(TrainingEnvironment.class).inNamespace(sandbox.namespace).delete();
    long deadline = System.nanoTime() + VERDICT.toNanos();
    while (System.nanoTime() < deadline && remaining() > 0) {
      OperatorSandbox.sleep(200);
    }
    assertThat(sandbox.kube.resources(TrainingCompute.class).inNamespace(sandbox.namespace).list().getItems())
        .extracting(o -> o.getMetadata().getName()).as("computes left after deletion").isEmpty();
    assertThat(sandbox.kube.resources(TrainingEnvironment.class).inNamespace(sandbox.namespace).list().getItems())
        .extracting(o -> o.getMetadata().getName()).as("environments left after deletion").isEmpty();
  }

  /** The same operator, after all of the above: the examples and a canary compute still work. */
  @Test
  @Order(6)
  void afterTheCorpusACanaryAndEveryExampleReachReady() throws IOException {
    List<HasMetadata> created = new ArrayList<>();
    try (Stream<Path> files = Files.list(Path.of("examples"))) {
      for (Path file : files.filter(f -> f.toString().endsWith(".yaml") && !f.toString().contains("world"))
          .sorted().toList()) {
        created.addAll(sandbox.apply(file.getFileName().toString()));
      }
    }
    created.addAll(sandbox.apply("open-outbound.yaml", yaml -> """
        apiVersion: amlnet.io/v1alpha1
        kind: TrainingCompute
        metadata: {name: canary}
        spec:
          environmentRef: open-outbound
          kind: AmlCompute
          amlCompute: {vmSize: Standard_DS3_v2, maxNodes: 1}
        """));
    for (HasMetadata object : created) {
      if (object instanceof TrainingEnvironment) {
        sandbox.awaitEnvironment(object.getMetadata().getName(), Conditions.READY, "True", OperatorIT.READY);
      } else if (object instanceof TrainingCompute) {
        sandbox.awaitCompute(object.getMetadata().getName(), Conditions.READY, "True", OperatorIT.READY);
      }
    }
  }

  private void countStalledWithoutWrites(List<Case> batch) {
    if (writes().isEmpty()) {
      stalledWithZeroWrites += (int) batch.stream().filter(c -> !wrongCases.contains(c)).count();
    }
  }

  /**
   * target/bench/bad-input.json for the benchmark report: an invalid case the API server admitted or
   * the operator let through is accepted wrongly; a valid one that did not reach Ready is rejected wrongly.
   */
  private void writeBenchmark() {
    ObjectNode result = JSON.createObjectNode();
    result.put("cases", cases.size());
    result.put("rejectedByApiServer", confirmed.getOrDefault(Verdict.REJECTED, 0));
    result.put("stalledWithZeroWrites", stalledWithZeroWrites);
    result.put("acceptedWrongly", wrongCases.stream().filter(c -> c.verdict() != Verdict.READY).count());
    result.put("rejectedWrongly", wrongCases.stream().filter(c -> c.verdict() == Verdict.READY).count());
    result.put("validCases", cases.stream().filter(c -> c.verdict() == Verdict.READY).count());
    try {
      Path out = Path.of("target/bench/bad-input.json");
      Files.createDirectories(out.getParent());
      Files.writeString(out, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(result) + "\n");
    } catch (IOException e) {
      System.err.println("cannot write target/bench/bad-input.json: " + e);
    }
  }

  private void expect(Case c, boolean ok, String seen) {
    if (ok) {
      confirmed.merge(c.verdict(), 1, Integer::sum);
    } else {
      wrongCases.add(c);
      wrong.add(c.name() + " (expected " + c.verdict() + (c.reason() == null ? "" : " " + c.reason()) + "): " + seen);
    }
  }

  /** This phase's wrong verdicts, all of them at once. */
  private void assertNoneWrong() {
    List<String> phase = List.copyOf(wrong);
    allWrong.addAll(phase);
    wrong.clear();
    assertThat(phase).as("cases with the wrong verdict").isEmpty();
  }

  /** Polls every case until its condition holds or the shared deadline passes. */
  private void awaitAll(List<Case> batch, Predicate<Case> done) {
    List<Case> pending = new ArrayList<>(batch);
    long deadline = System.nanoTime() + VERDICT.toNanos();
    while (!pending.isEmpty() && System.nanoTime() < deadline) {
      pending.removeIf(c -> {
        boolean ok = done.test(c);
        if (ok) {
          expect(c, true, "");
        }
        return ok;
      });
      OperatorSandbox.sleep(200);
    }
    for (Case c : pending) {
      expect(c, false, "conditions " + brief(String.valueOf(conditions(c.last()))));
    }
  }

  private boolean condition(Case c, String type, String status, String reason) {
    List<Condition> conditions = conditions(c.last());
    Condition found = conditions == null ? null : Conditions.find(conditions, type);
    return found != null && status.equals(found.getStatus()) && (reason == null || reason.equals(found.getReason()));
  }

  private void awaitReady(String document) {
    ObjectNode object = parse(document);
    String name = object.path("metadata").path("name").asText();
    if (object.path("kind").asText().equals("TrainingEnvironment")) {
      sandbox.awaitEnvironment(name, Conditions.READY, "True", OperatorIT.READY);
    } else {
      sandbox.awaitCompute(name, Conditions.READY, "True", OperatorIT.READY);
    }
  }

  private List<Condition> conditions(String document) {
    ObjectNode object = parse(document);
    String name = object.path("metadata").path("name").asText();
    if (object.path("kind").asText().equals("TrainingEnvironment")) {
      TrainingEnvironment env = sandbox.environment(name);
      return env == null || env.getStatus() == null ? null : env.getStatus().getConditions();
    }
    TrainingCompute tc = sandbox.compute(name);
    return tc == null || tc.getStatus() == null ? null : tc.getStatus().getConditions();
  }

  private List<String> writes() {
    return sandbox.arm.requests().entries().stream().filter(e -> e.kind() != ArmRequest.Kind.READ)
        .map(e -> e.method() + " " + e.path() + " -> " + e.status()).toList();
  }

  private long remaining() {
    return sandbox.kube.resources(TrainingCompute.class).inNamespace(sandbox.namespace).list().getItems().size()
        + sandbox.kube.resources(TrainingEnvironment.class).inNamespace(sandbox.namespace).list().getItems().size();
  }

  /**
   * POST: the YAML as written, like kubectl create (Strict field validation: unknown and duplicate
   * fields are errors). PUT: an update of the stored object to this document.
   */
  private HttpResponse<String> send(String method, String document) throws Exception {
    String plural = document.contains("kind: TrainingEnvironment") ? "trainingenvironments" : "trainingcomputes";
    String collection = sandbox.kube.getMasterUrl().toString().replaceAll("/$", "") + "/apis/amlnet.io/v1alpha1/namespaces/"
        + sandbox.namespace + "/" + plural;
    HttpClient http = sandbox.kube.getHttpClient();
    HttpRequest request;
    if (method.equals("POST")) {
      request = http.newHttpRequestBuilder().uri(collection + "?fieldValidation=Strict")
          .method("POST", "application/yaml", document).build();
    } else {
      ObjectNode object = parse(document);
      String name = object.path("metadata").path("name").asText();
      // The operator writes the object too (finalizer, status): a conflict is retried on the latest version.
      for (int attempt = 0; ; attempt++) {
        HttpResponse<String> current = http.sendAsync(http.newHttpRequestBuilder().uri(collection + "/" + name)
            .build(), String.class).get(30, TimeUnit.SECONDS);
        JsonNode stored = JSON.readTree(current.body()).path("metadata");
        ObjectNode metadata = (ObjectNode) object.get("metadata");
        metadata.put("resourceVersion", stored.path("resourceVersion").asText());
        if (stored.has("finalizers")) {
          metadata.set("finalizers", stored.get("finalizers"));
        }
        request = http.newHttpRequestBuilder().uri(collection + "/" + name + "?fieldValidation=Strict")
            .method("PUT", "application/json", JSON.writeValueAsString(object)).build();
        HttpResponse<String> response = http.sendAsync(request, String.class).get(60, TimeUnit.SECONDS);
        if (response.code() != 409 || attempt == 5) {
          return response;
        }
      }
    }
    return http.sendAsync(request, String.class).get(60, TimeUnit.SECONDS);
  }

  private static ObjectNode parse(String document) {
    try {
      return (ObjectNode) YAML.readTree(document);
    } catch (IOException e) {
      throw new IllegalArgumentException(e);
    }
  }

  private static String brief(String text) {
    return text == null ? "" : text.length() > 300 ? text.substring(0, 300) + "..." : text;
  }
}
