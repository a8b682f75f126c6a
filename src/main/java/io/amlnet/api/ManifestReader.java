package io.amlnet.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads multi-document YAML of TrainingEnvironments and TrainingComputes and validates each against
 * the CRD schema bundled in the jar (Secrets beside them are skipped unread). Every error names the
 * source, the document and the field.
 */
public final class ManifestReader {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();
  private static final JsonNode ENVIRONMENT_SCHEMA = schema("trainingenvironments.amlnet.io-v1.yml");
  private static final JsonNode COMPUTE_SCHEMA = schema("trainingcomputes.amlnet.io-v1.yml");

  /** What was read: the objects, or the errors that stop a plan. */
  public record Manifests(List<TrainingEnvironment> environments, List<TrainingCompute> computes,
      List<String> errors) {}

  private ManifestReader() {}

  public static Manifests read(String source, String yaml) {
    List<TrainingEnvironment> environments = new ArrayList<>();
    List<TrainingCompute> computes = new ArrayList<>();
    List<String> errors = new ArrayList<>();
    int index = 0;
    try (MappingIterator<JsonNode> documents = YAML.readerFor(JsonNode.class).readValues(yaml)) {
      while (documents.hasNext()) {
        index++;
        JsonNode document = documents.next();
        if (document == null || document.isNull() || document.isEmpty()) {
          continue;
        }
        if (isSecret(document)) {
          continue; // an attached compute's credentials, applied beside it; a plan never reads their values
        }
        String where = source + ": document " + index + describe(document) + ": ";
        read(document, where, environments, computes, errors);
      }
    } catch (IOException | RuntimeException e) {
      errors.add(source + ": " + yamlError(e));
    }
    return new Manifests(environments, computes, errors);
  }

  private static void read(JsonNode document, String where, List<TrainingEnvironment> environments,
      List<TrainingCompute> computes, List<String> errors) {
    String apiVersion = document.path("apiVersion").asText("");
    String kind = document.path("kind").asText("");
    if (!apiVersion.equals(ApiGroup.NAME + "/" + ApiGroup.VERSION)) {
      errors.add(where + "apiVersion: must be " + ApiGroup.NAME + "/" + ApiGroup.VERSION);
      return;
    }
    JsonNode schema = switch (kind) {
      case "TrainingEnvironment" -> ENVIRONMENT_SCHEMA;
      case "TrainingCompute" -> COMPUTE_SCHEMA;
      default -> null;
    };
    if (schema == null) {
      errors.add(where + "kind: must be TrainingEnvironment or TrainingCompute");
      return;
    }
    List<String> problems = new ArrayList<>();
    if (document.path("metadata").path("name").asText("").isEmpty()) {
      problems.add("metadata.name: required");
    }
    if (!document.has("spec")) {
      problems.add("spec: required");
    } else {
      problems.addAll(SchemaValidator.validate(schema.path("properties").path("spec"), document.get("spec"), "spec"));
    }
    if (!problems.isEmpty()) {
      problems.forEach(p -> errors.add(where + p));
      return;
    }
    Class<? extends HasMetadata> type = kind.equals("TrainingEnvironment")
        ? TrainingEnvironment.class : TrainingCompute.class;
    HasMetadata object = SERIALIZATION.convertValue(document, type);
    if (object.getMetadata().getNamespace() == null) {
      object.getMetadata().setNamespace("default");
    }
    if (object instanceof TrainingEnvironment environment) {
      environments.add(environment);
    } else {
      computes.add((TrainingCompute) object);
    }
  }

  private static boolean isSecret(JsonNode document) {
    return document.path("apiVersion").asText("").equals("v1") && document.path("kind").asText("").equals("Secret");
  }

  /** One line: where the YAML broke and the parser's first sentence, never a stack trace. */
  private static String yamlError(Exception e) {
    Throwable cause = e;
    while (!(cause instanceof JsonProcessingException) && cause.getCause() != null) {
      cause = cause.getCause();
    }
    if (cause instanceof JsonProcessingException parse && parse.getLocation() != null) {
      String reason = parse.getOriginalMessage().lines().findFirst().orElse("").trim();
      return "line " + parse.getLocation().getLineNr() + ": not valid YAML: " + reason;
    }
    return "not valid YAML: " + String.valueOf(cause.getMessage()).lines().findFirst().orElse("");
  }

  private static String describe(JsonNode document) {
    String name = document.path("metadata").path("name").asText("");
    String kind = document.path("kind").asText("");
    return kind.isEmpty() && name.isEmpty() ? "" : " (" + (kind + " " + name).trim() + ")";
  }

  private static JsonNode schema(String crdFile) {
    try (InputStream in = ManifestReader.class.getResourceAsStream("crds/" + crdFile)) {
      if (in == null) {
        throw new IllegalStateException("CRD " + crdFile + " is missing from the jar");
      }
      return YAML.readTree(in).path("spec").path("versions").get(0).path("schema").path("openAPIV3Schema");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
