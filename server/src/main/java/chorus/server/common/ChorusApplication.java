package chorus.server.common;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeIn;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.info.License;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;
import org.eclipse.microprofile.openapi.annotations.security.SecuritySchemes;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The REST API, under {@code /api}, and its description at {@code /openapi}: the ways a caller may
 * authenticate (any one of them), and the tags operations are grouped by.
 */
@ApplicationPath("/api")
@OpenAPIDefinition(
    info =
        @Info(
            title = "Chorus API",
            version = "1",
            description =
                "Feedback kiosks for co-production: sites, kiosks, prompts, feedback. Errors are"
                    + " RFC 9457 problem JSON.",
            license =
                @License(name = "Apache-2.0", url = "https://www.apache.org/licenses/LICENSE-2.0")),
    security = {
      @SecurityRequirement(name = "session"),
      @SecurityRequirement(name = "basic"),
      @SecurityRequirement(name = "bearer")
    },
    tags = {
      @Tag(
          name = "actions",
          description = "\"You said, we did\": what was done about what people said"),
      @Tag(
          name = "alerts",
          description = "Who is told of alerts: duty rotas per site, webhooks, e-mail settings"),
      @Tag(
          name = "assignments",
          description = "Which prompt is live on which kiosk, site or everywhere, and when"),
      @Tag(
          name = "feedback",
          description = "Presses and comments as stored, the CSV export, presses to place"),
      @Tag(name = "kiosks", description = "The fleet: kiosks, their status, pairing and tokens"),
      @Tag(
          name = "moderation",
          description = "Comments waiting for a person, the moderation log, alerts"),
      @Tag(name = "prompts", description = "Questions and their immutable versions"),
      @Tag(
          name = "reports",
          description = "Counts by day, option and site, and how many concerns have a change"),
      @Tag(
          name = "retention",
          description =
              "How long Chorus keeps comments' words, presses at full detail, the audit trail and"
                  + " alerts, and the run that applies it"),
      @Tag(name = "security", description = "Users, roles, sites they cover, API tokens"),
      @Tag(name = "session", description = "Signing in to the console and out again"),
      @Tag(
          name = "sites",
          description = "Libraries and day centres, with their timezone and duty contact"),
      @Tag(
          name = "statements",
          description =
              "The public privacy and accessibility statements, in the install's own words"),
      @Tag(name = "walls", description = "Keys for feedback walls"),
      @Tag(
          name = "votes",
          description = "What should we ask about next: visitors choose among candidate questions")
    })
@SecuritySchemes({
  @SecurityScheme(
      securitySchemeName = "session",
      type = SecuritySchemeType.APIKEY,
      in = SecuritySchemeIn.COOKIE,
      apiKeyName = "JSESSIONID",
      description =
          "A console session from POST /api/session; every change made on it also carries X-CSRF-Token."),
  @SecurityScheme(
      securitySchemeName = "basic",
      type = SecuritySchemeType.HTTP,
      scheme = "basic",
      description = "A Chorus user name and password (scripts)."),
  @SecurityScheme(
      securitySchemeName = "bearer",
      type = SecuritySchemeType.HTTP,
      scheme = "bearer",
      description = "An API token (ct_...), a wall key (wk_...) or, on /ws/kiosk, a kiosk token.")
})
public class ChorusApplication extends Application {}
