package chorus.server.wall;

import static chorus.protocol.Jsons.JSON;

import chorus.server.common.BadRequestException;
import chorus.server.common.JsonBodies;
import chorus.server.common.Problem;
import chorus.server.common.Roles;
import chorus.server.security.WallKey;
import chorus.server.security.WallKeys;
import chorus.server.site.Sites;
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
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Wall keys for shared screens: {@code POST /api/wall-keys {"siteId","label"}} answers the key once
 * (open the wall at {@code /wall/?site=SITE&key=KEY}); {@code GET /api/wall-keys?site=} lists them;
 * {@code POST /api/wall-keys/{id}/revoke} stops one and closes its walls.
 */
@Path("/wall-keys")
@RequestScoped
@RolesAllowed({Roles.ADMIN, Roles.STAFF})
@Produces(MediaType.APPLICATION_JSON)
@Tag(ref = "walls")
public class WallKeyResource {
  @Inject WallKeys keys;
  @Inject Sites sites;
  @Inject chorus.server.security.SiteScope scope;

  @GET
  @Operation(
      operationId = "listWallKeys",
      summary = "A site's wall keys (without the keys themselves)")
  @APIResponse(responseCode = "400", description = "No such site (problem JSON)")
  @APIResponse(responseCode = "403", description = "A site the caller does not cover")
  @APIResponse(
      responseCode = "200",
      description = "Done",
      content =
          @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "WallKeyList")))
  public String list(@QueryParam("site") String siteId) {
    if (siteId == null || sites.find(siteId).isEmpty()) {
      throw new BadRequestException("site", "must be the id of a site");
    }
    scope.require("site", siteId);
    JsonArrayBuilder all = JSON.createArrayBuilder();
    keys.forSite(siteId).forEach(k -> all.add(view(k)));
    return all.build().toString();
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      operationId = "createWallKey",
      summary = "Make a read-only key for one site's wall; the key is in the answer, once")
  @APIResponse(
      responseCode = "201",
      description = "Made: {\"id\",\"siteId\",\"label\",\"key\",\"wallUrl\"}",
      content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "WallKey")))
  @APIResponse(
      responseCode = "400",
      description = "A field is not valid (problem JSON); nothing was made")
  @RequestBody(
      required = true,
      content =
          @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "WallKeyInput")))
  public Response create(String body) {
    JsonObject request = JsonBodies.object(body);
    String siteId = JsonBodies.string(request, "siteId", 64);
    String label = JsonBodies.string(request, "label", 120);
    if (sites.find(siteId).isEmpty()) {
      throw new BadRequestException("siteId", "there is no site " + siteId);
    }
    scope.require("siteId", siteId);
    WallKeys.Issued issued = keys.create(siteId, label);
    return Response.status(Response.Status.CREATED)
        .entity(
            view(issued.key())
                .add("key", issued.secret())
                .add("wallUrl", "/wall/?site=" + siteId + "&key=" + issued.secret())
                .build()
                .toString())
        .build();
  }

  @POST
  @Path("{id}/revoke")
  @Operation(
      operationId = "revokeWallKey",
      summary = "Revoke a wall key: walls using it close at once")
  @APIResponse(responseCode = "404", description = "No such key")
  @APIResponse(
      responseCode = "200",
      description = "Done",
      content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "WallKey")))
  public Response revoke(@PathParam("id") String id) {
    if (keys.find(id).filter(k -> scope.covers(k.siteId())).isEmpty()) {
      return Problem.of(Response.Status.NOT_FOUND, "There is no wall key " + id + ".");
    }
    return keys.revoke(id)
        .map(k -> Response.ok(view(k).build().toString()).build())
        .orElseGet(() -> Problem.of(Response.Status.NOT_FOUND, "There is no wall key " + id + "."));
  }

  private static JsonObjectBuilder view(WallKey k) {
    return JSON.createObjectBuilder()
        .add("id", k.id())
        .add("siteId", k.siteId())
        .add("label", k.label())
        .add("revoked", k.revoked())
        .add("createdAt", k.createdAt().toString());
  }
}
