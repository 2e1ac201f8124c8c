package chorus.server.security;

import chorus.server.common.Problem;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.security.enterprise.SecurityContext;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.security.Principal;
import java.util.Collection;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The sites this request's caller may see and change. An admin, or a user nobody limited, covers
 * every site; a user limited to some sites covers those; a wall key covers its own site; a kiosk
 * covers none (it reaches no site data through the API). Something of a site the caller does not
 * cover is answered as if it did not exist (404) when asked for by id, and a change that would name
 * such a site is refused (403).
 */
@RequestScoped
public class SiteScope {
  @Inject SecurityContext security;

  @PersistenceContext(unitName = "chorus")
  EntityManager em;

  private Optional<Set<String>> limits;

  /** The sites covered, or empty when the caller covers every site. */
  public Optional<Set<String>> limits() {
    if (limits == null) {
      limits = read(security.getCallerPrincipal());
    }
    return limits;
  }

  private Optional<Set<String>> read(Principal caller) {
    if (caller == null) {
      return Optional.of(Set.of());
    }
    String name = caller.getName();
    if (name.startsWith(WallKeyPrincipal.PREFIX)) {
      WallKey key = em.find(WallKey.class, name.substring(WallKeyPrincipal.PREFIX.length()));
      return Optional.of(key == null ? Set.of() : Set.of(key.siteId()));
    }
    AppUser user = em.find(AppUser.class, name);
    if (user == null) {
      return Optional.of(Set.of()); // a kiosk, or a user removed a moment ago
    }
    return user.everySite() ? Optional.empty() : Optional.of(user.sites());
  }

  public boolean everySite() {
    return limits().isEmpty();
  }

  public boolean covers(String siteId) {
    return limits().map(s -> s.contains(siteId)).orElse(true);
  }

  /** Whether every one of these sites is covered (no sites at all means "every site"). */
  public boolean coversAll(Collection<String> siteIds) {
    return siteIds.isEmpty() ? everySite() : siteIds.stream().allMatch(this::covers);
  }

  /** The thing found, if the caller covers its site. */
  public <T> Optional<T> visible(Optional<T> found, Function<T, String> siteOf) {
    return found.filter(t -> covers(siteOf.apply(t)));
  }

  /** Refuses a change naming a site the caller does not cover. */
  public void require(String field, String siteId) {
    if (!covers(siteId)) {
      throw outside(field);
    }
  }

  /**
   * A site filter for a listing: the site asked for (refused if not covered), or null for "every
   * site the caller covers" (then filter by {@link #limits()}).
   */
  public String narrow(String siteId) {
    if (siteId != null) {
      require("site", siteId);
    }
    return siteId;
  }

  public static WebApplicationException outside(String field) {
    return new WebApplicationException(
        Problem.of(
            Response.Status.FORBIDDEN,
            "You may act only for your own sites.",
            java.util.List.of(
                new Problem.FieldError(field, "is a site you do not have access to"))));
  }
}
