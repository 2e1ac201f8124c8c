package chorus.server.common;

import static chorus.protocol.Jsons.JSON;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * What the container answers when a request never reaches the application (no such address, a path
 * it will not decode, a method a static file does not take): the same problem JSON the API gives,
 * instead of the server's HTML page, which names the server and its version.
 */
@WebServlet(urlPatterns = ErrorPage.PATH)
public class ErrorPage extends HttpServlet {
  private static final long serialVersionUID = 1L;
  static final String PATH = "/problem";

  @Override
  protected void service(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
    int status = code instanceof Integer i ? i : HttpServletResponse.SC_NOT_FOUND;
    String title =
        switch (status) {
          case 400 -> "Bad Request";
          case 401 -> "Unauthorized";
          case 403 -> "Forbidden";
          case 404 -> "Not Found";
          case 405 -> "Method Not Allowed";
          case 413 -> "Content Too Large";
          default -> status >= 500 ? "Internal Server Error" : "Error";
        };
    String detail =
        switch (status) {
          case 404 -> "There is nothing at this address.";
          case 405 -> "This address does not take " + request.getMethod() + ".";
          default ->
              status >= 500
                  ? "The server could not answer this request."
                  : "The request was not accepted.";
        };
    response.setStatus(status);
    response.setContentType("application/problem+json");
    response.setCharacterEncoding("UTF-8");
    response
        .getWriter()
        .write(
            JSON.createObjectBuilder()
                .add("type", "about:blank")
                .add("title", title)
                .add("status", status)
                .add("detail", detail)
                .build()
                .toString());
  }
}
