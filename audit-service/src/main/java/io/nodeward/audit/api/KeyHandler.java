package io.nodeward.audit.api;

import io.nodeward.audit.domain.LogRequests;
import io.nodeward.audit.domain.log.Ed25519KeySigner;
import io.nodeward.audit.domain.log.VerifierKey;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;

/**
 * GET /v1/audit/log/key[?format=note|pem]: the key checkpoints verify with — the note verifier key, or the same
 * Ed25519 key as a SubjectPublicKeyInfo PEM. Public by nature; still answered only to signed-in callers, like
 * the rest of /v1/audit. Clients should pin it from a trusted channel, not take it from here blindly.
 */
final class KeyHandler implements Handler<RoutingContext> {

  private final VerifierKey key;

  KeyHandler(VerifierKey key) {
    this.key = key;
  }

  @Override
  public void handle(RoutingContext ctx) {
    boolean pem = Requests.parse(() -> LogRequests.pemKey(Requests.params(ctx)));
    ctx.response().putHeader(HttpHeaders.CACHE_CONTROL, "no-cache");
    if (pem) {
      ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, "application/x-pem-file")
          .end(Ed25519KeySigner.publicKeyPem(key.publicKey()));
    } else {
      ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, "text/plain; charset=utf-8").end(key.toString());
    }
  }
}
