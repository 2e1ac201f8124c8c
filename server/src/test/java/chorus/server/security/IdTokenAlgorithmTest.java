package chorus.server.security;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The algorithm an ID token names, read as the sign-in reads it to refuse unsigned ones. */
class IdTokenAlgorithmTest {
  private static String header(String json) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(json.getBytes(StandardCharsets.UTF_8));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      nullValues = "NULL",
      value = {
        "signed RS256 | {\"alg\":\"RS256\",\"kid\":\"k1\"} | RS256",
        "unsigned | {\"alg\":\"none\"} | none",
        "no alg | {\"typ\":\"JWT\"} | NULL",
        "alg not a string | {\"alg\":1} | NULL",
        "header not JSON | alg=none | NULL",
      })
  void readsTheHeadersAlgorithm(String name, String json, String alg) {
    assertEquals(alg, IdentityProviderSignIn.algorithm(header(json) + ".e30.sig"), name);
  }

  @ParameterizedTest
  @CsvSource(
      nullValues = "NULL",
      value = {"NULL", "''", "no-dots-at-all", ".e30.", "%%%.e30.x"})
  void anythingElseHasNone(String jwt) {
    assertEquals(null, IdentityProviderSignIn.algorithm(jwt));
  }
}
