package chorus.server.kiosk;

import static chorus.protocol.Jsons.JSON;

import chorus.server.common.BadRequestException;
import chorus.server.common.JsonBodies;
import jakarta.annotation.security.PermitAll;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import java.util.logging.Logger;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code POST /api/kiosks/pair} {@code {"code":"ABCD-EFGH"}}: the kiosk agent trades its pairing
 * code for its long-lived token. Needs no login: the code is the credential, good once and for 15
 * minutes.
 */
@Path("/kiosks/pair")
@RequestScoped
@PermitAll
@Produces(MediaType.APPLICATION_JSON)
@Tag(ref = "kiosks")
public class PairingResource {
  private static final Logger LOG = Logger.getLogger(PairingResource.class.getName());

  @Inject KioskDirectory kiosks;
  @Inject chorus.server.audit.AuditNote audit;
  @Context HttpServletRequest request;

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(summary = "Pair a kiosk: trade a pairing code for the kiosk's token (shown once)")
  @APIResponse(
      responseCode = "200",
      description = "{\"kioskId\",\"kioskName\",\"siteId\",\"token\"}",
      content =
          @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "PairedKiosk")))
  @APIResponse(
      responseCode = "400",
      description = "The code is mistyped, used already or expired (problem JSON, field code)")
  @RequestBody(
      required = true,
      content =
          @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "PairingCode")))
  public String pair(String body) {
    JsonObject json = JsonBodies.object(body);
    String code = JsonBodies.string(json, "code", 32);
    KioskDirectory.Issued issued =
        kiosks
            .pair(code)
            .orElseThrow(
                () -> {
                  LOG.warning(
                      () ->
                          "Refused a pairing code from "
                              + request.getRemoteAddr()
                              + ": unknown, used or expired");
                  return new BadRequestException(
                      "code",
                      "is not a pairing code that can be used now: check it, or ask for a new one (codes work once, for 15 minutes)");
                });
    audit.target(issued.kiosk().id());
    audit.summary("paired with a pairing code");
    return JSON.createObjectBuilder()
        .add("kioskId", issued.kiosk().id())
        .add("kioskName", issued.kiosk().name())
        .add("siteId", issued.kiosk().siteId())
        .add("token", issued.token())
        .build()
        .toString();
  }
}
