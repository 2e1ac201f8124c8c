package chorus.server.security;

import chorus.server.common.Roles;
import chorus.server.common.StartupFailure;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.security.enterprise.CallerPrincipal;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The scrape token for {@code /metrics} ({@code CHORUS_METRICS_TOKEN}): a monitoring system that
 * presents it as {@code Authorization: Bearer ...} may read {@code /metrics} and nothing else (the
 * role {@link Roles#METRICS}). Without the setting only admins read it. A token that is set must
 * have the shape of one (32 to 128 visible characters), or the server does not start.
 */
@ApplicationScoped
public class MetricsTokenStore implements TokenStore {
  /** The caller a scrape is recorded as. */
  public static final String CALLER = "metrics scrape";

  @Inject
  @ConfigProperty(name = "chorus.metrics.token")
  Optional<String> configured;

  private byte[] token;

  @PostConstruct
  void read() {
    Optional<String> value = configured.map(String::strip).filter(s -> !s.isEmpty());
    if (value.isPresent() && !Secrets.plausible(value.get())) {
      throw StartupFailure.exit(
          "CHORUS_METRICS_TOKEN",
          "a scrape token must be 32 to 128 visible characters (openssl rand -hex 24 makes one)",
          null);
    }
    token = value.map(v -> v.getBytes(StandardCharsets.UTF_8)).orElse(null);
  }

  /** Checks the setting as the server starts, not at the first scrape. */
  void atStart(@Observes @Initialized(ApplicationScoped.class) Object started) {
    // The container makes the bean to call this, and so runs read().
  }

  @Override
  public boolean recognises(String presented) {
    return token != null
        && MessageDigest.isEqual(token, presented.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public String kind() {
    return "metrics scrape token";
  }

  @Override
  public String refusal() {
    return "The scrape token is not valid.";
  }

  @Override
  public CredentialValidationResult validate(BearerToken presented) {
    return recognises(presented.token())
        ? new CredentialValidationResult(new CallerPrincipal(CALLER), Set.of(Roles.METRICS))
        : CredentialValidationResult.INVALID_RESULT;
  }

  @Override
  public int priority() {
    return 5;
  }
}
