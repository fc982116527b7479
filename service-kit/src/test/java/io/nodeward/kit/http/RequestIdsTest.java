package io.nodeward.kit.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.core.buffer.Buffer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.LoggerFactory;

/** X-Request-Id kept when well-formed, made when not, echoed, and on every log line of the request. */
class RequestIdsTest {

  static Vertx vertx;
  static HttpServer server;
  static WebClient client;
  static Logger log;
  static final List<Map.Entry<String, String>> lines = new CopyOnWriteArrayList<>(); // message -> request id
  static AppenderBase<ILoggingEvent> capture;

  @BeforeAll
  static void start() {
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    log = context.getLogger("io.nodeward.test.RequestIds");
    log.setLevel(Level.INFO);
    capture = new AppenderBase<>() {
      @Override
      protected void append(ILoggingEvent event) {
        String id = event.getMDCPropertyMap().get(RequestIds.MDC_KEY); // read on the logging thread, as encoders do
        lines.add(Map.entry(event.getFormattedMessage(), id == null ? "none" : id));
      }
    };
    capture.setContext(context);
    capture.start();
    log.addAppender(capture);
    vertx = Vertx.vertx();
    Router router = Router.router(vertx);
    router.route().handler(RequestIds.create());
    router.get("/hello").handler(ctx -> {
      log.info("handling " + RequestIds.of(ctx));
      vertx.setTimer(5, t -> vertx.executeBlocking(() -> 1).onComplete(done -> {
        log.info("answering " + RequestIds.of(ctx)); // later, after a timer and a worker: the request's context
        ctx.response().end(RequestIds.of(ctx));
      }));
    });
    server = vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1").await();
    client = WebClient.create(vertx);
  }

  @AfterAll
  static void stop() {
    log.detachAppender(capture);
    vertx.close().await();
  }

  private static HttpResponse<Buffer> get(String requestId) {
    var request = client.get(server.actualPort(), "127.0.0.1", "/hello");
    if (requestId != null) {
      request.putHeader(RequestIds.HEADER, requestId);
    }
    return request.send().await();
  }

  private static void assertLoggedWith(String id) {
    assertEquals(id, lines.stream().filter(l -> l.getKey().equals("handling " + id)).findFirst().orElseThrow().getValue());
    assertEquals(id, lines.stream().filter(l -> l.getKey().equals("answering " + id)).findFirst().orElseThrow().getValue());
  }

  @ParameterizedTest
  @ValueSource(strings = {"3f2c1a9e-77b1-4c0e-9a51-0d2f6f1b2c3d", "abc", "Root-1.67891233:x_y"})
  void aWellFormedIdIsKeptEchoedAndLogged(String id) {
    HttpResponse<Buffer> reply = get(id);
    assertEquals(id, reply.getHeader(RequestIds.HEADER));
    assertEquals(id, reply.bodyAsString());
    assertLoggedWith(id);
  }

  @ParameterizedTest
  @ValueSource(strings = {"has space", "a\"quote", "new}line{", "semi;colon", "0123456789012345678901234567890123456789"
      + "012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789"})
  void aMalformedIdIsReplacedByAFreshOne(String id) {
    HttpResponse<Buffer> reply = get(id);
    String made = reply.getHeader(RequestIds.HEADER);
    assertNotEquals(id, made);
    assertTrue(made.matches("[0-9a-f]{32}"), made);
    assertLoggedWith(made);
  }

  @Test
  void withoutAnIdEachRequestGetsItsOwn() {
    String first = get(null).getHeader(RequestIds.HEADER);
    String second = get(null).getHeader(RequestIds.HEADER);
    assertNotEquals(first, second);
    assertLoggedWith(first);
    assertLoggedWith(second);
  }

  @Test
  void aLineLoggedOutsideARequestHasNoId() {
    get("before-outside");
    log.info("outside any request");
    assertEquals("none", lines.stream().filter(l -> l.getKey().equals("outside any request")).findFirst()
        .orElseThrow().getValue());
    assertNull(RequestIds.current());
  }
}
