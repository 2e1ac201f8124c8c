package chorus.server.audit;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.ext.Provider;
import java.io.StringReader;
import java.net.URI;
import java.security.Principal;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Writes one audit entry for every change the API made (any method but GET, HEAD and OPTIONS that
 * answered 2xx), and for the exports: who (the user, and the token's label when a token was used),
 * from which address, the operation as the document names it ({@code POST
 * /api/actions/{id}/stage}), the thing's id and the operation's own summary ({@link AuditNote}).
 * Nothing from the request's body is written, so no password, token or comment text can reach the
 * trail. Signing in and out are not changes and are left out.
 */
@Provider
@Priority(Priorities.USER)
public class AuditFilter implements ContainerResponseFilter {
  private static final Logger LOG = Logger.getLogger(AuditFilter.class.getName());

  /** The request attribute naming how the caller came in, when it was through a token. */
  public static final String VIA = "chorus.audit.via";

  /** Reads that are audited: the exports. */
  static final Set<String> READS = Set.of("GET /api/feedback/export", "GET /api/audit");

  /** Changes that are not: a session starting or ending. */
  static final Set<String> LEFT_OUT = Set.of("POST /api/session", "DELETE /api/session");

  @Context ResourceInfo resource;
  @Context HttpServletRequest http;
  @Inject AuditTrail trail;
  @Inject AuditNote note;

  @Override
  public void filter(ContainerRequestContext request, ContainerResponseContext response) {
    int status = response.getStatus();
    if (status < 200 || status >= 300 || resource == null || resource.getResourceMethod() == null) {
      return;
    }
    String method = request.getMethod();
    String action = method + " " + template();
    boolean read = method.equals("GET") || method.equals("HEAD") || method.equals("OPTIONS");
    if ((read && !READS.contains(action)) || LEFT_OUT.contains(action)) {
      return;
    }
    if (action.equals("GET /api/audit")) {
      if (!String.valueOf(response.getMediaType()).startsWith("text/csv")) {
        return; // reading the trail on screen is not an export
      }
    }
    try {
      trail.record(
          actor(request),
          http == null ? null : http.getRemoteAddr(),
          action,
          target(request, response),
          note.summary());
    } catch (RuntimeException e) {
      // The change is made; an entry missing from the trail must be seen by an operator.
      LOG.log(Level.SEVERE, "Could not write the audit entry for " + action, e);
    }
  }

  /** The operation's path as the API document names it, such as /api/actions/{id}/stage. */
  private String template() {
    StringBuilder path = new StringBuilder("/api");
    Path type = resource.getResourceClass().getAnnotation(Path.class);
    Path m = resource.getResourceMethod().getAnnotation(Path.class);
    for (Path p : new Path[] {type, m}) {
      if (p != null && !p.value().isEmpty() && !p.value().equals("/")) {
        String v = p.value();
        path.append(v.startsWith("/") ? "" : "/")
            .append(v.endsWith("/") ? v.substring(0, v.length() - 1) : v);
      }
    }
    return path.toString();
  }

  private String actor(ContainerRequestContext request) {
    Principal p =
        request.getSecurityContext() == null
            ? null
            : request.getSecurityContext().getUserPrincipal();
    if (p == null) {
      return "anonymous";
    }
    Object via = http == null ? null : http.getAttribute(VIA);
    return via == null ? p.getName() : p.getName() + " (" + via + ")";
  }

  /** The thing changed: as the operation said, from the path, or the id of what it created. */
  private String target(ContainerRequestContext request, ContainerResponseContext response) {
    if (note.targetId() != null) {
      return note.targetId();
    }
    var params = request.getUriInfo().getPathParameters();
    for (String name : new String[] {"id", "username"}) {
      if (params.containsKey(name)) {
        return params.getFirst(name);
      }
    }
    URI created = response.getLocation();
    if (created != null) {
      String path = created.getPath();
      return path.substring(path.lastIndexOf('/') + 1);
    }
    if (response.getEntity() instanceof String body && body.startsWith("{")) {
      try (var reader = Json.createReader(new StringReader(body))) {
        JsonObject o = reader.readObject();
        JsonValue id = o.get("id");
        return id != null && id.getValueType() == JsonValue.ValueType.STRING
            ? o.getString("id")
            : null;
      } catch (RuntimeException e) {
        return null;
      }
    }
    return null;
  }
}
