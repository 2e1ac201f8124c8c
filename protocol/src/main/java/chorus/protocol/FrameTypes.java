package chorus.protocol;

import static chorus.protocol.FieldReader.MAX_ID;
import static chorus.protocol.FieldReader.MAX_LIST;
import static chorus.protocol.FieldReader.MAX_TEXT;
import static chorus.protocol.Jsons.JSON;
import static chorus.protocol.Jsons.addOptional;
import static chorus.protocol.Jsons.addOrNull;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Every frame type of this protocol version, each a small codec of its own fields. */
final class FrameTypes {
  private FrameTypes() {}

  static final FrameType<PromptFrame> PROMPT =
      new Of<>(PromptFrame.TYPE, PromptFrame.class) {
        @Override
        public PromptFrame read(FieldReader f) {
          return new PromptFrame(PromptJson.read(f.object("prompt")));
        }

        @Override
        public void write(PromptFrame p, JsonObjectBuilder b) {
          b.add("prompt", PromptJson.encode(p.prompt()));
        }
      };

  static final FrameType<AckFrame> ACK =
      new Of<>(AckFrame.TYPE, AckFrame.class) {
        @Override
        public AckFrame read(FieldReader f) {
          return new AckFrame(
              f.list("ids", 0, MAX_LIST, (owner, value, name) -> owner.uuidAt(value, name)));
        }

        @Override
        public void write(AckFrame a, JsonObjectBuilder b) {
          JsonArrayBuilder ids = JSON.createArrayBuilder();
          a.ids().forEach(id -> ids.add(id.toString()));
          b.add("ids", ids);
        }
      };

  static final FrameType<ActionsFrame> ACTIONS =
      new Of<>(ActionsFrame.TYPE, ActionsFrame.class) {
        @Override
        public ActionsFrame read(FieldReader f) {
          return new ActionsFrame(
              f.objectList(
                  "items",
                  0,
                  MAX_LIST,
                  a ->
                      new ActionItem(
                          a.string("id", MAX_ID),
                          a.optString("youSaid", MAX_TEXT),
                          a.string("weDid", MAX_TEXT),
                          a.has("postedAt") && !a.isNull("postedAt") ? a.instant("postedAt") : null,
                          a.optString("stage", MAX_ID),
                          a.optString("stageNote", MAX_TEXT),
                          a.optString("easyRead", MAX_TEXT),
                          a.optImage("picture"),
                          a.has("translations") && !a.isNull("translations")
                              ? a.objectMap(
                                  "translations",
                                  20,
                                  PromptJson.LANGUAGE,
                                  "a language tag such as cy, pl or pt-BR",
                                  t ->
                                      new ActionTranslation(
                                          t.optString("youSaid", MAX_TEXT),
                                          t.string("weDid", MAX_TEXT),
                                          t.optString("easyRead", MAX_TEXT),
                                          t.optString("stageNote", MAX_TEXT)))
                              : Map.of())));
        }

        @Override
        public void write(ActionsFrame a, JsonObjectBuilder b) {
          JsonArrayBuilder items = JSON.createArrayBuilder();
          for (ActionItem item : a.items()) {
            JsonObjectBuilder i = JSON.createObjectBuilder().add("id", item.id());
            addOptional(i, "youSaid", item.youSaid());
            i.add("weDid", item.weDid());
            addOptional(i, "postedAt", item.postedAt() == null ? null : item.postedAt().toString());
            addOptional(i, "stage", item.stage());
            addOptional(i, "stageNote", item.stageNote());
            addOptional(i, "easyRead", item.easyRead());
            addOptional(i, "picture", item.picture());
            if (!item.translations().isEmpty()) {
              JsonObjectBuilder all = JSON.createObjectBuilder();
              item.translations()
                  .forEach(
                      (language, t) -> {
                        JsonObjectBuilder one = JSON.createObjectBuilder();
                        addOptional(one, "youSaid", t.youSaid());
                        one.add("weDid", t.weDid());
                        addOptional(one, "easyRead", t.easyRead());
                        addOptional(one, "stageNote", t.stageNote());
                        all.add(language, one);
                      });
              i.add("translations", all);
            }
            items.add(i);
          }
          b.add("items", items);
        }
      };

