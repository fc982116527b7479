package io.nodeward.authorizer.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bounded on-disk spool for decision events Kafka could not take: append-only segment files of one
 * encoded CloudEvent per line, fsync'd once per appended batch. Segments are drained oldest first and
 * deleted only after every event in them was acknowledged by Kafka. Blocking I/O: call only from one
 * worker thread (the publisher serializes all calls on an ordered executor).
 *
 * <p>Bounded by {@code maxBytes} over all segments: when full, new events are dropped and counted (there
 * is nowhere safe left to keep them), and the first drop of an outage is logged.
 */
public final class DecisionSpool {

  private static final Logger LOG = LoggerFactory.getLogger(DecisionSpool.class);
  private static final String PREFIX = "decisions-";
  private static final String SUFFIX = ".jsonl";

  /** Segments stay small so a drain holds at most one segment's events in memory. */
  static final long SEGMENT_BYTES = 1024 * 1024;

  private final Path directory;
  private final long maxBytes;
  private long currentBytes;
  private final AtomicLong bytes = new AtomicLong();
  private final AtomicLong dropped = new AtomicLong();
  private final AtomicLong pending = new AtomicLong();
  private long nextSegment;
  private FileChannel current;
  private Path currentPath;
  private boolean dropLogged;

  public DecisionSpool(Path directory, long maxBytes) throws IOException {
    this.directory = directory;
    this.maxBytes = maxBytes;
    Files.createDirectories(directory);
    long highest = 0;
    for (Path segment : segments()) {
      highest = Math.max(highest, sequenceOf(segment));
      bytes.addAndGet(Files.size(segment));
      pending.addAndGet(countLines(segment));
    }
    nextSegment = highest + 1;
  }

  /** Appends the lines and fsyncs; returns how many were dropped because the spool is full. */
  public int append(List<String> lines) throws IOException {
    StringBuilder batch = new StringBuilder();
    int dropNow = 0;
    long size = bytes.get();
    int kept = 0;
    for (String line : lines) {
      long lineBytes = line.getBytes(StandardCharsets.UTF_8).length + 1L;
      if (size + lineBytes > maxBytes) {
        dropNow++;
        continue;
      }
      size += lineBytes;
      kept++;
      batch.append(line).append('\n');
    }
    if (kept > 0) {
      ByteBuffer buffer = ByteBuffer.wrap(batch.toString().getBytes(StandardCharsets.UTF_8));
      FileChannel channel = writer();
      while (buffer.hasRemaining()) {
        channel.write(buffer);
      }
      channel.force(false);
      currentBytes += size - bytes.get();
      bytes.set(size);
      if (currentBytes >= SEGMENT_BYTES) {
        seal();
      }
      pending.addAndGet(kept);
    }
    if (dropNow > 0) {
      dropped.addAndGet(dropNow);
      if (!dropLogged) {
        dropLogged = true;
        LOG.error("decision spool {} is full ({} bytes): dropping decision events until Kafka takes the backlog; "
            + "see nodeward_authorizer_spool_dropped_total", directory, maxBytes);
      }
    }
    return dropNow;
  }

  /** Closes the segment being written so it can be drained; the next append opens a new one. */
  public void seal() throws IOException {
    if (current != null) {
      current.force(true);
      current.close();
      current = null;
      currentPath = null;
      currentBytes = 0;
    }
  }

  /** Sealed segments, oldest first. */
  public List<Path> sealedSegments() throws IOException {
    List<Path> sealed = new ArrayList<>();
    for (Path segment : segments()) {
      if (!segment.equals(currentPath)) {
        sealed.add(segment);
      }
    }
    return sealed;
  }

  public List<String> read(Path segment) throws IOException {
    List<String> lines = new ArrayList<>();
    for (String line : Files.readAllLines(segment, StandardCharsets.UTF_8)) {
      if (!line.isBlank()) {
        lines.add(line);
      }
    }
    return lines;
  }

  /** Forgets a segment whose every event Kafka has acknowledged. */
  public void delete(Path segment, int events) throws IOException {
    long size = Files.size(segment);
    Files.deleteIfExists(segment);
    bytes.addAndGet(-size);
    pending.addAndGet(-events);
    if (pending.get() <= 0) {
      dropLogged = false;
    }
  }

  public long bytes() {
    return bytes.get();
  }

  public long pendingEvents() {
    return pending.get();
  }

  public long dropped() {
    return dropped.get();
  }

  public void close() throws IOException {
    seal();
  }

  private FileChannel writer() throws IOException {
    if (current == null) {
      currentPath = directory.resolve(PREFIX + String.format("%016d", nextSegment++) + SUFFIX);
      current = FileChannel.open(currentPath, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
          StandardOpenOption.APPEND);
    }
    return current;
  }

  private List<Path> segments() throws IOException {
    try (Stream<Path> files = Files.list(directory)) {
      return files.filter(p -> p.getFileName().toString().startsWith(PREFIX)
              && p.getFileName().toString().endsWith(SUFFIX))
          .sorted()
          .toList();
    }
  }

  private static long sequenceOf(Path segment) {
    String name = segment.getFileName().toString();
    try {
      return Long.parseLong(name.substring(PREFIX.length(), name.length() - SUFFIX.length()));
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  private static long countLines(Path segment) throws IOException {
    try (Stream<String> lines = Files.lines(segment, StandardCharsets.UTF_8)) {
      return lines.filter(l -> !l.isBlank()).count();
    }
  }
}
