package chorus.server.demo;

import chorus.protocol.EasyRead;
import chorus.protocol.FollowUp;
import chorus.protocol.PromptOption;
import chorus.protocol.Translation;
import chorus.server.kiosk.KioskDirectory;
import chorus.server.prompt.LiveAssignment;
import chorus.server.prompt.PromptCatalog;
import chorus.server.prompt.Schedule;
import chorus.server.site.Site;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.logging.Logger;

/** The demo site, prompt and kiosk, written in one transaction. */
@ApplicationScoped
public class DemoData {
  private static final Logger LOG = Logger.getLogger(DemoData.class.getName());
  static final String KIOSK_NAME = "Demo kiosk";

  @PersistenceContext(unitName = "chorus")
  EntityManager em;

  @Inject PromptCatalog prompts;
  @Inject KioskDirectory directory;

  /**
   * Seeds an empty database with {@code kiosks} demo kiosks and returns their tokens, the first
   * being "Demo kiosk"; on a seeded database returns a fresh token for the demo kiosk only if the
   * caller lost the old one.
   */
  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public List<String> seedOrReissue(boolean tokenKept, int kiosks) {
    long sites = em.createQuery("select count(s) from Site s", Long.class).getSingleResult();
    if (sites > 0) {
      if (tokenKept) {
        return List.of();
      }
      return em.createQuery("select k.id from Kiosk k where k.name = :name", String.class)
          .setParameter("name", KIOSK_NAME)
          .getResultStream()
          .findFirst()
          .flatMap(directory::rotateToken)
          .map(List::of)
          .orElse(List.of());
    }
    Site site = new Site("Riverside Library", Site.LIBRARY, "Europe/London");
    em.persist(site);
    // No JPA relationships are mapped, so the provider cannot order inserts by foreign key.
    em.flush();
    chorus.protocol.Prompt prompt =
        prompts.create(
            new chorus.protocol.Prompt(
                "draft",
                1,
                "How was your visit today?",
                List.of(
                    new PromptOption("very-happy", "Very good", "\uD83D\uDE00", "#1d7a3a", 1),
                    new PromptOption("happy", "Good", "\uD83D\uDE42", "#5f9e2f", 2),
                    new PromptOption("okay", "OK", "\uD83D\uDE10", "#b58900", 3),
                    new PromptOption("unhappy", "Not good", "\uD83D\uDE41", "#c4661f", 4),
                    new PromptOption("very-unhappy", "Bad", "\uD83D\uDE1E", "#b3261e", 5)),
                new FollowUp(
                    FollowUp.CHOICE,
                    "What made the biggest difference?",
                    List.of(
                        new PromptOption("staff", "The staff", "\uD83E\uDDD1", null),
                        new PromptOption("activities", "The activities", "\uD83C\uDFA8", null),
                        new PromptOption("building", "The building", "\uD83C\uDFE0", null),
                        new PromptOption("food", "Food and drink", "\u2615", null),
                        new PromptOption("other", "Something else", "\u2754", null))),
                new EasyRead(
                    "\uD83C\uDFDB\uFE0F", null, "How was your visit today? Press a button."),
                java.util.Map.of(
                    "cy",
                    new Translation(
                        "Sut oedd eich ymweliad heddiw?",
                        null,
                        java.util.Map.of(
                            "very-happy",
                            "Da iawn",
                            "happy",
                            "Da",
                            "okay",
                            "Iawn",
                            "unhappy",
                            "Ddim yn dda",
                            "very-unhappy",
                            "Gwael"),
                        "Beth wnaeth y gwahaniaeth mwyaf?",
                        java.util.Map.of()))));
    prompts.assign(prompt.id(), LiveAssignment.ALL, null, Schedule.ALWAYS);
    List<String> tokens = new java.util.ArrayList<>();
    tokens.add(directory.create(site.id(), KIOSK_NAME).token());
    for (int n = 2; n <= kiosks; n++) {
      tokens.add(directory.create(site.id(), "Demo kiosk " + n).token());
    }
    LOG.info(
        () ->
            "Demo data seeded: site 'Riverside Library', prompt 'How was your visit today?', "
                + kiosks
                + " kiosk(s)");
    return tokens;
  }
}
