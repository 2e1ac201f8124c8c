package chorus.server.security;

import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStore;
import java.util.Set;

/**
 * An identity store for one kind of bearer token (a wall key, an API token, a kiosk token). Each
 * says which tokens are its kind, by their prefix, and how a refusal of one is worded; {@link
 * ChorusAuthentication} asks them in the order of {@link #priority()}, and the first that
 * recognises a token decides. They validate only: a token's roles are its own, never merged with a
 * user's groups by the container's handler (an API token may carry fewer roles than its user).
 */
public interface TokenStore extends IdentityStore {
  /** Whether the token is this store's kind (it may still be unknown or revoked). */
  boolean recognises(String token);

  /** The kind, as the log names it: "wall key", "API token". */
  String kind();

  /** What a caller whose token of this kind is refused is told. */
  String refusal();

  /** The store's answer for a token of its kind: the caller and its roles, or invalid. */
  CredentialValidationResult validate(BearerToken token);

  @Override
  default Set<ValidationType> validationTypes() {
    return Set.of(ValidationType.VALIDATE);
  }
}
