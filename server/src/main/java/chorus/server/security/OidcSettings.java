package chorus.server.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Sign-in through a council's identity provider (OpenID Connect), off unless {@code
 * CHORUS_OIDC_PROVIDER_URI} is set. The provider says who someone is; Chorus still decides what
 * they may do: the claim named by {@code CHORUS_OIDC_USER_CLAIM} (default {@code
 * preferred_username}) must name a Chorus user, whose roles and sites apply. Read by the OpenID
 * mechanism's definition ({@link OidcMechanism}) through expressions, as {@code chorusOidc}.
 */
@Named("chorusOidc")
@ApplicationScoped
public class OidcSettings {
  /** Where a person starts signing in with the identity provider. */
  public static final String LOGIN_PATH = "/console/oidc/login";

  /** Where the identity provider sends them back (register this address with the provider). */
  public static final String CALLBACK_PATH = "/console/oidc/callback";

  @Inject
  @ConfigProperty(name = "chorus.oidc.provider-uri")
  Optional<String> providerUri;

  @Inject
  @ConfigProperty(name = "chorus.oidc.client-id", defaultValue = "chorus")
  String clientId;

  @Inject
  @ConfigProperty(name = "chorus.oidc.client-secret")
  Optional<String> clientSecret;

  @Inject
  @ConfigProperty(name = "chorus.oidc.redirect-uri")
  Optional<String> redirectUri;

  @Inject
  @ConfigProperty(name = "chorus.oidc.user-claim", defaultValue = "preferred_username")
  String userClaim;

  public boolean isEnabled() {
    return providerUri.filter(u -> !u.isBlank()).isPresent();
  }

  public String getProviderUri() {
    return providerUri.orElse("");
  }

  public String getClientId() {
    return clientId;
  }

  public String getClientSecret() {
    return clientSecret.orElse("");
  }

  /**
   * The callback address: as set (the public https address behind a proxy), or this server's own.
   */
  public String getRedirectUri() {
    return redirectUri.filter(u -> !u.isBlank()).orElse("${baseURL}" + CALLBACK_PATH);
  }

  public String getUserClaim() {
    return userClaim;
  }
}
