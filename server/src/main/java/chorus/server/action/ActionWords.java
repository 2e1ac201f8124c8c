package chorus.server.action;

import chorus.protocol.ActionTranslation;
import chorus.protocol.PromptJson;
import chorus.server.common.BadRequestException;
import chorus.server.common.JsonBodies;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A change's words in other languages, {@code {"cy":{"youSaid","weDid","easyRead","stageNote"}}}:
 * read from a request (checked, naming the bad field), and stored as that JSON.
 */
final class ActionWords {
  /** At most this many languages. */
  static final int MAX_LANGUAGES = 20;

  private ActionWords() {}

  /** The {@code translations} of a request, checked; empty when absent. */
  static Map<String, ActionTranslation> read(JsonObject request) {
    JsonValue v = request.get("translations");
    if (v == null || v == JsonValue.NULL) {
      return Map.of();
    }
    if (v.getValueType() != JsonValue.ValueType.OBJECT) {
      throw new BadRequestException(
          "translations", "must be an object of translations by language tag");
    }
    JsonObject all = v.asJsonObject();
    if (all.size() > MAX_LANGUAGES) {
      throw new BadRequestException(
          "translations", "must have at most " + MAX_LANGUAGES + " languages");
    }
    Map<String, ActionTranslation> out = new LinkedHashMap<>();
    for (Map.Entry<String, JsonValue> e : all.entrySet()) {
      String at = "translations." + e.getKey();
      if (!PromptJson.LANGUAGE.matcher(e.getKey()).matches()) {
        throw new BadRequestException(at, "is not a language tag such as cy, pl or pt-BR");
      }
      if (e.getValue().getValueType() != JsonValue.ValueType.OBJECT) {
        throw new BadRequestException(at, "must be an object");
      }
      JsonObject t = e.getValue().asJsonObject();
      out.put(
          e.getKey(),
          new ActionTranslation(
              field(t, at, "youSaid", 500, false),
              field(t, at, "weDid", 500, true),
              field(t, at, "easyRead", 300, false),
              field(t, at, "stageNote", 500, false)));
    }
    return out;
  }

  private static String field(
      JsonObject t, String at, String name, int maxLength, boolean required) {
    JsonObject one =
        t.containsKey(name)
            ? Json.createObjectBuilder().add(at + "." + name, t.get(name)).build()
            : Json.createObjectBuilder().build();
    return required
        ? JsonBodies.string(one, at + "." + name, maxLength)
        : JsonBodies.optionalString(one, at + "." + name, maxLength);
  }

  static String encode(Map<String, ActionTranslation> translations) {
    if (translations == null || translations.isEmpty()) {
      return null;
    }
    JsonObjectBuilder all = Json.createObjectBuilder();
    translations.forEach(
        (language, t) -> {
          JsonObjectBuilder one = Json.createObjectBuilder();
          put(one, "youSaid", t.youSaid());
          one.add("weDid", t.weDid());
          put(one, "easyRead", t.easyRead());
          put(one, "stageNote", t.stageNote());
          all.add(language, one);
        });
    return all.build().toString();
  }

  static Map<String, ActionTranslation> decode(String json) {
    if (json == null || json.isBlank()) {
      return Map.of();
    }
    Map<String, ActionTranslation> out = new LinkedHashMap<>();
    try (var reader = Json.createReader(new StringReader(json))) {
      reader
          .readObject()
          .forEach(
              (language, v) -> {
                JsonObject t = v.asJsonObject();
                out.put(
                    language,
                    new ActionTranslation(
                        t.getString("youSaid", null),
                        t.getString("weDid"),
                        t.getString("easyRead", null),
                        t.getString("stageNote", null)));
              });
    }
    return out;
  }

  /** The JSON view, for the API. */
  static JsonObject json(Map<String, ActionTranslation> translations) {
    String text = encode(translations);
    if (text == null) {
      return JsonValue.EMPTY_JSON_OBJECT;
    }
    try (var reader = Json.createReader(new StringReader(text))) {
      return reader.readObject();
    }
  }

  private static void put(JsonObjectBuilder b, String name, String value) {
    if (value != null) {
      b.add(name, value);
    }
  }
}
