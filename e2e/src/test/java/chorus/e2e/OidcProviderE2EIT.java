package chorus.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chorus.server.testkit.Api;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.stream.Stream;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.http.OAuth2HttpRequest;
import no.nav.security.mock.oauth2.http.OAuth2HttpResponse;
import no.nav.security.mock.oauth2.http.Route;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import okhttp3.Headers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Sign-in through an identity provider, against a maintained one (NAV's mock-oauth2-server, run
 * here): the packaged server signs in a Chorus user it sends, and refuses an ID token with a wrong
 * nonce, issuer or audience, one that has expired, one with {@code alg: none}, and a code played
 * back a second time. Each refused token is signed by the provider's own key (but alg none), so
 * each case fails for its one fault only.
 */
class OidcProviderE2EIT {
  private static final String CLIENT_ID = "chorus-console";
  private static final String ISSUER = "council";

  @TempDir static Path dir;
  private static MockOAuth2Server idp;
  private static ServerProcess server;

  @BeforeAll
  static void start() throws Exception {
    idp = new MockOAuth2Server(new CraftedTokenResponse());
    idp.start();
    server =
        ServerProcess.startDemo(
            dir.resolve("data"),
            Map.of(
                "CHORUS_OIDC_PROVIDER_URI",
                idp.issuerUrl(ISSUER).toString(),
                "CHORUS_OIDC_CLIENT_ID",
                CLIENT_ID,
                "CHORUS_OIDC_CLIENT_SECRET",
                "a client secret the provider takes"));
    Api admin = new Api(server.base()).signedIn("admin", server.adminPassword());
    assertEquals(
        201,
        admin
            .post(
                "api/users",
                "{\"username\":\"sam.staff\",\"password\":\""
                    + UUID.randomUUID()
                    + "\",\"roles\":[\"staff\"]}")
            .statusCode());
  }

  @AfterAll
  static void stop() throws Exception {
    if (server != null) {
      server.close();
    }
    if (idp != null) {
      idp.shutdown();
    }
  }

  private static HttpClient browser() {
    return SignInBrowser.open();
  }

  private static HttpResponse<String> get(HttpClient browser, URI uri)
      throws IOException, InterruptedException {
    return SignInBrowser.get(browser, uri);
  }

  private static URI location(HttpResponse<String> r) {
    return SignInBrowser.location(r);
  }

  private static String param(URI uri, String name) {
    for (String pair : uri.getRawQuery().split("&")) {
      if (pair.startsWith(name + "=")) {
        return URLDecoder.decode(pair.substring(name.length() + 1), StandardCharsets.UTF_8);
      }
    }
    return null;
  }

  /** A browser sent to the provider and back: the callback address it has, not yet opened. */
  private record Trip(HttpClient browser, URI callback, String nonce) {}

  private static Trip toProviderAndBack() throws Exception {
    HttpClient browser = browser();
    URI toProvider = location(get(browser, server.base().resolve("console/oidc/login")));
    assertTrue(
        toProvider.toString().startsWith(idp.authorizationEndpointUrl(ISSUER).toString()),
        toProvider.toString());
    String nonce = param(toProvider, "nonce");
    URI back = location(get(browser, toProvider));
    assertEquals("/console/oidc/callback", back.getPath(), back.toString());
    return new Trip(browser, back, nonce);
  }

  private static int session(HttpClient browser) throws Exception {
    return get(browser, server.base().resolve("api/session")).statusCode();
  }

  private static DefaultOAuth2TokenCallback user(String name) {
    return new DefaultOAuth2TokenCallback(
        ISSUER,
        name,
        JOSEObjectType.JWT.getType(),
        List.of(CLIENT_ID),
        Map.of("preferred_username", name),
        3600);
  }

  @Test
  void aChorusUserSignsInThroughTheProvider() throws Exception {
    idp.enqueueCallback(user("sam.staff"));
    Trip trip = toProviderAndBack();
    HttpResponse<String> done = get(trip.browser(), trip.callback());
    assertEquals("/console/", location(done).getPath(), "into the console");
    HttpResponse<String> me = get(trip.browser(), server.base().resolve("api/session"));
    assertEquals(200, me.statusCode(), me.body());
    assertEquals("sam.staff", Api.object(me.body()).getString("username"));
  }

