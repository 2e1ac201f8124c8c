package chorus.server.security;

import static chorus.protocol.Jsons.JSON;

import chorus.server.common.JsonBodies;
import chorus.server.common.Problem;
import chorus.server.common.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
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
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The caller's own API tokens: {@code GET /api/tokens} lists them (never the tokens themselves),
 * {@code POST /api/tokens {"label"}} makes one and answers it once, {@code POST
 * /api/tokens/{id}/revoke} stops it at once. Nobody sees or revokes another person's tokens.
 */
@Path("/tokens")
@RequestScoped
@RolesAllowed({Roles.ADMIN, Roles.FACILITATOR, Roles.STAFF})
@Produces(MediaType.APPLICATION_JSON)
@Tag(ref = "security")
public class ApiTokenResource {
  @Inject ApiTokens tokens;
  @Context SecurityContext security;

  @GET
  @Operation(
      operationId = "listApiTokens",
      summary = "My API tokens (without the tokens themselves)")
  @APIResponse(
      responseCode = "200",
      description = "Done",
      content =
          @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "ApiTokenList")))
  @APIResponse(
      responseCode = "401",
      description = "No credentials, or credentials that are not valid")
  public String list() {
    JsonArrayBuilder all = JSON.createArrayBuilder();
    tokens.of(me()).forEach(t -> all.add(view(t)));
    return all.build().toString();
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      operationId = "createApiToken",
      summary = "Make an API token for a script; the token is in the answer, once")
  @APIResponse(
      responseCode = "201",
      description =
          "Made: {\"id\",\"label\",\"createdAt\",\"revoked\",\"token\"}; send it as Authorization: Bearer TOKEN",
      content =
          @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "ApiToken")))
  @APIResponse(
      responseCode = "400",
      description = "The label is missing or too long (problem JSON); nothing was made")
  @RequestBody(
      required = true,
      content =
          @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "ApiTokenInput")))
  public Response create(String body) {
    JsonObject request = JsonBodies.object(body);
    String label = JsonBodies.string(request, "label", 120);
    ApiTokens.Issued issued = tokens.create(me(), label);
    return Response.status(Response.Status.CREATED)
        .entity(view(issued.token()).add("token", issued.secret()).build().toString())
        .build();
  }

  @POST
  @Path("{id}/revoke")
  @Operation(
      operationId = "revokeApiToken",
      summary = "Revoke one of my API tokens: it stops working at once")
  @APIResponse(responseCode = "404", description = "I have no token with this id")
  @APIResponse(
      responseCode = "200",
      description = "Done",
      content =
          @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "ApiToken")))
  public Response revoke(@PathParam("id") String id) {
    return tokens
        .revoke(me(), id)
        .map(t -> Response.ok(view(t).build().toString()).build())
        .orElseGet(
            () -> Problem.of(Response.Status.NOT_FOUND, "You have no API token " + id + "."));
  }

  private String me() {
    return security.getUserPrincipal().getName();
  }

  private static JsonObjectBuilder view(ApiToken t) {
    return JSON.createObjectBuilder()
        .add("id", t.id())
        .add("label", t.label())
        .add("createdAt", t.createdAt().toString())
        .add("revoked", t.revoked());
  }
}
