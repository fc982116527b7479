package io.nodeward.authorizer.gateway;

import io.nodeward.authorizer.app.AccessAuthorization;
import io.nodeward.authorizer.app.AccessOutcome;
import io.nodeward.authorizer.app.AccessRequest;
import io.nodeward.authorizer.app.DecisionNotDurableException;
import io.nodeward.authorizer.domain.CertificateFacts;
import io.nodeward.authorizer.domain.RequestFacts;
import io.nodeward.authorizer.domain.TargetPath;
import io.nodeward.events.DecisionReason;
import io.nodeward.kit.http.Problem;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.SocketAddress;
import io.vertx.httpproxy.Body;
import io.vertx.httpproxy.MediaType;
import io.vertx.httpproxy.ProxyContext;
import io.vertx.httpproxy.ProxyInterceptor;
import io.vertx.httpproxy.ProxyRequest;
import io.vertx.httpproxy.ProxyResponse;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;

/**
 * Decides every proxied request before it leaves: reads the verified peer certificate of the request's own
 * connection (per request, so a revocation reaches connections that are already open), has
 * {@link AccessAuthorization} decide and record, and either answers with a problem or rewrites the request
 * for the node's upstream. What a client claims about identity or forwarding ({@code X-Nodeward-*},
 * {@code X-Forwarded-*}, {@code Forwarded}, {@code X-Real-IP}, client-certificate headers) is removed before the
 * gateway sets its own ({@link ForwardedHeaders}): the upstream trusts them.
 */
final class AuthorizingInterceptor implements ProxyInterceptor {

  static final String UPSTREAM = "nodeward.upstream";
  static final String USER_HEADER = "X-Nodeward-User";
  static final String NODE_HEADER = "X-Nodeward-Node";
  static final String SERIAL_HEADER = "X-Nodeward-Serial";
  static final String DECISION_HEADER = "X-Nodeward-Decision";
  private static final MediaType PROBLEM_MEDIA_TYPE = MediaType.parse(Problem.MEDIA_TYPE);

  private final AccessAuthorization authorization;
  private final String trustDomain;
  private final GatewayGuard guard;
  private final Map<String, Upstream> upstreams = new ConcurrentHashMap<>();

  AuthorizingInterceptor(AccessAuthorization authorization, String trustDomain, GatewayGuard guard) {
    this.guard = guard;
    this.authorization = authorization;
    this.trustDomain = trustDomain;
  }

  @Override
  public Future<ProxyResponse> handleProxyRequest(ProxyContext ctx) {
    HttpServerRequest request = ctx.request().proxiedRequest();
    // The decision may take a while (durable recording, catching up): hold the body, and its end, until it is
    // proxied or released, or the proxy finds the request already read.
    request.pause();
    String rawPath = request.path();
    TargetPath target = TargetPath.parse(rawPath);
    SSLSession session = request.sslSession();
    CertificateFacts facts = peerFacts(session);
    Duration wait = guard.acquire(rateKey(facts, request));
    if (!wait.isZero()) {
      return rateLimited(ctx, wait);
    }
    AccessRequest access = AccessRequest.verifiedByHandshake(facts,
        target == null ? null : target.nodeId(), target != null ? target.nodeId() : TargetPath.nodeSegment(rawPath),
        requestFacts(request, session));
    return authorization.decide(access)
        .compose(outcome -> outcome.allowed()
            ? forward(ctx, outcome, target)
            : deny(ctx, outcome.decision().reason(), outcome.decision().decisionId(), rawPath))
        .recover(failure -> failure instanceof DecisionNotDurableException notDurable
            ? problem(ctx, notDurable.problem(), null, rawPath)
            : Future.failedFuture(failure));
  }

