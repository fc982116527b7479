package io.nodeward.kit.http;

import io.vertx.core.Context;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.internal.ContextInternal;
import io.vertx.ext.web.RoutingContext;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * The first handler of every nodeward HTTP router: each request gets an id, the caller's {@code X-Request-Id} when
 * it is well-formed (1 to 128 of {@code A-Z a-z 0-9 . _ : -}: nothing that could forge a log line), else a fresh
 * random one. The response echoes it in {@code X-Request-Id}; every log line written while the request is handled
 * carries it ({@code requestId}, see {@code io.nodeward.kit.logging.RequestIdFilter}).
 */
public final class RequestIds implements Handler<RoutingContext> {

  public static final String HEADER = "X-Request-Id";
  public static final String MDC_KEY = "requestId";
  /** Where the id lives on the request's own (duplicated) Vert.x context, which its callbacks keep. */
  private static final Object LOCAL_KEY = RequestIds.class.getName();
  private static final Pattern WELL_FORMED = Pattern.compile("[A-Za-z0-9._:-]{1,128}");
  private static final RequestIds INSTANCE = new RequestIds();

  private RequestIds() {
  }

  public static RequestIds create() {
    return INSTANCE;
  }

  @Override
  public void handle(RoutingContext ctx) {
    String given = ctx.request().getHeader(HEADER);
    String id = given != null && WELL_FORMED.matcher(given).matches() ? given : generate();
    ctx.put(MDC_KEY, id);
    ctx.response().putHeader(HEADER, id);
    if (Vertx.currentContext() instanceof ContextInternal context && context.isDuplicate()) {
      context.putLocal(LOCAL_KEY, id);
    }
    ctx.next();
  }

  /** The id of the request {@code ctx} handles. */
  public static String of(RoutingContext ctx) {
    return ctx.get(MDC_KEY);
  }

  /** The id of the request whose context the calling thread runs, or null. */
  public static String current() {
    Context context = Vertx.currentContext();
    return context instanceof ContextInternal internal && internal.isDuplicate() ? internal.getLocal(LOCAL_KEY) : null;
  }

  static boolean wellFormed(String id) {
    return id != null && WELL_FORMED.matcher(id).matches();
  }

  /** 128 random bits as 32 hex digits: unique enough to correlate, not a secret (no SecureRandom per request). */
  private static String generate() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    return String.format("%016x%016x", random.nextLong(), random.nextLong());
  }
}
