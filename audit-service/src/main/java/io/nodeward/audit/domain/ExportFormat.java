package io.nodeward.audit.domain;

import java.util.Base64;

/**
 * How an exported record is written. NDJSON carries the canonical envelope verbatim (the leaf input), so each
 * record's leaf can be recomputed offline; CSV is for spreadsheets, hence quoted per RFC 4180 and defused against formula injection.
 */
public enum ExportFormat {
  NDJSON("application/x-ndjson", "ndjson"),
  CSV("text/csv; charset=utf-8", "csv");

  public static final String CSV_HEADER =
      "sequence,time,type,event_id,source,subject,user_id,node_id,serial,effect,reason,leaf_index,leaf_hash,event\r\n";

  private final String mediaType;
  private final String extension;

  ExportFormat(String mediaType, String extension) {
    this.mediaType = mediaType;
    this.extension = extension;
  }

  public String mediaType() {
    return mediaType;
  }

  public String extension() {
    return extension;
  }

  public static ExportFormat parse(String value) {
    if (value == null || value.isBlank()) {
      return NDJSON;
    }
    for (ExportFormat format : values()) {
      if (format.extension.equalsIgnoreCase(value.trim())) {
        return format;
      }
    }
    throw new InvalidQueryException("INVALID_FORMAT", "'format' must be ndjson or csv");
  }

  public String header() {
    return this == CSV ? CSV_HEADER : "";
  }

  public String line(StoredRecord record) {
    return this == CSV ? csvLine(record) : ndjsonLine(record);
  }

  private static String ndjsonLine(StoredRecord r) {
    // The canonical JSON is a JSON object already: embed it as is, so its bytes (and leaf hash) survive the export.
    return "{\"sequence\":" + r.sequence() + ",\"leafIndex\":" + r.leafIndex() + ",\"leafHash\":\""
        + Base64.getEncoder().encodeToString(r.leafHash()) + "\",\"event\":" + r.canonicalJson() + "}\n";
  }

  private static String csvLine(StoredRecord r) {
    RecordColumns c = r.columns();
    StringBuilder out = new StringBuilder(256 + r.canonicalJson().length());
    out.append(r.sequence());
    for (String cell : new String[] {c.time() == null ? null : c.time().toString(), c.type(), c.eventId(), c.source(),
        c.subject(), c.userId(), c.nodeId(), c.serial(), c.effect(), c.reason(), Long.toString(r.leafIndex()),
        Base64.getEncoder().encodeToString(r.leafHash()), r.canonicalJson()}) {
      out.append(',').append(csvCell(cell));
    }
    return out.append("\r\n").toString();
  }

  /**
   * RFC 4180 quoting, plus OWASP's CSV-injection defence: a cell a spreadsheet would read as a formula
   * (leading = + - @ tab or CR) is prefixed with an apostrophe, so it shows as text instead of running.
   */
  public static String csvCell(String value) {
    if (value == null || value.isEmpty()) {
      return "";
    }
    String text = value;
    char first = text.charAt(0);
    if (first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r') {
      text = "'" + text;
    }
    boolean quote = text.indexOf(',') >= 0 || text.indexOf('"') >= 0 || text.indexOf('\n') >= 0
        || text.indexOf('\r') >= 0 || text.startsWith("'");
    return quote ? "\"" + text.replace("\"", "\"\"") + "\"" : text;
  }
}
