package chorus.server.notify;

import chorus.server.common.StartupFailure;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.DateTimeException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * How alerts go out, read once at start (a bad value stops the server, saying which):
 *
 * <ul>
 *   <li>{@code CHORUS_SMTP_HOST}, {@code _PORT} (587, or 25 without STARTTLS), {@code _USER},
 *       {@code _PASSWORD}, {@code _FROM} and {@code _STARTTLS} ({@code true}; {@code false} for a
 *       local relay): e-mail; without a host no e-mail is sent, and the outbox keeps them;
 *   <li>{@code CHORUS_PUBLIC_URL}: where people reach the console, for the links in messages;
 *   <li>{@code CHORUS_ALERT_CONTACTS}: the install's default duty contacts (e-mail addresses,
 *       comma-separated), told when a site has no rota and no e-mail duty contact, and last in
 *       every escalation;
 *   <li>{@code CHORUS_ALERT_ESCALATE_AFTER}: how long a safeguarding alert waits for someone to
 *       acknowledge it before the next contact is told (ISO-8601, {@code PT15M}).
 * </ul>
 */
@ApplicationScoped
public class NotifySettings {
  static final Duration DEFAULT_ESCALATE_AFTER = Duration.ofMinutes(15);

  private Optional<String> smtpHost;
  private int smtpPort;
  private Optional<String> smtpUser;
  private Optional<String> smtpPassword;
  private InternetAddress from;
  private boolean startTls;
  private String publicUrl;
  private List<String> installContacts;
  private Duration escalateAfter;

  @PostConstruct
  void read() {
    Config config = ConfigProvider.getConfig();
    smtpHost = text(config, "chorus.smtp.host");
    startTls = bool(config, "chorus.smtp.starttls", "CHORUS_SMTP_STARTTLS", true);
    smtpPort = port(config, startTls ? 587 : 25);
    smtpUser = text(config, "chorus.smtp.user");
    smtpPassword = text(config, "chorus.smtp.password");
    String fromText = text(config, "chorus.smtp.from").orElse("chorus@localhost");
    from = address(fromText, "CHORUS_SMTP_FROM");
    publicUrl = url(text(config, "chorus.public-url").orElse("http://localhost:8080"));
    installContacts = new ArrayList<>();
    for (String part : text(config, "chorus.alert.contacts").orElse("").split(",", -1)) {
      if (!part.isBlank()) {
        installContacts.add(address(part.strip(), "CHORUS_ALERT_CONTACTS").getAddress());
      }
    }
    escalateAfter = duration(text(config, "chorus.alert.escalate-after"));
  }

  private static Optional<String> text(Config config, String name) {
    return config.getOptionalValue(name, String.class).map(String::strip).filter(s -> !s.isEmpty());
  }

  private static boolean bool(Config config, String name, String env, boolean fallback) {
    Optional<String> value = text(config, name);
    if (value.isEmpty()) {
      return fallback;
    }
    return switch (value.get().toLowerCase(java.util.Locale.ROOT)) {
      case "true" -> true;
      case "false" -> false;
      default -> throw StartupFailure.exit(env, "'" + value.get() + "' is not true or false", null);
    };
  }

  private int port(Config config, int fallback) {
    Optional<String> value = text(config, "chorus.smtp.port");
    if (value.isEmpty()) {
      return fallback;
    }
    try {
      int port = Integer.parseInt(value.get());
      if (port >= 1 && port <= 65535) {
        return port;
      }
    } catch (NumberFormatException e) {
      // said below
    }
    throw StartupFailure.exit(
        "CHORUS_SMTP_PORT", "'" + value.get() + "' is not a port (1 to 65535)", null);
  }

  /** An e-mail address, strictly: {@code name@host}, nothing around it. */
  static Optional<InternetAddress> parseAddress(String text) {
    try {
      InternetAddress a = new InternetAddress(text, true);
      return a.getAddress().contains("@") && a.getPersonal() == null
          ? Optional.of(a)
          : Optional.empty();
    } catch (AddressException e) {
      return Optional.empty();
    }
  }

  private static InternetAddress address(String text, String setting) {
    return parseAddress(text)
        .orElseThrow(
            () -> StartupFailure.exit(setting, "'" + text + "' is not an e-mail address", null));
  }

  private static String url(String text) {
    try {
      URI uri = new URI(text);
      if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
          && uri.getHost() != null) {
        return text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
      }
    } catch (URISyntaxException e) {
      // said below
    }
    throw StartupFailure.exit(
        "CHORUS_PUBLIC_URL", "'" + text + "' is not an http or https address", null);
  }

  private static Duration duration(Optional<String> text) {
    if (text.isEmpty()) {
      return DEFAULT_ESCALATE_AFTER;
    }
    try {
      Duration d = Duration.parse(text.get());
      if (!d.isNegative() && d.compareTo(Duration.ofSeconds(1)) >= 0) {
        return d;
      }
    } catch (DateTimeException e) {
      // said below
    }
    throw StartupFailure.exit(
        "CHORUS_ALERT_ESCALATE_AFTER",
        "'" + text.get() + "' is not a duration of a second or more, such as PT15M",
        null);
  }

  public boolean mailConfigured() {
    return smtpHost.isPresent();
  }

  public Optional<String> smtpHost() {
    return smtpHost;
  }

  public int smtpPort() {
    return smtpPort;
  }

  public Optional<String> smtpUser() {
    return smtpUser;
  }

  Optional<String> smtpPassword() {
    return smtpPassword;
  }

  public InternetAddress from() {
    return from;
  }

  public boolean startTls() {
    return startTls;
  }

  public String publicUrl() {
    return publicUrl;
  }

  public List<String> installContacts() {
    return List.copyOf(installContacts);
  }

  public Duration escalateAfter() {
    return escalateAfter;
  }
}
