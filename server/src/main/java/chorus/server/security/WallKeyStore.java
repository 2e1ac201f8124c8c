package chorus.server.security;

import chorus.server.common.Roles;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.CallerPrincipal;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import java.util.Set;

/** Wall keys ({@code wk_...}): the caller {@code wall-key:<id>}, in the role {@code wall}. */
@ApplicationScoped
public class WallKeyStore implements TokenStore {
  @Inject WallKeys wallKeys;

  @Override
  public boolean recognises(String token) {
    return token.regionMatches(true, 0, WallKeys.PREFIX, 0, WallKeys.PREFIX.length());
  }

  @Override
  public String kind() {
    return "wall key";
  }

  @Override
  public String refusal() {
    return "The wall key is not valid.";
  }

  @Override
  public CredentialValidationResult validate(BearerToken token) {
    return wallKeys
        .authenticate(token.token())
        .map(
            k ->
                new CredentialValidationResult(
                    new CallerPrincipal(WallKeyPrincipal.PREFIX + k.id()), Set.of(Roles.WALL)))
        .orElse(CredentialValidationResult.INVALID_RESULT);
  }

  @Override
  public int priority() {
    return 10;
  }
}
