package chorus.server.common;

import static chorus.protocol.Jsons.JSON;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;

/**
 * An RFC 9457 problem response: {@code type}, {@code title}, {@code status}, {@code detail}, and
 * for bad input an {@code errors} list naming each field and what is wrong with it.
 */
public final class Problem {
  public static final MediaType MEDIA_TYPE = new MediaType("application", "problem+json");

  /** One field that failed validation. */
  public record FieldError(String field, String message) {}

  private Problem() {}

  public static Response of(Response.StatusType status, String detail) {
    return of(status, detail, List.of());
  }

  public static Response of(Response.StatusType status, String detail, List<FieldError> errors) {
    JsonObjectBuilder body =
        JSON.createObjectBuilder()
            .add("type", "about:blank")
            .add("title", status.getReasonPhrase())
            .add("status", status.getStatusCode())
            .add("detail", detail);
    if (!errors.isEmpty()) {
      JsonArrayBuilder list = JSON.createArrayBuilder();
      errors.forEach(
          e ->
              list.add(
                  JSON.createObjectBuilder().add("field", e.field()).add("message", e.message())));
      body.add("errors", list);
    }
    return Response.status(status.getStatusCode())
        .type(MEDIA_TYPE)
        .entity(body.build().toString())
        .build();
  }

  /** 400 for one bad field. */
  public static Response badField(String field, String message) {
    return of(
        Response.Status.BAD_REQUEST,
        "The request has an invalid field.",
        List.of(new FieldError(field, message)));
  }
}
