package chorus.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * A browser for sign-in through an identity provider, as the OpenID Connect tests drive it: keeps
 * its cookies and follows no redirect by itself, so each step of the trip can be looked at.
 */
final class SignInBrowser {
  private SignInBrowser() {}

  static HttpClient open() {
    return HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .cookieHandler(new CookieManager())
        .followRedirects(HttpClient.Redirect.NEVER)
        .build();
  }

  static HttpResponse<String> get(HttpClient browser, URI uri)
      throws IOException, InterruptedException {
    return browser.send(
        HttpRequest.newBuilder(uri)
            .timeout(Duration.ofSeconds(20))
            .header("Accept", "application/json")
            .GET()
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** Where a redirect sends the browser (and that it is one). */
  static URI location(HttpResponse<String> r) {
    assertEquals(302, r.statusCode(), "a redirect: " + r.body());
    return r.uri().resolve(r.headers().firstValue("Location").orElseThrow());
  }
}
