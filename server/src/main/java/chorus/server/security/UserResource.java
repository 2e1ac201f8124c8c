package chorus.server.security;

import static chorus.protocol.Jsons.JSON;

import chorus.server.common.BadRequestException;
import chorus.server.common.JsonBodies;
import chorus.server.common.Problem;
import chorus.server.common.Roles;
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
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;
import java.util.LinkedHashSet;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * People who sign in, managed by an admin: {@code
 * {"username","password","roles":[..],"sites":[..]}}. Roles are {@code admin}, {@code facilitator},
 * {@code staff}; {@code sites} limits a facilitator or staff member to those sites (empty or left
 * out: every site). Passwords are 12-256 characters and never shown again. Changes apply from the
 * user's next request.
 */
@Path("/users")
@RequestScoped
@RolesAllowed(Roles.ADMIN)
@Produces(MediaType.APPLICATION_JSON)
@Tag(ref = "security")
public class UserResource {
  private static final int MAX_SITES = 200;

  @Inject Users users;
  @Inject chorus.server.audit.AuditNote audit;
  @Context SecurityContext security;
  @Context UriInfo uri;

  @GET
  @Operation(operationId = "listUsers", summary = "Every user with their roles and sites, by name")
  @APIResponse(
      responseCode = "200",
      description = "Every user",
      content =
          @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "UserList")))
  @APIResponse(
      responseCode = "401",
      description = "No credentials, or credentials that are not valid")
  public String list() {
    JsonArrayBuilder all = JSON.createArrayBuilder();
    users.all().forEach(u -> all.add(view(u)));
    return all.build().toString();
  }

  @GET
  @Path("{username}")
  @Operation(operationId = "getUser", summary = "One user")
  @APIResponse(responseCode = "404", description = "No such user")
  @APIResponse(
      responseCode = "200",
      description = "The user",
      content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "User")))
  public Response get(@PathParam("username") String username) {
    return users
        .find(username)
        .map(u -> Response.ok(view(u).build().toString()).build())
        .orElseGet(() -> notFound());
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(operationId = "createUser", summary = "Add a user")
  @APIResponse(
      responseCode = "201",
      description = "Added",
      content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "User")))
  @APIResponse(
      responseCode = "400",
      description = "A field is not valid (problem JSON naming it); nothing was saved")
  @RequestBody(
      required = true,
      content =
          @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "UserInput")))
  public Response create(String body) {
    JsonObject request = JsonBodies.object(body);
    String username = JsonBodies.string(request, "username", 64);
    Users.Draft draft = draft(request, true);
    AppUser made = users.create(username, draft);
    audit.summary(access(made));
    return Response.created(uri.getAbsolutePathBuilder().path(made.username()).build())
        .entity(view(made).build().toString())
        .build();
  }

  @PUT
  @Path("{username}")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      operationId = "updateUser",
      summary = "Change a user's roles and sites, and their password if one is given")
  @APIResponse(
      responseCode = "400",
      description = "A field is not valid (problem JSON naming it); nothing was saved")
  @APIResponse(responseCode = "404", description = "No such user")
  @APIResponse(
      responseCode = "200",
      description = "Done",
      content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "User")))
  @RequestBody(
      required = true,
      content =
          @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "UserChange")))
  public Response update(@PathParam("username") String username, String body) {
    Users.Draft draft = draft(JsonBodies.object(body), false);
    String before = users.find(username).map(UserResource::access).orElse("none");
    return users
        .update(username, draft, security.getUserPrincipal().getName())
        .map(
            u -> {
              audit.summary(
                  before
                      + " -> "
                      + access(u)
                      + (draft.password() == null ? "" : "; password changed"));
              return u;
            })
        .map(u -> Response.ok(view(u).build().toString()).build())
        .orElseGet(() -> notFound());
  }

  @DELETE
  @Path("{username}")
  @Operation(
      operationId = "removeUser",
      summary = "Remove a user: their API tokens go with them and their console sessions end")
  @APIResponse(responseCode = "204", description = "Removed")
  @APIResponse(responseCode = "400", description = "Yourself, or the last admin")
  @APIResponse(responseCode = "404", description = "No such user")
  public Response remove(@PathParam("username") String username) {
    return users
        .remove(username, security.getUserPrincipal().getName())
        .map(u -> Response.noContent().build())
        .orElseGet(() -> notFound());
  }

  /** A user's access in a few words, for the audit trail: roles and how many sites. */
  static String access(AppUser u) {
    return "roles "
        + String.join(",", new java.util.TreeSet<>(u.roles()))
        + "; "
        + (u.sites().isEmpty() ? "every site" : u.sites().size() + " site(s)");
  }

  private static Users.Draft draft(JsonObject request, boolean passwordRequired) {
    Set<String> roles = strings(request, "roles", 3, 20, true);
    Set<String> sites = strings(request, "sites", MAX_SITES, 64, false);
    return new Users.Draft(roles, sites, password(request, passwordRequired));
  }

  /** The password exactly as typed (spaces count), or null when optional and left out. */
  private static String password(JsonObject request, boolean required) {
    JsonValue value = request.get("password");
    if (value == null || value == JsonValue.NULL) {
      if (required) {
        throw new BadRequestException("password", "is required");
      }
      return null;
    }
    if (!(value instanceof JsonString s)) {
      throw new BadRequestException("password", "must be a string");
    }
    return s.getString();
  }

  private static Set<String> strings(
      JsonObject request, String field, int maxItems, int maxLength, boolean required) {
    JsonValue value = request.get(field);
    if (value == null || value == JsonValue.NULL) {
      if (required) {
        throw new BadRequestException(field, "is required");
      }
      return Set.of();
    }
    if (!(value instanceof JsonArray array)) {
      throw new BadRequestException(field, "must be a list of strings");
    }
    if (array.size() > maxItems) {
      throw new BadRequestException(field, "must have at most " + maxItems + " items");
    }
    Set<String> out = new LinkedHashSet<>();
    for (int i = 0; i < array.size(); i++) {
      if (!(array.get(i) instanceof JsonString s)
          || s.getString().isEmpty()
          || s.getString().length() > maxLength) {
        throw new BadRequestException(
            field + "[" + i + "]", "must be a string of 1-" + maxLength + " characters");
      }
      out.add(s.getString());
    }
    return out;
  }

  private static Response notFound() {
    return Problem.of(Response.Status.NOT_FOUND, "There is no such user.");
  }

  static JsonObjectBuilder view(AppUser u) {
    JsonArrayBuilder roles = JSON.createArrayBuilder();
    u.roles().stream().sorted().forEach(roles::add);
    JsonArrayBuilder sites = JSON.createArrayBuilder();
    u.sites().stream().sorted().forEach(sites::add);
    return JSON.createObjectBuilder()
        .add("username", u.username())
        .add("roles", roles)
        .add("sites", sites)
        .add("everySite", u.everySite())
        .add("createdAt", u.createdAt().toString());
  }
}
