package chorus.protocol;

import static chorus.protocol.Jsons.JSON;

import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Strict JSON codec for {@link Frame}s. Stateless and thread-safe. {@link #decode} never throws:
 * anything that is not a valid frame of this protocol version comes back as {@link
 * Decoded.Invalid} with an {@link ErrorCode}, a message naming the field, and the frame's {@code
 * id} when it had a readable one.
 */
public final class FrameCodec {
  /** Instants outside these years are refused: no kiosk clock is that wrong, and storage cannot hold them all. */
  static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");

  static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

  /** Option and choice keys: short, lower case, safe anywhere (CSS class, CSV, URL). */
  public static final Pattern KEY = Pattern.compile("[a-z0-9][a-z0-9_-]{0,31}");

  /** Language tags for translations: {@code cy}, {@code pl}, {@code pt-BR}, {@code zh-Hant}. */
  public static final Pattern LANGUAGE = Pattern.compile("[a-z]{2,3}(-[A-Za-z0-9]{2,8}){0,2}");

  /** An easy-read image: a path on the server, or an https URL. */
  private static final Pattern IMAGE = Pattern.compile("(/(?!/)|https://)[^\\s\"'<>]{1,499}");

  private static final Pattern UUID_TEXT =
      Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
  private static final int MAX_TEXT = 1000;
  private static final int MAX_ID = 64;
  private static final int MAX_LIST = 1000;

  private FrameCodec() {}

  /** Decodes one text frame. Never throws. */
  public static Decoded decode(String text) {
    if (text == null) {
      return invalid(ErrorCode.MALFORMED_JSON, "the frame is empty", null);
    }
    if (text.length() > ProtocolVersion.MAX_FRAME_BYTES
        || utf8Length(text) > ProtocolVersion.MAX_FRAME_BYTES) {
      return invalid(
          ErrorCode.FRAME_TOO_LARGE,
          "the frame is larger than " + ProtocolVersion.MAX_FRAME_BYTES + " bytes",
          null);
    }
    JsonValue value = StrictJson.parse(text).orElse(null);
    if (value == null) {
      return invalid(ErrorCode.MALFORMED_JSON, "the frame is not valid JSON (or has duplicate keys, or text after it)", null);
    }
    if (!(value instanceof JsonObject object)) {
      return invalid(ErrorCode.NOT_AN_OBJECT, "a frame must be a JSON object", null);
    }
    Fields fields = new Fields(object, "", refOf(object));
    try {
      return new Decoded.Ok(read(fields));
    } catch (Refusal r) {
      return new Decoded.Invalid(r.error);
    }
  }

  private static Frame read(Fields f) {
    String type = f.string("type", 32);
    int version = f.integer("v");
    if (version != ProtocolVersion.CURRENT) {
      throw f.refuse(
          ErrorCode.UNSUPPORTED_VERSION,
          "protocol version " + version + " is not supported; this server speaks "
              + ProtocolVersion.CURRENT);
    }
    return switch (type) {
      case PromptFrame.TYPE -> new PromptFrame(readPrompt(f.object("prompt")));
      case AckFrame.TYPE -> new AckFrame(f.list("ids", 0, MAX_LIST, (f2, v2, n2) -> f2.uuidAt(v2, n2)));
      case ActionsFrame.TYPE ->
          new ActionsFrame(f.objectList("items", 0, MAX_LIST, FrameCodec::readActionItem));
      case ErrorFrame.TYPE ->
          new ErrorFrame(
              f.string("code", MAX_ID), f.string("message", MAX_TEXT), f.optString("ref", MAX_ID));
      case HelloFrame.TYPE ->
          new HelloFrame(
              f.string("agent", 100),
              f.nonNegative("outbox"),
              f.nonNegative("promptVersion"),
              f.optString("promptId", MAX_ID),
              f.optNonNegative("rejected"));
      case FeedbackFrame.TYPE ->
          new FeedbackFrame(
              f.uuid("id"),
              f.string("promptId", MAX_ID),
              f.positive("promptVersion"),
              f.key("option"),
              f.optString("followUp", MAX_TEXT),
              f.instant("pressedAt"),
              f.flag("repeat"),
              f.flag("supported"));
      case HeartbeatFrame.TYPE ->
          new HeartbeatFrame(
              f.optNonNegative("outbox"),
              f.optString("promptId", MAX_ID),
              f.optNonNegative("promptVersion"),
              f.optNonNegative("rejected"));
      default -> throw f.refuse(ErrorCode.UNKNOWN_TYPE, "unknown frame type '" + type + "'");
    };
  }

