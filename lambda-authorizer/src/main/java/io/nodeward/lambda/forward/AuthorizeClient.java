package io.nodeward.lambda.forward;

import io.nodeward.lambda.config.ClientIdentity;
import io.nodeward.lambda.domain.FailureReason;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLParameters;

/**
 * {@code POST /authorize} on the nodeward authorizer's mutual-TLS listener, with the JDK's {@link HttpClient}: the
 * Lambda's client certificate, trust in the configured CA chain only, host name verification, one deadline for
 * the whole call. Connections stay open between warm invocations.
 */
public final class AuthorizeClient {

  /** What came back: status and body bytes. */
  public record Answer(int status, byte[] body) {
  }

  /** The call did not produce an answer; {@link #reason()} says how. */
  public static final class CallFailed extends Exception {
    private static final long serialVersionUID = 1L;
    private final FailureReason reason;

    CallFailed(FailureReason reason, String message) {
      super(message, null, false, false);
      this.reason = reason;
    }

    public FailureReason reason() {
      return reason;
    }
  }

  /** /authorize's policies are well under 1 KiB; anything this long is not one. */
  static final int MAX_ANSWER_BYTES = 64 * 1024;

  private final HttpClient http;
  private final URI uri;
  private final Duration timeout;

  AuthorizeClient(HttpClient http, URI uri, Duration timeout) {
    this.http = http;
    this.uri = uri;
    this.timeout = timeout;
  }

  public static AuthorizeClient create(URI uri, ClientIdentity identity, Duration timeout) {
    SSLParameters parameters = new SSLParameters();
    parameters.setProtocols(new String[] {"TLSv1.3", "TLSv1.2"});
    HttpClient http = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .sslContext(TlsContexts.mutual(identity))
        .sslParameters(parameters)
        .connectTimeout(timeout)
        .followRedirects(HttpClient.Redirect.NEVER)
        .build();
    return new AuthorizeClient(http, uri, timeout);
  }

  /**
   * Sends the event as received. A connection that fails before any answer is tried once more within the same
   * deadline: the server may have closed a kept-alive connection while the Lambda was frozen between invocations,
   * and a Deny for that would be a false refusal.
   */
  public Answer post(byte[] event) throws CallFailed {
    long deadline = System.nanoTime() + timeout.toNanos();
    try {
      return once(event, deadline);
    } catch (RetriableFailure first) {
      if (deadline - System.nanoTime() <= 0) {
        throw new CallFailed(FailureReason.AUTHORIZER_TIMEOUT, "no answer within " + timeout.toMillis() + " ms");
      }
      try {
        return once(event, deadline);
      } catch (RetriableFailure second) {
        throw new CallFailed(FailureReason.AUTHORIZER_UNREACHABLE, describe(second.getCause()));
      }
    }
  }

  private Answer once(byte[] event, long deadline) throws CallFailed, RetriableFailure {
    long remaining = deadline - System.nanoTime();
    if (remaining <= 0) {
      throw new CallFailed(FailureReason.AUTHORIZER_TIMEOUT, "no answer within " + timeout.toMillis() + " ms");
    }
    HttpRequest request = HttpRequest.newBuilder(uri)
        .timeout(Duration.ofNanos(remaining))
        .header("Content-Type", "application/json")
        .header("Accept", "application/json")
        .POST(HttpRequest.BodyPublishers.ofByteArray(event))
        .build();
    CompletableFuture<HttpResponse<byte[]>> call = http.sendAsync(request, LimitedBody.handler(MAX_ANSWER_BYTES));
    try {
      HttpResponse<byte[]> response = call.get(remaining, TimeUnit.NANOSECONDS);
      return new Answer(response.statusCode(), response.body());
    } catch (TimeoutException e) {
      call.cancel(true);
      throw new CallFailed(FailureReason.AUTHORIZER_TIMEOUT, "no answer within " + timeout.toMillis() + " ms");
    } catch (InterruptedException e) {
      call.cancel(true);
      Thread.currentThread().interrupt();
      throw new CallFailed(FailureReason.LAMBDA_ERROR, "interrupted");
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      for (Throwable c = cause; c != null; c = c.getCause()) {
        if (c instanceof LimitedBody.TooLarge) {
          throw new CallFailed(FailureReason.MALFORMED_ANSWER, c.getMessage());
        }
      }
      if (cause instanceof HttpTimeoutException) {
        throw new CallFailed(FailureReason.AUTHORIZER_TIMEOUT, "no answer within " + timeout.toMillis() + " ms");
      }
      if (cause instanceof IOException) {
        throw new RetriableFailure(cause);
      }
      throw new CallFailed(FailureReason.LAMBDA_ERROR, describe(cause));
    }
  }

  /** The exception's type and message; never a body, certificate or key (none of those appear in them). */
  private static String describe(Throwable cause) {
    Throwable root = cause;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
  }

  private static final class RetriableFailure extends Exception {
    private static final long serialVersionUID = 1L;

    RetriableFailure(Throwable cause) {
      super(null, cause, false, false);
    }
  }
}
