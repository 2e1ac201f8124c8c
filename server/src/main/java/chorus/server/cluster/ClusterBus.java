package chorus.server.cluster;

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
import jakarta.annotation.PostConstruct;
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
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbException;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import javax.naming.InitialContext;
import javax.naming.NamingException;

/**
 * Carries the events that kiosks and walls on other instances must see over Payara's data grid (its
 * built-in Hazelcast): a prompt or assignment changed, a press was stored, a comment was moderated,
 * "you said, we did" changed, a kiosk's access or a wall key was revoked. Each event record is
 * published after its transaction commits, as itself (JSON-B, under its kind's name) on one topic,
 * and replayed on every other instance, through one path, as the same CDI event qualified {@link
 * FromCluster}. An instance knows its own messages by their publishing member.
 *
 * <p>Delivery is at most once, like any topic: walls also catch up from the database by sequence
 * number, and what is live is re-read every 30 s, so a lost message delays but never loses
 * anything. Without a data grid (a single instance, {@code --nohazelcast}) nothing is sent.
 */
@ApplicationScoped
public class ClusterBus {
  private static final Logger LOG = Logger.getLogger(ClusterBus.class.getName());
  static final String TOPIC = "chorus-events";

  /** The events carried, by their name on the wire. */
  static final Map<String, Class<? extends Record>> KINDS =
      Map.of(
          "prompts", LivePromptsChanged.class,
          "feedback", FeedbackStored.class,
          "comment", CommentModerated.class,
          "actions", ActionsChanged.class,
          "kiosk-access", KioskAccessChanged.class,
          "wall-key", WallKeyRevoked.class);

  private static final Map<Class<?>, String> NAMES =
      KINDS.entrySet().stream()
          .collect(Collectors.toUnmodifiableMap(Map.Entry::getValue, Map.Entry::getKey));

  @Resource ContextService context;
  @Inject Detached detached;

  /**
   * Replays carry {@code @FromCluster} and not {@code @Default}: an {@code Event<Object>} injected
   * without a qualifier keeps {@code @Default} through {@code select(FromCluster.LITERAL)} here, so
   * every replay was published again and bounced between the instances until they stopped.
   */
  @Inject @FromCluster Event<Object> replays;

  private Jsonb jsonb;
  private volatile ITopic<String> topic;
  private volatile HazelcastInstance grid;
  private UUID registration;

  @PostConstruct
  void init() {
    jsonb = JsonbBuilder.create();
  }

  void start(@Observes @Initialized(ApplicationScoped.class) Object ready) {
    HazelcastInstance grid;
    try {
      // A fixed name of the container's own data grid: nothing from outside is looked up.
      @SuppressWarnings("BanJNDI")
      HazelcastInstance found = InitialContext.doLookup("payara/Hazelcast");
      grid = found;
    } catch (NamingException | RuntimeException e) {
      LOG.info("No data grid: this instance works alone (started with --nohazelcast?)");
      return;
    }
    if (grid == null || !grid.getLifecycleService().isRunning()) {
      LOG.info("No data grid: this instance works alone");
      return;
    }
    ITopic<String> t = grid.getTopic(TOPIC);
    // Hazelcast calls listeners on its own threads; the proxy gives them this application's
    // context.
    @SuppressWarnings("unchecked")
    MessageListener<String> listener =
        context.createContextualProxy(new Receiver(), MessageListener.class);
    registration = t.addMessageListener(listener);
    this.grid = grid;
    topic = t;
    LOG.info(
        () ->
            "Cluster events on the data grid: "
                + grid.getCluster().getMembers().size()
                + " member(s) now");
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
    try {
      jsonb.close();
    } catch (Exception e) {
      LOG.log(Level.FINE, "closing JSON-B failed", e);
    }
  }

  // --- out: after commit, local events only (@Default), never the replays ---

  void promptsChanged(
      @Observes(during = TransactionPhase.AFTER_SUCCESS) @Default LivePromptsChanged e) {
    publish(e);
  }

  void feedbackStored(
      @Observes(during = TransactionPhase.AFTER_SUCCESS) @Default FeedbackStored e) {
    publish(e);
  }

  void commentModerated(
      @Observes(during = TransactionPhase.AFTER_SUCCESS) @Default CommentModerated e) {
    publish(e);
  }

  void actionsChanged(
      @Observes(during = TransactionPhase.AFTER_SUCCESS) @Default ActionsChanged e) {
    publish(e);
  }

  void accessChanged(
      @Observes(during = TransactionPhase.AFTER_SUCCESS) @Default KioskAccessChanged e) {
    publish(e);
  }

  void wallKeyRevoked(
      @Observes(during = TransactionPhase.AFTER_SUCCESS) @Default WallKeyRevoked e) {
    publish(e);
  }

  private void publish(Record event) {
    ITopic<String> t = topic;
    if (t == null || grid.getCluster().getMembers().size() < 2) {
      return; // alone: nobody to tell, and nothing built on every press
    }
    try {
      t.publishAsync(encode(event));
    } catch (RuntimeException e) {
      // The grid is leaving or split: other instances catch up from the database.
      LOG.log(Level.FINE, "could not publish a cluster event", e);
    }
  }

  /** An event as it travels: its kind's name, a space, the record as JSON. */
  String encode(Record event) {
    return NAMES.get(event.getClass()) + " " + jsonb.toJson(event);
  }

  /** The event a message carries, or null if it is not one this release knows. */
  Object decode(String text) {
    int space = text.indexOf(' ');
    Class<? extends Record> type = space < 0 ? null : KINDS.get(text.substring(0, space));
    if (type == null) {
      return null;
    }
    try {
      return jsonb.fromJson(text.substring(space + 1), type);
    } catch (JsonbException e) {
      LOG.log(Level.FINE, "unreadable cluster event ignored", e);
      return null;
    }
  }

  // --- in: replayed on a container thread of its own ---

  private final class Receiver implements MessageListener<String> {
    @Override
    public void onMessage(Message<String> message) {
      if (message.getPublishingMember() != null && message.getPublishingMember().localMember()) {
        return; // our own
      }
      String text = message.getMessageObject();
      if (text != null) {
        detached.run("replay a cluster event", () -> replay(text));
      }
    }
  }

  void replay(String text) {
    Object event = decode(text);
    if (event == null) {
      LOG.fine(() -> "Unknown cluster event ignored: " + text);
      return;
    }
    fire(event.getClass(), event);
  }

  private <T> void fire(Class<T> type, Object event) {
    replays.select(type).fire(type.cast(event));
  }
}
