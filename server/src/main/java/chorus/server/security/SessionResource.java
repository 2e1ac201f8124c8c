package chorus.server.security;

import static chorus.protocol.Jsons.JSON;

import chorus.server.common.BadRequestException;
import chorus.server.common.JsonBodies;
import chorus.server.common.Problem;
import jakarta.annotation.security.PermitAll;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStoreHandler;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.logging.Logger;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The console's sign-in: {@code POST /api/session {"username","password"}} starts a session and
 * answers who is signed in, their roles and the CSRF token to send in {@code X-CSRF-Token} with
 * every change; {@code GET} answers the same for the current session; {@code DELETE} signs out.
 */
@Path("/session")
@RequestScoped
@PermitAll
@Produces(MediaType.APPLICATION_JSON)
@Tag(ref = "session")
public class SessionResource {
  private static final Logger LOG = Logger.getLogger(SessionResource.class.getName());

  @Inject IdentityStoreHandler users;
  @Inject SignInThrottle throttle;
  @Inject Users people;
  @Inject OidcSettings oidc;
  @Context HttpServletRequest request;

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(summary = "Sign in to the console")
  @APIResponse(
      responseCode = "200",
      description = "Signed in: {\"username\",\"roles\",\"csrfToken\"}; the session cookie is set",
      content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "Session")))
  @APIResponse(responseCode = "400", description = "A field is missing (problem JSON)")
  @APIResponse(responseCode = "401", description = "The user name or password is not right")
  @APIResponse(
      responseCode = "429",
      description =
          "Too many failed sign-ins for this user name or address: wait Retry-After seconds")
  @RequestBody(
      required = true,
      content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "SignIn")))
  public Response signIn(String body) {
    JsonObject json = JsonBodies.object(body);
    String username = JsonBodies.string(json, "username", 64);
    if (!(json.get("password") instanceof jakarta.json.JsonString password)
        || password.getString().isEmpty()) {
      throw new BadRequestException("password", "is required");
    }
    if (password.getString().length() > 256) {
      throw new BadRequestException("password", "must be at most 256 characters");
    }
    java.util.Optional<java.time.Duration> wait = throttle.wait(username, request.getRemoteAddr());
    if (wait.isPresent()) {
      return Response.fromResponse(
              Problem.of(
                  Response.Status.TOO_MANY_REQUESTS,
                  "Too many failed sign-ins: try again in " + wait.get().toSeconds() + " s."))
          .header("Retry-After", Math.max(1, wait.get().toSeconds()))
          .build();
    }
    CredentialValidationResult result =
        users.validate(new UsernamePasswordCredential(username, password.getString()));
    if (result.getStatus() != CredentialValidationResult.Status.VALID) {
      LOG.warning(() -> "Failed console sign-in from " + request.getRemoteAddr());
      throttle.failed(username, request.getRemoteAddr());
      return Problem.of(Response.Status.UNAUTHORIZED, "The user name or password is not right.");
    }
    throttle.succeeded(username);
    String name = result.getCallerPrincipal().getName();
    ConsoleSessions.SignedIn signedIn =
        ConsoleSessions.start(
            request, name, people.find(name).map(AppUser::roles).orElse(java.util.Set.of()));
    LOG.info(() -> "User '" + signedIn.user() + "' signed in to the console");
    return Response.ok(view(signedIn)).build();
  }

  @GET
  @Operation(summary = "Who is signed in on this session")
  @APIResponse(
      responseCode = "401",
      description =
          "Nobody; with \"identityProvider\": the address where sign-in through the identity provider starts, when one is set up")
  @APIResponse(
      responseCode = "200",
      description = "Who is signed in, their roles and the CSRF token",
      content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "Session")))
  public Response current() {
    ConsoleSessions.SignedIn signedIn = ConsoleSessions.current(request);
    if (signedIn == null || people.find(signedIn.user()).isEmpty()) {
      if (!oidc.isEnabled()) {
        return Problem.of(Response.Status.UNAUTHORIZED, "Nobody is signed in.");
      }
      // Tells the sign-in page where the identity provider's sign-in starts.
      JsonObject problem =
          JsonBodies.object(
              (String)
                  Problem.of(Response.Status.UNAUTHORIZED, "Nobody is signed in.").getEntity());
      return Response.status(401)
          .type(Problem.MEDIA_TYPE)
          .entity(
              JSON.createObjectBuilder(problem)
                  .add("identityProvider", OidcSettings.LOGIN_PATH)
                  .build()
                  .toString())
          .build();
    }
    return Response.ok(view(signedIn)).build();
  }

  @DELETE
  @Operation(summary = "Sign out")
  @APIResponse(responseCode = "204", description = "Signed out")
  @APIResponse(responseCode = "403", description = "Without the session's X-CSRF-Token")
  public Response signOut() {
    ConsoleSessions.end(request);
    return Response.noContent().build();
  }

  /** Who is signed in with their roles and sites as they are now (empty sites: every site). */
  private String view(ConsoleSessions.SignedIn s) {
    AppUser user = people.find(s.user()).orElseThrow();
    JsonArrayBuilder roles = JSON.createArrayBuilder();
    user.roles().stream().sorted().forEach(roles::add);
    JsonArrayBuilder sites = JSON.createArrayBuilder();
    user.sites().stream().sorted().forEach(sites::add);
    return JSON.createObjectBuilder()
        .add("username", s.user())
        .add("roles", roles)
        .add("sites", sites)
        .add("everySite", user.everySite())
        .add("csrfToken", s.csrf())
        .build()
        .toString();
  }
}
