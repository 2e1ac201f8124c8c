package chorus.server.kiosk;

import chorus.server.security.Secrets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * Pairing codes: 8 characters from an alphabet without look-alikes (no 0/O, 1/I/L), shown as {@code
 * ABCD-EFGH} so they can be read out over the phone or typed on a Pi. About 40 bits: a code is
 * single use and valid for 15 minutes, and only its hash is stored.
 */
final class PairingCodes {
  static final Duration VALID_FOR = Duration.ofMinutes(15);
  private static final String ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
  private static final int LENGTH = 8;
  private static final SecureRandom RANDOM = new SecureRandom();

  private PairingCodes() {}

  static String newCode() {
    StringBuilder code = new StringBuilder(LENGTH + 1);
    for (int i = 0; i < LENGTH; i++) {
      if (i == LENGTH / 2) {
        code.append('-');
      }
      code.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
    }
    return code.toString();
  }

  /**
   * The code as typed (any case, spaces or dashes) in canonical form, if it can be a code at all.
   */
  static Optional<String> normalise(String typed) {
    if (typed == null || typed.length() > 32) {
      return Optional.empty();
    }
    String code = typed.toUpperCase(Locale.ROOT).replace("-", "").replace(" ", "");
    if (code.length() != LENGTH || !code.chars().allMatch(c -> ALPHABET.indexOf(c) >= 0)) {
      return Optional.empty();
    }
    return Optional.of(code);
  }

  static String hash(String code) {
    return Secrets.hash("pairing:" + normalise(code).orElseThrow());
  }
}
