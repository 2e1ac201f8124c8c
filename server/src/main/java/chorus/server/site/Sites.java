package chorus.server.site;

import chorus.server.common.BadRequestException;
import chorus.server.common.JsonBodies;
import chorus.server.prompt.LivePromptsChanged;
import chorus.server.security.SiteDirectory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Sites: libraries, day centres and other places with kiosks. */
@ApplicationScoped
public class Sites implements SiteDirectory {
  public static final String DEFAULT_TIMEZONE = "Europe/London";
  private static final Set<String> KINDS = Set.of(Site.LIBRARY, Site.DAY_CENTRE, Site.OTHER);

  @PersistenceContext(unitName = "chorus")
  EntityManager em;

  @Inject Event<LivePromptsChanged> changed;

  /** A site as a request describes it, checked: name, kind, timezone. */
  public record Draft(String name, String kind, String timezone, String dutyContact) {
    public static Draft of(JsonObject body) {
      String name = JsonBodies.string(body, "name", 120);
      String kind = JsonBodies.string(body, "kind", 20);
      if (!KINDS.contains(kind)) {
        throw new BadRequestException("kind", "must be library, day_centre or other");
      }
      String timezone = JsonBodies.optionalString(body, "timezone", 64);
      if (timezone == null) {
        timezone = DEFAULT_TIMEZONE;
      }
      try {
        timezone = ZoneId.of(timezone).getId();
      } catch (DateTimeException e) {
        throw new BadRequestException("timezone", "must be a timezone name such as Europe/London");
      }
      return new Draft(name, kind, timezone, JsonBodies.optionalString(body, "dutyContact", 200));
    }
  }

  @Transactional
  public Site create(Draft draft) {
    Site site = new Site(draft.name(), draft.kind(), draft.timezone());
    site.update(draft.name(), draft.kind(), draft.timezone(), draft.dutyContact());
    em.persist(site);
    return site;
  }

  /** Changes a site; a new timezone moves its scheduled windows, so kiosks are checked again. */
  @Transactional
  public Optional<Site> update(String id, Draft draft) {
    Site site = em.find(Site.class, id);
    if (site == null) {
      return Optional.empty();
    }
    boolean moved = !site.timezone().equals(draft.timezone());
    site.update(draft.name(), draft.kind(), draft.timezone(), draft.dutyContact());
    if (moved) {
      changed.fire(new LivePromptsChanged("site " + id + " now in " + draft.timezone()));
    }
    return Optional.of(site);
  }

  @Override
  public boolean exists(String siteId) {
    return em.find(Site.class, siteId) != null;
  }

  public Optional<Site> find(String id) {
    return Optional.ofNullable(em.find(Site.class, id));
  }

  public List<Site> all() {
    return em.createQuery("select s from Site s order by s.name", Site.class).getResultList();
  }
}
