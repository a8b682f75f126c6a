package io.amlnet.cli;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.joran.spi.JoranException;
import org.slf4j.LoggerFactory;

/** How the operator logs: readable text (logback.xml) or one JSON object per line (logback-json.xml). */
public enum LogFormat {
  Text("/logback.xml"),
  Json("/io/amlnet/cli/logback-json.xml");

  private final String configuration;

  LogFormat(String configuration) {
    this.configuration = configuration;
  }

  /** Reconfigures logback for the rest of the process. */
  public void apply() {
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    JoranConfigurator configurator = new JoranConfigurator();
    configurator.setContext(context);
    context.reset();
    try {
      configurator.doConfigure(LogFormat.class.getResource(configuration));
    } catch (JoranException e) {
      throw new IllegalStateException("the bundled log configuration " + configuration + " is broken", e);
    }
  }
}
