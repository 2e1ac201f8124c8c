package chorus.server.common;

import jakarta.ws.rs.WebApplicationException;

/** A request the client must change: answered as 400 problem JSON naming the field. */
public class BadRequestException extends WebApplicationException {
  private static final long serialVersionUID = 1L;

  public BadRequestException(String field, String message) {
    super(message, null, Problem.badField(field, message));
  }
}