  private static Prompt readPrompt(Fields p) {
    List<PromptOption> options = p.objectList("options", 1, 10, FrameCodec::readOption);
    FollowUp followUp = null;
    Fields fu = p.optObject("followUp");
    if (fu != null) {
      String kind = fu.string("kind", 16);
      if (!kind.equals(FollowUp.CHOICE) && !kind.equals(FollowUp.COMMENT)) {
        throw fu.refuse(ErrorCode.INVALID_VALUE, fu.path("kind") + " must be choice or comment");
      }
      List<PromptOption> choices =
          fu.has("choices") ? fu.objectList("choices", 0, 10, FrameCodec::readOption) : List.of();
      followUp = new FollowUp(kind, fu.string("text", MAX_TEXT), choices);
    }
    EasyRead easyRead = null;
    Fields er = p.optObject("easyRead");
    if (er != null) {
      easyRead = new EasyRead(er.optString("symbol", 64), er.optImage("image"), er.optString("readAloud", MAX_TEXT));
    }
    Map<String, Translation> translations =
        p.has("translations") && !p.isNull("translations")
            ? p.objectMap("translations", 20, LANGUAGE, "a language tag such as cy, pl or pt-BR", FrameCodec::readTranslation)
            : Map.of();
    return new Prompt(
        p.string("id", MAX_ID),
        p.positive("version"),
        p.string("text", MAX_TEXT),
        options,
        followUp,
        easyRead,
        translations);
  }

  private static Translation readTranslation(Fields t) {
    Fields fu = t.optObject("followUp");
    return new Translation(
        t.string("text", MAX_TEXT),
        t.optString("readAloud", MAX_TEXT),
        t.has("options") ? t.labels("options") : Map.of(),
        fu == null ? null : fu.optString("text", MAX_TEXT),
        fu != null && fu.has("choices") ? fu.labels("choices") : Map.of());
  }

  private static PromptOption readOption(Fields o) {
    return new PromptOption(
        o.key("key"),
        o.string("label", 200),
        o.optString("icon", 64),
        o.optString("colour", 32),
        o.optButton("button"));
  }

  private static ActionItem readActionItem(Fields a) {
    return new ActionItem(
        a.string("id", MAX_ID),
        a.optString("youSaid", MAX_TEXT),
        a.string("weDid", MAX_TEXT),
        a.has("postedAt") && !a.isNull("postedAt") ? a.instant("postedAt") : null);
  }

