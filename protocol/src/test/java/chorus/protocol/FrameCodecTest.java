package chorus.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class FrameCodecTest {
  private static final String ID = "0f8fad5b-d9cb-469f-a165-70867728950e";
  private static final String FEEDBACK_TAIL =
      "\"promptId\":\"p1\",\"promptVersion\":2,\"option\":\"happy\",\"followUp\":null,"
          + "\"pressedAt\":\"2026-03-01T10:15:30Z\"}";

  private static String feedbackWith(String replaceWhat, String withWhat) {
    String valid = "{\"type\":\"feedback\",\"v\":1,\"id\":\"" + ID + "\"," + FEEDBACK_TAIL;
    assertTrue(valid.contains(replaceWhat), "test table bug: " + replaceWhat);
    return valid.replace(replaceWhat, withWhat);
  }

  static Stream<Arguments> malformedFrames() {
    return Stream.of(
        // not JSON, or not an object
        Arguments.of("empty text", "", ErrorCode.MALFORMED_JSON),
        Arguments.of("plain words", "hello kiosk", ErrorCode.MALFORMED_JSON),
        Arguments.of(
            "truncated object", "{\"type\":\"heartbeat\",\"v\":1", ErrorCode.MALFORMED_JSON),
        Arguments.of(
            "trailing garbage", "{\"type\":\"heartbeat\",\"v\":1} x", ErrorCode.MALFORMED_JSON),
        Arguments.of("two objects", "{\"type\":\"heartbeat\",\"v\":1}{}", ErrorCode.MALFORMED_JSON),
        Arguments.of("single quotes", "{'type':'heartbeat','v':1}", ErrorCode.MALFORMED_JSON),
        Arguments.of(
            "duplicate key",
            "{\"type\":\"heartbeat\",\"type\":\"hello\",\"v\":1}",
            ErrorCode.MALFORMED_JSON),
        Arguments.of("deep nesting", "[".repeat(5000) + "]".repeat(5000), ErrorCode.MALFORMED_JSON),
        Arguments.of("array", "[{\"type\":\"heartbeat\",\"v\":1}]", ErrorCode.NOT_AN_OBJECT),
        Arguments.of("string", "\"heartbeat\"", ErrorCode.NOT_AN_OBJECT),
        Arguments.of("number", "42", ErrorCode.NOT_AN_OBJECT),
        Arguments.of("null", "null", ErrorCode.NOT_AN_OBJECT),
        // the about frame
        Arguments.of("about without days", "{\"type\":\"about\",\"v\":1}", ErrorCode.MISSING_FIELD),
        Arguments.of(
            "about with no days",
            "{\"type\":\"about\",\"v\":1,\"commentDays\":0,\"answerDays\":730}",
            ErrorCode.INVALID_VALUE),
        Arguments.of(
            "about with days in words",
            "{\"type\":\"about\",\"v\":1,\"commentDays\":\"two years\",\"answerDays\":730}",
            ErrorCode.WRONG_TYPE),
        Arguments.of(
            "about with a contact too long",
            "{\"type\":\"about\",\"v\":1,\"commentDays\":730,\"answerDays\":730,\"contact\":\""
                + "x".repeat(301)
                + "\"}",
            ErrorCode.INVALID_VALUE),
        // size
        Arguments.of(
            "over 16 KiB",
            "{\"type\":\"heartbeat\",\"v\":1,\"pad\":\"" + "x".repeat(17000) + "\"}",
            ErrorCode.FRAME_TOO_LARGE),
        Arguments.of(
            "over 16 KiB in UTF-8 bytes",
            "{\"type\":\"heartbeat\",\"v\":1,\"pad\":\"" + "\u00e9".repeat(8200) + "\"}",
            ErrorCode.FRAME_TOO_LARGE),
        // type and version
        Arguments.of("no type", "{\"v\":1}", ErrorCode.MISSING_FIELD),
        Arguments.of("type is a number", "{\"type\":7,\"v\":1}", ErrorCode.WRONG_TYPE),
        Arguments.of("unknown type", "{\"type\":\"vote\",\"v\":1}", ErrorCode.UNKNOWN_TYPE),
        Arguments.of(
            "type in wrong case", "{\"type\":\"Feedback\",\"v\":1}", ErrorCode.UNKNOWN_TYPE),
        Arguments.of("no version", "{\"type\":\"heartbeat\"}", ErrorCode.MISSING_FIELD),
        Arguments.of(
            "version as string", "{\"type\":\"heartbeat\",\"v\":\"1\"}", ErrorCode.WRONG_TYPE),
        Arguments.of(
            "version as fraction", "{\"type\":\"heartbeat\",\"v\":1.5}", ErrorCode.WRONG_TYPE),
        Arguments.of(
            "future version", "{\"type\":\"heartbeat\",\"v\":2}", ErrorCode.UNSUPPORTED_VERSION),
        Arguments.of(
            "huge version",
            "{\"type\":\"heartbeat\",\"v\":99999999999999}",
            ErrorCode.INVALID_VALUE),
        // feedback fields
        Arguments.of(
            "feedback without id",
            feedbackWith("\"id\":\"" + ID + "\",", ""),
            ErrorCode.MISSING_FIELD),
        Arguments.of("id not a UUID", feedbackWith(ID, "press-1"), ErrorCode.INVALID_VALUE),
        Arguments.of(
            "id UUID without dashes",
            feedbackWith(ID, ID.replace("-", "")),
            ErrorCode.INVALID_VALUE),
        Arguments.of("id short UUID form", feedbackWith(ID, "1-1-1-1-1"), ErrorCode.INVALID_VALUE),
        Arguments.of("id as number", feedbackWith("\"" + ID + "\"", "12345"), ErrorCode.WRONG_TYPE),
        Arguments.of(
            "promptId missing", feedbackWith("\"promptId\":\"p1\",", ""), ErrorCode.MISSING_FIELD),
        Arguments.of(
            "promptId null",
            feedbackWith("\"promptId\":\"p1\"", "\"promptId\":null"),
            ErrorCode.WRONG_TYPE),
        Arguments.of(
            "promptId blank",
            feedbackWith("\"promptId\":\"p1\"", "\"promptId\":\"  \""),
            ErrorCode.INVALID_VALUE),
        Arguments.of(
            "promptVersion as string",
            feedbackWith("\"promptVersion\":2", "\"promptVersion\":\"2\""),
            ErrorCode.WRONG_TYPE),
        Arguments.of(
            "promptVersion zero",
            feedbackWith("\"promptVersion\":2", "\"promptVersion\":0"),
            ErrorCode.INVALID_VALUE),
        Arguments.of(
            "promptVersion negative",
            feedbackWith("\"promptVersion\":2", "\"promptVersion\":-3"),
            ErrorCode.INVALID_VALUE),
        Arguments.of(
            "option missing", feedbackWith("\"option\":\"happy\",", ""), ErrorCode.MISSING_FIELD),
        Arguments.of(
            "option with markup",
            feedbackWith("\"happy\"", "\"<b>happy</b>\""),
            ErrorCode.INVALID_VALUE),
        Arguments.of(
            "option as array", feedbackWith("\"happy\"", "[\"happy\"]"), ErrorCode.WRONG_TYPE),
        Arguments.of(
            "option too long",
            feedbackWith("\"happy\"", "\"" + "a".repeat(33) + "\""),
            ErrorCode.INVALID_VALUE),
        Arguments.of(
            "followUp as number",
            feedbackWith("\"followUp\":null", "\"followUp\":3"),
            ErrorCode.WRONG_TYPE),
        Arguments.of(
            "repeat as string",
            feedbackWith("\"followUp\":null", "\"followUp\":null,\"repeat\":\"true\""),
            ErrorCode.WRONG_TYPE),
        Arguments.of(
            "repeat as number",
            feedbackWith("\"followUp\":null", "\"followUp\":null,\"repeat\":1"),
            ErrorCode.WRONG_TYPE),
        Arguments.of(
            "supported as object",
            feedbackWith("\"followUp\":null", "\"followUp\":null,\"supported\":{}"),
            ErrorCode.WRONG_TYPE),
        Arguments.of(
            "followUp too long",
            feedbackWith("\"followUp\":null", "\"followUp\":\"" + "w".repeat(1001) + "\""),
            ErrorCode.INVALID_VALUE),
        Arguments.of(
            "followUp with control char",
            feedbackWith("\"followUp\":null", "\"followUp\":\"a\\u0000b\""),
            ErrorCode.INVALID_VALUE),
        Arguments.of(
            "followUp lone surrogate",
            feedbackWith("\"followUp\":null", "\"followUp\":\"a\\ud800b\""),
            ErrorCode.INVALID_VALUE),
        Arguments.of(
            "pressedAt missing",
            feedbackWith(",\"pressedAt\":\"2026-03-01T10:15:30Z\"", ""),
            ErrorCode.MISSING_FIELD),
        Arguments.of(
            "pressedAt not a date",
            feedbackWith("2026-03-01T10:15:30Z", "yesterday"),
            ErrorCode.INVALID_VALUE),
        Arguments.of(
            "pressedAt without zone",
            feedbackWith("2026-03-01T10:15:30Z", "2026-03-01T10:15:30"),
            ErrorCode.INVALID_VALUE),
        Arguments.of(
            "pressedAt impossible day",
            feedbackWith("2026-03-01T10:15:30Z", "2026-02-30T10:15:30Z"),
            ErrorCode.INVALID_VALUE),
        Arguments.of(
            "pressedAt past year 9999",
            feedbackWith("2026-03-01T10:15:30Z", "+999999999-12-31T23:59:59Z"),
            ErrorCode.INVALID_VALUE),
        Arguments.of(
            "pressedAt before 2000",
            feedbackWith("2026-03-01T10:15:30Z", "1999-12-31T23:59:59Z"),
            ErrorCode.INVALID_VALUE),
        Arguments.of(
            "pressedAt epoch number",
            feedbackWith("\"2026-03-01T10:15:30Z\"", "1772360130"),
            ErrorCode.WRONG_TYPE),
        // hello and the rest
        Arguments.of(
            "hello without agent",
            "{\"type\":\"hello\",\"v\":1,\"outbox\":0,\"promptVersion\":0}",
            ErrorCode.MISSING_FIELD),
        Arguments.of(
            "hello negative outbox",
            "{\"type\":\"hello\",\"v\":1,\"agent\":\"a\",\"outbox\":-1,\"promptVersion\":0}",
            ErrorCode.INVALID_VALUE),
        Arguments.of(
            "hello outbox as bool",
            "{\"type\":\"hello\",\"v\":1,\"agent\":\"a\",\"outbox\":true,\"promptVersion\":0}",
            ErrorCode.WRONG_TYPE),
        Arguments.of(
            "ack ids not an array",
            "{\"type\":\"ack\",\"v\":1,\"ids\":\"" + ID + "\"}",
            ErrorCode.WRONG_TYPE),
        Arguments.of(
            "ack id not a UUID",
            "{\"type\":\"ack\",\"v\":1,\"ids\":[\"x\"]}",
            ErrorCode.INVALID_VALUE),
        Arguments.of(
            "prompt not an object",
            "{\"type\":\"prompt\",\"v\":1,\"prompt\":\"p1\"}",
            ErrorCode.WRONG_TYPE),
        Arguments.of(
            "prompt without options",
            "{\"type\":\"prompt\",\"v\":1,\"prompt\":{\"id\":\"p\",\"version\":1,\"text\":\"Q\",\"options\":[]}}",
            ErrorCode.INVALID_VALUE),
        Arguments.of(
            "prompt option not an object",
            "{\"type\":\"prompt\",\"v\":1,\"prompt\":{\"id\":\"p\",\"version\":1,\"text\":\"Q\",\"options\":[1]}}",
            ErrorCode.WRONG_TYPE),
        Arguments.of(
            "prompt follow-up of unknown kind",
            "{\"type\":\"prompt\",\"v\":1,\"prompt\":{\"id\":\"p\",\"version\":1,\"text\":\"Q\",\"options\":[{\"key\":\"a\",\"label\":\"A\"}],\"followUp\":{\"kind\":\"essay\",\"text\":\"Why?\"}}}",
            ErrorCode.INVALID_VALUE),
        Arguments.of(
            "error without code",
            "{\"type\":\"error\",\"v\":1,\"message\":\"m\"}",
            ErrorCode.MISSING_FIELD),
        Arguments.of(
            "action picture not a path or https",
            "{\"type\":\"actions\",\"v\":1,\"items\":[{\"id\":\"a1\",\"weDid\":\"W\",\"picture\":\"javascript:alert(1)\"}]}",
            ErrorCode.INVALID_VALUE),
        Arguments.of(
            "action translation under a bad language tag",
            "{\"type\":\"actions\",\"v\":1,\"items\":[{\"id\":\"a1\",\"weDid\":\"W\",\"translations\":{\"Welsh!\":{\"weDid\":\"G\"}}}]}",
            ErrorCode.INVALID_VALUE),
        Arguments.of(
            "action translation without weDid",
            "{\"type\":\"actions\",\"v\":1,\"items\":[{\"id\":\"a1\",\"weDid\":\"W\",\"translations\":{\"cy\":{\"youSaid\":\"Y\"}}}]}",
            ErrorCode.MISSING_FIELD),
        Arguments.of(
            "action translations not an object",
            "{\"type\":\"actions\",\"v\":1,\"items\":[{\"id\":\"a1\",\"weDid\":\"W\",\"translations\":[\"cy\"]}]}",
            ErrorCode.WRONG_TYPE));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("malformedFrames")
  void refusesMalformedFrameWithItsCode(String name, String text, ErrorCode expected) {
    Decoded decoded = FrameCodec.decode(text);

    Decoded.Invalid invalid = assertInstanceOf(Decoded.Invalid.class, decoded, name);
    assertEquals(expected, invalid.error().code(), invalid.error().message());
    assertTrue(!invalid.error().message().isBlank());
  }

  @Test
  void theTableIsLargeEnough() {
    assertTrue(malformedFrames().count() >= 30);
  }

  @Test
  void errorNamesTheFieldAndCarriesTheFrameId() {
    Decoded decoded =
        FrameCodec.decode(feedbackWith("\"promptVersion\":2", "\"promptVersion\":\"2\""));

    ProtocolError error = ((Decoded.Invalid) decoded).error();
    assertTrue(error.message().contains("'promptVersion'"), error.message());
    assertEquals(ID, error.ref());
  }

  @Test
  void errorWithoutReadableIdHasNoRef() {
    ProtocolError error =
        ((Decoded.Invalid) FrameCodec.decode("{\"type\":\"nope\",\"v\":1,\"id\":5}")).error();
    assertNull(error.ref());
  }

  @Test
  void unknownFieldsAreIgnoredSoTheProtocolCanGrow() {
    Decoded decoded = FrameCodec.decode("{\"type\":\"heartbeat\",\"v\":1,\"battery\":80}");
    assertEquals(new HeartbeatFrame(), ((Decoded.Ok) decoded).frame());
  }

  @Test
  void anActionFromAServerBeforeStagesReadsAsDoneAndANewerStageIsKept() {
    ActionsFrame frame =
        (ActionsFrame)
            ((Decoded.Ok)
                    FrameCodec.decode(
                        "{\"type\":\"actions\",\"v\":1,\"items\":[{\"id\":\"a1\",\"weDid\":\"A ramp\"},"
                            + "{\"id\":\"a2\",\"weDid\":\"A bench\",\"stage\":\"paused\",\"mood\":3}]}"))
                .frame();

    assertNull(frame.items().get(0).stage());
    assertEquals(ActionItem.DONE, frame.items().get(0).stageOrDone());
    assertEquals("paused", frame.items().get(1).stageOrDone());
  }

  static Stream<Frame> validFrames() {
    Prompt prompt =
        new Prompt(
            "p1",
            3,
            "How was your visit today? \uD83D\uDE00",
            List.of(
                new PromptOption("happy", "Good", "\uD83D\uDE00", "#006400"),
                new PromptOption("sad", "Not good", null, null)),
            new FollowUp(
                FollowUp.CHOICE,
                "What made it so?",
                List.of(new PromptOption("staff", "Staff", null, null))));
    return Stream.of(
        new PromptFrame(prompt),
        new PromptFrame(
            new Prompt("p2", 1, "Q", List.of(new PromptOption("a", "A", null, null)), null)),
        new PromptFrame(
            new Prompt(
                    "p3",
                    1,
                    "Is the garden nice?",
                    List.of(
                        new PromptOption("yes", "Yes", null, null),
                        new PromptOption("no", "No", null, null)),
                    null)
                .chosen()),
        new AckFrame(List.of(UUID.fromString(ID), UUID.randomUUID())),
        new AboutFrame(730, 730, "Ask at the front desk, or call 01234 567 890"),
        new AboutFrame(90, 365, null),
        new ActionsFrame(
            List.of(
                new ActionItem(
                    "a1",
                    "The cafe closed too early",
                    "It now opens until 4",
                    Instant.parse("2026-03-01T09:00:00Z"),
                    null,
                    null,
                    null,
                    null,
                    null),
                new ActionItem(
                    "a2",
                    null,
                    "A ramp at the back door",
                    Instant.parse("2026-03-02T09:00:00Z"),
                    ActionItem.NOT_POSSIBLE,
                    "The building is listed",
                    "We could not put in a ramp. The building is too old to change.",
                    "/api/pictures/a2?v=3",
                    Map.of(
                        "cy",
                        new ActionTranslation(
                            "Caeodd y caffi yn rhy gynnar", "Ramp", null, "Mae'r adeilad yn hen"),
                        "pl",
                        new ActionTranslation(null, "Rampa", "Nie mogliśmy.", null))),
                new ActionItem(
                    "a3",
                    "Too loud",
                    "A quiet room",
                    null,
                    ActionItem.WORKING,
                    null,
                    null,
                    null,
                    null))),
        new ErrorFrame("unknown_option", "no option 'x'", ID),
        new ErrorFrame("malformed_json", "not JSON", null),
        new HelloFrame("chorus-kiosk/0.1.0", 12, 3),
        new FeedbackFrame(
            UUID.fromString(ID),
            "p1",
            2,
            "happy",
            "Friendly staff \"always\" <3",
            Instant.parse("2026-03-01T10:15:30.123Z")),
        new FeedbackFrame(UUID.randomUUID(), "p1", 2, "sad", null, Instant.now()),
        new FeedbackFrame(UUID.randomUUID(), "p1", 2, "sad", "staff", Instant.now(), true, true),
        new FeedbackFrame(UUID.randomUUID(), "p1", 2, "sad", null, Instant.now(), true, false),
        new HeartbeatFrame(),
        new HeartbeatFrame(3, "p1", 2),
        new HelloFrame("chorus-kiosk/0.1.0", 0, 2, "p1"),
        new HelloFrame("chorus-kiosk/0.2.0", 4, 2, "p1", 3),
        new HeartbeatFrame(0, "p1", 2, 1),
        new PromptFrame(
            new Prompt(
                "p3",
                2,
                "Did you enjoy lunch?",
                List.of(
                    new PromptOption("yes", "Yes", "\uD83D\uDC4D", "#1d7a3a", 5),
                    new PromptOption("no", "No", "\uD83D\uDC4E", "#b3261e", 1)),
                new FollowUp(FollowUp.COMMENT, "Tell us more", List.of()),
                new EasyRead(
                    "\uD83C\uDF72", "/symbols/lunch.svg", "Did you like your lunch today?"),
                java.util.Map.of(
                    "cy",
                        new Translation(
                            "Wnaethoch chi fwynhau cinio?",
                            null,
                            java.util.Map.of("yes", "Do", "no", "Naddo"),
                            "Dywedwch fwy",
                            java.util.Map.of()),
                    "pl",
                        new Translation(
                            "Czy obiad smakowa\u0142?",
                            "Czy obiad smakowa\u0142?",
                            java.util.Map.of(),
                            null,
                            java.util.Map.of())))));
  }

  static Stream<Arguments> malformedPrompts() {
    String base =
        "{\"type\":\"prompt\",\"v\":1,\"prompt\":{\"id\":\"p\",\"version\":1,\"text\":\"Q\","
            + "\"options\":[{\"key\":\"a\",\"label\":\"A\"BUTTON}],\"followUp\":null EXTRA}}";
    return Stream.of(
        Arguments.of(
            "button zero",
            base.replace("BUTTON", ",\"button\":0").replace(" EXTRA", ""),
            "prompt.options[0].button"),
        Arguments.of(
            "button six",
            base.replace("BUTTON", ",\"button\":6").replace(" EXTRA", ""),
            "prompt.options[0].button"),
        Arguments.of(
            "button as text",
            base.replace("BUTTON", ",\"button\":\"1\"").replace(" EXTRA", ""),
            "prompt.options[0].button"),
        Arguments.of(
            "easyRead not object",
            base.replace("BUTTON", "").replace(" EXTRA", ",\"easyRead\":\"x\""),
            "prompt.easyRead"),
        Arguments.of(
            "image javascript:",
            base.replace("BUTTON", "")
                .replace(" EXTRA", ",\"easyRead\":{\"image\":\"javascript:alert(1)\"}"),
            "prompt.easyRead.image"),
        Arguments.of(
            "image protocol-relative",
            base.replace("BUTTON", "")
                .replace(" EXTRA", ",\"easyRead\":{\"image\":\"//evil.example/x.png\"}"),
            "prompt.easyRead.image"),
        Arguments.of(
            "image http",
            base.replace("BUTTON", "")
                .replace(" EXTRA", ",\"easyRead\":{\"image\":\"http://x.example/a.png\"}"),
            "prompt.easyRead.image"),
        Arguments.of(
            "translations array",
            base.replace("BUTTON", "").replace(" EXTRA", ",\"translations\":[]"),
            "prompt.translations"),
        Arguments.of(
            "bad language tag",
            base.replace("BUTTON", "")
                .replace(" EXTRA", ",\"translations\":{\"Welsh\":{\"text\":\"x\"}}"),
            "prompt.translations.Welsh"),
        Arguments.of(
            "translation without text",
            base.replace("BUTTON", "").replace(" EXTRA", ",\"translations\":{\"cy\":{}}"),
            "prompt.translations.cy.text"),
        Arguments.of(
            "translated label not text",
            base.replace("BUTTON", "")
                .replace(
                    " EXTRA", ",\"translations\":{\"cy\":{\"text\":\"x\",\"options\":{\"a\":1}}}"),
            "prompt.translations.cy.options.a"),
        Arguments.of(
            "translated label bad key",
            base.replace("BUTTON", "")
                .replace(
                    " EXTRA",
                    ",\"translations\":{\"cy\":{\"text\":\"x\",\"options\":{\"A B\":\"x\"}}}"),
            "prompt.translations.cy.options.A B"),
        Arguments.of(
            "heartbeat outbox negative",
            "{\"type\":\"heartbeat\",\"v\":1,\"outbox\":-1}",
            "outbox"),
        Arguments.of(
            "heartbeat version as text",
            "{\"type\":\"heartbeat\",\"v\":1,\"promptVersion\":\"2\"}",
            "promptVersion"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("malformedPrompts")
  void newPromptAndStatusFieldsAreCheckedToo(String name, String text, String field) {
    Decoded decoded = FrameCodec.decode(text);

    ProtocolError error = assertInstanceOf(Decoded.Invalid.class, decoded, text).error();
    assertTrue(error.message().contains("'" + field + "'"), error.message());
  }

  @Test
  void buttonsMapToOptionsByNumberOrElseByPosition() {
    Prompt byPosition =
        new Prompt(
            "p",
            1,
            "Q",
            List.of(new PromptOption("a", "A", null, null), new PromptOption("b", "B", null, null)),
            null);
    Prompt mapped =
        new Prompt(
            "p",
            1,
            "Q",
            List.of(
                new PromptOption("a", "A", null, null, 4),
                new PromptOption("b", "B", null, null, 2)),
            null);

    assertEquals("b", byPosition.optionForButton(2).orElseThrow().key());
    assertTrue(byPosition.optionForButton(3).isEmpty());
    assertEquals("a", mapped.optionForButton(4).orElseThrow().key());
    assertEquals("b", mapped.optionForButton(2).orElseThrow().key());
    assertTrue(
        mapped.optionForButton(1).isEmpty(),
        "an unmapped button answers nothing once buttons are mapped");
  }

  @ParameterizedTest
  @MethodSource("validFrames")
  void everyFrameSurvivesARoundTrip(Frame frame) {
    String text = FrameCodec.encode(frame);

    assertTrue(text.startsWith("{\"type\":\"" + frame.type() + "\",\"v\":1"), text);
    assertEquals(frame, ((Decoded.Ok) FrameCodec.decode(text)).frame());
  }

  @Test
  void decodesTheContractExampleFromTheDesign() {
    String text =
        "{\"type\":\"feedback\",\"v\":1,\"id\":\""
            + ID
            + "\",\"promptId\":\"p1\",\"promptVersion\":2,"
            + "\"option\":\"happy\",\"followUp\":\"staff\",\"pressedAt\":\"2026-03-01T10:15:30+01:00\"}";

    FeedbackFrame f = (FeedbackFrame) ((Decoded.Ok) FrameCodec.decode(text)).frame();

    assertEquals(UUID.fromString(ID), f.id());
    assertEquals(Instant.parse("2026-03-01T09:15:30Z"), f.pressedAt());
    assertEquals("staff", f.followUp());
  }
}
