package chorus.protocol;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The whole question a kiosk shows: id and version (every edit makes a new version, and each press
 * records the version that was on screen), the text, 2-5 options, an optional follow-up, an
 * optional easy-read form, translations by language tag ({@code cy}, {@code pl}, {@code pt-BR}),
 * and whether visitors chose this question in a vote (the kiosk then says so while it runs).
 */
public record Prompt(
    String id,
    int version,
    String text,
    List<PromptOption> options,
    FollowUp followUp,
    EasyRead easyRead,
    Map<String, Translation> translations,
    boolean chosenByVote) {
  public Prompt {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(text, "text");
    options = List.copyOf(options);
    if (easyRead != null && easyRead.isEmpty()) {
      easyRead = null;
    }
    translations = Translation.ordered(translations);
    if (version < 1) {
      throw new IllegalArgumentException("version must be at least 1");
    }
  }

  public Prompt(
      String id, int version, String text, List<PromptOption> options, FollowUp followUp) {
    this(id, version, text, options, followUp, null, Map.of());
  }

  /** A prompt nobody voted for. */
  public Prompt(
      String id,
      int version,
      String text,
      List<PromptOption> options,
      FollowUp followUp,
      EasyRead easyRead,
      Map<String, Translation> translations) {
    this(id, version, text, options, followUp, easyRead, translations, false);
  }

  /** This prompt as the question visitors chose in a vote. */
  public Prompt chosen() {
    return new Prompt(id, version, text, options, followUp, easyRead, translations, true);
  }

  /** The option with this key, if the prompt has one. */
  public java.util.Optional<PromptOption> option(String key) {
    return options.stream().filter(o -> o.key().equals(key)).findFirst();
  }

  /**
   * The option a physical mood button answers: the one mapped to it by {@code button}, or else the
   * one in that position (buttons count from 1).
   */
  public java.util.Optional<PromptOption> optionForButton(int button) {
    for (PromptOption o : options) {
      if (o.button() != null && o.button() == button) {
        return java.util.Optional.of(o);
      }
    }
    boolean anyMapped = options.stream().anyMatch(o -> o.button() != null);
    return !anyMapped && button >= 1 && button <= options.size()
        ? java.util.Optional.of(options.get(button - 1))
        : java.util.Optional.empty();
  }

  /** This prompt with another id and version (the server sets both when it stores a draft). */
  public Prompt withVersion(String newId, int newVersion) {
    return new Prompt(
        newId, newVersion, text, options, followUp, easyRead, translations, chosenByVote);
  }
}
