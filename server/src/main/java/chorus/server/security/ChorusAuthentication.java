package chorus.server.security;

import chorus.server.kiosk.Kiosk;
import chorus.server.kiosk.KioskDirectory;
import chorus.server.wall.WallKey;
import chorus.server.wall.WallKeyPrincipal;
import chorus.server.wall.WallKeys;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.AuthenticationException;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.CallerPrincipal;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStoreHandler;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;

/**
 * Authenticates every request before it reaches the application, including the WebSocket
 * upgrade: a kiosk presents {@code Authorization: Bearer <token>} and becomes a caller named by
 * its kiosk id in the role {@code kiosk}; a script presents {@code Authorization: Basic} and is
 * checked against the user store; a person in the console has a session (see {@link
 * ConsoleSessions}), and a change made on it must carry the session's CSRF token. Wrong
 * credentials are refused with 401 before anything else runs; on a protected path, so are missing
 * ones.
 */
@ApplicationScoped
public class ChorusAuthentication implements HttpAuthenticationMechanism {
  private static final Logger LOG = Logger.getLogger(ChorusAuthentication.class.getName());
  private static final String BEARER = "Bearer ";
  private static final String BASIC = "Basic ";

  private static final String WALL_CHANNEL = "/ws/wall";

  @Inject KioskDirectory kiosks;
  @Inject WallKeys wallKeys;
  @Inject IdentityStoreHandler users;
  @Inject SignInThrottle throttle;
  @Inject ApiTokens apiTokens;
  @Inject Users people;
  @Inject OidcSettings oidcSettings;

  /** Every mechanism there is: ours and, defined by {@link OidcMechanism}, the OpenID one. */
  @Inject @jakarta.enterprise.inject.Any jakarta.enterprise.inject.Instance<HttpAuthenticationMechanism> mechanisms;

  @Override
  public AuthenticationStatus validateRequest(
      HttpServletRequest request, HttpServletResponse response, HttpMessageContext context) throws AuthenticationException {
    String path = request.getRequestURI().substring(request.getContextPath().length());
    if (path.equals(OidcSettings.LOGIN_PATH) || path.equals(OidcSettings.CALLBACK_PATH)) {
      return identityProvider(request, response, context);
    }
    String header = request.getHeader("Authorization");
    // A wall screen's browser cannot set headers on a WebSocket: its key may come as ?key=.
    String wallKey = header == null && WALL_CHANNEL.equals(request.getRequestURI()) ? request.getParameter("key") : null;
    if (wallKey != null || (header != null && header.regionMatches(true, 0, BEARER + WallKeys.PREFIX, 0, BEARER.length() + WallKeys.PREFIX.length()))) {
      Optional<WallKey> key = wallKeys.authenticate(wallKey != null ? wallKey : header.substring(BEARER.length()).trim());
      if (key.isPresent()) {
        return context.notifyContainerAboutLogin(new CallerPrincipal(WallKeyPrincipal.PREFIX + key.get().id()), Set.of(Roles.WALL));
      }
      LOG.warning(() -> "Refused " + request.getRequestURI() + " from " + request.getRemoteAddr() + ": unknown or revoked wall key");
      return refuse(response, "invalid_token", "The wall key is not valid.");
    }
    if (header != null && header.regionMatches(true, 0, BEARER + ApiTokens.PREFIX, 0, BEARER.length() + ApiTokens.PREFIX.length())) {
      Optional<ApiTokens.Caller> caller = apiTokens.authenticate(header.substring(BEARER.length()).trim());
      if (caller.isPresent()) {
        return context.notifyContainerAboutLogin(new CallerPrincipal(caller.get().username()), caller.get().roles());
      }
      LOG.warning(() -> "Refused " + request.getRequestURI() + " from " + request.getRemoteAddr() + ": unknown or revoked API token");
      return refuse(response, "invalid_token", "The API token is not valid.");
    }
    if (header != null && header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
      Optional<Kiosk> kiosk = kiosks.authenticate(header.substring(BEARER.length()).trim());
      if (kiosk.isPresent()) {
        return context.notifyContainerAboutLogin(new CallerPrincipal(kiosk.get().id()), Set.of(Roles.KIOSK));
      }
      LOG.warning(
          () -> "Refused " + request.getRequestURI() + " from " + request.getRemoteAddr() + ": unknown or revoked token");
      return refuse(response, "invalid_token", "The token is not valid.");
    }
    if (header != null && header.regionMatches(true, 0, BASIC, 0, BASIC.length())) {
      return basic(request, response, context, header.substring(BASIC.length()).trim());
    }
    if (header != null) {
      // Credentials we cannot read are refused, never quietly replaced by a session's.
      return refuse(response, "invalid_request", "The Authorization header must be Bearer with a token, or Basic.");
    }
    ConsoleSessions.SignedIn signedIn = ConsoleSessions.current(request);
    if (signedIn != null) {
      if (!ConsoleSessions.csrfOk(request, signedIn)) {
        return forbid(response, "This change needs the console's " + ConsoleSessions.CSRF_HEADER + " header.");
      }
      // Roles as they are now: a user removed or changed by an admin is so from their next request.
      Optional<AppUser> user = people.find(signedIn.user());
      if (user.isEmpty()) {
        ConsoleSessions.end(request);
        return context.isProtected() ? refuse(response, null, "This session has ended.") : context.doNothing();
      }
      return context.notifyContainerAboutLogin(new CallerPrincipal(signedIn.user()), user.get().roles());
    }
    if (context.isProtected()) {
      return refuse(response, null, "This address needs credentials.");
    }
    return context.doNothing();
  }

