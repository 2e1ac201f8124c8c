package chorus.server.moderation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CommentScreenTest {
  private static final Set<String> NONE = Set.of();
  private static final Set<String> PD = Set.of(CommentScreen.PERSONAL_DATA);
  private static final Set<String> SG = Set.of(CommentScreen.SAFEGUARDING);

  static Stream<Arguments> comments() {
    return Stream.of(
        Arguments.of("The staff were lovely", NONE),
        Arguments.of("More biscuits please!", NONE),
        Arguments.of("I liked the music at 2pm, room 101", NONE),
        Arguments.of("The bus at 10:15 was late by 20 minutes", NONE),
        Arguments.of(
            "I am not afraid of the new lift", SG), // over-inclusive on purpose: a person looks
        Arguments.of("email me at jo.bloggs@example.org", PD),
        Arguments.of("ring 07700 900123 about the trip", PD),
        Arguments.of("my number is +44 7700 900 123", PD),
        Arguments.of("call the office on (020) 7946 0958", PD),
        Arguments.of("I live at SW1A 1AA", PD),
        Arguments.of("my name is Jo and I liked it", PD),
        Arguments.of("my name is jo", PD),
        Arguments.of("I'm called Priya", PD),
        Arguments.of("He hits me when nobody is looking", SG),
        Arguments.of("my carer takes my money", SG),
        Arguments.of("I feel scared at night", SG),
        Arguments.of("Sometimes I want to die", SG),
        Arguments.of("thinking of SELF-HARM again", SG),
        Arguments.of("They locked me in my room", SG),
        Arguments.of(
            "I am Sam, 07700 900123, and someone stole my purse",
            Set.of(CommentScreen.PERSONAL_DATA, CommentScreen.SAFEGUARDING)),
        Arguments.of("", NONE),
        Arguments.of("   ", NONE));
  }

  @ParameterizedTest(name = "[{index}] '{0}'")
  @MethodSource("comments")
  void flagsWhatAPersonMustLookAt(String comment, Set<String> expected) {
    assertEquals(expected, CommentScreen.flags(comment));
  }
}
