package chorus.server.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Headers every answer carries. The content security policy allows scripts and styles from this
 * server only (no inline script or style anywhere: the pages are built that way), no framing, no
 * plugins; answers are never sniffed into another type; pages send no referrer.
 */
@WebFilter(urlPatterns = "/*", asyncSupported = true)
public class SecurityHeaders extends HttpFilter {
  private static final long serialVersionUID = 1L;

  static final String POLICY =
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: https:; font-src 'self'; "
          + "connect-src 'self'; media-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
          + "frame-ancestors 'none'";

  @Override
  protected void doFilter(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    apply(request, response);
    chain.doFilter(request, response);
  }

  /** Sets the headers (also on answers made before any filter runs, such as a refused sign-in). */
  static void apply(HttpServletRequest request, HttpServletResponse response) {
    response.setHeader("Content-Security-Policy", POLICY);
    response.setHeader("X-Content-Type-Options", "nosniff");
    response.setHeader("X-Frame-Options", "DENY");
    response.setHeader("Referrer-Policy", "no-referrer");
    response.setHeader("Cross-Origin-Opener-Policy", "same-origin");
    if (request != null && request.isSecure()) {
      response.setHeader("Strict-Transport-Security", "max-age=31536000");
    }
  }
}
