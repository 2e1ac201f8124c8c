package chorus.server.notify;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.List;

/** Sites' alert settings, with the defaults for a site nobody has set. */
@ApplicationScoped
public class AlertSettings {
  @PersistenceContext(unitName = "chorus")
  EntityManager em;

  public SiteAlertSettings of(String siteId) {
    SiteAlertSettings s = em.find(SiteAlertSettings.class, siteId);
    return s == null ? SiteAlertSettings.defaults(siteId) : s;
  }

  @Transactional
  public SiteAlertSettings set(
      String siteId, List<SiteAlertSettings.Hours> hours, int presses, int minutes, int coolDown) {
    SiteAlertSettings s = em.find(SiteAlertSettings.class, siteId);
    if (s == null) {
      s = new SiteAlertSettings(siteId);
      em.persist(s);
    }
    s.set(hours, presses, minutes, coolDown);
    return s;
  }
}
