package chorus.server.security;

import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * The answers authentication gives before the application runs: a problem document (RFC 9457) with
 * the security headers, and for a 401 the {@code WWW-Authenticate} challenge.
 */
final class AuthReplies {
  private AuthReplies() {}

  static AuthenticationStatus forbid(HttpServletResponse response, String detail) {
    return problem(response, HttpServletResponse.SC_FORBIDDEN, "Forbidden", detail);
  }

  static AuthenticationStatus problem(
      HttpServletResponse response, int status, String title, String detail) {
    SecurityHeaders.apply(null, response);
    response.setStatus(status);
    write(response, title, status, detail);
    return AuthenticationStatus.SEND_FAILURE;
  }

  static AuthenticationStatus refuse(HttpServletResponse response, String error, String detail) {
    SecurityHeaders.apply(null, response);
    response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
    response.setHeader(
        "WWW-Authenticate",
        "Bearer realm=\"chorus\"" + (error == null ? "" : ", error=\"" + error + "\""));
    write(response, "Unauthorized", HttpServletResponse.SC_UNAUTHORIZED, detail);
    return AuthenticationStatus.SEND_FAILURE;
  }

  private static void write(HttpServletResponse response, String title, int status, String detail) {
    response.setContentType("application/problem+json");
    response.setCharacterEncoding("UTF-8");
    try {
      response
          .getWriter()
          .write(
              "{\"type\":\"about:blank\",\"title\":\""
                  + title
                  + "\",\"status\":"
                  + status
                  + ",\"detail\":\""
                  + detail
                  + "\"}");
    } catch (IOException e) {
      // The client has gone; the status is all it would have read anyway.
    }
  }
}
