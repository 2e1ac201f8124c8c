package chorus.server.moderation;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads a comment for what must not wait in the queue unnoticed: likely personal data (an email
 * address, a phone number, a postcode, a name after "my name is") and words that may signal harm or
 * a safeguarding concern. Deliberately over-inclusive: a flag asks a person to look, it decides
 * nothing. Comments stay private until approved whatever their flags.
 */
public final class CommentScreen {
  public static final String PERSONAL_DATA = "personal-data";
  public static final String SAFEGUARDING = "safeguarding";

  private static final Pattern EMAIL =
      Pattern.compile("[\\p{L}0-9._%+-]+@[\\p{L}0-9-]+(\\.[\\p{L}0-9-]+)+");
  // UK numbers as people write them: 07700 900123, +44 7700 900123, (020) 7946 0958, 0161-496-0000.
  private static final Pattern PHONE = Pattern.compile("(\\+\\s*44|\\(?0)[\\d\\s()\\-]{9,16}\\d");
  private static final Pattern POSTCODE =
      Pattern.compile("\\b[A-Z]{1,2}\\d[A-Z\\d]?\\s*\\d[A-Z]{2}\\b", Pattern.CASE_INSENSITIVE);
  private static final Pattern NAMED =
      Pattern.compile(
          "\\b(my name is|my name's|i am called|i'm called|call me)\\s+\\p{Lu}\\p{L}+",
          Pattern.UNICODE_CASE);
  private static final List<Pattern> HARM =
      List.of(
              "hurt(s|ing)? me",
              "hit(s|ting)? me",
              "kick(s|ed|ing)? me",
              "push(es|ed|ing)? me",
              "shout(s|ed|ing)? at me",
              "abus(e|ed|es|ing|ive)",
              "neglect(ed|ing)?",
              "scared",
              "frightened",
              "afraid",
              "not safe",
              "unsafe",
              "kill (myself|me)",
              "suicid(e|al)",
              "end (my|it all)",
              "self[- ]?harm",
              "harm(ing)? myself",
              "want to die",
              "took my money",
              "tak(e|es|ing) my money",
              "stole",
              "stolen",
              "steal(s|ing)?",
              "touch(ed|es|ing)? me",
              "rape(d)?",
              "threaten(s|ed|ing)?",
              "bull(y|ied|ying)",
              "lock(s|ed)? me",
              "locked in",
              "no food",
              "starving",
              "nobody (helps|listens|cares)",
              "left alone all")
          .stream()
          .map(
              w ->
                  Pattern.compile(
                      "\\b" + w + "\\b", Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE))
          .toList();

  private CommentScreen() {}

  public static Set<String> flags(String comment) {
    Set<String> flags = new LinkedHashSet<>();
    if (comment == null || comment.isBlank()) {
      return flags;
    }
    String text = comment.strip();
    if (EMAIL.matcher(text).find()
        || phone(text)
        || POSTCODE.matcher(text).find()
        || NAMED.matcher(capitalisedAfterIntro(text)).find()) {
      flags.add(PERSONAL_DATA);
    }
    String lower = text.toLowerCase(Locale.ROOT);
    if (HARM.stream().anyMatch(p -> p.matcher(lower).find())) {
      flags.add(SAFEGUARDING);
    }
    return flags;
  }

  private static boolean phone(String text) {
    var m = PHONE.matcher(text);
    while (m.find()) {
      long digits = m.group().chars().filter(Character::isDigit).count();
      if (digits >= 10 && digits <= 13) {
        return true;
      }
    }
    return false;
  }

  /** "my name is jo" counts as much as "my name is Jo": the name is capitalised before matching. */
  private static String capitalisedAfterIntro(String text) {
    var m =
        Pattern.compile("(?i)\\b(my name is|my name's|i am called|i'm called|call me)\\s+(\\p{L})")
            .matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(
          out,
          java.util.regex.Matcher.quoteReplacement(
              m.group(1).toLowerCase(Locale.ROOT) + " " + m.group(2).toUpperCase(Locale.ROOT)));
    }
    m.appendTail(out);
    return out.toString();
  }
}
