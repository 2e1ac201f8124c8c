package chorus.server.notify;

import chorus.server.kiosk.Kiosk;
import chorus.server.moderation.Alert;
import chorus.server.moderation.AlertFollowedUp;
import chorus.server.moderation.AlertRaised;
import chorus.server.site.Site;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.logging.Logger;

/**
 * Writes what an alert sets going, in the transaction that raises or escalates it: its first line
 * of timeline and one notification for its first contact and for each webhook of its site. The
 * words are plain and carry nothing of the comment: the site, the time, a link to the console.
 */
@ApplicationScoped
public class Notifier {
  private static final Logger LOG = Logger.getLogger(Notifier.class.getName());
  private static final DateTimeFormatter WHEN =
      DateTimeFormatter.ofPattern("HH:mm 'on' EEEE d MMMM", Locale.UK);

  @PersistenceContext(unitName = "chorus")
  EntityManager em;

  @Inject Clock clock;
  @Inject Rota rota;
  @Inject NotifySettings settings;
  @Inject Webhooks webhooks;
  @Inject Subscriptions subscriptions;

  void raised(@Observes AlertRaised raised) {
    Alert alert = raised.alert();
    Instant now = clock.instant();
    event(alert.id(), "raised", "Raised: " + alert.message(), now);
    List<String> chain = rota.chain(alert.siteId(), now);
    Message message = message(alert, 0);
    if (chain.isEmpty()) {
      event(
          alert.id(),
          "no-contact",
          "Nobody to e-mail: set a duty rota, a duty contact or CHORUS_ALERT_CONTACTS",
          now);
      LOG.warning(
          () ->
              "Alert "
                  + alert.id()
                  + ": nobody to e-mail (no duty rota, duty contact or CHORUS_ALERT_CONTACTS)");
    }
    tell(alert, chain.isEmpty() ? null : chain.get(0), message, now);
    // People who asked to hear of this kind of alert at this site, once each.
    java.util.Set<String> told = new java.util.HashSet<>();
    if (!chain.isEmpty()) {
      told.add(chain.get(0).toLowerCase(Locale.ROOT));
    }
    for (Subscription s : subscriptions.all()) {
      if (subscriptions.wants(s, alert.kind(), alert.siteId())
          && told.add(s.email().toLowerCase(Locale.ROOT))) {
        em.persist(new Notification(alert.id(), Notification.EMAIL, s.email(), message, now));
      }
    }
  }

  void followedUp(@Observes AlertFollowedUp done) {
    event(done.alertId(), done.what(), done.detail(), clock.instant());
  }

  /**
   * Moves an alert nobody acknowledged on to its next contact (inside the caller's transaction);
   * answers whether there was one.
   */
  boolean escalate(Alert alert, Instant now) {
    List<String> chain = rota.chain(alert.siteId(), now);
    int next = alert.escalationLevel() + 1;
    alert.escalate(now);
    if (next >= chain.size()) {
      event(
          alert.id(),
          "escalation-ended",
          "Nobody has acknowledged it and there is no one further to tell",
          now);
      return false;
    }
    tell(alert, chain.get(next), message(alert, next), now);
    event(
        alert.id(),
        "escalated",
        "Nobody acknowledged it in time: escalated to " + chain.get(next),
        now);
    return true;
  }

  void event(String alertId, String what, String detail, Instant at) {
    em.persist(new AlertEvent(alertId, what, detail, at));
  }

  /** Tells an offline alert's people that the kiosk is back (inside the caller's transaction). */
  void backOnline(Alert alert, Kiosk kiosk, Instant now) {
    event(alert.id(), "closed", kiosk == null ? "The kiosk was removed" : "Back online", now);
    if (kiosk == null) {
      return;
    }
    Site site = em.find(Site.class, alert.siteId());
    String siteName = site == null ? "its site" : site.name();
    String when = WHEN.format(now.atZone(site == null ? ZoneId.of("UTC") : site.zone()));
    String link = link(alert);
    Message back =
        new Message(
            "Chorus: the kiosk " + kiosk.name() + " at " + siteName + " is back",
            "The kiosk "
                + kiosk.name()
                + " at "
                + siteName
                + " is back online since "
                + when
                + ". Nothing more to do.\n\n"
                + link
                + "\n",
            link);
    List<String> chain = rota.chain(alert.siteId(), now);
    tell(alert, chain.isEmpty() ? null : chain.get(0), back, now);
  }

  /** Queues a message to one address (none if null) and to each webhook of the alert's site. */
  private void tell(Alert alert, String address, Message message, Instant now) {
    if (address != null) {
      em.persist(new Notification(alert.id(), Notification.EMAIL, address, message, now));
    }
    for (Webhook w : webhooks.forSite(alert.siteId())) {
      em.persist(new Notification(alert.id(), Notification.WEBHOOK, w.id(), message, now));
    }
  }

  private String link(Alert alert) {
    return settings.publicUrl() + "/console/alerts.html?id=" + alert.id();
  }

  /** What an alert's message says; {@code level} 0 for its first contact, more for escalations. */
  Message message(Alert alert, int level) {
    Site site = em.find(Site.class, alert.siteId());
    String siteName = site == null ? "a site" : site.name();
    ZoneId zone = site == null ? ZoneId.of("UTC") : site.zone();
    String when = WHEN.format(alert.createdAt().atZone(zone));
    String link = link(alert);
    return switch (alert.kind()) {
      case Alert.KIOSK_OFFLINE -> {
        Kiosk k = alert.kioskId() == null ? null : em.find(Kiosk.class, alert.kioskId());
        String name = k == null ? "a kiosk" : k.name();
        String since =
            k == null || k.offlineSince() == null
                ? when
                : WHEN.format(k.offlineSince().atZone(zone));
        yield new Message(
            "Chorus: the kiosk " + name + " at " + siteName + " is offline",
            "The kiosk "
                + name
                + " at "
                + siteName
                + " has not been heard from since "
                + since
                + ", while the site is open.\n\n"
                + "It may be switched off, unplugged or off the network. Could someone there check"
                + " that it is on and connected?\n\n"
                + link
                + "\n\nWe will tell you when it is back.\n",
            link);
      }
      case Alert.BAD_RUN ->
          new Message(
              "Chorus: a run of unhappy answers at " + siteName,
              alert.message()
                  + "\n\nIt may be worth someone looking in, or asking people how things are"
                  + " going today.\n\n"
                  + link
                  + "\n",
              link);
      default -> safeguarding(siteName, when, link, level);
    };
  }

  private static Message safeguarding(String siteName, String when, String link, int level) {
    String subject =
        level == 0
            ? "Chorus: please look at an alert for " + siteName
            : "Chorus: an alert for " + siteName + " still needs someone";
    StringBuilder body = new StringBuilder();
    body.append("A comment left at ")
        .append(siteName)
        .append(" at ")
        .append(when)
        .append(" may be a safeguarding concern.\n\n");
    if (level > 0) {
      body.append("Nobody has acknowledged it yet, so you are the next person we are asking.\n\n");
    }
    body.append("Please read it in Chorus and act now:\n")
        .append(link)
        .append("\n\n")
        .append("When you have seen to it, press Acknowledge there, so nobody else is called.\n")
        .append("This message holds none of the comment's words.\n");
    return new Message(subject, body.toString(), link);
  }
}
