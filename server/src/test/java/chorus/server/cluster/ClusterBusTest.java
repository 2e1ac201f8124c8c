package chorus.server.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import chorus.protocol.ActionItem;
import chorus.server.action.ActionsChanged;
import chorus.server.feedback.FeedbackStored;
import chorus.server.kiosk.KioskAccessChanged;
import chorus.server.moderation.CommentModerated;
import chorus.server.prompt.LivePromptsChanged;
import chorus.server.security.WallKeyRevoked;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Every event the cluster carries comes back equal to what was sent; anything else is ignored. */
class ClusterBusTest {
  private static final ClusterBus bus = new ClusterBus();

  @BeforeAll
  static void open() {
    bus.init();
  }

  @AfterAll
  static void close() {
    bus.stop();
  }

  static Stream<Record> events() {
    Instant at = Instant.parse("2026-03-01T10:15:30.123456Z");
    return Stream.of(
        new LivePromptsChanged("prompt p1 now at v2"),
        new FeedbackStored(
            42L, "9b2f0c7e-0000-4000-8000-000000000001", "k1", "s1", "p1", 2, "good", at, true),
        new CommentModerated(
            "9b2f0c7e-0000-4000-8000-000000000001",
            "s1",
            "p1",
            "bad",
            "Too loud, \"really\" \u2603",
            at,
            true),
        new CommentModerated(
            "9b2f0c7e-0000-4000-8000-000000000001", "s1", "p1", "bad", null, at, false),
        new ActionsChanged(
            Set.of("s1", "s2"),
            List.of(
                new ActionsChanged.Current(
                    new ActionItem(
                        "a1",
                        "Too loud",
                        "A quiet room",
                        at,
                        ActionItem.WORKING,
                        "Soon",
                        "Quiet soon",
                        "/api/pictures/a1?v=1",
                        Map.of(
                            "cy",
                            new chorus.protocol.ActionTranslation(
                                null, "Ystafell dawel", null, "Cyn bo hir"))),
                    Set.of("s1")))),
        new ActionsChanged(Set.of(), List.of()),
        new KioskAccessChanged("k1", "revoked"),
        new WallKeyRevoked("w1"));
  }

  @ParameterizedTest
  @MethodSource("events")
  void anEventComesBackAsItWasSent(Record event) {
    String text = bus.encode(event);
    assertEquals(event, bus.decode(text), text);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "feedback",
        "nonsense {}",
        "feedback {not json",
        "wall-key [1,2]",
        "prompts\n{}x"
      })
  void aMessageThisReleaseCannotReadIsIgnored(String text) {
    assertNull(bus.decode(text));
  }
}
