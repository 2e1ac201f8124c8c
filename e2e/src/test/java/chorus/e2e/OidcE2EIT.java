package chorus.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chorus.server.testkit.Api;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sign-in through a council's identity provider: the packaged server, configured only by its
 * settings, against a small OpenID Connect provider run here (discovery, authorize, token, JWKS,
 * user info; ID tokens signed RS256). The provider says who someone is; Chorus decides the rest.
 */
class OidcE2EIT {
  private static final String CLIENT_ID = "chorus-console";
  private static final String CLIENT_SECRET = "provider-shared-secret";

  @TempDir static Path dir;
  private static Provider provider;
  private static ServerProcess server;
  private static Api admin;

  @BeforeAll
  static void start() throws Exception {
    provider = new Provider();
    server =
        ServerProcess.startDemo(
            dir.resolve("data"),
            Map.of(
                "CHORUS_OIDC_PROVIDER_URI", provider.issuer(),
                "CHORUS_OIDC_CLIENT_ID", CLIENT_ID,
                "CHORUS_OIDC_CLIENT_SECRET", CLIENT_SECRET));
    admin = new Api(server.base()).signedIn("admin", server.adminPassword());
    assertEquals(
        201,
        admin
            .post(
                "api/users",
                "{\"username\":\"jo.staff\",\"password\":\""
                    + UUID.randomUUID()
                    + "\",\"roles\":[\"staff\"]}")
            .statusCode());
  }

