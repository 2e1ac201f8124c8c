package chorus.server.prompt;

import static chorus.protocol.Jsons.JSON;

import chorus.protocol.FollowUp;
import chorus.protocol.FrameCodec;
import chorus.protocol.PromptFrame;
import chorus.protocol.PromptJson;
import chorus.protocol.PromptOption;
import chorus.protocol.ProtocolVersion;
import chorus.server.common.BadRequestException;
import jakarta.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What makes a prompt fit for a kiosk, beyond the protocol's shape: a short question in plain
 * language (at most 140 characters), 2-5 options with distinct keys, and a follow-up of at most 6
 * choices. A facilitator's request either passes whole or is refused naming the first bad field.
 */
public final class PromptRules {
  public static final int MAX_QUESTION = 140;

  private PromptRules() {}

  /**
   * Checks a facilitator's prompt and returns it as a draft (id {@code draft}, version 1; the
   * catalog sets both), with every option mapped to a mood button.
   */
  public static chorus.protocol.Prompt check(JsonObject body) {
    // The protocol's own validator checks the shape; the id and version are the server's to set.
    JsonObject asPrompt =
        JSON.createObjectBuilder(body).add("id", "draft").add("version", 1).build();
    PromptJson.Check shape = PromptJson.check(asPrompt);
    if (!shape.ok()) {
      String field = shape.field() == null ? "body" : shape.field();
      throw new BadRequestException(field, shape.message().replace("'" + field + "' ", ""));
    }
    chorus.protocol.Prompt p = shape.prompt();
    if (p.text().strip().length() > MAX_QUESTION) {
      throw new BadRequestException(
          "text",
          "must be at most " + MAX_QUESTION + " characters: kiosks show it in very large type");
    }
    if (p.options().size() < 2 || p.options().size() > 5) {
      throw new BadRequestException("options", "must hold 2 to 5 options, one per mood button");
    }
    distinctKeys("options", p.options());
    if (p.followUp() != null) {
      List<PromptOption> choices = p.followUp().choices();
      if (choices.size() > 6) {
        throw new BadRequestException("followUp.choices", "must hold at most 6 choices");
      }
      if (p.followUp().kind().equals(FollowUp.CHOICE) && choices.size() < 2) {
        throw new BadRequestException(
            "followUp.choices", "a choice follow-up needs 2 to 6 choices");
      }
      distinctKeys("followUp.choices", choices);
    }
    List<PromptOption> options = buttons(p.options());
    translations(p);
    chorus.protocol.Prompt draft =
        new chorus.protocol.Prompt(
            "draft", 1, p.text().strip(), options, p.followUp(), p.easyRead(), p.translations());
    String frame =
        FrameCodec.encode(
            new PromptFrame(draft.withVersion("00000000-0000-0000-0000-000000000000", 999_999)));
    if (frame.getBytes(StandardCharsets.UTF_8).length > ProtocolVersion.MAX_FRAME_BYTES - 512) {
      throw new BadRequestException(
          "translations",
          "make the prompt shorter: with its translations it is too large to send to a kiosk");
    }
    return draft;
  }

  /** Maps each option to a mood button: its own {@code button}, or its position. */
  private static List<PromptOption> buttons(List<PromptOption> options) {
    Set<Integer> used = new HashSet<>();
    List<PromptOption> mapped = new ArrayList<>();
    for (int i = 0; i < options.size(); i++) {
      PromptOption o = options.get(i);
      int button = o.button() == null ? i + 1 : o.button();
      if (!used.add(button)) {
        throw new BadRequestException(
            "options[" + i + "].button", "button " + button + " already answers another option");
      }
      mapped.add(o.withButton(button));
    }
    return mapped;
  }

  private static void translations(chorus.protocol.Prompt p) {
    Set<String> optionKeys = new HashSet<>();
    p.options().forEach(o -> optionKeys.add(o.key()));
    Set<String> choiceKeys = new HashSet<>();
    if (p.followUp() != null) {
      p.followUp().choices().forEach(c -> choiceKeys.add(c.key()));
    }
    p.translations()
        .forEach(
            (language, t) -> {
              String at = "translations." + language;
              if (t.text().strip().length() > MAX_QUESTION) {
                throw new BadRequestException(
                    at + ".text", "must be at most " + MAX_QUESTION + " characters");
              }
              t.options().keySet().stream()
                  .filter(k -> !optionKeys.contains(k))
                  .findFirst()
                  .ifPresent(
                      k -> {
                        throw new BadRequestException(
                            at + ".options." + k, "is not the key of an option");
                      });
              if (p.followUp() == null && (t.followUpText() != null || !t.choices().isEmpty())) {
                throw new BadRequestException(
                    at + ".followUp", "the prompt has no follow-up to translate");
              }
              t.choices().keySet().stream()
                  .filter(k -> !choiceKeys.contains(k))
                  .findFirst()
                  .ifPresent(
                      k -> {
                        throw new BadRequestException(
                            at + ".followUp.choices." + k, "is not the key of a follow-up choice");
                      });
            });
  }

  private static void distinctKeys(String field, List<PromptOption> options) {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < options.size(); i++) {
      if (!seen.add(options.get(i).key())) {
        throw new BadRequestException(
            field + "[" + i + "].key", "repeats the key '" + options.get(i).key() + "'");
      }
    }
  }
}
