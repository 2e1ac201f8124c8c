package chorus.server.action;

import chorus.server.common.Problem;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The pictures of changes, for anyone: kiosks, walls and the phone page show them beside the words,
 * which are public too. A change withdrawn, or without a picture, has none.
 */
@Path("/pictures")
@RequestScoped
@Tag(ref = "actions")
public class PictureResource {
  @Inject Actions actions;

  /** Where a change's picture is, at this upload. */
  static String path(String actionId, int version) {
    return "/api/pictures/" + actionId + "?v=" + version;
  }

  @GET
  @Path("{id}")
  @Produces({"image/png", "image/jpeg"})
  @Operation(
      operationId = "getActionPicture",
      summary =
          "A change's picture (public: shown on kiosks and walls); with the v of the change's"
              + " picture address it may be kept for a year")
  @APIResponse(
      responseCode = "200",
      description = "The picture",
      content = {
        @Content(mediaType = "image/png", schema = @Schema(ref = "Picture")),
        @Content(mediaType = "image/jpeg", schema = @Schema(ref = "Picture"))
      })
  @APIResponse(responseCode = "404", description = "No such change, withdrawn, or no picture")
  public Response get(
      @PathParam("id") String id,
      @Parameter(description = "The picture's number, from the change's picture address")
          @QueryParam("v")
          String v) {
    return actions
        .find(id)
        .filter(a -> !a.withdrawn() && a.picture() != null)
        .flatMap(a -> actions.picture(id).map(p -> answer(a, p, v)))
        .orElseGet(
            () ->
                Problem.of(Response.Status.NOT_FOUND, "This change has no picture (" + id + ")."));
  }

  private static Response answer(ActionPost change, ActionPicture picture, String v) {
    boolean current = v != null && change.picture().endsWith("?v=" + v);
    return Response.ok(picture.bytes(), picture.contentType())
        .header("Cache-Control", current ? "public, max-age=31536000, immutable" : "no-cache")
        .header("Content-Disposition", "inline")
        .build();
  }
}
