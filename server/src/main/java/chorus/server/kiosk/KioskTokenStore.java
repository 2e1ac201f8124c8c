package chorus.server.kiosk;

import chorus.server.common.Roles;
import chorus.server.security.BearerToken;
import chorus.server.security.TokenStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.CallerPrincipal;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import java.util.Set;

/**
 * Kiosk tokens, which have no prefix: asked last, it takes every bearer token the other stores do
 * not recognise. The caller is named by its kiosk id, in the role {@code kiosk}.
 */
@ApplicationScoped
public class KioskTokenStore implements TokenStore {
  @Inject KioskDirectory kiosks;

  @Override
  public boolean recognises(String token) {
    return true;
  }

  @Override
  public String kind() {
    return "kiosk token";
  }

  @Override
  public String refusal() {
    return "The token is not valid.";
  }

  @Override
  public CredentialValidationResult validate(BearerToken token) {
    return kiosks
        .authenticate(token.token())
        .map(k -> new CredentialValidationResult(new CallerPrincipal(k.id()), Set.of(Roles.KIOSK)))
        .orElse(CredentialValidationResult.INVALID_RESULT);
  }

  @Override
  public int priority() {
    return 1000;
  }
}
