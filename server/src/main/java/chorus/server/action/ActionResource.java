package chorus.server.action;

import static chorus.protocol.Jsons.JSON;

import chorus.server.common.BadRequestException;
import chorus.server.common.JsonBodies;
import chorus.server.common.Problem;
import chorus.server.prompt.PromptCatalog;
import chorus.server.security.Roles;
import chorus.server.site.Sites;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * "You said, we did": {@code {"youSaid":..,"weDid":..,"promptId":..,"siteIds":[..]}} (only {@code
 * weDid} is required; no sites means every site). Posting pushes an {@code actions} frame to the
 * connected kiosks of those sites at once, and puts it on their walls.
 */
@Path("/actions")
@RequestScoped
@RolesAllowed({Roles.ADMIN, Roles.STAFF})
@Produces(MediaType.APPLICATION_JSON)
@Tag(ref = "actions")
public class ActionResource {
  @Inject Actions actions;
  @Inject Sites sites;
  @Inject PromptCatalog prompts;
  @Inject chorus.server.security.SiteScope scope;
  @Context SecurityContext security;
  @Context UriInfo uri;

  @GET
  @Operation(
      operationId = "listActions",
      summary =
          "Posts not withdrawn, newest first (for a user limited to some sites: those shown on their sites)")
  @APIResponse(
      responseCode = "200",
      description = "Done",
      content =
          @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "ActionList")))
  @APIResponse(
      responseCode = "401",
      description = "No credentials, or credentials that are not valid")
  public String list() {
    JsonArrayBuilder all = JSON.createArrayBuilder();
    actions.current().stream().filter(this::shownToCaller).forEach(a -> all.add(view(a)));
    return all.build().toString();
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(summary = "Post what changed because of what people said")
  @APIResponse(
      responseCode = "201",
      description = "Posted; connected kiosks of its sites have it",
      content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "Action")))
  @APIResponse(
      responseCode = "400",
      description = "A field is not valid or names nothing (problem JSON); nothing was posted")
  @APIResponse(
      responseCode = "403",
      description =
          "The post would reach a site the caller does not cover (no sites means every site)")
  @RequestBody(
      required = true,
      content =
          @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "ActionInput")))
  public Response post(String body) {
    JsonObject request = JsonBodies.object(body);
    String youSaid = JsonBodies.optionalString(request, "youSaid", 500);
    String weDid = JsonBodies.string(request, "weDid", 500);
    String promptId = JsonBodies.optionalString(request, "promptId", 64);
    if (promptId != null && prompts.prompt(promptId).isEmpty()) {
      throw new BadRequestException("promptId", "there is no prompt " + promptId);
    }
    Set<String> siteIds = new LinkedHashSet<>();
    JsonValue list = request.get("siteIds");
    if (list != null && list != JsonValue.NULL) {
      if (!(list instanceof JsonArray array)) {
        throw new BadRequestException("siteIds", "must be a list of site ids");
      }
      if (array.size() > 200) {
        throw new BadRequestException("siteIds", "must name at most 200 sites");
      }
      for (int i = 0; i < array.size(); i++) {
        if (!(array.get(i) instanceof JsonString s) || sites.find(s.getString()).isEmpty()) {
          throw new BadRequestException("siteIds[" + i + "]", "is not the id of a site");
        }
        siteIds.add(s.getString());
      }
    }
    if (!scope.coversAll(siteIds)) {
      throw chorus.server.security.SiteScope.outside("siteIds");
    }
    ActionPost post =
        actions.post(youSaid, weDid, promptId, siteIds, security.getUserPrincipal().getName());
    return Response.created(uri.getAbsolutePathBuilder().path(post.id()).build())
        .entity(view(post).build().toString())
        .build();
  }

  @DELETE
  @Path("{id}")
  @Operation(summary = "Withdraw a post: kiosks and walls stop showing it")
  @APIResponse(responseCode = "204", description = "Withdrawn")
  @APIResponse(
      responseCode = "403",
      description = "The post reaches a site the caller does not cover")
  @APIResponse(responseCode = "404", description = "No such post")
  public Response withdraw(@PathParam("id") String id) {
    Optional<ActionPost> found =
        actions.current().stream().filter(a -> a.id().equals(id)).findFirst();
    if (found.isPresent() && !shownToCaller(found.get())) {
      return Problem.of(Response.Status.NOT_FOUND, "There is no post " + id + ".");
    }
    if (found.isPresent() && !scope.coversAll(found.get().siteIds())) {
      throw chorus.server.security.SiteScope.outside("id");
    }
    return actions.withdraw(id).isPresent()
        ? Response.noContent().build()
        : Problem.of(Response.Status.NOT_FOUND, "There is no post " + id + ".");
  }

  /** A post for every site, or one naming a site the caller covers. */
  private boolean shownToCaller(ActionPost a) {
    return a.siteIds().isEmpty() || a.siteIds().stream().anyMatch(scope::covers);
  }

  private static JsonObjectBuilder view(ActionPost a) {
    JsonArrayBuilder siteIds = JSON.createArrayBuilder();
    a.siteIds().stream().sorted().forEach(siteIds::add);
    return JSON.createObjectBuilder()
        .add("id", a.id())
        .add("youSaid", a.youSaid() == null ? JsonValue.NULL : JSON.createValue(a.youSaid()))
        .add("weDid", a.weDid())
        .add("promptId", a.promptId() == null ? JsonValue.NULL : JSON.createValue(a.promptId()))
        .add("siteIds", siteIds)
        .add("postedAt", a.createdAt().toString())
        .add("postedBy", a.createdBy());
  }
}
