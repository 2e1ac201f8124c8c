package chorus.server.kiosk;

import static chorus.protocol.Jsons.JSON;

import chorus.server.common.BadRequestException;
import chorus.server.common.JsonBodies;
import chorus.server.common.Problem;
import chorus.server.common.Roles;
import chorus.server.security.SiteScope;
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
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.time.Clock;
import java.time.Instant;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The fleet: adding kiosks ({@code {"siteId":..,"name":..}}, answered with a pairing code), their
 * status, and their access (new pairing code, new token, revoke). A kiosk's status comes from its
 * {@code hello} and heartbeats: {@code status} is online, reconnecting (within the grace period),
 * offline (an alert), never-connected, awaiting-pairing or revoked.
 */
@Path("/kiosks")
@RequestScoped
@RolesAllowed({Roles.ADMIN, Roles.FACILITATOR})
@Produces(MediaType.APPLICATION_JSON)
@Tag(ref = "kiosks")
public class KioskResource {
  @Inject KioskDirectory kiosks;
  @Inject KioskSessions sessions;
  @Inject FleetWatch fleet;
  @Inject Sites sites;
  @Inject SiteScope scope;
  @Inject Clock clock;
  @Context UriInfo uri;

  @GET
  @Operation(operationId = "listKiosks", summary = "Every kiosk with its status, by name")
  @APIResponse(
      responseCode = "200",
      description = "Every kiosk with its status",
      content =
          @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "KioskList")))
  @APIResponse(
      responseCode = "401",
      description = "No credentials, or credentials that are not valid")
  public String list() {
    Set<String> here = sessions.connectedIds();
    Instant now = clock.instant();
    JsonArrayBuilder all = JSON.createArrayBuilder();
    kiosks.all().stream()
        .filter(k -> scope.covers(k.siteId()))
        .forEach(k -> all.add(view(k, here, now)));
    return all.build().toString();
  }

  @GET
  @Path("{id}")
  @Operation(operationId = "getKiosk", summary = "One kiosk with its status")
  @APIResponse(responseCode = "404", description = "No such kiosk")
  @APIResponse(
      responseCode = "200",
      description = "The kiosk with its status",
      content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "Kiosk")))
  public Response get(@PathParam("id") String id) {
    return scope
        .visible(kiosks.find(id), Kiosk::siteId)
        .map(
            k ->
                Response.ok(view(k, sessions.connectedIds(), clock.instant()).build().toString())
                    .build())
        .orElseGet(() -> notFound(id));
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary =
          "Add a kiosk to a site; the answer holds its pairing code (valid 15 minutes, single use)")
  @APIResponse(
      responseCode = "201",
      description = "Added; pair the agent with `--pair CODE`",
      content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "Kiosk")))
  @APIResponse(
      responseCode = "400",
      description = "A field is not valid or names nothing (problem JSON); nothing was saved")
  @RequestBody(
      required = true,
      content =
          @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "KioskInput")))
  public Response add(String body) {
    JsonObject request = JsonBodies.object(body);
    String siteId = JsonBodies.string(request, "siteId", 64);
    String name = JsonBodies.string(request, "name", 120);
    if (sites.find(siteId).isEmpty()) {
      throw new BadRequestException("siteId", "there is no site " + siteId);
    }
    scope.require("siteId", siteId);
    KioskDirectory.Pairing pairing = kiosks.add(siteId, name);
    return Response.created(uri.getAbsolutePathBuilder().path(pairing.kiosk().id()).build())
        .entity(withPairing(pairing).toString())
        .build();
  }

  @PUT
  @Path("{id}")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(operationId = "updateKiosk", summary = "Rename a kiosk or move it to another site")
  @APIResponse(
      responseCode = "400",
      description = "A field is not valid or names nothing (problem JSON); nothing was saved")
  @APIResponse(responseCode = "404", description = "No such kiosk")
  @APIResponse(
      responseCode = "200",
      description = "Changed: the kiosk as it is now",
      content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "Kiosk")))
  @RequestBody(
      required = true,
      content =
          @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "KioskInput")))
  public Response update(@PathParam("id") String id, String body) {
    JsonObject request = JsonBodies.object(body);
    String siteId = JsonBodies.string(request, "siteId", 64);
    String name = JsonBodies.string(request, "name", 120);
    if (sites.find(siteId).isEmpty()) {
      throw new BadRequestException("siteId", "there is no site " + siteId);
    }
    if (!visible(id)) {
      return notFound(id);
    }
    scope.require("siteId", siteId);
    return kiosks
        .update(id, name, siteId)
        .map(
            k ->
                Response.ok(view(k, sessions.connectedIds(), clock.instant()).build().toString())
                    .build())
        .orElseGet(() -> notFound(id));
  }

  @POST
  @Path("{id}/pairing-code")
  @Operation(
      summary =
          "A new pairing code for the kiosk (the last one stops working); pairing with it replaces the kiosk's token")
  @APIResponse(responseCode = "404", description = "No such kiosk")
  @APIResponse(
      responseCode = "200",
      description = "A new pairing code, shown once",
      content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "Kiosk")))
  public Response pairingCode(@PathParam("id") String id) {
    if (!visible(id)) {
      return notFound(id);
    }
    return kiosks
        .newPairingCode(id)
        .map(p -> Response.ok(withPairing(p).toString()).build())
        .orElseGet(() -> notFound(id));
  }

  @POST
  @Path("{id}/token")
  @Operation(
      summary =
          "Rotate the kiosk's token: the answer holds the new one, shown once; the old one stops working and its sessions close")
  @APIResponse(responseCode = "404", description = "No such kiosk")
  @APIResponse(
      responseCode = "200",
      description = "A new token, shown once",
      content =
          @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "KioskToken")))
  public Response rotate(@PathParam("id") String id) {
    if (!visible(id)) {
      return notFound(id);
    }
    return kiosks
        .rotateToken(id)
        .map(
            t ->
                Response.ok(
                        JSON.createObjectBuilder()
                            .add("kioskId", id)
                            .add("token", t)
                            .build()
                            .toString())
                    .build())
        .orElseGet(() -> notFound(id));
  }

  @POST
  @Path("{id}/revoke")
  @Operation(
      operationId = "revokeKiosk",
      summary = "Revoke the kiosk: its token stops working and its open session is closed at once")
  @APIResponse(responseCode = "404", description = "No such kiosk")
  @APIResponse(
      responseCode = "200",
      description = "Done",
      content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "Kiosk")))
  public Response revoke(@PathParam("id") String id) {
    if (!visible(id)) {
      return notFound(id);
    }
    return kiosks
        .revoke(id)
        .map(k -> Response.ok(view(k, Set.of(), clock.instant()).build().toString()).build())
        .orElseGet(() -> notFound(id));
  }

  private JsonObject withPairing(KioskDirectory.Pairing p) {
    return view(p.kiosk(), sessions.connectedIds(), clock.instant())
        .add(
            "pairing",
            JSON.createObjectBuilder()
                .add("code", p.code())
                .add("expiresAt", p.expiresAt().toString()))
        .build();
  }

  /** Whether the kiosk exists in a site the caller covers (others are answered 404 too). */
  private boolean visible(String id) {
    return scope.visible(kiosks.find(id), Kiosk::siteId).isPresent();
  }

  private static Response notFound(String id) {
    return Problem.of(Response.Status.NOT_FOUND, "There is no kiosk " + id + ".");
  }

  private JsonObjectBuilder view(Kiosk k, Set<String> connectedHere, Instant now) {
    FleetStatus status =
        FleetStatus.of(k, connectedHere.contains(k.id()), now, fleet.offlineAfter());
    JsonObjectBuilder b =
        JSON.createObjectBuilder()
            .add("id", k.id())
            .add("name", k.name())
            .add("siteId", k.siteId())
            .add("status", status.wire())
            .add("online", status == FleetStatus.ONLINE)
            // An alert when it is missed, or when its agent had to set presses aside (each needs a
            // person).
            .add("alert", status.alert() || (k.rejectedCount() != null && k.rejectedCount() > 0))
            .add("revoked", k.revoked());
    instant(b, "lastSeenAt", k.lastSeenAt());
    instant(b, "offlineSince", k.offlineSince());
    instant(b, "pairedAt", k.pairedAt());
    instant(b, "pairingExpiresAt", k.pairingExpiresAt());
    if (k.agent() == null) {
      b.addNull("agent");
    } else {
      b.add("agent", k.agent());
    }
    if (k.outboxDepth() == null) {
      b.addNull("outbox");
    } else {
      b.add("outbox", k.outboxDepth());
    }
    if (k.rejectedCount() == null) {
      b.addNull("rejected");
    } else {
      b.add("rejected", k.rejectedCount());
    }
    // What the kiosk itself says it shows (hello and heartbeats), and what this server last sent
    // it.
    if (k.promptVersion() == null) {
      b.addNull("reported");
    } else {
      JsonObjectBuilder r = JSON.createObjectBuilder().add("version", k.promptVersion());
      if (k.promptId() == null) {
        r.addNull("id");
      } else {
        r.add("id", k.promptId());
      }
      b.add("reported", r);
    }
    sessions
        .shown(k.id())
        .ifPresentOrElse(
            p ->
                b.add(
                    "prompt",
                    JSON.createObjectBuilder().add("id", p.id()).add("version", p.version())),
            () -> b.addNull("prompt"));
    return b;
  }

  private static void instant(JsonObjectBuilder b, String name, Instant value) {
    if (value == null) {
      b.addNull(name);
    } else {
      b.add(name, value.toString());
    }
  }
}
