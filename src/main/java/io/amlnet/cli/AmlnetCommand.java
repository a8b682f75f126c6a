package io.amlnet.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the amlnet jar: one subcommand per way of running amlnet. */
@Command(
    name = "amlnet",
    mixinStandardHelpOptions = true,
    versionProvider = AmlnetCommand.Version.class,
    description = "Keeps Azure Machine Learning training compute inside a secured virtual network.",
    subcommands = {CommandLine.HelpCommand.class, SandboxArmCommand.class})
public final class AmlnetCommand implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /** The configured command line, shared by main and tests. */
  public static CommandLine commandLine() {
    return new CommandLine(new AmlnetCommand());
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
