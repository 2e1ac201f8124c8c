package chorus.server.prompt;

import chorus.protocol.FrameCodec;
import chorus.server.common.JsonBodies;
import chorus.server.common.Problem;
import chorus.server.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Prompts, as facilitators write them: {@code {"text":..,"options":[{"key","label","icon",
 * "colour"}],"followUp":{"kind":"choice"|"comment","text":..,"choices":[..]}|null}}. Every edit
 * is a new version; kiosks showing the prompt get the new version at once.
 */
@Path("/prompts")
@RequestScoped
@RolesAllowed({Roles.ADMIN, Roles.FACILITATOR})
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "prompts")
public class PromptResource {
  @Inject PromptCatalog catalog;
  @Context UriInfo uri;

  @GET
  @Operation(summary = "Every prompt's current version, newest first")
  public String list() {
    JsonArrayBuilder all = Json.createArrayBuilder();
    catalog.currentVersions().forEach(p -> all.add(FrameCodec.encodePrompt(p)));
    return all.build().toString();
  }

  @GET
  @Path("{id}")
  @Operation(summary = "A prompt's current version")
  @APIResponse(responseCode = "404", description = "No such prompt")
  public Response get(@PathParam("id") String id) {
    return catalog.current(id)
        .map(p -> Response.ok(FrameCodec.encodePrompt(p).toString()).build())
        .orElseGet(() -> Problem.of(Response.Status.NOT_FOUND, "There is no prompt " + id + "."));
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(summary = "Create a prompt (version 1)")
  @APIResponse(responseCode = "201", description = "Created; Location names it")
  @APIResponse(responseCode = "400", description = "A field is not valid (problem JSON naming it); nothing was saved")
  public Response create(String body) {
    PromptRules.Draft draft = PromptRules.check(JsonBodies.object(body));
    chorus.protocol.Prompt created = catalog.create(draft.text(), draft.options(), draft.followUp());
    return Response.created(uri.getAbsolutePathBuilder().path(created.id()).build())
        .entity(FrameCodec.encodePrompt(created).toString())
        .build();
  }

  @PUT
  @Path("{id}")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(summary = "Edit a prompt: saved as its next version and pushed to the kiosks showing it")
  @APIResponse(responseCode = "400", description = "A field is not valid (problem JSON naming it); nothing was saved")
  @APIResponse(responseCode = "404", description = "No such prompt")
  public Response edit(@PathParam("id") String id, String body) {
    PromptRules.Draft draft = PromptRules.check(JsonBodies.object(body));
    return catalog.edit(id, draft.text(), draft.options(), draft.followUp())
        .map(p -> Response.ok(FrameCodec.encodePrompt(p).toString()).build())
        .orElseGet(() -> Problem.of(Response.Status.NOT_FOUND, "There is no prompt " + id + "."));
  }
}