  /** Encodes a frame as compact JSON with {@code type} and {@code v} first. */
  public static String encode(Frame frame) {
    JsonObjectBuilder b =
        JSON.createObjectBuilder().add("type", frame.type()).add("v", ProtocolVersion.CURRENT);
    if (frame instanceof PromptFrame p) {
      b.add("prompt", encodePrompt(p.prompt()));
    } else if (frame instanceof AckFrame a) {
      JsonArrayBuilder ids = JSON.createArrayBuilder();
      a.ids().forEach(id -> ids.add(id.toString()));
      b.add("ids", ids);
    } else if (frame instanceof ActionsFrame a) {
      JsonArrayBuilder items = JSON.createArrayBuilder();
      for (ActionItem item : a.items()) {
        JsonObjectBuilder i = JSON.createObjectBuilder().add("id", item.id());
        addOptional(i, "youSaid", item.youSaid());
        i.add("weDid", item.weDid());
        addOptional(i, "postedAt", item.postedAt() == null ? null : item.postedAt().toString());
        items.add(i);
      }
      b.add("items", items);
    } else if (frame instanceof ErrorFrame e) {
      b.add("code", e.code()).add("message", e.message());
      addOrNull(b, "ref", e.ref());
    } else if (frame instanceof HelloFrame h) {
      b.add("agent", h.agent()).add("outbox", h.outbox()).add("promptVersion", h.promptVersion());
      addOptional(b, "promptId", h.promptId());
      if (h.rejected() != null) {
        b.add("rejected", h.rejected());
      }
    } else if (frame instanceof HeartbeatFrame h) {
      if (h.outbox() != null) {
        b.add("outbox", h.outbox());
      }
      addOptional(b, "promptId", h.promptId());
      if (h.promptVersion() != null) {
        b.add("promptVersion", h.promptVersion());
      }
      if (h.rejected() != null) {
        b.add("rejected", h.rejected());
      }
    } else if (frame instanceof FeedbackFrame f) {
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
    return b.build().toString();
  }

  /** The prompt as a JSON object, as it appears inside a {@code prompt} frame. */
  public static JsonObject encodePrompt(Prompt prompt) {
    JsonArrayBuilder options = JSON.createArrayBuilder();
    prompt.options().forEach(o -> options.add(encodeOption(o)));
    JsonObjectBuilder b =
        JSON.createObjectBuilder()
            .add("id", prompt.id())
            .add("version", prompt.version())
            .add("text", prompt.text())
            .add("options", options);
    if (prompt.followUp() == null) {
      b.addNull("followUp");
    } else {
      JsonArrayBuilder choices = JSON.createArrayBuilder();
      prompt.followUp().choices().forEach(c -> choices.add(encodeOption(c)));
      b.add(
          "followUp",
          JSON.createObjectBuilder()
              .add("kind", prompt.followUp().kind())
              .add("text", prompt.followUp().text())
              .add("choices", choices));
    }
    EasyRead er = prompt.easyRead();
    if (er != null) {
      JsonObjectBuilder e = JSON.createObjectBuilder();
      addOptional(e, "symbol", er.symbol());
      addOptional(e, "image", er.image());
      addOptional(e, "readAloud", er.readAloud());
      b.add("easyRead", e);
    }
    if (!prompt.translations().isEmpty()) {
      JsonObjectBuilder all = JSON.createObjectBuilder();
      prompt.translations().forEach((language, t) -> all.add(language, encodeTranslation(t)));
      b.add("translations", all);
    }
    return b.build();
  }

  private static JsonObjectBuilder encodeTranslation(Translation t) {
    JsonObjectBuilder b = JSON.createObjectBuilder().add("text", t.text());
    addOptional(b, "readAloud", t.readAloud());
    if (!t.options().isEmpty()) {
      b.add("options", labels(t.options()));
    }
    if (t.followUpText() != null || !t.choices().isEmpty()) {
      JsonObjectBuilder fu = JSON.createObjectBuilder();
      addOptional(fu, "text", t.followUpText());
      if (!t.choices().isEmpty()) {
        fu.add("choices", labels(t.choices()));
      }
      b.add("followUp", fu);
    }
    return b;
  }

  private static JsonObjectBuilder labels(Map<String, String> labels) {
    JsonObjectBuilder b = JSON.createObjectBuilder();
    labels.forEach(b::add);
    return b;
  }

  /** The outcome of {@link #checkPrompt}: a prompt, or the first bad field and what is wrong. */
  public record PromptCheck(Prompt prompt, String field, String message) {
    public boolean ok() {
      return prompt != null;
    }
  }

  /**
   * Checks a prompt object (as a facilitator's tool sends it) with the same rules the kiosk
   * protocol applies, naming the first bad field by its path ({@code options[2].key}). Never
   * throws.
   */
  public static PromptCheck checkPrompt(JsonObject object) {
    try {
      return new PromptCheck(readPrompt(new Fields(object, "", null)), null, null);
    } catch (Refusal r) {
      return new PromptCheck(null, r.field, r.error.message());
    }
  }

  /** Decodes a prompt object on its own (as stored, or inside a frame). Never throws. */
  public static java.util.Optional<Prompt> decodePrompt(JsonObject object) {
    try {
      return java.util.Optional.of(readPrompt(new Fields(object, "prompt.", null)));
    } catch (Refusal r) {
      return java.util.Optional.empty();
    }
  }

  private static JsonObjectBuilder encodeOption(PromptOption o) {
    JsonObjectBuilder b = JSON.createObjectBuilder().add("key", o.key()).add("label", o.label());
    addOptional(b, "icon", o.icon());
    addOptional(b, "colour", o.colour());
    if (o.button() != null) {
      b.add("button", o.button());
    }
    return b;
  }

  private static void addOrNull(JsonObjectBuilder b, String name, String value) {
    if (value == null) {
      b.addNull(name);
    } else {
      b.add(name, value);
    }
  }

  private static void addOptional(JsonObjectBuilder b, String name, String value) {
    if (value != null) {
      b.add(name, value);
    }
  }

  private static String refOf(JsonObject object) {
    JsonValue id = object.get("id");
    if (id instanceof JsonString s && s.getString().length() <= MAX_ID) {
      return s.getString();
    }
    return null;
  }

  private static int utf8Length(String text) {
    // Cheap upper bound first: most frames are far below the limit.
    if (text.length() * 3L <= ProtocolVersion.MAX_FRAME_BYTES) {
      return text.length();
    }
    return text.getBytes(StandardCharsets.UTF_8).length;
  }

  private static Decoded invalid(ErrorCode code, String message, String ref) {
    return new Decoded.Invalid(new ProtocolError(code, message, ref));
  }

  /** Thrown inside the codec only, to unwind to {@link #decode} with the first problem found. */
  private static final class Refusal extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final transient ProtocolError error;
    final String field;

    Refusal(ProtocolError error, String field) {
      super(error.message(), null, false, false);
      this.error = error;
      this.field = field;
    }
  }

