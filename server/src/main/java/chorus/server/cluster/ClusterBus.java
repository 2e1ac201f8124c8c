package chorus.server.cluster;

import static chorus.protocol.Jsons.JSON;

import chorus.server.action.Actions;
import chorus.server.action.ActionsChanged;
import chorus.server.common.Detached;
import chorus.server.feedback.FeedbackStored;
import chorus.server.kiosk.KioskAccessChanged;
import chorus.server.moderation.CommentModerated;
import chorus.server.prompt.LivePromptsChanged;
import chorus.server.security.WallKeyRevoked;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.topic.ITopic;
import com.hazelcast.topic.Message;
import com.hazelcast.topic.MessageListener;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ContextService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.enterprise.inject.Default;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import java.io.StringReader;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import javax.naming.InitialContext;
import javax.naming.NamingException;

/**
 * Carries the events that kiosks and walls on other instances must see over Payara's data grid
 * (its built-in Hazelcast): a prompt or assignment changed, a press was stored, a comment was
 * moderated, "you said, we did" changed, a kiosk's access or a wall key was revoked. Each is
 * published after its transaction commits, as a small JSON text on one topic, and replayed on
 * every other instance as the same CDI event qualified {@link FromCluster}.
 *
 * <p>Delivery is at most once, like any topic: walls also catch up from the database by
 * sequence number, and what is live is re-read every 30 s, so a lost message delays but never
 * loses anything. Without a data grid (a single instance, {@code --nohazelcast}) nothing is sent.
 */
@ApplicationScoped
public class ClusterBus {
  private static final Logger LOG = Logger.getLogger(ClusterBus.class.getName());
  static final String TOPIC = "chorus-events";

  @Resource ContextService context;
  @Inject Detached detached;
  @Inject Actions actions;
  @Inject Event<LivePromptsChanged> prompts;
  @Inject Event<FeedbackStored> stored;
  @Inject Event<CommentModerated> moderated;
  @Inject Event<ActionsChanged> actionsChanged;
  @Inject Event<KioskAccessChanged> access;
  @Inject Event<WallKeyRevoked> wallKeys;

  private final String origin = UUID.randomUUID().toString();
  private volatile ITopic<String> topic;
  private volatile HazelcastInstance grid;
  private UUID registration;

  void start(@Observes @Initialized(ApplicationScoped.class) Object ready) {
    HazelcastInstance grid;
    try {
      grid = InitialContext.doLookup("payara/Hazelcast");
    } catch (NamingException | RuntimeException e) {
      LOG.info("No data grid: this instance works alone (started with --nohazelcast?)");
      return;
    }
    if (grid == null || !grid.getLifecycleService().isRunning()) {
      LOG.info("No data grid: this instance works alone");
      return;
    }
    ITopic<String> t = grid.getTopic(TOPIC);
    // Hazelcast calls listeners on its own threads; the proxy gives them this application's context.
    @SuppressWarnings("unchecked")
    MessageListener<String> listener = context.createContextualProxy(new Receiver(), MessageListener.class);
    registration = t.addMessageListener(listener);
    this.grid = grid;
    topic = t;
    LOG.info(() -> "Cluster events on the data grid: " + grid.getCluster().getMembers().size() + " member(s) now");
  }

  @PreDestroy
  void stop() {
    ITopic<String> t = topic;
    topic = null;
    if (t != null && registration != null) {
      try {
        t.removeMessageListener(registration);
      } catch (RuntimeException e) {
        LOG.log(Level.FINE, "the data grid went first", e);
      }
    }
  }

  // --- out: after commit, local events only (@Default), never the replays ---

  void promptsChanged(@Observes(during = TransactionPhase.AFTER_SUCCESS) @Default LivePromptsChanged e) {
    publish(() -> message("prompts").add("reason", e.reason()));
  }

  void feedbackStored(@Observes(during = TransactionPhase.AFTER_SUCCESS) @Default FeedbackStored e) {
    publish(
        () -> message("feedback")
            .add("seq", e.seq())
            .add("id", e.id())
            .add("kioskId", e.kioskId())
            .add("siteId", e.siteId())
            .add("promptId", e.promptId())
            .add("promptVersion", e.promptVersion())
            .add("option", e.option())
            .add("pressedAt", e.pressedAt().toString())
            .add("comment", e.comment()));
  }

