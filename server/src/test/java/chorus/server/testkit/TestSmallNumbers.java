package chorus.server.testkit;

import chorus.server.common.Roles;
import chorus.server.wall.SmallNumbers;
import jakarta.annotation.Priority;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.interceptor.Interceptor;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import java.io.StringReader;

/**
 * The small-numbers threshold, set by a test, added to the server's WAR only by tests that need it
 * (see {@link Deployments#withSmallNumbers}): the integration tests' server shows every number
 * ({@code chorus.small-numbers=0} in arquillian.xml) and {@code PUT /api/test/small-numbers
 * {"threshold":5}} (admin only) turns it on, {@code {"threshold":null}} back to the setting.
 */
@ApplicationScoped
@Alternative
@Priority(Interceptor.Priority.APPLICATION + 100)
public class TestSmallNumbers extends SmallNumbers {
  private static volatile Integer override;

  @Override
  public int threshold() {
    Integer o = override;
    return o != null ? o : super.threshold();
  }

  @Path("/test/small-numbers")
  @RequestScoped
  @RolesAllowed(Roles.ADMIN)
  public static class Resource {
    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    public String set(String body) {
      var json = jakarta.json.Json.createReader(new StringReader(body)).readObject();
      override = json.isNull("threshold") ? null : json.getInt("threshold");
      return "{}";
    }
  }
}
