package chorus.kiosk.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chorus.protocol.FeedbackFrame;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OutboxTest {
  @TempDir Path dir;

  private static FeedbackFrame press(int n) {
    return new FeedbackFrame(
        UUID.randomUUID(),
        "p1",
        1,
        "happy",
        n % 2 == 0 ? null : "comment " + n,
        Instant.parse("2026-03-01T10:00:00Z").plusSeconds(n));
  }

  private List<FeedbackFrame> appendSome(Outbox outbox, int count)
      throws OutboxFullException, OutboxWriteException {
    List<FeedbackFrame> presses = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      FeedbackFrame p = press(i);
      outbox.append(p);
      presses.add(p);
    }
    return presses;
  }

  @Test
  void unackedPressesSurviveAReopenInOrder() throws Exception {
    // given
    List<FeedbackFrame> presses;
    try (Outbox outbox = Outbox.open(dir, 100)) {
      presses = appendSome(outbox, 5);
      outbox.ack(presses.get(1).id());
      outbox.ack(presses.get(3).id());
    }

    // when
    try (Outbox reopened = Outbox.open(dir, 100)) {
      // then
      assertEquals(List.of(presses.get(0), presses.get(2), presses.get(4)), reopened.pending());
    }
  }

  @Test
  void anAnswerAmendsAWaitingPressInPlaceAndSurvivesAReopen() throws Exception {
    // given
    List<FeedbackFrame> presses;
    FeedbackFrame answered;
    try (Outbox outbox = Outbox.open(dir, 100)) {
      presses = appendSome(outbox, 3);
      answered = presses.get(1).answered("staff", true);

      // when
      assertTrue(outbox.amend(answered));
      outbox.ack(presses.get(2).id());
      assertFalse(
          outbox.amend(presses.get(2).answered("late", false)),
          "an acked press is too late to change");
    }

    // then
    try (Outbox reopened = Outbox.open(dir, 100)) {
      assertEquals(List.of(presses.get(0), answered), reopened.pending());
      assertEquals("staff", reopened.pending().get(1).followUp());
      assertTrue(reopened.pending().get(1).supported());
    }
  }

  @ParameterizedTest(name = "cut {0} bytes off the end")
  @ValueSource(ints = {1, 2, 5, 6, 10, 20, 40})
  void aTornLastRecordIsCutOffAndEveryCompleteRecordSurvives(int bytesLost) throws Exception {
    // given: five presses on disk, then the last write torn by a power cut
    List<FeedbackFrame> presses;
    try (Outbox outbox = Outbox.open(dir, 100)) {
      presses = appendSome(outbox, 5);
    }
    Path journal = dir.resolve(Outbox.FILE_NAME);
    long size = Files.size(journal);
    try (RandomAccessFile raf = new RandomAccessFile(journal.toFile(), "rw")) {
      raf.setLength(size - bytesLost);
    }

    // when
    try (Outbox reopened = Outbox.open(dir, 100)) {
      // then: the first four are whole and kept; the torn fifth is gone, and new presses append
      // cleanly
      assertEquals(presses.subList(0, 4), reopened.pending());
      FeedbackFrame next = press(99);
      reopened.append(next);
    }
    try (Outbox again = Outbox.open(dir, 100)) {
      assertEquals(5, again.size());
      assertEquals(presses.get(3), again.pending().get(3));
    }
  }

  @Test
  void aCorruptedLastRecordFailsItsChecksumAndIsCutOff() throws Exception {
    List<FeedbackFrame> presses;
    try (Outbox outbox = Outbox.open(dir, 100)) {
      presses = appendSome(outbox, 3);
    }
    Path journal = dir.resolve(Outbox.FILE_NAME);
    try (RandomAccessFile raf = new RandomAccessFile(journal.toFile(), "rw")) {
      raf.seek(raf.length() - 10);
      raf.write('#'); // flip a byte inside the last record's payload
    }

    try (Outbox reopened = Outbox.open(dir, 100)) {
      assertEquals(presses.subList(0, 2), reopened.pending());
    }
  }

  @Test
  void garbageAfterGoodRecordsIsCutOff() throws Exception {
    List<FeedbackFrame> presses;
    try (Outbox outbox = Outbox.open(dir, 100)) {
      presses = appendSome(outbox, 2);
    }
    Files.write(
        dir.resolve(Outbox.FILE_NAME),
        new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0},
        java.nio.file.StandardOpenOption.APPEND);

    try (Outbox reopened = Outbox.open(dir, 100)) {
      assertEquals(presses, reopened.pending());
    }
  }

  @Test
  void aFullOutboxRefusesRatherThanDroppingOlderPresses() throws Exception {
    try (Outbox outbox = Outbox.open(dir, 3)) {
      List<FeedbackFrame> kept = appendSome(outbox, 3);

      assertTrue(outbox.nearlyFull());
      assertThrows(OutboxFullException.class, () -> outbox.append(press(7)));
      assertEquals(kept, outbox.pending());
      outbox.ack(kept.get(0).id());
      outbox.append(press(8));
      assertEquals(3, outbox.size());
    }
  }

  @Test
  void ackedPressesAreCompactedAway() throws Exception {
    try (Outbox outbox = Outbox.open(dir, 10_000)) {
      List<FeedbackFrame> presses = appendSome(outbox, 200);
      long full = outbox.bytes();
      for (FeedbackFrame p : presses.subList(0, 199)) {
        outbox.ack(p.id());
      }
      outbox.ack(presses.get(199).id());

      assertEquals(0, outbox.size());
      assertTrue(
          outbox.bytes() < full / 10,
          "journal should shrink, was " + outbox.bytes() + " of " + full);
    }
    try (Outbox reopened = Outbox.open(dir, 10_000)) {
      assertEquals(0, reopened.size());
    }
  }

  @Test
  void aRejectedPressLeavesTheOutboxButIsKeptForStaff() throws Exception {
    try (Outbox outbox = Outbox.open(dir, 10)) {
      FeedbackFrame p = press(1);
      outbox.append(p);

      outbox.reject(p.id(), "unknown_prompt: gone");

      assertEquals(0, outbox.size());
      String setAside = Files.readString(dir.resolve("rejected.jsonl"));
      assertTrue(setAside.contains(p.id().toString()) && setAside.contains("unknown_prompt"));
    }
  }

  @Test
  void ackOfAnUnknownIdChangesNothing() throws Exception {
    try (Outbox outbox = Outbox.open(dir, 10)) {
      appendSome(outbox, 2);
      assertFalse(outbox.ack(UUID.randomUUID()));
      assertEquals(2, outbox.size());
    }
  }
}
