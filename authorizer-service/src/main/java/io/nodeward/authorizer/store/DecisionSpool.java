package io.nodeward.authorizer.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
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
 * <p>Bounded by {@code maxBytes} over all segments: when full, new events are not written and counted (there
 * is nowhere safe left to keep them; with durability before-forward the request they decide is refused), and the
 * first of an outage is logged.
 *
 * <p>A crash can leave a torn last record; reading takes every whole record and hands back the rest, which the
 * caller sets aside ({@link #setAside}) so that the service starts and delivers what is whole.
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
    int dropNow = 0;
    for (boolean written : write(lines)) {
      dropNow += written ? 0 : 1;
    }
    return dropNow;
  }

  /**
   * Appends the lines in one write and one fsync (a group commit); says for each line whether it is on disk
   * (false: the spool is full). A failed write throws, and the segment it went to is closed: the next write
   * starts a new one, and a torn line left behind is set aside when the segment is read.
   */
  public boolean[] write(List<String> lines) throws IOException {
    boolean[] written = new boolean[lines.size()];
    StringBuilder batch = new StringBuilder();
    int dropNow = 0;
    long size = bytes.get();
    int kept = 0;
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      long lineBytes = line.getBytes(StandardCharsets.UTF_8).length + 1L;
      if (size + lineBytes > maxBytes) {
        dropNow++;
        continue;
      }
      size += lineBytes;
      kept++;
      written[i] = true;
      batch.append(line).append('\n');
    }
    if (kept > 0) {
      ByteBuffer buffer = ByteBuffer.wrap(batch.toString().getBytes(StandardCharsets.UTF_8));
      FileChannel channel = writer();
      try {
        while (buffer.hasRemaining()) {
          channel.write(buffer);
        }
        channel.force(false);
      } catch (IOException e) {
        abandonCurrent();
        throw e;
      }
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
        LOG.error("decision spool {} is full ({} bytes): decision events are not written until Kafka takes the "
            + "backlog (durability before-forward: their requests are refused DECISION_NOT_DURABLE); "
            + "see nodeward_authorizer_spool_dropped_total", directory, maxBytes);
      }
    }
    return written;
  }

  /** After a failed write: closes the segment (the next write opens a new one) and recounts what is on disk. */
  private void abandonCurrent() {
    try {
      current.close();
    } catch (IOException ignored) {
      // the write failed already; closing is best effort
    }
    current = null;
    currentPath = null;
    currentBytes = 0;
    try {
      long onDisk = 0;
      long lines = 0;
      for (Path segment : segments()) {
        onDisk += Files.size(segment);
        lines += countLines(segment);
      }
      bytes.set(onDisk);
      pending.set(lines);
    } catch (IOException ignored) {
      // the counts are corrected as segments are drained
    }
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

  /** What one segment holds: its whole lines, and what could not be a record (a torn tail, bytes not UTF-8). */
  public record Contents(List<String> lines, List<byte[]> torn) {
  }

  /**
   * Reads a segment record by record. A record is a line ended by a newline and valid UTF-8; a last line without
   * its newline (a crash mid-write) or bytes that are not UTF-8 are returned apart, never thrown.
   */
  public Contents read(Path segment) throws IOException {
    byte[] bytes = Files.readAllBytes(segment);
    List<String> lines = new ArrayList<>();
    List<byte[]> torn = new ArrayList<>();
    int start = 0;
    while (start < bytes.length) {
      int end = start;
      while (end < bytes.length && bytes[end] != '\n') {
        end++;
      }
      byte[] record = Arrays.copyOfRange(bytes, start, end);
      if (end == bytes.length) {
        torn.add(record); // no newline: the write of this record did not finish
      } else {
        String line = utf8(record);
        if (line == null) {
          torn.add(record);
        } else if (!line.isBlank()) {
          lines.add(line);
        }
      }
      start = end + 1;
    }
    return new Contents(lines, torn);
  }

  /**
   * Keeps what could not be read beside the spool as {@code <segment>.unreadable} (never drained, never deleted
   * by the spool), so an operator can look at it; returns where.
   */
  public Path setAside(Path segment, List<byte[]> records) throws IOException {
    Path aside = segment.resolveSibling(segment.getFileName() + ".unreadable");
    try (FileChannel channel = FileChannel.open(aside, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
        StandardOpenOption.APPEND)) {
      for (byte[] record : records) {
        ByteBuffer buffer = ByteBuffer.allocate(record.length + 1).put(record).put((byte) '\n').flip();
        while (buffer.hasRemaining()) {
          channel.write(buffer);
        }
      }
      channel.force(true);
    }
    return aside;
  }

  private static String utf8(byte[] record) {
    try {
      return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(record)).toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }

  /** Forgets a segment whose every event Kafka has acknowledged. */
  public void delete(Path segment, int events) throws IOException {
    long size = Files.size(segment);
    Files.deleteIfExists(segment);
    bytes.addAndGet(-size);
    pending.updateAndGet(p -> Math.max(0, p - events));
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

  /** Records in a segment, counted by their newlines: whatever bytes a crash left in it, this never throws. */
  private static long countLines(Path segment) throws IOException {
    long count = 0;
    for (byte b : Files.readAllBytes(segment)) {
      count += b == '\n' ? 1 : 0;
    }
    return count;
  }
}
