package io.nodeward.audit.api;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A chunked response fed from a worker reading a database cursor. Text is gathered into 64 KiB chunks; whenever
 * the connection's write queue is full the worker waits until the chunk has drained, so a slow client slows the
 * cursor instead of filling memory. A client that takes no bytes for the stall timeout loses its connection (the
 * worker and the read connection are freed). {@link #write} answers false once the client is gone.
 */
final class ChunkedStream {

  private static final Logger LOG = LoggerFactory.getLogger(ChunkedStream.class);
  private static final int CHUNK_BYTES = 64 * 1024;

  private final HttpServerResponse response;
  private final ExportSlots slots;
  private final AtomicBoolean gone = new AtomicBoolean();
  private Buffer pending = Buffer.buffer(CHUNK_BYTES + 4096);

  ChunkedStream(HttpServerResponse response, ExportSlots slots) {
    this.response = response;
    this.slots = slots;
    response.closeHandler(v -> gone.set(true));
  }

  /** Text that goes first (a CSV header), before any worker writes. */
  void start(String text) {
    pending.appendString(text);
  }

  /** Runs on the worker reading the cursor. */
  boolean write(String text) throws InterruptedException {
    pending.appendString(text);
    if (pending.length() >= CHUNK_BYTES) {
      Future<Void> written = response.write(pending);
      pending = Buffer.buffer(CHUNK_BYTES + 4096);
      if (response.writeQueueFull()) {
        awaitDrained(written);
      }
    }
    return !gone.get();
  }

  /** The write future completes once the chunk reached the socket, so everything before it has drained. */
  private void awaitDrained(Future<Void> written) throws InterruptedException {
    long stallNanos = slots.stallTimeout().toNanos();
    long began = System.nanoTime();
    slots.stalling(1);
    try {
      while (!gone.get()) {
        try {
          written.toCompletionStage().toCompletableFuture().get(1, TimeUnit.SECONDS);
          return;
        } catch (TimeoutException stillFull) {
          if (System.nanoTime() - began >= stallNanos) {
            abort();
          }
        } catch (ExecutionException failed) {
          gone.set(true);
        }
      }
    } finally {
      slots.stalling(-1);
    }
  }

  /** The client stopped draining: close its connection, so the export's worker and connection go back. */
  private void abort() {
    if (gone.compareAndSet(false, true)) {
      slots.abortedOne();
      LOG.warn("export aborted: its client took no bytes for {} s", slots.stallTimeout().toSeconds());
      response.reset();
    }
  }

  Future<Void> finish() {
    if (gone.get()) {
      return Future.succeededFuture();
    }
    return response.end(pending);
  }
}
