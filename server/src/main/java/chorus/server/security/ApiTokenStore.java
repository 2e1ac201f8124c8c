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
        .map(
            c ->
                new CredentialValidationResult(
                    new TokenPrincipal(c.username(), c.label()), c.roles()))
        .orElse(CredentialValidationResult.INVALID_RESULT);
  }

  @Override
  public int priority() {
    return 20;
  }

  /** A person acting through one of their API tokens: the audit trail names the token too. */
  public static final class TokenPrincipal extends CallerPrincipal {
    private static final long serialVersionUID = 1L;
    private final String label;

    TokenPrincipal(String username, String label) {
      super(username);
      this.label = label;
    }

    public String label() {
      return label;
    }
  }
}
