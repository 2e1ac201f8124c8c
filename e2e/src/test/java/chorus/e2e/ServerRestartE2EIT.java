package chorus.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chorus.protocol.AckFrame;
import chorus.protocol.FeedbackFrame;
import chorus.protocol.Prompt;
import chorus.protocol.PromptFrame;
import chorus.server.testkit.Api;
import chorus.server.testkit.TestKiosk;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Stored feedback outlives the server process: a clean stop, and a kill right after the ack. */
class ServerRestartE2EIT {
  private static final Duration WAIT = Duration.ofSeconds(10);

  @Test
  void ackedFeedbackSurvivesAStopAndAKill() throws Exception {
    Path data =
        Files.createDirectories(Path.of(System.getProperty("chorus.e2e.work")))
            .resolve("restart-" + System.nanoTime());
    try (ServerProcess server = ServerProcess.startDemo(data)) {
      String token = server.demoToken();
      List<String> ids = new ArrayList<>();

      // given: one press acked, then a clean stop and start
      ids.add(pressAndAwaitAck(server, token));
      server.stop();
      server.start();
      assertEquals(token, server.demoToken(), "a restart must not reseed the demo");

      // and: one more press acked, then SIGKILL straight after the ack
      ids.add(pressAndAwaitAck(server, token));
      server.kill();
      server.start();

      // then: both presses are there, once each, and the kiosk token still works
      Api api = new Api(server.base()).as("admin", server.adminPassword());
      assertEquals(2, api.feedbackWithIds(null, ids).size());
      assertEquals(2, api.array("api/feedback?limit=10000").size());
      try (TestKiosk kiosk = TestKiosk.connect(server.base(), token)) {
        assertTrue(kiosk.next(PromptFrame.class, WAIT).prompt().options().size() >= 3);
      }
    }
  }

  private static String pressAndAwaitAck(ServerProcess server, String token) throws Exception {
    try (TestKiosk kiosk = TestKiosk.connect(server.base(), token)) {
      Prompt prompt = kiosk.next(PromptFrame.class, WAIT).prompt();
      FeedbackFrame press =
          new FeedbackFrame(
              UUID.randomUUID(),
              prompt.id(),
              prompt.version(),
              prompt.options().get(0).key(),
              null,
              Instant.now());
      kiosk.send(press);
      assertEquals(List.of(press.id()), kiosk.next(AckFrame.class, WAIT).ids());
      return press.id().toString();
    }
  }
}
