package chorus.server.statement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** What an admin writes in a statement becomes plain GOV.UK-styled HTML and nothing more. */
class StatementHtmlTest {
  /** Hostile Markdown, and what must not be in its HTML. */
  record Case(String markdown, String never) {}

  static List<Case> hostile() {
    return List.of(
        new Case("<script>alert(1)</script>", "<script"),
        new Case("Hello <img src=x onerror=alert(1)>", "<img"),
        new Case("<iframe src=\"https://example.org\"></iframe>", "<iframe"),
        new Case("[click](javascript:alert(1))", "javascript:"),
        new Case("[click](JAVASCRIPT:alert(1))", "JAVASCRIPT:"),
        new Case("[click](vbscript:msgbox)", "vbscript:"),
        new Case("[click](data:text/html;base64,PHNjcmlwdD4=)", "data:text/html"),
        new Case("![tracker](https://example.org/pixel.png)", "<img"),
        new Case("![a](javascript:alert(1))", "javascript:"),
        new Case("<a href=\"https://example.org\" onclick=\"x()\">x</a>", "onclick=\""),
        new Case("<style>body{display:none}</style>", "<style"),
        new Case("<div style=\"position:fixed\">x</div>", "<div"),
        new Case("<!-- comment --> <form action=/api/session>", "<form"),
        new Case("[x](https://example.org \"t\\\" onmouseover=\\\"x\")", "\" onmouseover"),
        new Case("<svg onload=alert(1)>", "<svg"),
        new Case("<object data=x></object>", "<object"),
        new Case("<base href=https://example.org/>", "<base"),
        new Case("<meta http-equiv=refresh content=0>", "<meta"));
  }

  @ParameterizedTest
  @MethodSource("hostile")
  void nothingWrittenBecomesMarkup(Case c) {
    String html = StatementHtml.render(c.markdown());
    assertFalse(html.contains(c.never()), html);
  }

  @Test
  void headingsParagraphsListsAndLinksGetGovukClasses() {
    String html =
        StatementHtml.render(
            "# Title\n\n## Part\n\nSome words.\n\n- one\n- two\n\n[ICO](https://ico.org.uk/)");
    assertTrue(html.contains("<h1 class=\"govuk-heading-xl\">Title</h1>"), html);
    assertTrue(html.contains("<h2 class=\"govuk-heading-l\">Part</h2>"), html);
    assertTrue(html.contains("<p class=\"govuk-body\">Some words.</p>"), html);
    assertTrue(html.contains("<ul class=\"govuk-list govuk-list--bullet\">"), html);
    assertTrue(html.contains("href=\"https://ico.org.uk/\""), html);
    assertTrue(html.contains("class=\"govuk-link\">ICO</a>"), html);
  }

  @Test
  void anImageLeavesItsWords() {
    String html = StatementHtml.render("See ![our map of the centre](https://example.org/m.png)");
    assertTrue(html.contains("our map of the centre"), html);
    assertFalse(html.contains("example.org"), html);
  }

  @Test
  void theTitleIsTheFirstTopLevelHeading() {
    assertEquals(
        "How we use *your* answers",
        StatementHtml.title("Intro\n\n# How we use \\*your\\* answers\n\n# Second"));
    assertEquals("Who we are", StatementHtml.title("# Who **we** are"));
    assertNull(StatementHtml.title("## Only a part\n\nwords"));
  }

  @Test
  void theDefaultWordsHaveATitleAndEveryPartTheRegulationsAskFor() {
    String privacy = Statements.defaultWords("privacy");
    assertEquals("How we use your answers", StatementHtml.title(privacy));
    for (String part : List.of("What we keep", "Who reads comments", "How long", "Who to ask")) {
      assertTrue(privacy.contains(part), part);
    }
    String accessibility = Statements.defaultWords("accessibility");
    for (String part :
        List.of(
            "Compliance status",
            "Non-accessible content",
            "Feedback and contact information",
            "Enforcement procedure",
            "Preparation of this accessibility statement")) {
      assertTrue(accessibility.contains(part), part);
    }
  }

  @Test
  void thePageEscapesTheTitleAndAddsOneWhereTheWordsHaveNone() {
    String page =
        StatementPage.page(
            new Statements.Statement(
                "privacy", "## <b>Only</b> a part", true, java.time.Instant.EPOCH));
    assertTrue(page.contains("<h1 class=\"govuk-heading-xl\">How we use your answers</h1>"), page);
    assertFalse(page.contains("<b>"), page);
    assertTrue(page.contains("Last changed on 1 January 1970"), page);
    String titled =
        StatementPage.page(new Statements.Statement("privacy", "# A <title> & more", false, null));
    assertTrue(titled.contains("<title>A &lt;title&gt; &amp; more - Chorus</title>"), titled);
    assertEquals(1, titled.split("<h1", -1).length - 1, titled);
  }
}
