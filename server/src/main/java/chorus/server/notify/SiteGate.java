package chorus.server.notify;

import chorus.server.common.Problem;
import chorus.server.security.SiteScope;
import chorus.server.site.Site;
import chorus.server.site.Sites;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

/** A site's settings are reached only by callers who cover the site; to others it is not there. */
final class SiteGate {
  private SiteGate() {}

  static void require(SiteScope scope, Sites sites, String siteId) {
    if (scope.visible(sites.find(siteId), Site::id).isEmpty()) {
      throw new WebApplicationException(
          Problem.of(Response.Status.NOT_FOUND, "There is no site " + siteId + "."));
    }
  }
}
