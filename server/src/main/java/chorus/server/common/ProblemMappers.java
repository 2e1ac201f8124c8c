package chorus.server.common;

import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Every error the REST API gives is problem JSON: client errors as the framework found them,
 * anything unexpected as a 500 without internals (the cause goes to the log).
 */
public final class ProblemMappers {
  private ProblemMappers() {}

  /** Client errors the framework raised (404, 405, 415, a bad parameter, ...). */
  @Provider
  public static class WebApplicationMapper implements ExceptionMapper<WebApplicationException> {
    @Override
    public Response toResponse(WebApplicationException e) {
      Response r = e.getResponse();
      if (r != null && r.hasEntity() && Problem.MEDIA_TYPE.isCompatible(r.getMediaType())) {
        return r;
      }
      Response.StatusType status =
          r != null ? r.getStatusInfo() : Response.Status.INTERNAL_SERVER_ERROR;
      String detail =
          e instanceof NotFoundException
              ? "There is nothing at this address."
              : status.getFamily() == Response.Status.Family.CLIENT_ERROR
                  ? "The request was not accepted: " + status.getReasonPhrase() + "."
                  : "The server could not answer this request.";
      return Problem.of(status, detail);
    }
  }

  /** Anything else is a bug or an outage: log it with its cause, tell the client little. */
  @Provider
  public static class UnexpectedMapper implements ExceptionMapper<RuntimeException> {
    private static final Logger LOG = Logger.getLogger(UnexpectedMapper.class.getName());

    @Override
    public Response toResponse(RuntimeException e) {
      LOG.log(Level.SEVERE, "request failed", e);
      return Problem.of(
          Response.Status.INTERNAL_SERVER_ERROR, "The server could not answer this request.");
    }
  }
}
