package chorus.server.notify;

import static chorus.protocol.Jsons.JSON;

import chorus.server.common.BadRequestException;
import chorus.server.common.JsonBodies;
import chorus.server.common.Problem;
import chorus.server.common.Roles;
import chorus.server.site.Sites;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
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
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Webhooks alerts are posted to, set by an admin: {@code {"name","url","format","siteId"}} ({@code
 * format} {@code plain}, {@code slack} or {@code teams}; no {@code siteId}: every site). The secret
 * that signs each post is in the answer to {@code POST} only.
 */
@Path("/webhooks")
@RequestScoped
@RolesAllowed(Roles.ADMIN)
@Produces(MediaType.APPLICATION_JSON)
@Tag(ref = "alerts")
public class WebhookResource {
  @Inject Webhooks webhooks;
  @Inject Sites sites;
  @Context UriInfo uri;

  @GET
  @Operation(operationId = "listWebhooks", summary = "The webhooks alerts are posted to")
  @APIResponse(
      responseCode = "200",
      description = "The webhooks, oldest first, without secrets",
      content =
          @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "WebhookList")))
  @APIResponse(
      responseCode = "401",
      description = "No credentials, or credentials that are not valid")
  public String list() {
    JsonArrayBuilder all = JSON.createArrayBuilder();
    webhooks.current().forEach(w -> all.add(view(w)));
    return all.build().toString();
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      operationId = "createWebhook",
      summary = "Add a webhook; the answer holds the secret its posts are signed with, once")
  @APIResponse(
      responseCode = "201",
      description = "Added; the answer carries its secret",
      content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "Webhook")))
  @APIResponse(
      responseCode = "400",
      description = "A field is not valid (problem JSON naming it); nothing was saved")
  @APIResponse(
      responseCode = "401",
      description = "No credentials, or credentials that are not valid")
  @RequestBody(
      required = true,
      content =
          @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "WebhookInput")))
  public Response create(String body) {
    JsonObject request = JsonBodies.object(body);
    String name = JsonBodies.string(request, "name", 100);
    String url = JsonBodies.string(request, "url", 1000);
    Webhooks.refuseUrl(url)
        .ifPresent(
            why -> {
              throw new BadRequestException("url", why);
            });
    String format = JsonBodies.optionalString(request, "format", 16);
    if (format == null) {
      format = Webhook.PLAIN;
    }
    if (!Webhooks.FORMATS.contains(format)) {
      throw new BadRequestException("format", "must be plain, slack or teams");
    }
    String siteId = JsonBodies.optionalString(request, "siteId", 64);
    if (siteId != null && sites.find(siteId).isEmpty()) {
      throw new BadRequestException("siteId", "is not the id of a site");
    }
    Webhook w = webhooks.add(name, url, format, siteId);
    return Response.created(uri.getAbsolutePathBuilder().path(w.id()).build())
        .entity(view(w).add("secret", Webhooks.secretOf(w)).build().toString())
        .build();
  }

  @DELETE
  @Path("{id}")
  @Operation(operationId = "deleteWebhook", summary = "Stop posting alerts to a webhook")
  @APIResponse(responseCode = "204", description = "Removed")
  @APIResponse(responseCode = "404", description = "No such webhook")
  @APIResponse(
      responseCode = "401",
      description = "No credentials, or credentials that are not valid")
  public Response remove(@PathParam("id") String id) {
    return webhooks.remove(id)
        ? Response.noContent().build()
        : Problem.of(Response.Status.NOT_FOUND, "There is no webhook " + id + ".");
  }

  private static JsonObjectBuilder view(Webhook w) {
    return JSON.createObjectBuilder()
        .add("id", w.id())
        .add("name", w.name())
        .add("url", w.url())
        .add("format", w.format())
        .add("siteId", w.siteId() == null ? JsonValue.NULL : JSON.createValue(w.siteId()))
        .add("createdAt", w.createdAt().toString());
  }
}