  private Future<ProxyResponse> forward(ProxyContext ctx, AccessOutcome outcome, TargetPath target) {
    HttpServerRequest request = ctx.request().proxiedRequest();
    String decisionId = outcome.decision().decisionId();
    Upstream upstream = upstreams.computeIfAbsent(outcome.node().upstreamUrl(), Upstream::parse);
    if (upstream == null) {
      return problem(ctx, new Problem(502, "UPSTREAM_INVALID", "Bad gateway",
          "The node's upstream address is not usable."), decisionId, request.path());
    }
    ctx.set(UPSTREAM, upstream);
    ProxyRequest proxyRequest = ctx.request();
    proxyRequest.setURI(upstream.uri(target.rest(), request.query()));
    // No setAuthority: the upstream request's Host is then the upstream's host:port (nginx's Host: $proxy_host),
    // and vertx-http-proxy adds no X-Forwarded-Host with the client's Host as it does when the authority is
    // replaced (issue 13.6). Also spares an HTTP/1.0 request without Host the proxy's dereference of it.
    MultiMap headers = proxyRequest.headers();
    removeHopByHop(headers);
    ForwardedHeaders.removeClientClaims(headers);
    headers.set(USER_HEADER, outcome.decision().userId());
    headers.set(NODE_HEADER, target.nodeId());
    headers.set(SERIAL_HEADER, outcome.decision().serialNumber());
    headers.set(DECISION_HEADER, decisionId);
    ForwardedHeaders.setVouched(headers, request.remoteAddress());
    return ctx.sendRequest();
  }

  /**
   * Per certificate (its serial: a revoked or unknown one is limited like any other, before the decision), or per
   * address when there is none. Refusals over the limit are not recorded as decisions: that would hand the flood
   * to the decision log.
   */
  private static String rateKey(CertificateFacts facts, HttpServerRequest request) {
    if (facts != null && facts.serial() != null) {
      return "serial:" + facts.serial();
    }
    SocketAddress remote = request.remoteAddress();
    return "address:" + (remote == null ? "unknown" : remote.hostAddress());
  }

  private static Future<ProxyResponse> rateLimited(ProxyContext ctx, Duration wait) {
    long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
    return problem(ctx, new Problem(429, DecisionReason.RATE_LIMITED.name(), "Too many requests",
        GatewayProblems.detail(DecisionReason.RATE_LIMITED)), null, ctx.request().proxiedRequest().path())
        .map(response -> response.putHeader("Retry-After", Long.toString(seconds)));
  }

  private CertificateFacts peerFacts(SSLSession session) {
    if (session == null) {
      return null;
    }
    try {
      Certificate[] chain = session.getPeerCertificates();
      if (chain.length == 0 || !(chain[0] instanceof X509Certificate leaf)) {
        return null;
      }
      return CertificateFacts.from(leaf, trustDomain);
    } catch (SSLPeerUnverifiedException e) {
      return null;
    }
  }

  private static RequestFacts requestFacts(HttpServerRequest request, SSLSession session) {
    SocketAddress remote = request.remoteAddress();
    return new RequestFacts(request.method().name(), request.path(), remote == null ? null : remote.hostAddress(),
        session == null ? null : session.getProtocol());
  }

  private static Future<ProxyResponse> deny(ProxyContext ctx, DecisionReason reason, String decisionId, String path) {
    // A malformed target is a bad request; every other refusal is a 403 naming the reason.
    int status = reason == DecisionReason.INVALID_TARGET ? 400 : 403;
    return problem(ctx, new Problem(status, reason.name(), status == 400 ? "Bad request" : "Forbidden",
        GatewayProblems.detail(reason)), decisionId, path);
  }

  private static Future<ProxyResponse> problem(ProxyContext ctx, Problem problem, String decisionId, String path) {
    // No decision id when the decision was not recorded (DECISION_NOT_DURABLE): nobody could look it up.
    JsonObject json = problem.toJson(null);
    if (decisionId != null) {
      json.put("decisionId", decisionId);
    }
    Buffer body = json.toBuffer();
    ProxyResponse response = ctx.request().release().response()
        .setStatusCode(problem.status())
        .setStatusMessage(problem.title())
        .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
        .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
        .setBody(Body.body(body, PROBLEM_MEDIA_TYPE));
    return Future.succeededFuture(response);
  }

  /** RFC 9110 §7.6.1: headers named in Connection are hop-by-hop too. */
  private static void removeHopByHop(MultiMap headers) {
    List<String> connection = headers.getAll(HttpHeaders.CONNECTION);
    for (String value : connection) {
      for (String token : value.split(",")) {
        String name = token.trim();
        if (!name.isEmpty()) {
          headers.remove(name);
        }
      }
    }
    headers.remove(HttpHeaders.CONNECTION);
    headers.remove(HttpHeaders.KEEP_ALIVE);
    headers.remove("Proxy-Authorization");
    headers.remove("TE");
    headers.remove(HttpHeaders.UPGRADE);
    headers.remove("Proxy-Connection");
  }
}