  /** Typed, path-aware reads from one JSON object; every failure is a {@link Refusal}. */
  private static final class Fields {
    private final JsonObject object;
    private final String prefix;
    private final String ref;

    Fields(JsonObject object, String prefix, String ref) {
      this.object = object;
      this.prefix = prefix;
      this.ref = ref;
    }

    String path(String name) {
      return "'" + prefix + name + "'";
    }

    Refusal refuse(ErrorCode code, String message) {
      return new Refusal(new ProtocolError(code, message, ref), fieldOf(message));
    }

    /** The field path a message names ('a.b[1].c'), for callers that report fields apart. */
    private static String fieldOf(String message) {
      int start = message.indexOf('\'');
      int end = start < 0 ? -1 : message.indexOf('\'', start + 1);
      return end > start ? message.substring(start + 1, end) : null;
    }

    boolean has(String name) {
      return object.containsKey(name);
    }

    boolean isNull(String name) {
      return object.get(name) == JsonValue.NULL;
    }

    private JsonValue required(String name) {
      JsonValue v = object.get(name);
      if (v == null) {
        throw refuse(ErrorCode.MISSING_FIELD, path(name) + " is missing");
      }
      return v;
    }

    private Refusal wrongType(String name, String expected) {
      return refuse(ErrorCode.WRONG_TYPE, path(name) + " must be " + expected);
    }

    String string(String name, int maxLength) {
      JsonValue v = required(name);
      if (!(v instanceof JsonString s)) {
        throw wrongType(name, "a string");
      }
      return checkedText(name, s.getString(), maxLength);
    }

