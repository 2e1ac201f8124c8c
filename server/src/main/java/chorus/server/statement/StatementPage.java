package chorus.server.statement;

import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The public pages {@code /privacy} and {@code /accessibility}: the statement's words (the
 * install's own, or the default), on a plain GOV.UK-styled page with no script, linked to each
 * other. Anyone may read them, signed in or not.
 */
@WebServlet(urlPatterns = {"/privacy", "/accessibility"})
public class StatementPage extends HttpServlet {
  private static final long serialVersionUID = 1L;
  private static final DateTimeFormatter DAY =
      DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.UK).withZone(ZoneId.of("Europe/London"));

  @Inject transient Statements statements;

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    String kind = request.getServletPath().substring(1);
    Statements.Statement s = statements.get(kind);
    response.setContentType("text/html");
    response.setCharacterEncoding("UTF-8");
    response.setHeader("Cache-Control", "no-cache");
    response.getWriter().write(page(s));
  }

  static String page(Statements.Statement s) {
    StringBuilder html = new StringBuilder(8192);
    html.append(
            """
            <!DOCTYPE html>
            <html lang="en" class="govuk-template">
            <head>
              <meta charset="utf-8">
              <title>""")
        .append(escape(s.title()))
        .append(
            """
             - Chorus</title>
              <meta name="viewport" content="width=device-width, initial-scale=1">
              <link rel="stylesheet" href="/webjars/govuk-frontend/5.14.0/dist/govuk/govuk-frontend.min.css">
              <link rel="stylesheet" href="/console/console.css">
            </head>
            <body class="govuk-template__body">
              <a href="#main" class="govuk-skip-link">Skip to main content</a>
              <header class="govuk-header">
                <div class="govuk-header__container govuk-width-container">
                  <div class="govuk-header__logo"><span class="govuk-header__service-name">Chorus</span></div>
                </div>
              </header>
              <div class="govuk-width-container">
                <main class="govuk-main-wrapper" id="main">
            """);
    if (!s.hasOwnTitle()) {
      html.append("<h1 class=\"govuk-heading-xl\">").append(escape(s.title())).append("</h1>\n");
    }
    html.append(s.html());
    if (s.updatedAt() != null) {
      html.append("<p class=\"govuk-body-s\">Last changed on ")
          .append(DAY.format(s.updatedAt()))
          .append(".</p>\n");
    }
    html.append(
        """
            </main>
          </div>
          <footer class="govuk-footer">
            <div class="govuk-width-container">
              <h2 class="govuk-visually-hidden">About Chorus</h2>
              <ul class="govuk-footer__inline-list">
                <li class="govuk-footer__inline-list-item"><a class="govuk-footer__link" href="/privacy">How we use your answers</a></li>
                <li class="govuk-footer__inline-list-item"><a class="govuk-footer__link" href="/accessibility">Accessibility statement</a></li>
              </ul>
            </div>
          </footer>
        </body>
        </html>
        """);
    return html.toString();
  }

  static String escape(String text) {
    StringBuilder out = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }
}
