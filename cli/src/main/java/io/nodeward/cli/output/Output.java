package io.nodeward.cli.output;

import com.fasterxml.jackson.databind.JsonNode;
import io.nodeward.cli.http.Json;
import java.io.PrintWriter;

/**
 * Where results go: stdout, as JSON (one document per command, one line per event when following) or as tables
 * and sentences. Progress and notes go to stderr so that stdout stays parseable.
 */
public final class Output {

  private final OutputFormat format;
  private final PrintWriter out;
  private final PrintWriter err;

  public Output(OutputFormat format, PrintWriter out, PrintWriter err) {
    this.format = format;
    this.out = out;
    this.err = err;
  }

  public boolean json() {
    return format == OutputFormat.json;
  }

  /** The result: {@code document} as JSON, or {@code human} for people. */
  public void result(JsonNode document, Runnable human) {
    if (json()) {
      out.println(Json.pretty(document));
      out.flush();
    } else {
      human.run();
    }
  }

  /** One JSON line (following, daemons), or the human line. */
  public void event(JsonNode document, String human) {
    out.println(json() ? Json.write(document) : human);
    out.flush();
  }

  public void line(String text) {
    out.println(text);
    out.flush();
  }

  public void table(Table table) {
    table.print(out);
  }

  /** A note for people on stderr (never in the way of JSON on stdout). */
  public void note(String text) {
    err.println(text);
    err.flush();
  }

  public PrintWriter out() {
    return out;
  }

  public PrintWriter err() {
    return err;
  }
}