  @AfterAll
  static void stop() throws Exception {
    if (server != null) {
      server.close();
    }
    if (provider != null) {
      provider.http.stop(0);
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

  /**
   * Goes from the console's "sign in with your organisation's account" to the provider and back.
   */
  private static HttpResponse<String> signIn(HttpClient browser, String asUser) throws Exception {
    provider.nextUser = asUser;
    URI toProvider = location(get(browser, server.base().resolve("console/oidc/login")));
    assertTrue(
        toProvider.toString().startsWith(provider.issuer() + "/authorize?"), toProvider.toString());
    URI back = location(get(browser, toProvider));
    assertTrue(back.getPath().equals("/console/oidc/callback"), back.toString());
    return get(browser, back);
  }

  @Test
  void aChorusUserSignsInThroughTheProviderAndGetsTheirChorusRoles() throws Exception {
    HttpClient browser = browser();
    HttpResponse<String> done = signIn(browser, "jo.staff");
    assertEquals("/console/", location(done).getPath(), "into the console");
    HttpResponse<String> session = get(browser, server.base().resolve("api/session"));
    assertEquals(200, session.statusCode(), session.body());
    assertEquals("jo.staff", Api.object(session.body()).getString("username"));
    assertEquals("[\"staff\"]", Api.object(session.body()).getJsonArray("roles").toString());
    assertEquals(
        200,
        get(browser, server.base().resolve("api/comments")).statusCode(),
        "a staff member moderates");
    assertEquals(
        403,
        get(browser, server.base().resolve("api/kiosks")).statusCode(),
        "but does not manage kiosks");
    assertTrue(provider.tokenRequests.get() >= 1, "the code was traded at the token endpoint");
  }

  @Test
  void someoneTheProviderKnowsButChorusDoesNotIsRefused() throws Exception {
    HttpClient browser = browser();
    HttpResponse<String> done = signIn(browser, "stranger");
    assertEquals(403, done.statusCode(), done.body());
    assertEquals(
        401, get(browser, server.base().resolve("api/session")).statusCode(), "no session");
  }

  @Test
  void anIdTokenSignedByAnotherKeyIsRefused() throws Exception {
    HttpClient browser = browser();
    provider.rogueSignature = true;
    try {
      HttpResponse<String> done = signIn(browser, "jo.staff");
      assertTrue(
          done.statusCode() == 401 || done.statusCode() == 403,
          done.statusCode() + " " + done.body());
      assertEquals(
          401, get(browser, server.base().resolve("api/session")).statusCode(), "no session");
    } finally {
      provider.rogueSignature = false;
    }
  }

  @Test
  void aCallbackWithAStateThisBrowserNeverSentIsRefused() throws Exception {
    HttpClient browser = browser();
    provider.nextUser = "jo.staff";
    URI toProvider = location(get(browser, server.base().resolve("console/oidc/login")));
    URI back = location(get(browser, toProvider));
    URI forged = URI.create(back.toString().replaceAll("state=[^&]+", "state=forged"));
    HttpResponse<String> done = get(browser, forged);
    assertTrue(
        done.statusCode() == 401 || done.statusCode() == 403,
        done.statusCode() + " " + done.body());
    assertEquals(
        401, get(browser, server.base().resolve("api/session")).statusCode(), "no session");
  }

  @Test
  void theSignInPageOffersTheProvider() throws Exception {
    HttpResponse<String> r = get(browser(), server.base().resolve("api/session"));
    assertEquals(401, r.statusCode());
    assertEquals("/console/oidc/login", Api.object(r.body()).getString("identityProvider"));
  }

  /** A small OpenID Connect provider that signs in whoever the test says, without asking. */
  private static final class Provider {
    final HttpServer http;
    final RSAKey key;
    final RSAKey rogue;
    final Map<String, String[]> codes = new ConcurrentHashMap<>(); // code -> user, nonce
    final java.util.concurrent.atomic.AtomicInteger tokenRequests =
        new java.util.concurrent.atomic.AtomicInteger();
    volatile String nextUser;
    volatile boolean rogueSignature;

    Provider() throws IOException, JOSEException {
      key = new RSAKeyGenerator(2048).keyID("provider-key").generate();
      rogue = new RSAKeyGenerator(2048).keyID("provider-key").generate();
      http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
      http.createContext("/.well-known/openid-configuration", this::discovery);
      http.createContext("/authorize", this::authorize);
      http.createContext("/token", this::token);
      http.createContext("/jwks", e -> send(e, 200, new JWKSet(key.toPublicJWK()).toString()));
      http.createContext("/userinfo", this::userinfo);
      http.start();
    }

    String issuer() {
      return "http://127.0.0.1:" + http.getAddress().getPort();
    }

    private void discovery(HttpExchange e) throws IOException {
      String i = issuer();
      send(
          e,
          200,
          "{\"issuer\":\""
              + i
              + "\",\"authorization_endpoint\":\""
              + i
              + "/authorize\",\"token_endpoint\":\""
              + i
              + "/token\","
              + "\"jwks_uri\":\""
              + i
              + "/jwks\",\"userinfo_endpoint\":\""
              + i
              + "/userinfo\",\"response_types_supported\":[\"code\"],"
              + "\"subject_types_supported\":[\"public\"],\"id_token_signing_alg_values_supported\":[\"RS256\"],"
              + "\"scopes_supported\":[\"openid\",\"email\",\"profile\"],\"token_endpoint_auth_methods_supported\":[\"client_secret_basic\",\"client_secret_post\"]}");
    }

    private void authorize(HttpExchange e) throws IOException {
      Map<String, String> q = form(e.getRequestURI().getRawQuery());
      if (!CLIENT_ID.equals(q.get("client_id")) || !"code".equals(q.get("response_type"))) {
        send(e, 400, "{\"error\":\"invalid_request\"}");
        return;
      }
      String code = UUID.randomUUID().toString();
      codes.put(code, new String[] {nextUser, q.get("nonce"), q.get("redirect_uri")});
      String to =
          q.get("redirect_uri")
              + "?code="
              + code
              + "&state="
              + URLEncoder.encode(q.get("state"), StandardCharsets.UTF_8);
      e.getResponseHeaders().add("Location", to);
      e.sendResponseHeaders(302, -1);
      e.close();
    }

    private void token(HttpExchange e) throws IOException {
      tokenRequests.incrementAndGet();
      Map<String, String> f =
          form(new String(e.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
      String basic = e.getRequestHeaders().getFirst("Authorization");
      boolean clientOk =
          (CLIENT_ID.equals(f.get("client_id")) && CLIENT_SECRET.equals(f.get("client_secret")))
              || ("Basic "
                      + java.util.Base64.getEncoder()
                          .encodeToString(
                              (CLIENT_ID + ":" + CLIENT_SECRET).getBytes(StandardCharsets.UTF_8)))
                  .equals(basic);
      String[] grant = codes.remove(f.getOrDefault("code", ""));
      if (!clientOk || grant == null || !grant[2].equals(f.get("redirect_uri"))) {
        send(e, 400, "{\"error\":\"invalid_grant\"}");
        return;
      }
      try {
        Instant now = Instant.now();
        JWTClaimsSet.Builder claims =
            new JWTClaimsSet.Builder()
                .issuer(issuer())
                .subject("sub-" + grant[0])
                .audience(CLIENT_ID)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plusSeconds(300)))
                .claim("preferred_username", grant[0]);
        if (grant[1] != null) {
          claims.claim("nonce", grant[1]);
        }
        SignedJWT idToken =
            new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(),
                claims.build());
        idToken.sign(new RSASSASigner(rogueSignature ? rogue : key));
        send(
            e,
            200,
            "{\"access_token\":\"at-"
                + UUID.randomUUID()
                + "\",\"token_type\":\"Bearer\",\"expires_in\":300,\"id_token\":\""
                + idToken.serialize()
                + "\"}");
      } catch (JOSEException ex) {
        send(e, 500, "{\"error\":\"server_error\"}");
      }
    }

    private void userinfo(HttpExchange e) throws IOException {
      send(
          e, 200, "{\"sub\":\"sub-" + nextUser + "\",\"preferred_username\":\"" + nextUser + "\"}");
    }

    private static Map<String, String> form(String raw) {
      Map<String, String> out = new LinkedHashMap<>();
      if (raw == null || raw.isEmpty()) {
        return out;
      }
      Arrays.stream(raw.split("&"))
          .map(p -> p.split("=", 2))
          .forEach(
              p ->
                  out.put(
                      URLDecoder.decode(p[0], StandardCharsets.UTF_8),
                      p.length > 1 ? URLDecoder.decode(p[1], StandardCharsets.UTF_8) : ""));
      return out;
    }

    private static void send(HttpExchange e, int status, String json) throws IOException {
      byte[] body = json.getBytes(StandardCharsets.UTF_8);
      e.getResponseHeaders().add("Content-Type", "application/json");
      e.sendResponseHeaders(status, body.length);
      e.getResponseBody().write(body);
      e.close();
    }
  }
}
