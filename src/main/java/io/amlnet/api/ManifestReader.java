package io.amlnet.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
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
  // A key given twice is an error, as for kubectl (whose field validation is Strict).
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
      .enable(com.fasterxml.jackson.core.JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
  private static final com.google.re2j.Pattern DNS_SUBDOMAIN =
      com.google.re2j.Pattern.compile("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$");
  private static final com.google.re2j.Pattern DNS_LABEL = com.google.re2j.Pattern.compile("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$");
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
    // Document by document: a reader of values would unwrap a top-level list into its items.
    try (com.fasterxml.jackson.core.JsonParser documents = YAML.getFactory().createParser(yaml)) {
      while (documents.nextToken() != null) {
        index++;
        JsonNode document = YAML.readTree(documents);
        if (document == null || document.isNull() || document.isMissingNode()
            || document.isObject() && document.isEmpty()) {
          continue;
        }
        if (!document.isObject()) {
          errors.add(source + ": document " + index + ": must be a Kubernetes object (a mapping), not a "
              + document.getNodeType().name().toLowerCase(java.util.Locale.ROOT));
          continue;
        }
        if (isSecret(document) || isGrant(document)) {
          // An attached compute's credentials (a plan never reads their values), or a cluster admin's
          // AzureAccessGrant kept in the same GitOps folder: neither is planned.
          continue;
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
    List<String> problems = problems(document, schema);
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

  private static boolean isGrant(JsonNode document) {
    return document.path("apiVersion").asText("").equals(ApiGroup.NAME + "/" + ApiGroup.VERSION)
        && document.path("kind").asText("").equals("AzureAccessGrant");
  }

  private static boolean isSecret(JsonNode document) {
    return document.path("apiVersion").asText("").equals("v1") && document.path("kind").asText("").equals("Secret");
  }

  /**
   * What the API server would refuse in an object already stored, by today's schema: an object
   * admitted under an older, looser CRD must stall itself instead of breaking its peers' reconciles.
   */
  public static List<String> problems(HasMetadata object) {
    JsonNode schema = object instanceof TrainingEnvironment ? ENVIRONMENT_SCHEMA : COMPUTE_SCHEMA;
    return problems(SERIALIZATION.convertValue(object, JsonNode.class), schema);
  }

  private static List<String> problems(JsonNode document, JsonNode schema) {
    List<String> problems = new ArrayList<>();
    JsonNode name = document.path("metadata").path("name");
    if (!name.isTextual() || name.asText().isEmpty()) {
      problems.add("metadata.name: required, a string");
    } else if (name.asText().length() > 253 || !DNS_SUBDOMAIN.matcher(name.asText()).matches()) {
      problems.add("metadata.name: " + SchemaValidator.quoted(name.asText())
          + " must be a lower-case RFC 1123 subdomain of at most 253 characters");
    }
    JsonNode namespace = document.path("metadata").path("namespace");
    if (!namespace.isMissingNode() && !namespace.isNull() && (!namespace.isTextual() || namespace.asText().length() > 63
        || !DNS_LABEL.matcher(namespace.asText()).matches())) {
      problems.add("metadata.namespace: must be a lower-case RFC 1123 label of at most 63 characters");
    }
    if (!document.hasNonNull("spec")) {
      problems.add("spec: required");
    } else {
      problems.addAll(SchemaValidator.validate(schema.path("properties").path("spec"), document.get("spec"), "spec"));
    }
    if (problems.isEmpty()) {
      // The API server runs CEL on what passed the schema; its rules assume that shape.
      problems.addAll(CelRules.validate(schema, celView(document), ""));
    }
    return problems;
  }

  /** The object as a root CEL rule sees it: of metadata, only name and generateName. */
  private static JsonNode celView(JsonNode document) {
    com.fasterxml.jackson.databind.node.ObjectNode view = YAML.createObjectNode();
    view.set("apiVersion", document.get("apiVersion"));
    view.set("kind", document.get("kind"));
    com.fasterxml.jackson.databind.node.ObjectNode metadata = view.putObject("metadata");
    for (String field : new String[] {"name", "generateName"}) {
      if (document.path("metadata").has(field)) {
        metadata.set(field, document.path("metadata").get(field));
      }
    }
    view.set("spec", document.get("spec"));
    return view;
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
