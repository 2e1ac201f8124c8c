package chorus.kiosk.screen;

import chorus.kiosk.KioskAgent;
import chorus.protocol.AboutFrame;
import chorus.protocol.ActionItem;
import chorus.protocol.ActionsFrame;
import chorus.protocol.FeedbackFrame;
import chorus.protocol.FrameCodec;
import chorus.protocol.Prompt;
import chorus.protocol.PromptJson;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpointConfig;
import java.io.IOException;
import java.io.StringReader;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One open touchscreen page. Messages are JSON text, each with a {@code type}:
 *
 * <ul>
 *   <li>agent to page: {@code state} (prompt, actions, online, imageBase), {@code pressed} (a press
 *       was recorded: id, option, button, awaitingAnswer, repeat), {@code error}.
 *   <li>page to agent: {@code press} (promptId, promptVersion, option), {@code answer} (id,
 *       followUp, supported), {@code skip} (id).
 * </ul>
 *
 * A bad message gets an {@code error} message and changes nothing.
 */
public final class ScreenSocket extends Endpoint implements KioskAgent.Screen {
  private static final Logger LOG = Logger.getLogger(ScreenSocket.class.getName());
  static final int MAX_MESSAGE = 8 * 1024;

  private final KioskAgent agent;
  private final String imageBase;
  private Session session;

  ScreenSocket(KioskAgent agent, String imageBase) {
    this.agent = agent;
    this.imageBase = imageBase;
  }

  @Override
  public void onOpen(Session opened, EndpointConfig config) {
    this.session = opened;
    opened.setMaxTextMessageBufferSize(MAX_MESSAGE);
    opened.setMaxIdleTimeout(0);
    opened.addMessageHandler(String.class, this::received);
    agent.attach(this);
    LOG.fine("Touchscreen page connected");
  }

  @Override
  public void onClose(Session closed, CloseReason reason) {
    agent.detach(this);
    LOG.fine(() -> "Touchscreen page closed: " + reason);
  }

  @Override
  public void onError(Session failed, Throwable error) {
    LOG.log(Level.FINE, "Touchscreen page link failed", error);
    if (failed.isOpen()) {
      // Tyrus reports an oversize message here (its exception class is not public): close that
      // page, which reconnects by itself; the agent and other pages carry on.
      boolean tooBig = error.getClass().getSimpleName().equals("MessageTooBigException");
      try {
        failed.close(
            tooBig
                ? new CloseReason(
                    CloseReason.CloseCodes.TOO_BIG,
                    "messages are at most " + MAX_MESSAGE + " bytes")
                : new CloseReason(CloseReason.CloseCodes.UNEXPECTED_CONDITION, "the link failed"));
      } catch (IOException e) {
        LOG.log(Level.FINE, "Touchscreen page did not close cleanly", e);
      }
    }
  }

  private void received(String text) {
    if (text.length() > MAX_MESSAGE) {
      try {
        session.close(
            new CloseReason(
                CloseReason.CloseCodes.TOO_BIG,
                "messages are at most " + MAX_MESSAGE + " characters"));
      } catch (IOException e) {
        LOG.log(Level.FINE, "Touchscreen page did not close cleanly", e);
      }
      return;
    }
    JsonObject message;
    try (JsonReader reader = Json.createReader(new StringReader(text))) {
      message = reader.readObject();
    } catch (RuntimeException | StackOverflowError e) {
      // Not JSON, not an object, or nested deeper than the parser allows.
      refuse("not a JSON object");
      return;
    }
    String type = string(message, "type");
    if (type == null) {
      refuse("'type' must be a string");
      return;
    }
    switch (type) {
      case "press" -> press(message);
      case "answer" -> answer(message);
      case "skip" -> {
        UUID id = id(message);
        if (id != null) {
          agent.skipAnswer(id);
        }
      }
      default -> refuse("unknown type '" + type.substring(0, Math.min(type.length(), 40)) + "'");
    }
  }

