package io.amlnet.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelValidationException;
import dev.cel.common.types.OptionalType;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.extensions.CelExtensions;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Evaluates a CRD's {@code x-kubernetes-validations} on a new object, as the API server does on
 * create, so that `amlnet plan` and `kubectl apply` give the same verdict. Transition rules (those
 * that read {@code oldSelf}) only apply to updates and are skipped, except those with
 * {@code optionalOldSelf}, which run on create with an absent oldSelf. The API server's CEL has the
 * strings and optional extensions (lowerAscii, indexOf, substring; hasValue); so has this one.
 */
public final class CelRules {
  private static final CelCompiler COMPILER = CelCompilerFactory.standardCelCompilerBuilder()
      .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
      .addVar("self", SimpleType.DYN)
      .addVar("oldSelf", OptionalType.create(SimpleType.DYN))
      .addLibraries(CelExtensions.strings(), CelExtensions.optional())
      .build();
  private static final CelRuntime RUNTIME = CelRuntimeFactory.standardCelRuntimeBuilder()
      .addLibraries(CelExtensions.strings(), CelExtensions.optional())
      .build();
  private static final Map<String, CelRuntime.Program> PROGRAMS = new ConcurrentHashMap<>();

  private CelRules() {}

  /**
   * Errors as "path: message" for every rule of {@code schema} and below that {@code value} breaks.
   * Call it only on a value that passed the structural schema, as the rules assume its shape.
   */
  public static List<String> validate(JsonNode schema, JsonNode value, String path) {
    List<String> errors = new ArrayList<>();
    check(schema, value, path, errors);
    return errors;
  }

  private static void check(JsonNode schema, JsonNode value, String path, List<String> errors) {
    if (value == null || value.isNull() || value.isMissingNode()) {
      return;
    }
    for (JsonNode validation : schema.path("x-kubernetes-validations")) {
      String rule = validation.path("rule").asText();
      if (rule.contains("oldSelf") && !validation.path("optionalOldSelf").asBoolean(false)) {
        continue;
      }
      String message = validation.path("message").asText("failed rule: " + rule);
      try {
        Object result = program(rule).eval(Map.of("self", toCel(value), "oldSelf", Optional.empty()));
        if (!Boolean.TRUE.equals(result)) {
          errors.add(where(path) + message);
        }
      } catch (CelEvaluationException e) {
        // The API server rejects an object whose rule cannot be evaluated (e.g. int() out of range).
        errors.add(where(path) + message + " (the rule could not be evaluated: "
            + String.valueOf(e.getMessage()).lines().findFirst().orElse("") + ")");
      }
    }
    if (value.isObject()) {
      JsonNode properties = schema.path("properties");
      for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> field = it.next();
        if (properties.has(field.getKey())) {
          check(properties.get(field.getKey()), field.getValue(), child(path, field.getKey()), errors);
        }
      }
    } else if (value.isArray() && schema.has("items")) {
      for (int i = 0; i < value.size(); i++) {
        check(schema.get("items"), value.get(i), path + "[" + i + "]", errors);
      }
    }
  }

  private static CelRuntime.Program program(String rule) {
    return PROGRAMS.computeIfAbsent(rule, r -> {
      try {
        CelAbstractSyntaxTree ast = COMPILER.compile(r).getAst();
        return RUNTIME.createProgram(ast);
      } catch (CelValidationException | CelEvaluationException e) {
        throw new IllegalStateException("the bundled CRD has a CEL rule that does not compile: " + r, e);
      }
    });
  }

  /** JSON as CEL sees an object: maps, lists, int64, double, string, bool; nulls are absent (pruned). */
  static Object toCel(JsonNode node) {
    if (node.isObject()) {
      Map<String, Object> map = new LinkedHashMap<>();
      node.fields().forEachRemaining(f -> {
        if (!f.getValue().isNull()) {
          map.put(f.getKey(), toCel(f.getValue()));
        }
      });
      return map;
    }
    if (node.isArray()) {
      List<Object> list = new ArrayList<>();
      node.forEach(item -> list.add(toCel(item)));
      return list;
    }
    if (node.isIntegralNumber()) {
      return node.asLong();
    }
    if (node.isNumber()) {
      return node.asDouble();
    }
    if (node.isBoolean()) {
      return node.asBoolean();
    }
    return node.asText();
  }

  private static String where(String path) {
    return path.isEmpty() ? "" : path + ": ";
  }

  private static String child(String path, String field) {
    return path.isEmpty() ? field : path + "." + field;
  }
}
