package chorus.server.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Kiosk tokens: 256 random bits, URL-safe Base64. Only their SHA-256 is stored. A slow password
 * hash is not needed here: a token has full entropy, so a fast hash cannot be guessed backwards,
 * and the handshake stays cheap.
 */
public final class Secrets {
  private static final SecureRandom RANDOM = new SecureRandom();

  private Secrets() {}

  public static String newToken() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  public static String hash(String token) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(sha.digest(token.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  /** Whether text has the shape of a token at all (so junk never reaches the database). */
  public static boolean plausible(String token) {
    return token != null
        && token.length() >= 32
        && token.length() <= 128
        && token.chars().allMatch(c -> c < 128 && c > 32);
  }
}
