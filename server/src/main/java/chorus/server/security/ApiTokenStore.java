package chorus.server.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.CallerPrincipal;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;

/** API tokens ({@code ct_...}): their user, with the roles the token was given. */
@ApplicationScoped
public class ApiTokenStore implements TokenStore {
  @Inject ApiTokens apiTokens;

  @Override
  public boolean recognises(String token) {
    return token.regionMatches(true, 0, ApiTokens.PREFIX, 0, ApiTokens.PREFIX.length());
  }

  @Override
  public String kind() {
    return "API token";
  }

  @Override
  public String refusal() {
    return "The API token is not valid.";
  }

  @Override
  public CredentialValidationResult validate(BearerToken token) {
    return apiTokens
        .authenticate(token.token())
        .map(c -> new CredentialValidationResult(new CallerPrincipal(c.username()), c.roles()))
        .orElse(CredentialValidationResult.INVALID_RESULT);
  }

  @Override
  public int priority() {
    return 20;
  }
}
