package chorus.server.kiosk;

import chorus.server.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The fleet as facilitators see it: each kiosk, whether it is connected, and what it reported. */
@Path("/kiosks")
@RequestScoped
@RolesAllowed({Roles.ADMIN, Roles.FACILITATOR})
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "kiosks")
public class KioskResource {
  @PersistenceContext(unitName = "chorus")
  EntityManager em;

  @Inject KioskSessions sessions;

  @GET
  @Operation(summary = "Every kiosk with its status")
  public String list() {
    JsonArrayBuilder all = Json.createArrayBuilder();
    for (Kiosk k : em.createQuery("select k from Kiosk k order by k.name", Kiosk.class).getResultList()) {
      JsonObjectBuilder b =
          Json.createObjectBuilder()
              .add("id", k.id())
              .add("name", k.name())
              .add("siteId", k.siteId())
              .add("online", sessions.isConnected(k.id()))
              .add("revoked", k.revoked());
      nullable(b, "lastSeenAt", k.lastSeenAt() == null ? null : k.lastSeenAt().toString());
      nullable(b, "agent", k.agent());
      if (k.outboxDepth() == null) {
        b.addNull("outbox");
      } else {
        b.add("outbox", k.outboxDepth());
      }
      sessions.shown(k.id()).ifPresentOrElse(
          p -> b.add("prompt", Json.createObjectBuilder().add("id", p.id()).add("version", p.version())),
          () -> b.addNull("prompt"));
      all.add(b);
    }
    return all.build().toString();
  }

  private static void nullable(JsonObjectBuilder b, String name, String value) {
    if (value == null) {
      b.addNull(name);
    } else {
      b.add(name, value);
    }
  }
}