    String optString(String name, int maxLength) {
      JsonValue v = object.get(name);
      if (v == null || v == JsonValue.NULL) {
        return null;
      }
      if (!(v instanceof JsonString s)) {
        throw wrongType(name, "a string or null");
      }
      return checkedText(name, s.getString(), maxLength);
    }

    private String checkedText(String name, String text, int maxLength) {
      if (text.isBlank()) {
        throw refuse(ErrorCode.INVALID_VALUE, path(name) + " must not be blank");
      }
      if (text.length() > maxLength) {
        throw refuse(
            ErrorCode.INVALID_VALUE, path(name) + " is longer than " + maxLength + " characters");
      }
      for (int i = 0; i < text.length(); i++) {
        char c = text.charAt(i);
        if (Character.isISOControl(c) && c != '\n' && c != '\t') {
          throw refuse(ErrorCode.INVALID_VALUE, path(name) + " holds a control character");
        }
        if (Character.isSurrogate(c)
            && !(Character.isHighSurrogate(c)
                && i + 1 < text.length()
                && Character.isLowSurrogate(text.charAt(++i)))) {
          throw refuse(ErrorCode.INVALID_VALUE, path(name) + " is not valid Unicode text");
        }
      }
      return text;
    }

    /** An optional true/false; absent or null reads as false. */
    boolean flag(String name) {
      JsonValue v = object.get(name);
      if (v == null || v == JsonValue.NULL || v == JsonValue.FALSE) {
        return false;
      }
      if (v == JsonValue.TRUE) {
        return true;
      }
      throw wrongType(name, "true or false");
    }

    String key(String name) {
      String k = string(name, 32);
      if (!KEY.matcher(k).matches()) {
        throw refuse(
            ErrorCode.INVALID_VALUE,
            path(name) + " must be 1-32 lower-case letters, digits, '-' or '_'");
      }
      return k;
    }

    int integer(String name) {
      JsonValue v = required(name);
      if (!(v instanceof JsonNumber n) || !n.isIntegral()) {
        throw wrongType(name, "a whole number");
      }
      try {
        return n.intValueExact();
      } catch (ArithmeticException e) {
        throw refuse(ErrorCode.INVALID_VALUE, path(name) + " is out of range");
      }
    }

    Integer optNonNegative(String name) {
      return has(name) && !isNull(name) ? nonNegative(name) : null;
    }

    Integer optButton(String name) {
      if (!has(name) || isNull(name)) {
        return null;
      }
      int button = integer(name);
      if (button < 1 || button > 5) {
        throw refuse(ErrorCode.INVALID_VALUE, path(name) + " must be a mood button from 1 to 5");
      }
      return button;
    }

    String optImage(String name) {
      String image = optString(name, 500);
      if (image != null && !IMAGE.matcher(image).matches()) {
        throw refuse(ErrorCode.INVALID_VALUE, path(name) + " must be a path on the server (/...) or an https:// URL");
      }
      return image;
    }

    /** An object of short labels by option key. */
    Map<String, String> labels(String name) {
      return objectMapOf(
          name,
          10,
          KEY,
          "an option key",
          (self, v, itemName) -> {
            if (!(v instanceof JsonString s)) {
              throw self.wrongType(itemName, "a string");
            }
            return self.checkedText(itemName, s.getString(), 200);
          });
    }

    <T> Map<String, T> objectMap(
        String name, int max, Pattern keys, String keyMeaning, java.util.function.Function<Fields, T> reader) {
      return objectMapOf(
          name,
          max,
          keys,
          keyMeaning,
          (self, v, itemName) -> {
            if (!(v instanceof JsonObject o)) {
              throw self.wrongType(itemName, "an object");
            }
            return reader.apply(new Fields(o, self.prefix + itemName + ".", self.ref));
          });
    }

