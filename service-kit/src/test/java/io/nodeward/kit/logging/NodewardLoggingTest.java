package io.nodeward.kit.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.MDC;

class NodewardLoggingTest {

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();

  private Logger configured(LogFormat format) {
    LoggerContext context = new LoggerContext();
    context.setMDCAdapter(MDC.getMDCAdapter());
    NodewardLogging.configure(context, format, Level.INFO, out);
    return context.getLogger("io.nodeward.test.Logging");
  }

  private List<String> lines() {
    return out.toString(StandardCharsets.UTF_8).lines().toList();
  }

  @AfterEach
  void clear() {
    MDC.clear();
  }

  @Test
  void theFormatIsTextUnlessJsonIsAsked() {
    assertEquals(LogFormat.TEXT, LogFormat.parse(null));
    assertEquals(LogFormat.TEXT, LogFormat.parse(" "));
    assertEquals(LogFormat.JSON, LogFormat.parse("JSON"));
    assertEquals(LogFormat.TEXT, LogFormat.parse("text"));
    assertNull(LogFormat.parse("yaml"));
  }

  @Test
  void jsonIsOneObjectPerLineWithLevelLoggerMessageAndRequestId() {
    Logger log = configured(LogFormat.JSON);
    MDC.put("requestId", "req-123");
    log.info("issued {} for \"{}\"\nsecond line", 3, "node-1");
    MDC.remove("requestId");
    log.warn("no request", new IllegalStateException("boom"));
    log.debug("below the level");

    List<String> lines = lines();
    assertEquals(2, lines.size(), String.join("\n", lines));
    JsonObject first = new JsonObject(lines.get(0));
    assertEquals("INFO", first.getString("level"));
    assertEquals("io.nodeward.test.Logging", first.getString("loggerName"));
    assertEquals("issued 3 for \"node-1\"\nsecond line", first.getString("formattedMessage"));
    assertEquals("req-123", first.getJsonObject("mdc").getString("requestId"));
    assertTrue(first.getLong("timestamp") > 0);
    JsonObject second = new JsonObject(lines.get(1));
    assertEquals("WARN", second.getString("level"));
    assertFalse(second.containsKey("mdc") && second.getJsonObject("mdc").containsKey("requestId"), lines.get(1));
    assertEquals("boom", second.getJsonObject("throwable").getString("message"));
  }

  @Test
  void textCarriesTheRequestIdWhenThereIsOne() {
    Logger log = configured(LogFormat.TEXT);
    MDC.put("requestId", "req-456");
    log.info("inside");
    MDC.remove("requestId");
    log.info("outside");

    List<String> lines = lines();
    assertTrue(lines.get(0).endsWith("INFO  Logging request=req-456 - inside"), lines.get(0));
    assertTrue(lines.get(1).endsWith("INFO  Logging - outside"), lines.get(1));
  }
}
