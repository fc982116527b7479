package io.nodeward.lambda.forward;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * An answer body of at most {@code limit} bytes: beyond it the exchange is cancelled and the body fails with
 * {@link TooLarge}, so an answer can never fill the Lambda's memory. (/authorize's policies are under 1 KiB.)
 */
final class LimitedBody implements HttpResponse.BodySubscriber<byte[]> {

  /** The answer was longer than the limit. */
  static final class TooLarge extends RuntimeException {
    private static final long serialVersionUID = 1L;

    TooLarge(int limit) {
      super("answer longer than " + limit + " bytes", null, false, false);
    }
  }

  private final int limit;
  private final CompletableFuture<byte[]> body = new CompletableFuture<>();
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private Flow.Subscription subscription;

  LimitedBody(int limit) {
    this.limit = limit;
  }

  static HttpResponse.BodyHandler<byte[]> handler(int limit) {
    return info -> new LimitedBody(limit);
  }

  @Override
  public CompletionStage<byte[]> getBody() {
    return body;
  }

  @Override
  public void onSubscribe(Flow.Subscription subscription) {
    this.subscription = subscription;
    subscription.request(Long.MAX_VALUE);
  }

  @Override
  public void onNext(List<ByteBuffer> buffers) {
    if (body.isDone()) {
      return;
    }
    for (ByteBuffer buffer : buffers) {
      if (bytes.size() + buffer.remaining() > limit) {
        subscription.cancel();
        body.completeExceptionally(new TooLarge(limit));
        return;
      }
      byte[] chunk = new byte[buffer.remaining()];
      buffer.get(chunk);
      bytes.write(chunk, 0, chunk.length);
    }
  }

  @Override
  public void onError(Throwable failure) {
    body.completeExceptionally(failure);
  }

  @Override
  public void onComplete() {
    body.complete(bytes.toByteArray());
  }
}
