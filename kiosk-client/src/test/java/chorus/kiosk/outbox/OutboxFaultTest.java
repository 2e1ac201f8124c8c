package chorus.kiosk.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chorus.protocol.Decoded;
import chorus.protocol.FeedbackFrame;
import chorus.protocol.FrameCodec;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The journal when the disk misbehaves: failed writes, damage in the middle, failed compaction, old
 * formats.
 */
class OutboxFaultTest {
  @TempDir Path dir;

  private static FeedbackFrame press(int n) {
    return new FeedbackFrame(
        UUID.randomUUID(),
        "p1",
        1,
        "happy",
        n % 3 == 0 ? "comment " + n : null,
        Instant.parse("2026-03-01T10:00:00Z").plusSeconds(n));
  }

  private static List<FeedbackFrame> appendSome(Outbox outbox, int from, int count)
      throws Exception {
    List<FeedbackFrame> presses = new ArrayList<>();
    for (int i = from; i < from + count; i++) {
      FeedbackFrame p = press(i);
      outbox.append(p);
      presses.add(p);
    }
    return presses;
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(
      value = FaultyFiles.Fault.class,
      names = {"HALF_WRITE", "FSYNC", "HALF_WRITE_AND_TRUNCATE"})
  void aFailedAppendIsRefusedAndEveryLaterPressSurvivesARestart(FaultyFiles.Fault fault)
      throws Exception {
    // given: three presses on disk
    FaultyFiles files = new FaultyFiles();
    List<FeedbackFrame> kept = new ArrayList<>();
    FeedbackFrame failed = press(50);
    try (Outbox outbox = Outbox.open(dir, 100, files)) {
      kept.addAll(appendSome(outbox, 0, 3));

      // when: one append fails part way, then the disk recovers and more presses come
      files.fault = fault;
      assertThrows(OutboxWriteException.class, () -> outbox.append(failed));
      files.fault = FaultyFiles.Fault.NONE;
      assertEquals(kept, outbox.pending(), "the refused press is not waiting");
      kept.addAll(appendSome(outbox, 3, 4));
    }

    // then: after a restart every press that was recorded is there, in order, and no other
    try (Outbox reopened = Outbox.open(dir, 100)) {
      assertEquals(kept, reopened.pending());
    }
    assertTrue(files.failures > 0, "the fault was injected");
  }

  @Test
  void aFailedAmendKeepsThePressAsItWas() throws Exception {
    FaultyFiles files = new FaultyFiles();
    FeedbackFrame p = press(1);
    try (Outbox outbox = Outbox.open(dir, 100, files)) {
      outbox.append(p);
      files.fault = FaultyFiles.Fault.HALF_WRITE;
      assertEquals(false, outbox.amend(p.answered("later", true)));
      FeedbackFrame next = press(2);
      outbox.append(next);
    }
    try (Outbox reopened = Outbox.open(dir, 100)) {
      assertEquals(2, reopened.size());
      assertEquals(p, reopened.pending().get(0));
    }
  }

  /** Where each press record starts in the journal (its magic byte). */
  private static List<Integer> pressRecordStarts(byte[] journal) {
    List<Integer> starts = new ArrayList<>();
    byte[] marker = "{\"type\":\"feedback\"".getBytes(StandardCharsets.US_ASCII);
    for (int i = 6; i + marker.length <= journal.length; i++) {
      if (java.util.Arrays.equals(journal, i, i + marker.length, marker, 0, marker.length)) {
        starts.add(i - 6);
      }
    }
    return starts;
  }

  @ParameterizedTest(name = "damage at offset {0} of the third record")
  @ValueSource(ints = {0, 1, 2, 3, 5, 6, 20, 40, -1, -4})
  void aRecordDamagedInTheMiddleLosesOnlyItself(int offset) throws Exception {
    // given: five presses
    List<FeedbackFrame> presses;
    try (Outbox outbox = Outbox.open(dir, 100)) {
      presses = appendSome(outbox, 0, 5);
    }
    Path journal = dir.resolve(Outbox.FILE_NAME);
    byte[] bytes = Files.readAllBytes(journal);
    List<Integer> starts = pressRecordStarts(bytes);
    assertEquals(5, starts.size());

    // when: one byte of the third record is damaged (magic, kind, length, payload or checksum)
    int recordEnd = starts.get(3);
    int at = offset >= 0 ? starts.get(2) + offset : recordEnd + offset;
    bytes[at] ^= (byte) 0x5A;
    Files.write(journal, bytes);

    // then: only that press is gone; the ones after it are kept, and the journal is whole again
    List<FeedbackFrame> expected = new ArrayList<>(presses);
    expected.remove(2);
    try (Outbox reopened = Outbox.open(dir, 100)) {
      assertEquals(expected, reopened.pending());
      reopened.append(press(9));
    }
    try (Outbox again = Outbox.open(dir, 100)) {
      assertEquals(5, again.size());
      assertEquals(expected, again.pending().subList(0, 4));
    }
  }

  @Test
  void aCompactionThatCannotWriteLeavesPressesFlowing() throws Exception {
    FaultyFiles files = new FaultyFiles();
    files.refuseToOpen = p -> p.getFileName().toString().endsWith(".tmp");
    List<FeedbackFrame> waiting = new ArrayList<>();
    try (Outbox outbox = Outbox.open(dir, 10_000, files)) {
      List<FeedbackFrame> presses = appendSome(outbox, 0, 100);
      // every ack past 64 tries to compact the emptied journal, and fails
      presses.forEach(p -> outbox.ack(p.id()));
      assertTrue(files.failures > 0, "compaction was tried");

      waiting.addAll(appendSome(outbox, 100, 5));
      outbox.ack(waiting.remove(0).id());
      assertEquals(waiting, outbox.pending());
    }
    try (Outbox reopened = Outbox.open(dir, 10_000)) {
      assertEquals(waiting, reopened.pending());
    }
  }

  @Test
  void aCompactionWhoseFsyncFailsLeavesTheJournalAsItWas() throws Exception {
    FaultyFiles files = new FaultyFiles();
    List<FeedbackFrame> waiting;
    try (Outbox outbox = Outbox.open(dir, 10_000, files)) {
      List<FeedbackFrame> presses = appendSome(outbox, 0, 70);
      presses.subList(0, 63).forEach(p -> outbox.ack(p.id()));
      files.fault = FaultyFiles.Fault.FSYNC; // the compaction's fsync of the new file
      presses.subList(63, 70).forEach(p -> outbox.ack(p.id()));
      files.fault = FaultyFiles.Fault.NONE;
      waiting = appendSome(outbox, 70, 3);
    }
    assertTrue(
        Files.notExists(dir.resolve(Outbox.FILE_NAME + ".tmp")),
        "no half-made journal is left behind");
    try (Outbox reopened = Outbox.open(dir, 10_000)) {
      assertEquals(waiting, reopened.pending());
    }
  }

  @Test
  void aJournalWrittenByThePreviousReleaseDecodes() throws Exception {
    // given: a journal the previous release wrote (four presses waiting, one amended, two acked)
    copyResource("release-0.1/outbox.journal", dir.resolve(Outbox.FILE_NAME));
    List<FeedbackFrame> expected = new ArrayList<>();
    for (String line : resource("release-0.1/pending.jsonl").split("\n")) {
      expected.add((FeedbackFrame) ((Decoded.Ok) FrameCodec.decode(line)).frame());
    }
    assertEquals(4, expected.size());

    // when
    try (Outbox outbox = Outbox.open(dir, 100)) {
      // then: every press is there, answers and flags included, and new ones go after them
      assertEquals(expected, outbox.pending());
      assertEquals(0, outbox.rejected());
      outbox.append(press(7));
    }
    try (Outbox again = Outbox.open(dir, 100)) {
      assertEquals(expected, again.pending().subList(0, 4));
      assertEquals(5, again.size());
    }
  }

  @Test
  void aPressRecordThatNoLongerDecodesIsKeptAsideFsyncedAndCounted() throws Exception {
    // given: a whole record (checksum right) whose press this release cannot read, between two good
    // ones
    FeedbackFrame first = press(1);
    FeedbackFrame last = press(2);
    String odd =
        "{\"type\":\"feedback\",\"v\":1,\"id\":\""
            + UUID.randomUUID()
            + "\",\"promptId\":\"p1\",\"promptVersion\":1,\"option\":\"NOT A KEY\",\"pressedAt\":\"2026-03-01T10:00:00Z\"}";
    try (var out = Files.newOutputStream(dir.resolve(Outbox.FILE_NAME))) {
      out.write(record((byte) 1, FrameCodec.encode(first)));
      out.write(record((byte) 1, odd));
      out.write(record((byte) 1, FrameCodec.encode(last)));
    }

    // when
    try (Outbox outbox = Outbox.open(dir, 100)) {
      // then
      assertEquals(List.of(first, last), outbox.pending());
      assertEquals(1, outbox.rejected());
    }
    String aside = Files.readString(dir.resolve(Outbox.REJECTED_FILE));
    assertTrue(
        aside.contains("NOT A KEY") && aside.contains("journal_record_does_not_decode"), aside);
    try (Outbox again = Outbox.open(dir, 100)) {
      assertEquals(1, again.rejected(), "counted once, not again on every start");
    }
  }

  @Test
  void aPressRecordOfAnotherProtocolVersionIsReadWithThisOne() throws Exception {
    FeedbackFrame p = press(3);
    String future = FrameCodec.encode(p).replace("\"v\":1", "\"v\":2");
    try (var out = Files.newOutputStream(dir.resolve(Outbox.FILE_NAME))) {
      out.write(record((byte) 1, future));
    }
    try (Outbox outbox = Outbox.open(dir, 100)) {
      assertEquals(List.of(p), outbox.pending());
    }
  }

  @Test
  void theLastResortFileIsCountedAcrossRestarts() throws Exception {
    try (Outbox outbox = Outbox.open(dir, 100)) {
      List<FeedbackFrame> presses = appendSome(outbox, 0, 3);
      outbox.reject(presses.get(0).id(), "unknown_prompt: an older server");
      outbox.reject(presses.get(1).id(), "unknown_prompt: an older server");
      assertEquals(2, outbox.rejected());
      assertEquals(List.of(presses.get(2)), outbox.pending());
    }
    try (Outbox again = Outbox.open(dir, 100)) {
      assertEquals(2, again.rejected());
      assertEquals(1, again.size());
    }
  }

  /** One journal record as the journal frames it: magic, kind, length, payload, CRC-32C. */
  private static byte[] record(byte kind, String text) {
    byte[] payload = text.getBytes(StandardCharsets.UTF_8);
    CRC32C crc = new CRC32C();
    crc.update(kind);
    crc.update(ByteBuffer.allocate(4).putInt(0, payload.length));
    crc.update(payload);
    return ByteBuffer.allocate(6 + payload.length + 4)
        .put((byte) 0xC7)
        .put(kind)
        .putInt(payload.length)
        .put(payload)
        .putInt((int) crc.getValue())
        .array();
  }

  private static String resource(String name) throws Exception {
    try (InputStream in = OutboxFaultTest.class.getResourceAsStream(name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static void copyResource(String name, Path to) throws Exception {
    try (InputStream in = OutboxFaultTest.class.getResourceAsStream(name)) {
      Files.write(
          to, in.readAllBytes(), StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING);
    }
  }
}
