package chorus.server.prompt;

import static chorus.protocol.Jsons.JSON;

import chorus.protocol.PromptJson;
import chorus.server.common.JsonBodies;
import chorus.server.common.Problem;
import chorus.server.common.Roles;
import chorus.server.security.SiteScope;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Prompts, as facilitators write them: {@code {"text":..,"options":[{"key","label","icon",
 * "colour","button"}],"followUp":{"kind":"choice"|"comment","text":..,"choices":[..]}|null,
 * "easyRead":{"symbol","image","readAloud"},"translations":{"cy":{"text","readAloud","options":{key:
 * label},"followUp":{"text","choices":{key:label}}}}}}. Every edit is a new version; kiosks showing
 * the prompt get the new version at once.
 */
@Path("/prompts")
@RequestScoped
@RolesAllowed({Roles.ADMIN, Roles.FACILITATOR})
@Produces(MediaType.APPLICATION_JSON)
@Tag(ref = "prompts")
public class PromptResource {
  @Inject PromptCatalog catalog;
  @Inject chorus.server.audit.AuditNote audit;
  @Inject SiteScope scope;
  @Context UriInfo uri;

  @GET
  @RolesAllowed({Roles.ADMIN, Roles.FACILITATOR, Roles.STAFF})
  @Operation(
      operationId = "listPrompts",
      summary = "Every prompt's current version, newest first; archived ones only when asked")
  @APIResponse(
      responseCode = "200",
      description = "Done",
      content =
          @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "PromptList")))
  @APIResponse(
      responseCode = "401",
      description = "No credentials, or credentials that are not valid")
  public String list(@QueryParam("archived") @DefaultValue("false") boolean archived) {
    JsonArrayBuilder all = JSON.createArrayBuilder();
    catalog.prompts().stream()
        .filter(p -> archived || !p.archived())
        .forEach(p -> all.add(view(p)));
    return all.build().toString();
  }

  @GET
  @RolesAllowed({Roles.ADMIN, Roles.FACILITATOR, Roles.STAFF})
  @Path("{id}")
  @Operation(operationId = "getPrompt", summary = "A prompt's current version")
  @APIResponse(responseCode = "404", description = "No such prompt")
  @APIResponse(
      responseCode = "200",
      description = "The prompt at its current version",
      content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "Prompt")))
  public Response get(@PathParam("id") String id) {
    return catalog
        .prompt(id)
        .map(p -> Response.ok(view(p).toString()).build())
        .orElseGet(() -> Problem.of(Response.Status.NOT_FOUND, "There is no prompt " + id + "."));
  }

  @GET
  @RolesAllowed({Roles.ADMIN, Roles.FACILITATOR, Roles.STAFF})
  @Path("{id}/versions/{version}")
  @Operation(summary = "One version of a prompt, as kiosks were shown it")
  @APIResponse(responseCode = "404", description = "No such prompt or version")
  @APIResponse(
      responseCode = "200",
      description = "That version, as kiosks get it",
      content =
          @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "PromptVersion")))
  public Response version(@PathParam("id") String id, @PathParam("version") int version) {
    return catalog
        .version(id, version)
        .map(p -> Response.ok(PromptJson.encode(p).toString()).build())
        .orElseGet(
            () ->
                Problem.of(
                    Response.Status.NOT_FOUND,
                    "There is no version " + version + " of prompt " + id + "."));
  }

  @DELETE
  @Path("{id}")
  @Operation(
      operationId = "removePrompt",
      summary =
          "Take a prompt away: deleted if it was never live, otherwise archived (its answers keep their question)")
  @APIResponse(
      responseCode = "200",
      description = "Archived; the body is the prompt, with archived true",
      content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "Prompt")))
  @APIResponse(responseCode = "204", description = "Deleted: it was never live")
  @APIResponse(
      responseCode = "403",
      description = "The prompt is live on a site the caller does not cover")
  @APIResponse(responseCode = "404", description = "No such prompt")
  public Response remove(@PathParam("id") String id) {
    mayChange(id);
    return switch (catalog.remove(id)) {
      case DELETED -> Response.noContent().build();
      case ARCHIVED -> Response.ok(view(catalog.prompt(id).orElseThrow()).toString()).build();
      case NOT_FOUND -> Problem.of(Response.Status.NOT_FOUND, "There is no prompt " + id + ".");
    };
  }

  /** The current version as kiosks get it, with {@code archived} and {@code everLive}. */
  private JsonObject view(Prompt p) {
    return JSON.createObjectBuilder(
            PromptJson.encode(catalog.version(p.id(), p.currentVersion()).orElseThrow()))
        .add("archived", p.archived())
        .add("everLive", p.everLive())
        .add("createdAt", p.createdAt().toString())
        .build();
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(operationId = "createPrompt", summary = "Create a prompt (version 1)")
  @APIResponse(
      responseCode = "201",
      description = "Created; Location names it",
      content =
          @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "PromptVersion")))
  @APIResponse(
      responseCode = "400",
      description = "A field is not valid (problem JSON naming it); nothing was saved")
  @RequestBody(
      required = true,
      content =
          @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "PromptInput")))
  public Response create(String body) {
    chorus.protocol.Prompt created = catalog.create(PromptRules.check(JsonBodies.object(body)));
    return Response.created(uri.getAbsolutePathBuilder().path(created.id()).build())
        .entity(PromptJson.encode(created).toString())
        .build();
  }

  @PUT
  @Path("{id}")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Edit a prompt: saved as its next version and pushed to the kiosks showing it")
  @APIResponse(
      responseCode = "400",
      description = "A field is not valid (problem JSON naming it); nothing was saved")
  @APIResponse(
      responseCode = "403",
      description = "The prompt is live on a site the caller does not cover")
  @APIResponse(responseCode = "404", description = "No such prompt")
  @APIResponse(responseCode = "409", description = "The prompt is archived")
  @APIResponse(
      responseCode = "200",
      description = "Saved as a new version: the prompt as it is now",
      content =
          @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "PromptVersion")))
  @RequestBody(
      required = true,
      content =
          @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "PromptInput")))
  public Response edit(@PathParam("id") String id, String body) {
    chorus.protocol.Prompt draft = PromptRules.check(JsonBodies.object(body));
    mayChange(id);
    if (catalog.prompt(id).map(Prompt::archived).orElse(false)) {
      return Problem.of(
          Response.Status.CONFLICT,
          "Prompt " + id + " is archived; copy it into a new prompt instead.");
    }
    return catalog
        .edit(id, draft)
        .map(
            p -> {
              audit.summary("now version " + p.version());
              return Response.ok(PromptJson.encode(p).toString()).build();
            })
        .orElseGet(() -> Problem.of(Response.Status.NOT_FOUND, "There is no prompt " + id + "."));
  }

  /**
   * Prompts are one library for every site; a user limited to some sites may change a prompt only
   * while it is live nowhere but on their sites (an edit reaches every kiosk showing it).
   */
  private void mayChange(String promptId) {
    if (scope.everySite()) {
      return;
    }
    for (LiveAssignment a : catalog.assignments()) {
      if (!a.promptId().equals(promptId)) {
        continue;
      }
      String siteId = catalog.siteOf(a.targetKind(), a.targetId());
      if (siteId == null || !scope.covers(siteId)) {
        throw SiteScope.outside("id");
      }
    }
  }
}
