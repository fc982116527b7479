package io.nodeward.audit.app;

import io.nodeward.audit.domain.LogContents;
import io.nodeward.audit.domain.LogExportFormat;
import io.nodeward.audit.domain.StoredNote;
import io.nodeward.audit.domain.StoredRecord;
import io.nodeward.audit.domain.log.Tile;
import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Streams exactly the first N leaves of the log with the signed note for size N (see {@link LogExportFormat}),
 * from database cursors; {@code sink} may block for backpressure and stop the export by returning false.
 */
public final class LogExport {

  /** Receives the export text piece by piece (on a worker). */
  @FunctionalInterface
  public interface TextSink {
    boolean accept(String text) throws Exception;
  }

  private final AuditStore store;
  private final WorkerExecutor workers;
  private final WorkerExecutor exportWorkers;
  private final String origin;

  public LogExport(AuditStore store, WorkerExecutor workers, String origin) {
    this(store, workers, workers, origin);
  }

  /** @param exportWorkers where the streaming runs, apart from the query workers */
  public LogExport(AuditStore store, WorkerExecutor workers, WorkerExecutor exportWorkers, String origin) {
    this.store = store;
    this.workers = workers;
    this.exportWorkers = exportWorkers;
    this.origin = origin;
  }

  /** The note the export will carry: the newest, or exactly {@code treeSize}'s. */
  public Future<StoredNote> note(Long treeSize) {
    return workers.executeBlocking(() -> treeSize == null
        ? store.newestNote().orElseThrow(() -> new NotFoundException("NO_CHECKPOINT", "no checkpoint has been signed yet"))
        : store.note(treeSize).orElseThrow(() -> new NotFoundException("NO_CHECKPOINT_AT_SIZE",
            "no checkpoint was signed at tree size " + treeSize + "; exports end at a signed size")), false);
  }

  /** Streams the export for {@code note}'s size; returns how many leaves were written. */
  public Future<Long> export(StoredNote note, TextSink sink) {
    return exportWorkers.executeBlocking(() -> store.scan(contents -> {
      try {
        return write(note, contents, sink);
      } catch (RuntimeException e) {
        throw e;
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }), false);
  }

  private long write(StoredNote note, LogContents contents, TextSink sink) throws Exception {
    if (!sink.accept(LogExportFormat.header(origin, note.treeSize(), note.note()))) {
      return 0;
    }
    Deque<StoredRecord> next = new ArrayDeque<>(1);
    Tile tile = null;
    for (long index = 0; index < note.treeSize(); index++) {
      while (tile == null || tile.firstEntry() + tile.width() <= index) {
        tile = contents.tiles().next();
      }
      byte[] leafHash = tile.hash((int) (index - tile.firstEntry()));
      while (next.isEmpty() && contents.records().hasNext()) {
        StoredRecord r = contents.records().next();
        if (r.sequence() > index) {
          next.add(r);
        }
      }
      StoredRecord record = next.peek();
      String body = null;
      if (record != null && record.sequence() == index + 1) {
        body = record.canonicalJson();
        next.poll();
      }
      if (!sink.accept(LogExportFormat.leaf(index, leafHash, body))) {
        return index;
      }
    }
    return note.treeSize();
  }
}
