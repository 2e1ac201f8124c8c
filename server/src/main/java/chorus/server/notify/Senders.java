package chorus.server.notify;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.mail.Authenticator;
import jakarta.mail.MessagingException;
import jakarta.mail.PasswordAuthentication;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Properties;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Sends one notification: an e-mail through Jakarta Mail to the SMTP server the settings name, or a
 * signed JSON post to a webhook. Throws {@link SendFailure} with a short cause when it did not go.
 */
@ApplicationScoped
public class Senders {
  /** The header a webhook's receiver checks: {@code sha256=} and the hex HMAC of the body. */
  public static final String SIGNATURE_HEADER = "X-Chorus-Signature";

  static final Duration TIMEOUT = Duration.ofSeconds(10);

  @Inject NotifySettings settings;
  @Inject Webhooks webhooks;

  private final HttpClient http =
      HttpClient.newBuilder()
          .connectTimeout(TIMEOUT)
          .followRedirects(HttpClient.Redirect.NEVER)
          .build();

  /**
   * A send that did not go, with a cause in words (no stack trace: it is expected, and retried).
   */
  public static final class SendFailure extends Exception {
    private static final long serialVersionUID = 1L;

    SendFailure(String message) {
      super(message, null, false, false);
    }
  }

  /** Sends it; answers whom it went to, in words for the timeline. */
  String send(Notification n, Instant now) throws SendFailure {
    return switch (n.channel()) {
      case Notification.EMAIL -> mail(n.target(), n.message());
      case Notification.WEBHOOK -> post(n.target(), n.alertId(), n.message(), now);
      default -> throw new SendFailure("unknown channel " + n.channel());
    };
  }

  /** Whom it goes to, in words, before it is sent. */
  String recipient(Notification n) {
    if (Notification.EMAIL.equals(n.channel())) {
      return n.target();
    }
    return webhooks.find(n.target()).map(w -> "webhook '" + w.name() + "'").orElse("a webhook");
  }

  private String mail(String to, Message message) throws SendFailure {
    if (!settings.mailConfigured()) {
      throw new SendFailure("no mail server is set (CHORUS_SMTP_HOST)");
    }
    Properties p = new Properties();
    p.put("mail.smtp.host", settings.smtpHost().orElseThrow());
    p.put("mail.smtp.port", Integer.toString(settings.smtpPort()));
    p.put("mail.smtp.connectiontimeout", Long.toString(TIMEOUT.toMillis()));
    p.put("mail.smtp.timeout", Long.toString(TIMEOUT.toMillis()));
    p.put("mail.smtp.writetimeout", Long.toString(TIMEOUT.toMillis()));
    p.put("mail.smtp.starttls.enable", Boolean.toString(settings.startTls()));
    p.put("mail.smtp.starttls.required", Boolean.toString(settings.startTls()));
    Authenticator auth = null;
    if (settings.smtpUser().isPresent()) {
      p.put("mail.smtp.auth", "true");
      String user = settings.smtpUser().get();
      String password = settings.smtpPassword().orElse("");
      auth =
          new Authenticator() {
            @Override
            protected PasswordAuthentication getPasswordAuthentication() {
              return new PasswordAuthentication(user, password);
            }
          };
    }
    try {
      MimeMessage mail = new MimeMessage(Session.getInstance(p, auth));
      mail.setFrom(settings.from());
      mail.setRecipient(jakarta.mail.Message.RecipientType.TO, new InternetAddress(to, true));
      mail.setSubject(message.subject(), "UTF-8");
      mail.setText(message.body(), "UTF-8");
      mail.setHeader("Auto-Submitted", "auto-generated");
      Transport.send(mail);
      return to;
    } catch (MessagingException e) {
      throw new SendFailure(chorus.server.common.StartupFailure.firstLine(e));
    }
  }

  private String post(String webhookId, String alertId, Message message, Instant now)
      throws SendFailure {
    Webhook w =
        webhooks.find(webhookId).orElseThrow(() -> new SendFailure("the webhook was removed"));
    String body = body(w.format(), alertId, message, now).toString();
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(w.url()))
            .timeout(TIMEOUT)
            .header("Content-Type", "application/json")
            .header(SIGNATURE_HEADER, "sha256=" + sign(Webhooks.secretOf(w), body))
            .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
            .build();
    try {
      HttpResponse<Void> answer = http.send(request, HttpResponse.BodyHandlers.discarding());
      if (answer.statusCode() / 100 != 2) {
        throw new SendFailure("the webhook answered HTTP " + answer.statusCode());
      }
      return "webhook '" + w.name() + "'";
    } catch (IOException e) {
      throw new SendFailure(
          "could not reach the webhook: " + chorus.server.common.StartupFailure.firstLine(e));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SendFailure("interrupted");
    }
  }

  /**
   * The JSON a webhook is sent: {@code plain} ({@code kind}, {@code subject}, {@code text}, {@code
   * link}, {@code alertId}, {@code sentAt}); {@code slack} ({@code text}, what Slack's incoming
   * webhooks take); {@code teams} (a message with one Adaptive Card, what Teams' workflow webhooks
   * take).
   */
  static JsonObject body(String format, String alertId, Message message, Instant now) {
    String text = message.subject() + "\n\n" + message.body();
    return switch (format) {
      case Webhook.SLACK -> Json.createObjectBuilder().add("text", text).build();
      case Webhook.TEAMS ->
          Json.createObjectBuilder()
              .add("type", "message")
              .add(
                  "attachments",
                  Json.createArrayBuilder()
                      .add(
                          Json.createObjectBuilder()
                              .add("contentType", "application/vnd.microsoft.card.adaptive")
                              .add(
                                  "content",
                                  Json.createObjectBuilder()
                                      .add("type", "AdaptiveCard")
                                      .add("version", "1.4")
                                      .add(
                                          "body",
                                          Json.createArrayBuilder()
                                              .add(
                                                  Json.createObjectBuilder()
                                                      .add("type", "TextBlock")
                                                      .add("text", message.subject())
                                                      .add("weight", "Bolder")
                                                      .add("wrap", true))
                                              .add(
                                                  Json.createObjectBuilder()
                                                      .add("type", "TextBlock")
                                                      .add("text", message.body())
                                                      .add("wrap", true)))
                                      .add(
                                          "actions",
                                          Json.createArrayBuilder()
                                              .add(
                                                  Json.createObjectBuilder()
                                                      .add("type", "Action.OpenUrl")
                                                      .add("title", "Open in Chorus")
                                                      .add("url", message.link()))))))
              .build();
      default ->
          Json.createObjectBuilder()
              .add("kind", "alert")
              .add("alertId", alertId)
              .add("subject", message.subject())
              .add("text", message.body())
              .add("link", message.link())
              .add("sentAt", now.toString())
              .build();
    };
  }

  /** Hex HMAC-SHA256 of the body with the webhook's secret. */
  public static String sign(String secret, String body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is missing from this Java", e);
    }
  }
}
