package chorus.server.prompt;

import chorus.protocol.FollowUp;
import chorus.protocol.FrameCodec;
import chorus.protocol.PromptOption;
import chorus.server.common.BadRequestException;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What makes a prompt fit for a kiosk, beyond the protocol's shape: a short question in plain
 * language (at most 140 characters), 2-5 options with distinct keys, and a follow-up of at most 6
 * choices. A facilitator's request either passes whole or is refused naming the first bad field.
 */
final class PromptRules {
  static final int MAX_QUESTION = 140;

  /** A checked prompt as a facilitator wrote it: text, options in button order, follow-up. */
  record Draft(String text, List<PromptOption> options, FollowUp followUp) {}

  private PromptRules() {}

  static Draft check(JsonObject body) {
    // The protocol's own validator checks the shape; the id and version are the server's to set.
    JsonObject asPrompt = Json.createObjectBuilder(body).add("id", "draft").add("version", 1).build();
    FrameCodec.PromptCheck shape = FrameCodec.checkPrompt(asPrompt);
    if (!shape.ok()) {
      String field = shape.field() == null ? "body" : shape.field();
      throw new BadRequestException(field, shape.message().replace("'" + field + "' ", ""));
    }
    chorus.protocol.Prompt p = shape.prompt();
    if (p.text().strip().length() > MAX_QUESTION) {
      throw new BadRequestException("text", "must be at most " + MAX_QUESTION + " characters: kiosks show it in very large type");
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
        throw new BadRequestException("followUp.choices", "a choice follow-up needs 2 to 6 choices");
      }
      distinctKeys("followUp.choices", choices);
    }
    return new Draft(p.text().strip(), p.options(), p.followUp());
  }

  private static void distinctKeys(String field, List<PromptOption> options) {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < options.size(); i++) {
      if (!seen.add(options.get(i).key())) {
        throw new BadRequestException(field + "[" + i + "].key", "repeats the key '" + options.get(i).key() + "'");
      }
    }
  }
}