  private void press(JsonObject message) {
    String promptId = string(message, "promptId");
    String option = string(message, "option");
    JsonValue version = message.get("promptVersion");
    if (promptId == null
        || option == null
        || !(version instanceof jakarta.json.JsonNumber n)
        || !n.isIntegral()) {
      refuse("a press needs promptId, promptVersion and option");
      return;
    }
    if (agent.pressOption(promptId, n.intValue(), option).isEmpty()) {
      refuse("that option is not on the prompt shown now");
    }
  }

  private void answer(JsonObject message) {
    UUID id = id(message);
    if (id == null) {
      return;
    }
    JsonValue followUp = message.getOrDefault("followUp", JsonValue.NULL);
    JsonValue supported = message.getOrDefault("supported", JsonValue.FALSE);
    if (!(followUp == JsonValue.NULL || followUp instanceof JsonString)
        || !(supported == JsonValue.TRUE || supported == JsonValue.FALSE)) {
      refuse("'followUp' must be text or null and 'supported' true or false");
      return;
    }
    String answer = followUp instanceof JsonString s ? s.getString() : null;
    if (!agent.answer(id, answer, supported == JsonValue.TRUE)) {
      refuse("that press is not waiting for an answer");
    }
  }

  private UUID id(JsonObject message) {
    String id = string(message, "id");
    try {
      return UUID.fromString(id == null ? "" : id);
    } catch (IllegalArgumentException e) {
      refuse("'id' must be a press id");
      return null;
    }
  }

  private static String string(JsonObject message, String name) {
    return message.get(name) instanceof JsonString s ? s.getString() : null;
  }

  private void refuse(String why) {
    LOG.fine(() -> "Touchscreen page message refused: " + why);
    send(Json.createObjectBuilder().add("type", "error").add("message", why).build());
  }

  @Override
  public void show(Optional<Prompt> prompt, List<ActionItem> actions, boolean online) {
    JsonObjectBuilder state =
        Json.createObjectBuilder()
            .add("type", "state")
            .add("online", online)
            .add("imageBase", imageBase);
    if (prompt.isPresent()) {
      state.add("prompt", PromptJson.encode(prompt.get()));
    } else {
      state.addNull("prompt");
    }
    try (JsonReader reader =
        Json.createReader(new StringReader(FrameCodec.encode(new ActionsFrame(actions))))) {
      state.add("actions", reader.readObject().getJsonArray("items"));
    }
    send(state.build());
  }

  @Override
  public void about(AboutFrame about) {
    JsonObjectBuilder message =
        Json.createObjectBuilder()
            .add("type", "about")
            .add("commentDays", about.commentDays())
            .add("answerDays", about.answerDays());
    if (about.contact() != null) {
      message.add("contact", about.contact());
    } else {
      message.addNull("contact");
    }
    send(message.build());
  }

  @Override
  public void pressed(FeedbackFrame press, int button, boolean awaitingAnswer) {
    send(
        Json.createObjectBuilder()
            .add("type", "pressed")
            .add("id", press.id().toString())
            .add("promptId", press.promptId())
            .add("promptVersion", press.promptVersion())
            .add("option", press.option())
            .add("button", button)
            .add("awaitingAnswer", awaitingAnswer)
            .add("repeat", press.repeat())
            .build());
  }

  private synchronized void send(JsonObject message) {
    if (session == null || !session.isOpen()) {
      return;
    }
    try {
      session.getBasicRemote().sendText(message.toString());
    } catch (IOException | IllegalStateException e) {
      LOG.log(Level.FINE, "Touchscreen page went away", e);
    }
  }

  /** Makes a socket per page and lets in only pages served from this address. */
  static final class Configurator extends ServerEndpointConfig.Configurator {
    private final KioskAgent agent;
    private final Set<String> origins;
    private final String imageBase;

    Configurator(KioskAgent agent, int port, String imageBase) {
      this.agent = agent;
      this.origins = Set.of("http://127.0.0.1:" + port, "http://localhost:" + port);
      this.imageBase = imageBase;
    }

    @Override
    public boolean checkOrigin(String origin) {
      return origin != null && origins.contains(origin);
    }

    @Override
    public <T> T getEndpointInstance(Class<T> endpointClass) {
      return endpointClass.cast(new ScreenSocket(agent, imageBase));
    }
  }
}
