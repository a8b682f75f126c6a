package io.amlnet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.amlnet.sandbox.SelfSignedCertificate;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code amlnet sandbox-arm}: registered, prints ARM_URL and ARM_CA, and answers as the curl checks expect. */
class SandboxArmCommandTest {

  @Test
  void sandboxArmIsASubcommandWithPortWorldAndSeedOptions() {
    var cli = AmlnetCommand.commandLine();
    assertThat(cli.getSubcommands()).containsKey("sandbox-arm");
    StringWriter out = new StringWriter();
    cli.getSubcommands().get("sandbox-arm").usage(new PrintWriter(out));
    assertThat(out.toString()).contains("--port", "--world", "--seed", "--lro-latency-ms", "ARM_URL", "ARM_CA");
  }

  @Test
  void startPrintsUrlAndCertificateAndServesTheExampleWorld() throws Exception {
    SandboxArmCommand command = new SandboxArmCommand();
    new CommandLine(command).parseArgs("--port", "0", "--world", "examples/sandbox-world.yaml");
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    try (var emulator = command.start(new PrintStream(printed, true, StandardCharsets.UTF_8))) {
      Properties lines = new Properties();
      lines.load(new java.io.StringReader(printed.toString(StandardCharsets.UTF_8)));
      String url = lines.getProperty("ARM_URL");
      Path ca = Path.of(lines.getProperty("ARM_CA"));
      assertThat(url).startsWith("https://127.0.0.1:");

      HttpClient http = HttpClient.newBuilder().sslContext(SelfSignedCertificate.trustingOnly(ca)).build();
      String nsg = url + "/subscriptions/6f1e6c2a-9d2b-4a43-8c1e-2a6f9d3b7c10/resourceGroups/rg-aml-network"
          + "/providers/Microsoft.Network/networkSecurityGroups/n1?api-version=2024-05-01";
      var body = HttpRequest.BodyPublishers.ofString("{\"location\":\"eastus2\",\"properties\":{\"securityRules\":[]}}");
      var created = http.send(HttpRequest.newBuilder(URI.create(nsg)).header("Authorization", "Bearer x").PUT(body).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(created.statusCode()).isEqualTo(201);
      assertThat(created.headers().firstValue("Azure-AsyncOperation")).isPresent();

      var anonymous = http.send(HttpRequest.newBuilder(URI.create(nsg)).PUT(body).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(anonymous.statusCode()).isEqualTo(401);
    }
  }
}
