package chorus.server.statement;

import static chorus.protocol.Jsons.JSON;

import chorus.server.audit.AuditNote;
import chorus.server.common.BadRequestException;
import chorus.server.common.JsonBodies;
import chorus.server.common.Problem;
import chorus.server.common.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The privacy and accessibility statements: anyone may read them (they are public pages at {@code
 * /privacy} and {@code /accessibility}); admins write them in Markdown, or go back to the default
 * words. Who may write is set in web.xml (every method but GET and HEAD is for admins) and here.
 */
@Path("/statements/{kind}")
@RequestScoped
@Tag(ref = "statements")
@Produces(MediaType.APPLICATION_JSON)
public class StatementResource {
  @Inject Statements statements;
  @Inject AuditNote note;
  @Context SecurityContext security;

  @GET
  @Operation(
      operationId = "getStatement",
      summary = "A statement as it is shown now (anyone): its Markdown, its HTML, and whose words")
  @APIResponse(
      responseCode = "200",
      description = "The statement",
      content =
          @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "Statement")))
  @APIResponse(responseCode = "404", description = "There is no such statement")
  public Response get(
      @Parameter(description = "privacy or accessibility") @PathParam("kind") String kind) {
    if (!Statements.exists(kind)) {
      return unknown();
    }
    return Response.ok(view(statements.get(kind)).toString()).build();
  }

  @PUT
  @RolesAllowed(Roles.ADMIN)
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      operationId = "putStatement",
      summary =
          "Write the install's own words for a statement, in Markdown (admins); HTML in it is shown"
              + " as text and images are left out")
  @APIResponse(
      responseCode = "200",
      description = "Saved; the public page shows it now",
      content =
          @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "Statement")))
  @APIResponse(responseCode = "400", description = "The body is not valid; nothing changed")
  @APIResponse(responseCode = "401", description = "No credentials")
  @APIResponse(responseCode = "403", description = "Not an admin")
  @APIResponse(responseCode = "404", description = "There is no such statement")
  @RequestBody(
      required = true,
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(ref = "StatementInput")))
  public Response put(@PathParam("kind") String kind, String body) {
    if (!Statements.exists(kind)) {
      return unknown();
    }
    JsonObject request = JsonBodies.object(body);
    for (String field : request.keySet()) {
      if (!field.equals("markdown")) {
        throw new BadRequestException(field, "is not a field of a statement");
      }
    }
    String markdown = JsonBodies.string(request, "markdown", Statements.MAX_LENGTH);
    Statements.Statement saved =
        statements.save(kind, markdown, security.getUserPrincipal().getName());
    note.target(kind);
    note.summary(kind + " statement written (" + markdown.length() + " characters)");
    return Response.ok(view(saved).toString()).build();
  }

  @DELETE
  @RolesAllowed(Roles.ADMIN)
  @Operation(
      operationId = "resetStatement",
      summary = "Go back to Chorus's default words for a statement (admins)")
  @APIResponse(
      responseCode = "200",
      description = "The statement as it is shown now",
      content =
          @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "Statement")))
  @APIResponse(responseCode = "401", description = "No credentials")
  @APIResponse(responseCode = "403", description = "Not an admin")
  @APIResponse(responseCode = "404", description = "There is no such statement")
  public Response reset(@PathParam("kind") String kind) {
    if (!Statements.exists(kind)) {
      return unknown();
    }
    boolean had = statements.reset(kind);
    note.target(kind);
    note.summary(
        kind
            + (had
                ? " statement back to the default words"
                : " statement was already the default"));
    return Response.ok(view(statements.get(kind)).toString()).build();
  }

  private static Response unknown() {
    // the kind is not repeated back: it is whatever the caller put in the address
    return Problem.of(
        Response.Status.NOT_FOUND,
        "There is no such statement: there are privacy and accessibility.");
  }

  static JsonObject view(Statements.Statement s) {
    return JSON.createObjectBuilder()
        .add("kind", s.kind())
        .add("title", s.title())
        .add("markdown", s.markdown())
        .add("html", s.html())
        .add("custom", s.custom())
        .add(
            "updatedAt",
            s.updatedAt() == null ? JsonValue.NULL : JSON.createValue(s.updatedAt().toString()))
        .add("page", "/" + s.kind())
        .build();
  }
}