  static final FrameType<ErrorFrame> ERROR =
      new Of<>(ErrorFrame.TYPE, ErrorFrame.class) {
        @Override
        public ErrorFrame read(FieldReader f) {
          return new ErrorFrame(
              f.string("code", MAX_ID), f.string("message", MAX_TEXT), f.optString("ref", MAX_ID));
        }

        @Override
        public void write(ErrorFrame e, JsonObjectBuilder b) {
          b.add("code", e.code()).add("message", e.message());
          addOrNull(b, "ref", e.ref());
        }
      };

  static final FrameType<HelloFrame> HELLO =
      new Of<>(HelloFrame.TYPE, HelloFrame.class) {
        @Override
        public HelloFrame read(FieldReader f) {
          return new HelloFrame(
              f.string("agent", 100),
              f.nonNegative("outbox"),
              f.nonNegative("promptVersion"),
              f.optString("promptId", MAX_ID),
              f.optNonNegative("rejected"));
        }

        @Override
        public void write(HelloFrame h, JsonObjectBuilder b) {
          b.add("agent", h.agent())
              .add("outbox", h.outbox())
              .add("promptVersion", h.promptVersion());
          addOptional(b, "promptId", h.promptId());
          addOptional(b, "rejected", h.rejected());
        }
      };

  static final FrameType<FeedbackFrame> FEEDBACK =
      new Of<>(FeedbackFrame.TYPE, FeedbackFrame.class) {
        @Override
        public FeedbackFrame read(FieldReader f) {
          return new FeedbackFrame(
              f.uuid("id"),
              f.string("promptId", MAX_ID),
              f.positive("promptVersion"),
              f.key("option"),
              f.optString("followUp", MAX_TEXT),
              f.instant("pressedAt"),
              f.flag("repeat"),
              f.flag("supported"));
        }

        @Override
        public void write(FeedbackFrame f, JsonObjectBuilder b) {
          b.add("id", f.id().toString())
              .add("promptId", f.promptId())
              .add("promptVersion", f.promptVersion())
              .add("option", f.option());
          addOrNull(b, "followUp", f.followUp());
          b.add("pressedAt", f.pressedAt().toString());
          if (f.repeat()) {
            b.add("repeat", true);
          }
          if (f.supported()) {
            b.add("supported", true);
          }
        }
      };

  static final FrameType<HeartbeatFrame> HEARTBEAT =
      new Of<>(HeartbeatFrame.TYPE, HeartbeatFrame.class) {
        @Override
        public HeartbeatFrame read(FieldReader f) {
          return new HeartbeatFrame(
              f.optNonNegative("outbox"),
              f.optString("promptId", MAX_ID),
              f.optNonNegative("promptVersion"),
              f.optNonNegative("rejected"));
        }

        @Override
        public void write(HeartbeatFrame h, JsonObjectBuilder b) {
          addOptional(b, "outbox", h.outbox());
          addOptional(b, "promptId", h.promptId());
          addOptional(b, "promptVersion", h.promptVersion());
          addOptional(b, "rejected", h.rejected());
        }
      };

  /** The frame types by their {@code type}. */
  static final FrameType<AboutFrame> ABOUT =
      new Of<>(AboutFrame.TYPE, AboutFrame.class) {
        @Override
        public AboutFrame read(FieldReader f) {
          return new AboutFrame(
              f.positive("commentDays"), f.positive("answerDays"), f.optString("contact", 300));
        }

        @Override
        public void write(AboutFrame a, JsonObjectBuilder b) {
          b.add("commentDays", a.commentDays()).add("answerDays", a.answerDays());
          addOptional(b, "contact", a.contact());
        }
      };

  static final Map<String, FrameType<?>> BY_TYPE =
      List.of(PROMPT, ACK, ACTIONS, ABOUT, ERROR, HELLO, FEEDBACK, HEARTBEAT).stream()
          .collect(Collectors.toUnmodifiableMap(FrameType::type, Function.identity()));

  private abstract static class Of<F extends Frame> implements FrameType<F> {
    private final String type;
    private final Class<F> frameClass;

    Of(String type, Class<F> frameClass) {
      this.type = type;
      this.frameClass = frameClass;
    }

    @Override
    public String type() {
      return type;
    }

    @Override
    public Class<F> frameClass() {
      return frameClass;
    }
  }
}
