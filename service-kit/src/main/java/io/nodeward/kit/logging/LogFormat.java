package io.nodeward.kit.logging;

import java.util.Locale;

/** {@code NODEWARD_LOG_FORMAT}: how every nodeward process writes its log lines. */
public enum LogFormat {
  /** One human-readable line per event: time, thread, level, logger, request id, message. */
  TEXT,
  /** One JSON object per line (logback's JsonEncoder): what a log pipeline (CloudWatch, Loki) parses. */
  JSON;

  public static final String VARIABLE = "NODEWARD_LOG_FORMAT";

  /** text (the default when unset or blank) or json, in any case; anything else is null. */
  public static LogFormat parse(String value) {
    if (value == null || value.isBlank()) {
      return TEXT;
    }
    return switch (value.trim().toLowerCase(Locale.ROOT)) {
      case "text" -> TEXT;
      case "json" -> JSON;
      default -> null;
    };
  }
}
