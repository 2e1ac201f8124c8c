package chorus.server.testkit;

import chorus.server.common.Roles;
import jakarta.annotation.Priority;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import java.io.StringReader;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A clock tests can move, added to the server's WAR only by tests that need it (see {@link
 * Deployments#withTestClock}): it replaces the server's one clock, and {@code PUT /api/test/clock}
 * (admin only) sets what time it is, {@code {"now":"2026-03-02T09:59:58Z"}}, or puts it back,
 * {@code {"now":null}}. Time keeps flowing from the instant set, so timers see it pass as usual.
 */
@ApplicationScoped
@Alternative
@Priority(Interceptor.Priority.APPLICATION + 100)
public class TestClocks {
  private static final ShiftedClock CLOCK = new ShiftedClock();

  @Produces
  Clock clock() {
    return CLOCK;
  }

  public static final class ShiftedClock extends Clock {
    private volatile Duration shift = Duration.ZERO;

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return Clock.offset(Clock.system(zone), shift);
    }

    @Override
    public Instant instant() {
      return Instant.now().plus(shift);
    }

    void set(Instant now) {
      shift = now == null ? Duration.ZERO : Duration.between(Instant.now(), now);
    }
  }

  @Path("/test/clock")
  @RequestScoped
  @RolesAllowed(Roles.ADMIN)
  public static class Resource {
    @Inject Clock clock;

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    public String set(String body) {
      var json = jakarta.json.Json.createReader(new StringReader(body)).readObject();
      CLOCK.set(json.isNull("now") ? null : Instant.parse(json.getString("now")));
      return "{\"now\":\"" + clock.instant() + "\"}";
    }
  }
}
