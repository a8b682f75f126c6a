package io.amlnet.cli;

import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the amlnet jar: one subcommand per way of running amlnet. */
@Command(
    name = "amlnet",
    mixinStandardHelpOptions = true,
    versionProvider = AmlnetCommand.Version.class,
    description = "Keeps Azure Machine Learning training compute inside a secured virtual network.",
    subcommands = {PlanCommand.class, DiffCommand.class, RunCommand.class, CommandLine.HelpCommand.class})
public final class AmlnetCommand implements Runnable {

  /** Exit code of a defect in amlnet itself, distinct from 1 (blocked) and 2 (invalid input). */
  static final int INTERNAL_ERROR = 3;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /**
   * The commands that run the sandbox (ARM emulator, local control plane). The operator image
   * leaves their classes out (`mvn -Pimage package`), so they join only where they are present.
   */
  private static final List<String> SANDBOX_COMMANDS =
      List.of("io.amlnet.cli.SandboxCommand", "io.amlnet.cli.SandboxArmCommand");

  /** The configured command line, shared by main and tests. */
  public static CommandLine commandLine() {
    CommandLine commandLine = new CommandLine(new AmlnetCommand());
    for (String name : SANDBOX_COMMANDS) {
      try {
        commandLine.addSubcommand(Class.forName(name).getDeclaredConstructor().newInstance());
      } catch (ClassNotFoundException notInThisImage) {
        // the operator image: `amlnet plan` and `amlnet run` only
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException(e);
      }
    }
    return commandLine
        .setCaseInsensitiveEnumValuesAllowed(true)
        .setExecutionExceptionHandler((e, cmd, parsed) -> {
          // A defect must still not greet the user with a stack trace; AMLNET_DEBUG=1 shows it.
          cmd.getErr().println("amlnet: internal error: " + e);
          if (System.getenv("AMLNET_DEBUG") != null) {
            e.printStackTrace(cmd.getErr());
          }
          return INTERNAL_ERROR;
        });
  }

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = AmlnetCommand.class.getPackage().getImplementationVersion();
      return new String[] {"amlnet " + (v == null ? "dev" : v)};
    }
  }
}
