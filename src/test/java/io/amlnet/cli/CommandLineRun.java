package io.amlnet.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;

/** An `amlnet` command line run in-process for what it rejects: its exit code and what it wrote to stderr. */
record CommandLineRun(int exit, String stderr) {

  static CommandLineRun of(String... args) {
    PrintStream original = System.err;
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    try {
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      int exit = new CommandLine(new AmlnetCommand()).setErr(new PrintWriter(new StringWriter())).execute(args);
      return new CommandLineRun(exit, err.toString(StandardCharsets.UTF_8));
    } finally {
      System.setErr(original);
    }
  }
}
