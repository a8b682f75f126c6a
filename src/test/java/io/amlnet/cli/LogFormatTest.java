package io.amlnet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/** `amlnet run --log-format`: readable text by default, one JSON object per line for log pipelines. */
class LogFormatTest {
  private final PrintStream original = System.err;

  @AfterEach
  void restore() {
    System.setErr(original);
    MDC.clear();
    LogFormat.Text.apply();
  }

  private String logged(LogFormat format) {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    format.apply();
    MDC.put("object", "ml-team/open-outbound");
    MDC.put("reconcileId", "5b0c2f4e-8d53-4c1e-9a8f-0c2d7e1f3a44");
    MDC.put("armCorrelationId", "5b0c2f4e-8d53-4c1e-9a8f-0c2d7e1f3a44");
    LoggerFactory.getLogger("io.amlnet.controller.TrainingEnvironmentReconciler")
        .info("wrote {} objects", 3);
    return err.toString(StandardCharsets.UTF_8);
  }

  @Test
  void jsonIsOneObjectPerLineWithLevelLoggerMessageObjectReconcileIdAndArmCorrelationId() throws Exception {
    String out = logged(LogFormat.Json);
    assertThat(out.lines()).hasSize(1);
    JsonNode line = new ObjectMapper().readTree(out);
    assertThat(line.path("timestamp").asLong()).isPositive();
    assertThat(line.path("level").asText()).isEqualTo("INFO");
    assertThat(line.path("loggerName").asText()).isEqualTo("io.amlnet.controller.TrainingEnvironmentReconciler");
    assertThat(line.path("formattedMessage").asText()).isEqualTo("wrote 3 objects");
    assertThat(line.path("mdc").path("object").asText()).isEqualTo("ml-team/open-outbound");
    assertThat(line.path("mdc").path("reconcileId").asText()).isEqualTo("5b0c2f4e-8d53-4c1e-9a8f-0c2d7e1f3a44");
    assertThat(line.path("mdc").path("armCorrelationId").asText()).isEqualTo("5b0c2f4e-8d53-4c1e-9a8f-0c2d7e1f3a44");
  }

  @Test
  void textIsOneReadableLineWithTheObjectInBrackets() {
    String out = logged(LogFormat.Text);
    assertThat(out).matches("\\d{4}-\\d\\d-\\d\\dT[0-9:.]+(Z|[+-][0-9:]+) INFO  TrainingEnvironmentReconciler"
        + " \\[ml-team/open-outbound\\] - wrote 3 objects\\R");
  }
}
