package chorus.server.notify;

import chorus.server.site.Site;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Who is told of a site's alerts, in order: the people on its duty rota who are on duty now (rota
 * order), then the site's duty contact when it is an e-mail address, then the install's default
 * contacts. An alert goes to the first; each escalation to the next.
 */
@ApplicationScoped
public class Rota {
  @PersistenceContext(unitName = "chorus")
  EntityManager em;

  @Inject NotifySettings settings;

  /** One line of a rota as it is set: an address, the days it covers (Monday first), the hours. */
  public record Line(String address, String days, int fromMinute, int toMinute) {}

  public List<RotaEntry> of(String siteId) {
    return em.createQuery(
            "select r from RotaEntry r where r.siteId = :site order by r.ordinal", RotaEntry.class)
        .setParameter("site", siteId)
        .getResultList();
  }

  /** Replaces a site's rota with these lines, in this order. */
  @Transactional
  public List<RotaEntry> replace(String siteId, List<Line> lines) {
    em.createQuery("delete from RotaEntry r where r.siteId = :site")
        .setParameter("site", siteId)
        .executeUpdate();
    int i = 0;
    for (Line l : lines) {
      em.persist(new RotaEntry(siteId, i++, l.address(), l.days(), l.fromMinute(), l.toMinute()));
    }
    em.flush();
    return of(siteId);
  }

  /** Everyone who would be told of an alert at this site now, first to last. */
  public List<String> chain(String siteId, Instant at) {
    Set<String> chain = new LinkedHashSet<>();
    Site site = em.find(Site.class, siteId);
    if (site != null) {
      ZonedDateTime local = at.atZone(site.zone());
      for (RotaEntry r : of(siteId)) {
        if (r.covers(local)) {
          chain.add(r.address());
        }
      }
      if (site.dutyContact() != null) {
        NotifySettings.parseAddress(site.dutyContact().strip())
            .ifPresent(a -> chain.add(a.getAddress()));
      }
    }
    chain.addAll(settings.installContacts());
    return List.copyOf(chain);
  }
}
