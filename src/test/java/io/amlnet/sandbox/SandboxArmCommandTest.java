package io.amlnet.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.amlnet.cli.AmlnetCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** {@code amlnet sandbox-arm} is registered and documents its options. */
class SandboxArmCommandTest {

  @Test
  void sandboxArmIsASubcommandWithPortWorldAndSeedOptions() {
    var cli = AmlnetCommand.commandLine();
    assertThat(cli.getSubcommands()).containsKey("sandbox-arm");
    StringWriter out = new StringWriter();
    cli.getSubcommands().get("sandbox-arm").usage(new PrintWriter(out));
    assertThat(out.toString()).contains("--port", "--world", "--seed", "--lro-latency-ms", "ARM_URL", "ARM_CA");
  }
}
