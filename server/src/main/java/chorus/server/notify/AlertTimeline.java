package chorus.server.notify;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;

/** What happened to an alert and what was sent for it, oldest first. */
@ApplicationScoped
public class AlertTimeline {
  @PersistenceContext(unitName = "chorus")
  EntityManager em;

  public List<AlertEvent> events(String alertId) {
    return em.createQuery(
            "select e from AlertEvent e where e.alertId = :id order by e.happenedAt, e.id",
            AlertEvent.class)
        .setParameter("id", alertId)
        .getResultList();
  }

  public List<Notification> notifications(String alertId) {
    return em.createQuery(
            "select n from Notification n where n.alertId = :id order by n.createdAt, n.id",
            Notification.class)
        .setParameter("id", alertId)
        .getResultList();
  }
}