  /**
   * Sign-in through the identity provider: the OpenID mechanism sends the person there and checks
   * what comes back (state, nonce, the ID token's signature, issuer, audience and times); then the
   * person must be a Chorus user, and gets a console session like a password sign-in would.
   */
  private AuthenticationStatus identityProvider(HttpServletRequest request, HttpServletResponse response, HttpMessageContext context)
      throws AuthenticationException {
    if (!oidcSettings.isEnabled()) {
      return problem(response, HttpServletResponse.SC_NOT_FOUND, "Not Found", "Sign-in through an identity provider is not set up here.");
    }
    HttpAuthenticationMechanism openId =
        mechanisms.stream().filter(m -> !(m instanceof ChorusAuthentication)).findFirst().orElseThrow(() -> new AuthenticationException("no OpenID mechanism"));
    AuthenticationStatus status;
    try {
      status = openId.validateRequest(request, response, context);
    } catch (RuntimeException e) {
      Throwable cause = e;
      while (cause.getCause() != null) {
        cause = cause.getCause();
      }
      String why = cause.toString();
      if (cause instanceof java.io.IOException) {
        LOG.warning(() -> "The identity provider at " + oidcSettings.getProviderUri() + " could not be reached: " + why);
        return problem(response, HttpServletResponse.SC_BAD_GATEWAY, "Bad Gateway", "The identity provider could not be reached; try again later, or sign in with a password.");
      }
      // A token that fails its checks (signature, issuer, audience, time, nonce): refused.
      LOG.warning(() -> "Sign-in through the identity provider refused: " + why);
      return refuse(response, "invalid_token", "The identity provider's answer could not be verified; start signing in again.");
    }
    if (status == AuthenticationStatus.SEND_FAILURE && !response.isCommitted()) {
      LOG.warning(() -> "Sign-in through the identity provider refused (state or code not as sent) from " + request.getRemoteAddr());
      return refuse(response, "invalid_request", "This sign-in could not be completed (it may have expired); start signing in again.");
    }
    if (status != AuthenticationStatus.SUCCESS) {
      return status;
    }
    java.security.Principal who = context.getCallerPrincipal();
    Optional<AppUser> user = who == null ? Optional.empty() : people.find(who.getName());
    if (user.isEmpty()) {
      LOG.warning(() -> "Identity provider sign-in for '" + (who == null ? "" : who.getName()) + "' refused: there is no Chorus user of that name");
      ConsoleSessions.end(request);
      return problem(response, HttpServletResponse.SC_FORBIDDEN, "Forbidden", "You signed in, but there is no Chorus user for you: ask an admin to add you.");
    }
    ConsoleSessions.start(request, user.get().username(), user.get().roles());
    LOG.info(() -> "User '" + user.get().username() + "' signed in to the console through the identity provider");
    return context.redirect(request.getContextPath() + "/console/");
  }

  private AuthenticationStatus basic(
      HttpServletRequest request, HttpServletResponse response, HttpMessageContext context, String encoded) {
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
    java.util.Optional<java.time.Duration> wait = throttle.wait(username, request.getRemoteAddr());
    if (wait.isPresent()) {
      response.setHeader("Retry-After", Long.toString(Math.max(1, wait.get().toSeconds())));
      return problem(response, 429, "Too Many Requests", "Too many failed sign-ins: try again in " + wait.get().toSeconds() + " s.");
    }
    CredentialValidationResult result = users.validate(new UsernamePasswordCredential(username, decoded.substring(colon + 1)));
    if (result.getStatus() == CredentialValidationResult.Status.VALID) {
      throttle.succeeded(username);
      Set<String> roles = people.find(result.getCallerPrincipal().getName()).map(AppUser::roles).orElse(Set.of());
      return context.notifyContainerAboutLogin(result.getCallerPrincipal(), roles);
    }
    LOG.warning(() -> "Failed sign-in for a user from " + request.getRemoteAddr());
    throttle.failed(username, request.getRemoteAddr());
    return refuse(response, "invalid_token", "The user name or password is not right.");
  }

  private static AuthenticationStatus forbid(HttpServletResponse response, String detail) {
    return problem(response, HttpServletResponse.SC_FORBIDDEN, "Forbidden", detail);
  }

  private static AuthenticationStatus problem(HttpServletResponse response, int status, String title, String detail) {
    SecurityHeaders.apply(null, response);
    response.setStatus(status);
    response.setContentType("application/problem+json");
    response.setCharacterEncoding("UTF-8");
    try {
      response.getWriter().write("{\"type\":\"about:blank\",\"title\":\"" + title + "\",\"status\":" + status + ",\"detail\":\"" + detail + "\"}");
    } catch (IOException e) {
      // The client has gone.
    }
    return AuthenticationStatus.SEND_FAILURE;
  }

  private static AuthenticationStatus refuse(HttpServletResponse response, String error, String detail) {
    SecurityHeaders.apply(null, response);
    response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
    response.setHeader(
        "WWW-Authenticate", "Bearer realm=\"chorus\"" + (error == null ? "" : ", error=\"" + error + "\""));
    response.setContentType("application/problem+json");
    response.setCharacterEncoding("UTF-8");
    try {
      response
          .getWriter()
          .write(
              "{\"type\":\"about:blank\",\"title\":\"Unauthorized\",\"status\":401,\"detail\":\""
                  + detail + "\"}");
    } catch (IOException e) {
      // The client has gone; the status is all it would have read anyway.
    }
    return AuthenticationStatus.SEND_FAILURE;
  }
}