  @Test
  void aCodePlayedBackASecondTimeIsRefused() throws Exception {
    idp.enqueueCallback(user("sam.staff"));
    Trip trip = toProviderAndBack();
    assertEquals("/console/", location(get(trip.browser(), trip.callback())).getPath());
    // another browser replays the address with the code and state
    HttpClient other = browser();
    HttpResponse<String> replayed = get(other, trip.callback());
    assertTrue(
        replayed.statusCode() == 401 || replayed.statusCode() == 403,
        replayed.statusCode() + " " + replayed.body());
    assertEquals(401, session(other), "no session for the replay");
    // and the same browser, signed out, cannot sign in again with it
    String csrf =
        Api.object(get(trip.browser(), server.base().resolve("api/session")).body())
            .getString("csrfToken");
    HttpResponse<String> out =
        trip.browser()
            .send(
                HttpRequest.newBuilder(server.base().resolve("api/session"))
                    .DELETE()
                    .header("Accept", "application/json")
                    .header("X-CSRF-Token", csrf)
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertEquals(204, out.statusCode(), out.body());
    assertEquals(401, session(trip.browser()), "signed out");
    HttpResponse<String> again = get(trip.browser(), trip.callback());
    assertTrue(
        again.statusCode() == 401 || again.statusCode() == 403,
        again.statusCode() + " " + again.body());
    assertEquals(401, session(trip.browser()));
  }

  /** The next answer of the provider's token endpoint, when a case crafts it. */
  private static final AtomicReference<String> CRAFTED = new AtomicReference<>();

  /**
   * The provider's token endpoint, answering once with a crafted token response (the provider's own
   * signature on it, but for alg none) when a case has set one; the provider's own otherwise.
   */
  private static final class CraftedTokenResponse implements Route {
    @Override
    public boolean match(OAuth2HttpRequest request) {
      return CRAFTED.get() != null
          && request.getMethod().equals("POST")
          && request.getUrl().encodedPath().endsWith("/token");
    }

    @Override
    public OAuth2HttpResponse invoke(OAuth2HttpRequest request) {
      return new OAuth2HttpResponse(
          Headers.of("Content-Type", "application/json"), 200, CRAFTED.getAndSet(null), null);
    }
  }

  /** An ID token made for a trip: from the nonce the browser carried. */
  private interface Token extends Function<String, String> {}

  private static String signed(String nonce, Map<String, Object> claims, long expiry) {
    Map<String, Object> all = new java.util.HashMap<>();
    all.put("preferred_username", "sam.staff");
    all.put("nonce", nonce);
    all.putAll(claims);
    return idp.issueToken(ISSUER, "sam.staff", CLIENT_ID, all, expiry).serialize();
  }

  static Stream<Arguments> badTokens() {
    return Stream.of(
        Arguments.of(
            "a nonce the browser never sent",
            (Token) n -> signed(n, Map.of("nonce", "not-the-one-sent"), 3600),
            "nonce",
            "not-the-one-sent"),
        Arguments.of(
            "another issuer",
            (Token) n -> signed(n, Map.of("iss", "https://idp.elsewhere.example/council"), 3600),
            "iss",
            "https://idp.elsewhere.example/council"),
        Arguments.of(
            "another audience",
            (Token)
                n ->
                    idp.issueToken(
                            ISSUER,
                            "sam.staff",
                            "another-service",
                            Map.of("preferred_username", "sam.staff", "nonce", n),
                            3600)
                        .serialize(),
            "aud",
            "[\"another-service\"]"),
        Arguments.of("expired an hour ago", (Token) n -> signed(n, Map.of(), -3600), "exp", null),
        Arguments.of(
            "alg none",
            (Token)
                n ->
                    new PlainJWT(
                            new JWTClaimsSet.Builder()
                                .issuer(idp.issuerUrl(ISSUER).toString())
                                .audience(CLIENT_ID)
                                .subject("sam.staff")
                                .claim("preferred_username", "sam.staff")
                                .claim("nonce", n)
                                .issueTime(new Date())
                                .expirationTime(Date.from(Instant.now().plusSeconds(3600)))
                                .build())
                        .serialize(),
            "alg",
            "none"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badTokens")
  void anIdTokenWithOneFaultIsRefused(String name, Token token, String claim, String value)
      throws Exception {
    Trip trip = toProviderAndBack();
    String idToken = token.apply(trip.nonce());
    // the token is what the case says, and nothing else is wrong with it
    if (claim.equals("alg")) {
      assertTrue(idToken.endsWith("."), "unsigned");
    } else {
      JWTClaimsSet claims = SignedJWT.parse(idToken).getJWTClaimsSet();
      if (claim.equals("exp")) {
        assertTrue(claims.getExpirationTime().toInstant().isBefore(Instant.now()), name);
      } else if (claim.equals("aud")) {
        assertEquals(List.of("another-service"), claims.getAudience(), name);
      } else {
        assertEquals(value, String.valueOf(claims.getClaim(claim)), name);
      }
    }
    String access = idp.issueToken(ISSUER, "sam.staff", CLIENT_ID).serialize();
    CRAFTED.set(
        "{\"access_token\":\""
            + access
            + "\",\"token_type\":\"Bearer\",\"expires_in\":3600,\"id_token\":\""
            + idToken
            + "\"}");
    HttpResponse<String> done = get(trip.browser(), trip.callback());
    assertTrue(
        done.statusCode() == 401 || done.statusCode() == 403,
        name + ": " + done.statusCode() + " " + done.headers().firstValue("Location").orElse(""));
    assertEquals(401, session(trip.browser()), name + ": no session");
    assertEquals(null, CRAFTED.get(), name + ": the crafted answer was the one Chorus got");
  }
}
