package io.nodeward.kit.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.spi.ContextAwareBase;
import ch.qos.logback.core.status.WarnStatus;
import java.io.OutputStream;
import java.util.Map;

/**
 * Logback's configuration for every nodeward process, found by logback through {@code ServiceLoader} (no
 * {@code logback.xml}): {@code NODEWARD_LOG_FORMAT} text (default) or json, both on standard error, each line with
 * the request id ({@link RequestIdFilter}) while a request is handled. INFO for nodeward, WARN for Kafka, Netty and
 * the AWS SDK. The system property {@code nodeward.log.level} changes the root level (the build sets warn for
 * tests), {@code nodeward.log.level.<logger>} one logger's; {@code -Dlogback.configurationFile=...} replaces all of
 * this with a file of one's own.
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_HIGH_PRIORITY)
public final class NodewardLogging extends ContextAwareBase implements Configurator {

  public static final String LEVEL_PROPERTY = "nodeward.log.level";

  /** Loggers that are noisy at INFO: only what is wrong. */
  private static final Map<String, Level> QUIET = Map.of(
      "org.apache.kafka", Level.WARN,
      "kafka", Level.WARN,
      "state.change.logger", Level.WARN,
      "org.apache.kafka.controller.QuorumController", Level.ERROR,
      "io.netty", Level.WARN,
      "software.amazon", Level.WARN);

  @Override
  public ExecutionStatus configure(LoggerContext context) {
    if (System.getProperty("logback.configurationFile") != null) {
      return ExecutionStatus.INVOKE_NEXT_IF_ANY;
    }
    String value = System.getenv(LogFormat.VARIABLE);
    LogFormat format = LogFormat.parse(value);
    if (format == null) {
      // Logging starts before any config is read; the service's own check (ServiceLauncher) refuses the value.
      context.getStatusManager().add(new WarnStatus(LogFormat.VARIABLE + " must be text or json; using text", this));
      format = LogFormat.TEXT;
    }
    ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
    console.setTarget("System.err");
    configure(context, format, Level.toLevel(System.getProperty(LEVEL_PROPERTY), Level.INFO), console);
    System.getProperties().stringPropertyNames().stream().filter(name -> name.startsWith(LEVEL_PROPERTY + "."))
        .forEach(name -> context.getLogger(name.substring(LEVEL_PROPERTY.length() + 1))
            .setLevel(Level.toLevel(System.getProperty(name), null)));
    return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
  }

  /** Configures {@code context} to write {@code format} through {@code appender} (tests give their own stream). */
  public static void configure(LoggerContext context, LogFormat format, Level rootLevel,
      OutputStreamAppender<ILoggingEvent> appender) {
    context.reset();
    context.addTurboFilter(new RequestIdFilter());
    appender.setContext(context);
    appender.setName(format.name().toLowerCase());
    appender.setEncoder(encoder(context, format));
    appender.start();
    Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    root.setLevel(rootLevel);
    root.addAppender(appender);
    QUIET.forEach((name, level) -> {
      Logger logger = context.getLogger(name);
      if (level.isGreaterOrEqual(rootLevel)) {
        logger.setLevel(level);
      }
    });
  }

  /** Only for tests: the same configuration writing to {@code out}. */
  public static void configure(LoggerContext context, LogFormat format, Level rootLevel, OutputStream out) {
    OutputStreamAppender<ILoggingEvent> appender = new OutputStreamAppender<>();
    appender.setOutputStream(out);
    configure(context, format, rootLevel, appender);
  }

  private static Encoder<ILoggingEvent> encoder(LoggerContext context, LogFormat format) {
    if (format == LogFormat.JSON) {
      JsonEncoder json = new JsonEncoder();
      json.setContext(context);
      json.setWithSequenceNumber(false);
      json.setWithNanoseconds(false);
      json.setWithContext(false);
      json.setWithArguments(false);
      json.setWithMessage(false);         // the pattern with {} ...
      json.setWithFormattedMessage(true); // ... and, instead, the message as written
      json.start();
      return json;
    }
    PatternLayoutEncoder text = new PatternLayoutEncoder();
    text.setContext(context);
    text.setPattern("%d{HH:mm:ss.SSS} [%thread] %-5level %logger{0}%replace( request=%X{" + RequestIdFilter.MDC_KEY
        + "}){' request=$', ''} - %msg%n");
    text.start();
    return text;
  }
}
