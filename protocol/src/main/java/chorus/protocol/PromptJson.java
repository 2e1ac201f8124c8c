package chorus.protocol;

import static chorus.protocol.FieldReader.MAX_ID;
import static chorus.protocol.FieldReader.MAX_TEXT;
import static chorus.protocol.Jsons.JSON;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A {@link Prompt} as JSON, the one shape it has everywhere: inside a {@code prompt} frame, as
 * stored by the server, in the REST API, on walls and on the kiosk's screen. Reading applies the
 * kiosk protocol's rules and never throws.
 */
public final class PromptJson {
  /** Language tags for translations: {@code cy}, {@code pl}, {@code pt-BR}, {@code zh-Hant}. */
  public static final Pattern LANGUAGE = Pattern.compile("[a-z]{2,3}(-[A-Za-z0-9]{2,8}){0,2}");

  private PromptJson() {}

  /** The outcome of {@link #check}: a prompt, or the first bad field and what is wrong. */
  public record Check(Prompt prompt, String field, String message) {
    public boolean ok() {
      return prompt != null;
    }
  }

  /**
   * Checks a prompt object (as a facilitator's tool sends it) with the same rules the kiosk
   * protocol applies, naming the first bad field by its path ({@code options[2].key}). Never
   * throws.
   */
  public static Check check(JsonObject object) {
    try {
      return new Check(read(new FieldReader(object, "", null)), null, null);
    } catch (FieldReader.Refusal r) {
      return new Check(null, r.field(), r.error().message());
    }
  }

  /** Decodes a prompt object on its own (as stored, or inside a frame). Never throws. */
  public static Optional<Prompt> decode(JsonObject object) {
    try {
      return Optional.of(read(new FieldReader(object, "prompt.", null)));
    } catch (FieldReader.Refusal r) {
      return Optional.empty();
    }
  }

  static Prompt read(FieldReader p) {
    List<PromptOption> options = p.objectList("options", 1, 10, PromptJson::readOption);
    FollowUp followUp = null;
    FieldReader fu = p.optObject("followUp");
    if (fu != null) {
      String kind = fu.string("kind", 16);
      if (!kind.equals(FollowUp.CHOICE) && !kind.equals(FollowUp.COMMENT)) {
        throw fu.refuse(ErrorCode.INVALID_VALUE, "kind", "must be choice or comment");
      }
      List<PromptOption> choices =
          fu.has("choices") ? fu.objectList("choices", 0, 10, PromptJson::readOption) : List.of();
      followUp = new FollowUp(kind, fu.string("text", MAX_TEXT), choices);
    }
    EasyRead easyRead = null;
    FieldReader er = p.optObject("easyRead");
    if (er != null) {
      easyRead =
          new EasyRead(
              er.optString("symbol", 64),
              er.optImage("image"),
              er.optString("readAloud", MAX_TEXT));
    }
    Map<String, Translation> translations =
        p.has("translations") && !p.isNull("translations")
            ? p.objectMap(
                "translations",
                20,
                LANGUAGE,
                "a language tag such as cy, pl or pt-BR",
                PromptJson::readTranslation)
            : Map.of();
    return new Prompt(
        p.string("id", MAX_ID),
        p.positive("version"),
        p.string("text", MAX_TEXT),
        options,
        followUp,
        easyRead,
        translations,
        p.flag("chosenByVote"));
  }

  private static Translation readTranslation(FieldReader t) {
    FieldReader fu = t.optObject("followUp");
    return new Translation(
        t.string("text", MAX_TEXT),
        t.optString("readAloud", MAX_TEXT),
        t.has("options") ? t.labels("options") : Map.of(),
        fu == null ? null : fu.optString("text", MAX_TEXT),
        fu != null && fu.has("choices") ? fu.labels("choices") : Map.of());
  }

  private static PromptOption readOption(FieldReader o) {
    return new PromptOption(
        o.key("key"),
        o.string("label", 200),
        o.optString("icon", 64),
        o.optString("colour", 32),
        o.optButton("button"));
  }

  /** The prompt as a JSON object, as it appears inside a {@code prompt} frame. */
  public static JsonObject encode(Prompt prompt) {
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
      Jsons.addOptional(e, "symbol", er.symbol());
      Jsons.addOptional(e, "image", er.image());
      Jsons.addOptional(e, "readAloud", er.readAloud());
      b.add("easyRead", e);
    }
    if (!prompt.translations().isEmpty()) {
      JsonObjectBuilder all = JSON.createObjectBuilder();
      prompt.translations().forEach((language, t) -> all.add(language, encodeTranslation(t)));
      b.add("translations", all);
    }
    if (prompt.chosenByVote()) {
      b.add("chosenByVote", true);
    }
    return b.build();
  }

  private static JsonObjectBuilder encodeTranslation(Translation t) {
    JsonObjectBuilder b = JSON.createObjectBuilder().add("text", t.text());
    Jsons.addOptional(b, "readAloud", t.readAloud());
    if (!t.options().isEmpty()) {
      b.add("options", labels(t.options()));
    }
    if (t.followUpText() != null || !t.choices().isEmpty()) {
      JsonObjectBuilder fu = JSON.createObjectBuilder();
      Jsons.addOptional(fu, "text", t.followUpText());
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

  private static JsonObjectBuilder encodeOption(PromptOption o) {
    JsonObjectBuilder b = JSON.createObjectBuilder().add("key", o.key()).add("label", o.label());
    Jsons.addOptional(b, "icon", o.icon());
    Jsons.addOptional(b, "colour", o.colour());
    if (o.button() != null) {
      b.add("button", o.button());
    }
    return b;
  }
}
