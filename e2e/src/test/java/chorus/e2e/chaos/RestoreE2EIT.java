package chorus.e2e.chaos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chorus.e2e.Eventually;
import chorus.e2e.ServerProcess;
import chorus.server.testkit.Api;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A database restored from an older backup, as an operator would after a failed disk: the kiosk
 * shows a prompt version the restored database never had, and its presses made meanwhile arrive.
 * None is refused or lost: each is stored as unmatched, acked (the kiosk's outbox empties), kept
 * out of the counts and listed for staff, who place it on a version the database has.
 */
class RestoreE2EIT {
  private static final Duration WAIT = Duration.ofSeconds(60);

  @Test
  void pressesForAPromptVersionTheRestoredDatabaseLacksAreKeptAsUnmatchedAndPlacedByStaff()
      throws Exception {
    Path work =
        Files.createDirectories(Path.of(System.getProperty("chorus.e2e.work")))
            .resolve("restore-" + System.nanoTime());
    Path data = work.resolve("server");
    Path backup = work.resolve("backup");
    ServerProcess server = ServerProcess.startDemo(data);
    Path agentData = Files.createDirectories(work.resolve("kiosk"));
    Path tokenFile = agentData.resolve("kiosk.token");
    Files.writeString(tokenFile, server.demoToken());
    AgentProcess agent =
        new AgentProcess(server.kioskUri(), tokenFile, agentData, Duration.ofSeconds(1));
    agent.start();
    try {
      agent.awaitPrompt(WAIT);
      String password = server.adminPassword();

      // the nightly backup (the server stopped, as deploy/server's backup of the embedded database
      // does)
      server.stop();
      copy(data, backup);
      server.start();

      // a facilitator edits the question afterwards: the kiosk shows version 2
      Api admin = new Api(server.base()).as("admin", password);
      JsonObject prompt = Api.arrayOf(admin.get("api/prompts")).getJsonObject(0);
      JsonArrayBuilder options = Json.createArrayBuilder();
      for (JsonValue o : prompt.getJsonArray("options")) {
        JsonObject option = o.asJsonObject();
        options.add(
            Json.createObjectBuilder()
                .add("key", option.getString("key"))
                .add("label", option.getString("label")));
      }
      String edited =
          Json.createObjectBuilder()
              .add("text", "How was your visit this week?")
              .add("options", options)
              .build()
              .toString();
      assertEquals(200, admin.put("api/prompts/" + prompt.getString("id"), edited).statusCode());
      agent.awaitText("How was your visit this week?", WAIT);

      // the disk fails: the server is gone, the kiosk keeps taking presses on version 2
      server.kill();
      List<String> pressed = new ArrayList<>();
      for (int n = 1; n <= 3; n++) {
        pressed.add(agent.press(n, WAIT));
      }

      // when: the operator restores last night's backup (no version 2 in it) and starts the server
      delete(data);
      copy(backup, data);
      server.start();

      // then: every press arrives and is acked, kept as unmatched, listed for staff, not counted
      Api restored = new Api(server.base()).as("admin", password);
      Eventually.await(
          "the presses kept as unmatched",
          WAIT,
          () -> unmatchedIds(restored),
          ids -> ids.containsAll(pressed));
      Eventually.await(
          "the kiosk's outbox drained",
          WAIT,
          () -> Api.arrayOf(restored.get("api/kiosks")).getJsonObject(0),
          k -> !k.isNull("outbox") && k.getInt("outbox") == 0);
      JsonObject kept =
          Api.arrayOf(restored.get("api/feedback/unmatched")).stream()
              .map(JsonValue::asJsonObject)
              .filter(u -> u.getString("id").equals(pressed.get(0)))
              .findFirst()
              .orElseThrow();
      assertEquals("unknown_prompt", kept.getString("reasonCode"));
      assertEquals(2, kept.getInt("promptVersion"));
      Set<String> counted =
          Api.arrayOf(restored.get("api/feedback?limit=10000")).stream()
              .map(v -> v.asJsonObject().getString("id"))
              .collect(Collectors.toSet());
      assertTrue(
          pressed.stream().noneMatch(counted::contains), "unmatched presses are not counted");

      // and staff place one on the version the database has: counted once from then on
      String place =
          "{\"promptId\":\""
              + prompt.getString("id")
              + "\",\"promptVersion\":1,\"option\":\""
              + kept.getString("option")
              + "\"}";
      assertEquals(
          200,
          restored
              .post("api/feedback/unmatched/" + pressed.get(0) + "/assign", place)
              .statusCode());
      assertEquals(
          1,
          Api.arrayOf(restored.get("api/feedback?limit=10000")).stream()
              .filter(v -> v.asJsonObject().getString("id").equals(pressed.get(0)))
              .count());
    } finally {
      agent.close();
      server.stop();
    }
  }

  private static Set<String> unmatchedIds(Api api) throws Exception {
    return Api.arrayOf(api.get("api/feedback/unmatched")).stream()
        .map(v -> v.asJsonObject().getString("id"))
        .collect(Collectors.toSet());
  }

  private static void copy(Path from, Path to) throws IOException {
    try (Stream<Path> all = Files.walk(from)) {
      for (Path p : (Iterable<Path>) all::iterator) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target);
        }
      }
    }
  }

  private static void delete(Path dir) throws IOException {
    try (Stream<Path> all = Files.walk(dir)) {
      for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
