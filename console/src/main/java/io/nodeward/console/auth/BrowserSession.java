package io.nodeward.console.auth;

import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.Session;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The typed view of one browser's server-side session (vertx-web's {@code SessionHandler} with a local store): the
 * sign-ins it has started, who is signed in, and its CSRF token. Nothing here ever goes to the browser except the
 * CSRF token, which is written into the pages' forms.
 */
public final class BrowserSession {

  /** A person may open sign-in in a few tabs; more unanswered sign-ins than this and the oldest is forgotten. */
  static final int MAX_PENDING = 5;
  private static final String PENDING = "nodeward.pending";
  private static final String USER = "nodeward.user";
  private static final String CSRF = "nodeward.csrf";

  private final Session session;

  private BrowserSession(Session session) {
    this.session = session;
  }

  public static BrowserSession of(RoutingContext ctx) {
    Session session = ctx.session();
    if (session == null) {
      throw new IllegalStateException("no session: the route is not behind the SessionHandler");
    }
    return new BrowserSession(session);
  }

  public Optional<SignedInUser> user() {
    return Optional.ofNullable(session.get(USER));
  }

  /**
   * Signs the user in: a new session id (the pre-sign-in id may have been planted by an attacker: session fixation),
   * a new CSRF token, and the user's tokens, all server-side.
   */
  void signIn(SignedInUser user, SecureRandom random) {
    session.regenerateId();
    session.remove(PENDING);
    session.put(USER, user);
    session.put(CSRF, Pkce.randomToken(random));
  }

  /** Ends the session: its data goes, its cookie is cleared, its id is never valid again. */
  public void destroy() {
    session.destroy();
  }

  /** The session's CSRF token, made on first use; forms and htmx requests send it back. */
  public String csrfToken(SecureRandom random) {
    String token = session.get(CSRF);
    if (token == null) {
      token = Pkce.randomToken(random);
      session.put(CSRF, token);
    }
    return token;
  }

  /** The token to compare against, or null when none was ever handed out (then nothing can match). */
  String expectedCsrfToken() {
    return session.get(CSRF);
  }

  void addPending(PendingSignIn pending) {
    Map<String, PendingSignIn> all = pendingMap();
    while (all.size() >= MAX_PENDING) {
      all.remove(all.keySet().iterator().next());
    }
    all.put(pending.state(), pending);
    session.put(PENDING, all);
  }

  /** The sign-in this {@code state} answers, removed: a state is good for one answer. */
  Optional<PendingSignIn> takePending(String state, Instant notBefore) {
    Map<String, PendingSignIn> all = pendingMap();
    PendingSignIn pending = state == null ? null : all.remove(state);
    session.put(PENDING, all);
    return Optional.ofNullable(pending).filter(p -> !p.startedAt().isBefore(notBefore));
  }

  private Map<String, PendingSignIn> pendingMap() {
    Map<String, PendingSignIn> stored = session.get(PENDING);
    return stored == null ? new LinkedHashMap<>() : new LinkedHashMap<>(stored);
  }
}
