package chorus.server.security;

import static chorus.server.security.AuthReplies.forbid;
import static chorus.server.security.AuthReplies.problem;
import static chorus.server.security.AuthReplies.refuse;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.security.enterprise.AuthenticationException;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.CallerPrincipal;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStoreHandler;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;

/**
 * Authenticates every request before it reaches the application, including the WebSocket upgrade: a
 * bearer token (a kiosk's, a wall key, an API token) is checked by the {@link TokenStore} of its
 * kind and its caller gets that token's roles; a script presents {@code Authorization: Basic} and
 * is checked against the user store; a person in the console has a session (see {@link
 * ConsoleSessions}), and a change made on it must carry the session's CSRF token; the identity
 * provider's two addresses go to {@link IdentityProviderSignIn}. Wrong credentials are refused with
 * 401 before anything else runs; on a protected path, so are missing ones.
 */
@ApplicationScoped
public class ChorusAuthentication implements HttpAuthenticationMechanism {
  private static final Logger LOG = Logger.getLogger(ChorusAuthentication.class.getName());
  private static final String BEARER = "Bearer ";
  private static final String BASIC = "Basic ";

  private static final String WALL_CHANNEL = "/ws/wall";

  @Inject Instance<TokenStore> tokenStores;
  @Inject WallKeyStore wallKeys;
  @Inject IdentityStoreHandler users;
  @Inject SignInThrottle throttle;
  @Inject Users people;
  @Inject IdentityProviderSignIn identityProvider;

  private volatile List<TokenStore> stores;

  @Override
  public AuthenticationStatus validateRequest(
      HttpServletRequest request, HttpServletResponse response, HttpMessageContext context)
      throws AuthenticationException {
    String path = request.getRequestURI().substring(request.getContextPath().length());
    if (path.equals(OidcSettings.LOGIN_PATH) || path.equals(OidcSettings.CALLBACK_PATH)) {
      return identityProvider.validate(request, response, context);
    }
    String header = request.getHeader("Authorization");
    // A wall screen's browser cannot set headers on a WebSocket: its key may come as ?key=.
    String wallKey =
        header == null && WALL_CHANNEL.equals(request.getRequestURI())
            ? request.getParameter("key")
            : null;
    if (wallKey != null) {
      // A ?key= is only ever a wall key, whatever it looks like.
      return bearer(request, response, context, wallKey, wallKeys);
    }
    if (header != null && header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
      return bearer(request, response, context, header.substring(BEARER.length()).trim());
    }
    if (header != null && header.regionMatches(true, 0, BASIC, 0, BASIC.length())) {
      return basic(request, response, context, header.substring(BASIC.length()).trim());
    }
    if (header != null) {
      // Credentials we cannot read are refused, never quietly replaced by a session's.
      return refuse(
          response,
          "invalid_request",
          "The Authorization header must be Bearer with a token, or Basic.");
    }
    ConsoleSessions.SignedIn signedIn = ConsoleSessions.current(request);
    if (signedIn != null) {
      if (!ConsoleSessions.csrfOk(request, signedIn)) {
        return forbid(
            response,
            "This change needs the console's " + ConsoleSessions.CSRF_HEADER + " header.");
      }
      // Roles as they are now: a user removed or changed by an admin is so from their next request.
      Optional<AppUser> user = people.find(signedIn.user());
      if (user.isEmpty()) {
        ConsoleSessions.end(request);
        return context.isProtected()
            ? refuse(response, null, "This session has ended.")
            : context.doNothing();
      }
      return context.notifyContainerAboutLogin(
          new CallerPrincipal(signedIn.user()), user.get().roles());
    }
    if (context.isProtected()) {
      return refuse(response, null, "This address needs credentials.");
    }
    return context.doNothing();
  }

  private AuthenticationStatus bearer(
      HttpServletRequest request,
      HttpServletResponse response,
      HttpMessageContext context,
      String token) {
    TokenStore store = stores().stream().filter(s -> s.recognises(token)).findFirst().orElseThrow();
    return bearer(request, response, context, token, store);
  }

  private AuthenticationStatus bearer(
      HttpServletRequest request,
      HttpServletResponse response,
      HttpMessageContext context,
      String token,
      TokenStore store) {
    CredentialValidationResult result = store.validate(new BearerToken(token));
    if (result.getStatus() == CredentialValidationResult.Status.VALID) {
      if (result.getCallerPrincipal() instanceof ApiTokenStore.TokenPrincipal t) {
        request.setAttribute(chorus.server.audit.AuditFilter.VIA, "token '" + t.label() + "'");
      }
      return context.notifyContainerAboutLogin(
          result.getCallerPrincipal(), result.getCallerGroups());
    }
    LOG.warning(
        () ->
            "Refused "
                + request.getRequestURI()
                + " from "
                + request.getRemoteAddr()
                + ": unknown or revoked "
                + store.kind());
    return refuse(response, "invalid_token", store.refusal());
  }

  /** The token stores in the order they are asked (the kiosk's, which takes any token, last). */
  private List<TokenStore> stores() {
    List<TokenStore> s = stores;
    if (s == null) {
      s = tokenStores.stream().sorted(Comparator.comparingInt(TokenStore::priority)).toList();
      stores = s;
    }
    return s;
  }

  private AuthenticationStatus basic(
      HttpServletRequest request,
      HttpServletResponse response,
      HttpMessageContext context,
      String encoded) {
    String decoded;
    try {
      decoded = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return refuse(response, "invalid_request", "The credentials are not valid Base64.");
    }
    int colon = decoded.indexOf(':');
    if (colon < 1 || decoded.length() > 512) {
      return refuse(response, "invalid_request", "The credentials are not a user and password.");
    }
    String username = decoded.substring(0, colon);
    Optional<Duration> wait = throttle.wait(username, request.getRemoteAddr());
    if (wait.isPresent()) {
      response.setHeader("Retry-After", Long.toString(Math.max(1, wait.get().toSeconds())));
      return problem(
          response,
          429,
          "Too Many Requests",
          "Too many failed sign-ins: try again in " + wait.get().toSeconds() + " s.");
    }
    CredentialValidationResult result =
        users.validate(new UsernamePasswordCredential(username, decoded.substring(colon + 1)));
    if (result.getStatus() == CredentialValidationResult.Status.VALID) {
      throttle.succeeded(username);
      Set<String> roles =
          people.find(result.getCallerPrincipal().getName()).map(AppUser::roles).orElse(Set.of());
      return context.notifyContainerAboutLogin(result.getCallerPrincipal(), roles);
    }
    LOG.warning(() -> "Failed sign-in for a user from " + request.getRemoteAddr());
    throttle.failed(username, request.getRemoteAddr());
    return refuse(response, "invalid_token", "The user name or password is not right.");
  }
}
