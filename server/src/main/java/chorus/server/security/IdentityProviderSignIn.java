package chorus.server.security;

import static chorus.server.security.AuthReplies.problem;
import static chorus.server.security.AuthReplies.refuse;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.security.enterprise.AuthenticationException;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.security.enterprise.identitystore.openid.OpenIdContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.Base64;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Sign-in through the identity provider: the OpenID mechanism (defined by {@link OidcMechanism})
 * sends the person there and checks what comes back (state, nonce, the ID token's signature,
 * issuer, audience and times; an unsigned token, which it lets through, is refused here); then the
 * person must be a Chorus user, and gets a console session like a password sign-in would.
 */
@ApplicationScoped
public class IdentityProviderSignIn {
  private static final Logger LOG = Logger.getLogger(IdentityProviderSignIn.class.getName());

  @Inject Users people;
  @Inject OidcSettings oidcSettings;

  /** Every mechanism there is: ours and the OpenID one. */
  @Inject @Any Instance<HttpAuthenticationMechanism> mechanisms;

  /** The OpenID mechanism's view of the sign-in it has just checked. */
  @Inject Instance<OpenIdContext> openIdContext;

  /** The {@code alg} of the ID token's JOSE header, or null if it cannot be read. */
  static String algorithm(Instance<OpenIdContext> context) {
    try {
      return algorithm(context.get().getIdentityToken().getToken());
    } catch (RuntimeException e) {
      return null;
    }
  }

  static String algorithm(String jwt) {
    int dot = jwt == null ? -1 : jwt.indexOf('.');
    if (dot <= 0) {
      return null;
    }
    try (JsonReader reader =
        Json.createReader(
            new StringReader(
                new String(
                    Base64.getUrlDecoder().decode(jwt.substring(0, dot)),
                    StandardCharsets.UTF_8)))) {
      JsonObject header = reader.readObject();
      return header.get("alg") instanceof JsonString a ? a.getString() : null;
    } catch (RuntimeException e) {
      return null;
    }
  }

  AuthenticationStatus validate(
      HttpServletRequest request, HttpServletResponse response, HttpMessageContext context)
      throws AuthenticationException {
    if (!oidcSettings.isEnabled()) {
      return problem(
          response,
          HttpServletResponse.SC_NOT_FOUND,
          "Not Found",
          "Sign-in through an identity provider is not set up here.");
    }
    HttpAuthenticationMechanism openId =
        mechanisms.stream()
            .filter(m -> !(m instanceof ChorusAuthentication))
            .findFirst()
            .orElseThrow(() -> new AuthenticationException("no OpenID mechanism"));
    AuthenticationStatus status;
    try {
      status = openId.validateRequest(request, response, context);
    } catch (RuntimeException e) {
      Throwable cause = e;
      while (cause.getCause() != null) {
        cause = cause.getCause();
      }
      String why = cause.toString();
      if (cause instanceof IOException) {
        LOG.warning(
            () ->
                "The identity provider at "
                    + oidcSettings.getProviderUri()
                    + " could not be reached: "
                    + why);
        return problem(
            response,
            HttpServletResponse.SC_BAD_GATEWAY,
            "Bad Gateway",
            "The identity provider could not be reached; try again later, or sign in with a password.");
      }
      // A token that fails its checks (signature, issuer, audience, time, nonce): refused.
      LOG.warning(() -> "Sign-in through the identity provider refused: " + why);
      return refuse(
          response,
          "invalid_token",
          "The identity provider's answer could not be verified; start signing in again.");
    }
    if (status == AuthenticationStatus.SEND_FAILURE && !response.isCommitted()) {
      LOG.warning(
          () ->
              "Sign-in through the identity provider refused (state or code not as sent) from "
                  + request.getRemoteAddr());
      return refuse(
          response,
          "invalid_request",
          "This sign-in could not be completed (it may have expired); start signing in again.");
    }
    if (status != AuthenticationStatus.SUCCESS) {
      return status;
    }
    // The mechanism takes an unsigned ID token (alg none) as valid: Chorus does not.
    String alg = algorithm(openIdContext);
    if (alg == null || alg.equalsIgnoreCase("none")) {
      LOG.warning(
          () ->
              "Sign-in through the identity provider refused: its ID token is not signed (alg "
                  + alg
                  + ")");
      ConsoleSessions.end(request);
      return refuse(
          response,
          "invalid_token",
          "The identity provider's answer could not be verified; start signing in again.");
    }
    Principal who = context.getCallerPrincipal();
    Optional<AppUser> user = who == null ? Optional.empty() : people.find(who.getName());
    if (user.isEmpty()) {
      LOG.warning(
          () ->
              "Identity provider sign-in for '"
                  + (who == null ? "" : who.getName())
                  + "' refused: there is no Chorus user of that name");
      ConsoleSessions.end(request);
      return problem(
          response,
          HttpServletResponse.SC_FORBIDDEN,
          "Forbidden",
          "You signed in, but there is no Chorus user for you: ask an admin to add you.");
    }
    ConsoleSessions.start(request, user.get().username(), user.get().roles());
    LOG.info(
        () ->
            "User '"
                + user.get().username()
                + "' signed in to the console through the identity provider");
    return context.redirect(request.getContextPath() + "/console/");
  }
}