  void commentModerated(@Observes(during = TransactionPhase.AFTER_SUCCESS) @Default CommentModerated e) {
    publish(
        () -> {
          JsonObjectBuilder m =
              message("comment")
                  .add("feedbackId", e.feedbackId())
                  .add("siteId", e.siteId())
                  .add("promptId", e.promptId())
                  .add("option", e.option())
                  .add("pressedAt", e.pressedAt().toString())
                  .add("visible", e.visible());
          return e.text() == null ? m : m.add("text", e.text());
        });
  }

  void actionsChanged(@Observes(during = TransactionPhase.AFTER_SUCCESS) @Default ActionsChanged e) {
    publish(
        () -> {
          JsonArrayBuilder sites = JSON.createArrayBuilder();
          e.siteIds().forEach(sites::add);
          return message("actions").add("siteIds", sites);
        });
  }

  void accessChanged(@Observes(during = TransactionPhase.AFTER_SUCCESS) @Default KioskAccessChanged e) {
    publish(() -> message("kiosk-access").add("kioskId", e.kioskId()).add("reason", e.reason()));
  }

  void wallKeyRevoked(@Observes(during = TransactionPhase.AFTER_SUCCESS) @Default WallKeyRevoked e) {
    publish(() -> message("wall-key").add("keyId", e.keyId()));
  }

  private JsonObjectBuilder message(String kind) {
    return JSON.createObjectBuilder().add("origin", origin).add("kind", kind);
  }

  private void publish(java.util.function.Supplier<JsonObjectBuilder> message) {
    ITopic<String> t = topic;
    if (t == null || grid.getCluster().getMembers().size() < 2) {
      return; // alone: nobody to tell, and nothing built on every press
    }
    try {
      t.publishAsync(message.get().build().toString());
    } catch (RuntimeException e) {
      // The grid is leaving or split: other instances catch up from the database.
      LOG.log(Level.FINE, "could not publish a cluster event", e);
    }
  }

  // --- in: replayed on a container thread of its own ---

  private final class Receiver implements MessageListener<String> {
    @Override
    public void onMessage(Message<String> message) {
      String text = message.getMessageObject();
      if (text == null || text.contains("\"origin\":\"" + origin + "\"")) {
        return; // our own
      }
      detached.run("replay a cluster event", () -> replay(text));
    }
  }

  void replay(String text) {
    JsonObject m;
    try (var reader = JSON.createReader(new StringReader(text))) {
      m = reader.readObject();
    }
    switch (m.getString("kind", "")) {
      case "prompts" -> prompts.select(FromCluster.LITERAL).fire(new LivePromptsChanged("on another instance: " + m.getString("reason", "")));
      case "feedback" ->
          stored
              .select(FromCluster.LITERAL)
              .fire(
                  new FeedbackStored(
                      m.getJsonNumber("seq").longValue(),
                      m.getString("id"),
                      m.getString("kioskId"),
                      m.getString("siteId"),
                      m.getString("promptId"),
                      m.getInt("promptVersion"),
                      m.getString("option"),
                      Instant.parse(m.getString("pressedAt")),
                      m.getBoolean("comment")));
      case "comment" ->
          moderated
              .select(FromCluster.LITERAL)
              .fire(
                  new CommentModerated(
                      m.getString("feedbackId"),
                      m.getString("siteId"),
                      m.getString("promptId"),
                      m.getString("option"),
                      m.getString("text", null),
                      Instant.parse(m.getString("pressedAt")),
                      m.getBoolean("visible")));
      case "actions" -> {
        Set<String> sites = m.getJsonArray("siteIds").getValuesAs(JsonString.class).stream().map(JsonString::getString).collect(Collectors.toSet());
        actionsChanged.select(FromCluster.LITERAL).fire(actions.changedFor(sites));
      }
      case "kiosk-access" -> access.select(FromCluster.LITERAL).fire(new KioskAccessChanged(m.getString("kioskId"), m.getString("reason")));
      case "wall-key" -> wallKeys.select(FromCluster.LITERAL).fire(new WallKeyRevoked(m.getString("keyId")));
      default -> LOG.fine(() -> "Unknown cluster event ignored: " + text);
    }
  }
}
