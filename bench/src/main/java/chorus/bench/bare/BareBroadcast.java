package chorus.bench.bare;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * {@code POST /broadcast}: sends the body to every open session, asynchronously, as Chorus does.
 */
@WebServlet("/broadcast")
public class BareBroadcast extends HttpServlet {
  private static final long serialVersionUID = 1L;

  @Override
  protected void doPost(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    String text = new String(request.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    int sent = 0;
    for (var s : BareEndpoint.SESSIONS) {
      if (s.isOpen()) {
        s.getAsyncRemote().sendText(text, result -> {});
        sent++;
      }
    }
    response.setContentType("text/plain");
    response.getWriter().write(Integer.toString(sent));
  }

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    response.getWriter().write(Integer.toString(BareEndpoint.SESSIONS.size()));
  }
}