    private <T> Map<String, T> objectMapOf(String name, int max, Pattern keys, String keyMeaning, ItemReader<T> reader) {
      JsonValue v = required(name);
      if (!(v instanceof JsonObject o)) {
        throw wrongType(name, "an object");
      }
      if (o.size() > max) {
        throw refuse(ErrorCode.INVALID_VALUE, path(name) + " must hold at most " + max + " entries");
      }
      Map<String, T> out = new java.util.LinkedHashMap<>();
      for (Map.Entry<String, JsonValue> e : o.entrySet()) {
        String itemName = name + "." + e.getKey();
        if (!keys.matcher(e.getKey()).matches()) {
          throw refuse(ErrorCode.INVALID_VALUE, path(itemName) + " is not " + keyMeaning);
        }
        out.put(e.getKey(), reader.read(this, e.getValue(), itemName));
      }
      return out;
    }

    int nonNegative(String name) {
      int i = integer(name);
      if (i < 0) {
        throw refuse(ErrorCode.INVALID_VALUE, path(name) + " must not be negative");
      }
      return i;
    }

    int positive(String name) {
      int i = integer(name);
      if (i < 1) {
        throw refuse(ErrorCode.INVALID_VALUE, path(name) + " must be at least 1");
      }
      return i;
    }

    UUID uuid(String name) {
      return parseUuid(name, string(name, 36));
    }

    UUID uuidAt(JsonValue v, String name) {
      if (!(v instanceof JsonString s)) {
        throw wrongType(name, "a string");
      }
      return parseUuid(name, s.getString());
    }

    private UUID parseUuid(String name, String text) {
      if (!UUID_TEXT.matcher(text).matches()) {
        throw refuse(ErrorCode.INVALID_VALUE, path(name) + " must be a UUID");
      }
      return UUID.fromString(text);
    }

    Instant instant(String name) {
      String text = string(name, 40);
      try {
        Instant at = Instant.parse(text);
        if (at.isBefore(EARLIEST) || at.isAfter(LATEST)) {
          throw refuse(ErrorCode.INVALID_VALUE, path(name) + " must be between the years 2000 and 9999");
        }
        return at;
      } catch (DateTimeException e) {
        throw refuse(
            ErrorCode.INVALID_VALUE,
            path(name) + " must be an ISO-8601 instant such as 2026-03-01T10:15:30Z");
      }
    }

    Fields object(String name) {
      JsonValue v = required(name);
      if (!(v instanceof JsonObject o)) {
        throw wrongType(name, "an object");
      }
      return new Fields(o, prefix + name + ".", ref);
    }

    Fields optObject(String name) {
      JsonValue v = object.get(name);
      if (v == null || v == JsonValue.NULL) {
        return null;
      }
      if (!(v instanceof JsonObject o)) {
        throw wrongType(name, "an object or null");
      }
      return new Fields(o, prefix + name + ".", ref);
    }

    private JsonArray array(String name, int min, int max) {
      JsonValue v = required(name);
      if (!(v instanceof JsonArray a)) {
        throw wrongType(name, "an array");
      }
      if (a.size() < min || a.size() > max) {
        throw refuse(
            ErrorCode.INVALID_VALUE, path(name) + " must hold " + min + " to " + max + " items");
      }
      return a;
    }

    <T> List<T> list(String name, int min, int max, ItemReader<T> reader) {
      JsonArray a = array(name, min, max);
      List<T> out = new ArrayList<>(a.size());
      for (int i = 0; i < a.size(); i++) {
        out.add(reader.read(this, a.get(i), name + "[" + i + "]"));
      }
      return out;
    }

    <T> List<T> objectList(String name, int min, int max, java.util.function.Function<Fields, T> reader) {
      return list(
          name,
          min,
          max,
          (self, v, itemName) -> {
            if (!(v instanceof JsonObject o)) {
              throw self.wrongType(itemName, "an object");
            }
            return reader.apply(new Fields(o, self.prefix + itemName + ".", self.ref));
          });
    }
  }

  @FunctionalInterface
  private interface ItemReader<T> {
    T read(Fields owner, JsonValue value, String name);
  }
}
