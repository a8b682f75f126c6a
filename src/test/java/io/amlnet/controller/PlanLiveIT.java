package io.amlnet.controller;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.amlnet.cli.AmlnetCommand;
import io.amlnet.testing.ControlPlane;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** `amlnet plan --live --detailed-exitcode` beside a running operator: 0 once it converged, 4 after drift. */
@ExtendWith(ControlPlane.class)
class PlanLiveIT {
  record Run(int exitCode, String out) {}

  static Run planLive(OperatorSandbox sandbox, Path manifest) {
    StringWriter out = new StringWriter();
    CommandLine cli = AmlnetCommand.commandLine();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(out));
    int code = cli.execute("plan", "--live", "--detailed-exitcode", "-f", manifest.toString(),
        "--azure-endpoint", sandbox.arm.baseUrl(), "--azure-ca", sandbox.arm.certificatePath().toString(),
        "--azure-credential", "Sandbox");
    return new Run(code, out.toString());
  }

  @Test
  void detailedExitCodeIsZeroOnceTheOperatorConvergedAndFourAfterDrift(@TempDir Path dir) throws Exception {
    try (OperatorSandbox sandbox = OperatorSandbox.start(OperatorIT.NEVER, o -> { })) {
      Path manifest = dir.resolve("existing-nsg.yaml");
      Files.writeString(manifest, OperatorIT.environmentOnly(Files.readString(Path.of("examples/existing-nsg.yaml")))
          .replace("namespace: ml-team", "namespace: " + sandbox.namespace));
      sandbox.apply("existing-nsg.yaml", OperatorIT::environmentOnly);
      sandbox.awaitEnvironment("existing-nsg", Conditions.READY, "True", OperatorIT.READY);

      Run converged = planLive(sandbox, manifest);
      assertThat(converged.exitCode()).as(converged.out()).isZero();
      assertThat(converged.out()).contains("Changes against Azure (0 of 3 writes)");

      String rule = OperatorIT.ids(sandbox, "existing-nsg").networkSecurityGroup()
          + "/securityRules/amlnet-in-azuremachinelearning";
      ObjectNode nsg = sandbox.armResource(rule.substring(0, rule.indexOf("/securityRules/")));
      nsg.with("properties").withArray("securityRules").forEach(r -> {
        if (r.path("name").asText().equals("amlnet-in-azuremachinelearning")) {
          ((ObjectNode) r.get("properties")).put("destinationPortRange", "443");
        }
      });
      sandbox.arm.driftResource(nsg);
      long writes = ObservePolicyIT.writes(sandbox);

      Run drifted = planLive(sandbox, manifest);
      Files.writeString(Path.of("target/plan-live-drifted.txt"), drifted.out());
      assertThat(drifted.exitCode()).as(drifted.out()).isEqualTo(4);
      assertThat(drifted.out()).contains("~ update " + rule, "~ properties.destinationPortRange: 443 -> 44224");
      assertThat(ObservePolicyIT.writes(sandbox)).as("writes by plan --live").isEqualTo(writes);
    }
  }
}
