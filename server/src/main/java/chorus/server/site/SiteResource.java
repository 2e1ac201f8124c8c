package chorus.server.site;

import static chorus.protocol.Jsons.JSON;

import chorus.server.common.JsonBodies;
import chorus.server.common.Problem;
import chorus.server.common.Roles;
import chorus.server.security.SiteScope;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
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
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Sites: {@code {"name":..,"kind":"library"|"day_centre"|"other","timezone":"Europe/London",
 * "dutyContact":..}}. The timezone (default Europe/London) is the one scheduled assignments are
 * read in; the duty contact (a name and how to reach them) is named on safeguarding alerts.
 */
@Path("/sites")
@RequestScoped
@RolesAllowed({Roles.ADMIN, Roles.FACILITATOR})
@Produces(MediaType.APPLICATION_JSON)
@Tag(ref = "sites")
public class SiteResource {
  @Inject Sites sites;
  @Inject SiteScope scope;
  @Context UriInfo uri;

  @GET
  @RolesAllowed({Roles.ADMIN, Roles.FACILITATOR, Roles.STAFF})
  @Operation(operationId = "listSites", summary = "Every site the caller covers, by name")
  @APIResponse(
      responseCode = "200",
      description = "Every site",
      content =
          @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "SiteList")))
  @APIResponse(
      responseCode = "401",
      description = "No credentials, or credentials that are not valid")
  public String list() {
    JsonArrayBuilder all = JSON.createArrayBuilder();
    sites.all().stream().filter(s -> scope.covers(s.id())).forEach(s -> all.add(view(s)));
    return all.build().toString();
  }

  @GET
  @RolesAllowed({Roles.ADMIN, Roles.FACILITATOR, Roles.STAFF})
  @Path("{id}")
  @Operation(operationId = "getSite", summary = "One site")
  @APIResponse(responseCode = "404", description = "No such site")
  @APIResponse(
      responseCode = "200",
      description = "The site",
      content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "Site")))
  public Response get(@PathParam("id") String id) {
    return scope
        .visible(sites.find(id), Site::id)
        .map(s -> Response.ok(view(s).build().toString()).build())
        .orElseGet(() -> Problem.of(Response.Status.NOT_FOUND, "There is no site " + id + "."));
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(operationId = "createSite", summary = "Add a site")
  @APIResponse(
      responseCode = "201",
      description = "Created; Location names it",
      content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "Site")))
  @APIResponse(
      responseCode = "400",
      description = "A field is not valid (problem JSON naming it); nothing was saved")
  @APIResponse(
      responseCode = "403",
      description =
          "The caller is limited to some sites: only an admin or a user of every site adds sites")
  @RequestBody(
      required = true,
      content =
          @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "SiteInput")))
  public Response create(String body) {
    if (!scope.everySite()) {
      throw SiteScope.outside("site");
    }
    Site site = sites.create(Sites.Draft.of(JsonBodies.object(body)));
    return Response.created(uri.getAbsolutePathBuilder().path(site.id()).build())
        .entity(view(site).build().toString())
        .build();
  }

  @PUT
  @Path("{id}")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(operationId = "updateSite", summary = "Change a site's name, kind or timezone")
  @APIResponse(
      responseCode = "400",
      description = "A field is not valid (problem JSON naming it); nothing was saved")
  @APIResponse(responseCode = "404", description = "No such site")
  @APIResponse(
      responseCode = "200",
      description = "Changed: the site as it is now",
      content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "Site")))
  @RequestBody(
      required = true,
      content =
          @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "SiteInput")))
  public Response update(@PathParam("id") String id, String body) {
    Sites.Draft draft = Sites.Draft.of(JsonBodies.object(body));
    if (scope.visible(sites.find(id), Site::id).isEmpty()) {
      return Problem.of(Response.Status.NOT_FOUND, "There is no site " + id + ".");
    }
    return sites
        .update(id, draft)
        .map(s -> Response.ok(view(s).build().toString()).build())
        .orElseGet(() -> Problem.of(Response.Status.NOT_FOUND, "There is no site " + id + "."));
  }

  static JsonObjectBuilder view(Site s) {
    return JSON.createObjectBuilder()
        .add("id", s.id())
        .add("name", s.name())
        .add("kind", s.kind())
        .add("timezone", s.timezone())
        .add(
            "dutyContact",
            s.dutyContact() == null
                ? jakarta.json.JsonValue.NULL
                : JSON.createValue(s.dutyContact()))
        .add("createdAt", s.createdAt().toString());
  }
}
