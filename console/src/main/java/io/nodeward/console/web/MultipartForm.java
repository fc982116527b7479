package io.nodeward.console.web;

import io.nodeward.console.domain.ConsoleProblem;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Reads a form that may carry a small file (the CSR upload) into memory: form fields as usual, each file's bytes
 * up to a limit. vertx-web's BodyHandler either drops uploaded files or writes them to disk; a CSR is a few
 * kilobytes and the console keeps no files, so this reads them the way the core request API offers.
 */
final class MultipartForm implements Handler<RoutingContext> {

  private static final String FILES = MultipartForm.class.getName() + ".files";

  private final long maxBytes;

  MultipartForm(long maxBytes) {
    this.maxBytes = maxBytes;
  }

  /** The uploaded file of field {@code name} as text, or null when none (or an empty one) was sent. */
  static String file(RoutingContext ctx, String name) {
    Map<String, Buffer> files = ctx.get(FILES);
    Buffer file = files == null ? null : files.get(name);
    return file == null || file.length() == 0 ? null : file.toString(java.nio.charset.StandardCharsets.UTF_8);
  }

  @Override
  public void handle(RoutingContext ctx) {
    HttpServerRequest request = ctx.request();
    String type = request.getHeader("Content-Type");
    if (type == null || !(type.startsWith("multipart/form-data") || type.startsWith("application/x-www-form-urlencoded"))) {
      ctx.fail(ConsoleProblem.badRequest("NOT_A_FORM", "Send the form from the console's page."));
      return;
    }
    Map<String, Buffer> files = new HashMap<>();
    AtomicLong total = new AtomicLong();
    request.setExpectMultipart(true);
    request.handler(chunk -> {
      if (total.addAndGet(chunk.length()) > maxBytes) {
        request.pause();
        ctx.fail(413);
      }
    });
    request.uploadHandler(upload -> {
      Buffer content = Buffer.buffer();
      upload.handler(content::appendBuffer);
      upload.endHandler(v -> files.put(upload.name(), content));
    });
    request.exceptionHandler(ctx::fail);
    request.endHandler(v -> {
      if (!ctx.failed()) {
        ctx.put(FILES, files);
        ctx.next();
      }
    });
    request.resume();
  }
}
