package io.nodeward.audit.domain;

import java.util.Base64;

/**
 * The whole-log export ({@code GET /v1/audit/log/export}, NDJSON): a header carrying the signed note for the
 * exported size, then exactly one line per leaf in order — with the event (its canonical JSON, embedded as is, so
 * its bytes and leaf hash survive) or, for a record retention removed, only its leaf hash. Enough to recompute the
 * root and check the signature with no server at all.
 */
public final class LogExportFormat {

  public static final String FORMAT = "nodeward-audit-log/v1";

  private LogExportFormat() {
  }

  public static String header(String origin, long treeSize, String note) {
    return "{\"format\":\"" + FORMAT + "\",\"origin\":" + quote(origin) + ",\"treeSize\":" + treeSize + ",\"checkpoint\":"
        + quote(note) + "}\n";
  }

  /** @param canonicalJson the record's content, or null when retention removed it */
  public static String leaf(long leafIndex, byte[] leafHash, String canonicalJson) {
    String start = "{\"leafIndex\":" + leafIndex + ",\"sequence\":" + (leafIndex + 1) + ",\"leafHash\":\""
        + Base64.getEncoder().encodeToString(leafHash) + "\"";
    return canonicalJson == null ? start + ",\"pruned\":true}\n" : start + ",\"event\":" + canonicalJson + "}\n";
  }

  /** A JSON string literal (RFC 8259 escaping). */
  static String quote(String value) {
    StringBuilder out = new StringBuilder(value.length() + 2).append('"');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"').toString();
  }
}
