package chorus.server.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;

/**
 * People signed in to the console: after a good password the HTTP session (cookie {@code HttpOnly},
 * {@code SameSite=Strict}) holds who they are, their roles and a CSRF token. Every state-changing
 * request on a session must carry that token in {@code X-CSRF-Token}.
 */
public final class ConsoleSessions {
  static final String USER = "chorus.user";
  static final String ROLES = "chorus.roles";
  static final String CSRF = "chorus.csrf";
  public static final String CSRF_HEADER = "X-CSRF-Token";
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");

  /** Who is signed in on this request's session, if anyone. */
  public record SignedIn(String user, Set<String> roles, String csrf) {}

  private ConsoleSessions() {}

  /** Starts a fresh session for this person (a new id, so a planted one is worthless). */
  static SignedIn start(HttpServletRequest request, String user, Set<String> roles) {
    HttpSession old = request.getSession(false);
    if (old != null) {
      old.invalidate();
    }
    HttpSession session = request.getSession(true);
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    String csrf = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    session.setAttribute(USER, user);
    session.setAttribute(ROLES, Set.copyOf(roles));
    session.setAttribute(CSRF, csrf);
    return new SignedIn(user, Set.copyOf(roles), csrf);
  }

  @SuppressWarnings("unchecked")
  static SignedIn current(HttpServletRequest request) {
    HttpSession session = request.getSession(false);
    if (session == null || !(session.getAttribute(USER) instanceof String user)) {
      return null;
    }
    return new SignedIn(
        user, (Set<String>) session.getAttribute(ROLES), (String) session.getAttribute(CSRF));
  }

  /** Whether this request may change something on the strength of its session. */
  static boolean csrfOk(HttpServletRequest request, SignedIn signedIn) {
    if (SAFE_METHODS.contains(request.getMethod())) {
      return true;
    }
    String sent = request.getHeader(CSRF_HEADER);
    return sent != null
        && java.security.MessageDigest.isEqual(
            sent.getBytes(java.nio.charset.StandardCharsets.UTF_8),
            signedIn.csrf().getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  static void end(HttpServletRequest request) {
    HttpSession session = request.getSession(false);
    if (session != null) {
      session.invalidate();
    }
  }
}
