package io.nodeward.authorizer.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The spool on real files: bounded, counted drops, and what a restart finds on disk. */
class DecisionSpoolTest {

  @TempDir
  Path dir;

  static List<String> lines(int count, int size) {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      lines.add(String.format("%0" + (size - 1) + "d", i)); // plus the newline: size bytes each
    }
    return lines;
  }

  @Test
  void aFullSpoolDropsAndCountsInsteadOfGrowing() throws Exception {
    DecisionSpool spool = new DecisionSpool(dir, 1_000);
    assertEquals(0, spool.append(lines(8, 100)));
    assertEquals(3, spool.append(lines(5, 100)), "only 2 more lines of 100 bytes fit in 1000");
    assertEquals(1_000, spool.bytes());
    assertEquals(10, spool.pendingEvents());
    assertEquals(3, spool.dropped());
    spool.close();
  }

  @Test
  void aRestartFindsTheSpooledEventsAndDrainsTheOldestSegmentFirst() throws Exception {
    DecisionSpool first = new DecisionSpool(dir, 1_000_000);
    first.append(lines(3, 50));
    first.seal();
    first.append(lines(2, 50));
    first.close();

    DecisionSpool second = new DecisionSpool(dir, 1_000_000);
    assertEquals(5, second.pendingEvents());
    assertEquals(250, second.bytes());
    List<Path> segments = second.sealedSegments();
    assertEquals(2, segments.size());
    assertEquals(3, second.read(segments.get(0)).lines().size());

    second.delete(segments.get(0), 3);
    assertEquals(2, second.pendingEvents());
    second.append(lines(1, 50));
    assertTrue(second.sealedSegments().size() == 1, "the segment being written is not offered for draining");
    second.close();
    try (var files = Files.list(dir)) {
      assertEquals(2, files.count());
    }
  }

  @Test
  void aTornOrDamagedSegmentIsReadUpToItsWholeRecordsAndTheRestIsSetAside() throws Exception {
    DecisionSpool first = new DecisionSpool(dir, 1_000_000);
    first.append(lines(2, 50));
    first.close();
    Path segment = first.sealedSegments().get(0);
    // A crash mid-write: bytes that are not UTF-8 as one record, then a last record without its newline.
    Files.write(segment, new byte[] {(byte) 0xC3, (byte) 0x28, '\n', '{', '"', 'i', 'd'},
        java.nio.file.StandardOpenOption.APPEND);

    DecisionSpool second = new DecisionSpool(dir, 1_000_000); // opens: never throws on what a crash left
    DecisionSpool.Contents contents = second.read(segment);
    assertEquals(lines(2, 50), contents.lines(), "every whole record");
    assertEquals(2, contents.torn().size(), "the damaged record and the torn tail");
    Path aside = second.setAside(segment, contents.torn());
    assertEquals(segment.getFileName() + ".unreadable", aside.getFileName().toString());
    assertTrue(Files.size(aside) > 0);
    second.delete(segment, contents.lines().size() + contents.torn().size());
    assertEquals(List.of(), second.sealedSegments(), "what was set aside is never drained again");
    assertTrue(Files.exists(aside), "and kept for an operator");
  }
}
