package chorus.server.retention;

import chorus.protocol.AboutFrame;
import chorus.server.common.StartupFailure;
import chorus.server.kiosk.AboutSource;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * What the kiosks' "about your answers" screen says: how long a comment keeps its words and an
 * answer is kept one by one (the retention schedule), and whom to ask ({@code
 * CHORUS_KIOSK_CONTACT}, at most 300 characters; without it the kiosk says to ask a member of
 * staff).
 */
@ApplicationScoped
public class KioskAbout implements AboutSource {
  static final int MAX_CONTACT = 300;

  @Inject Retention retention;

  @Inject
  @ConfigProperty(name = "chorus.kiosk.contact")
  Optional<String> configured;

  private String contact;

  @PostConstruct
  void read() {
    contact = configured.map(String::strip).filter(s -> !s.isEmpty()).orElse(null);
    if (contact != null
        && (contact.length() > MAX_CONTACT || contact.chars().anyMatch(Character::isISOControl))) {
      throw StartupFailure.exit(
          "CHORUS_KIOSK_CONTACT",
          "whom to ask must be one line of at most " + MAX_CONTACT + " characters",
          null);
    }
  }

  /** Checks the setting as the server starts. */
  void atStart(@Observes @Initialized(ApplicationScoped.class) Object started) {
    // The container makes the bean to call this, and so runs read().
  }

  @Override
  public AboutFrame about() {
    RetentionSetting s = retention.settings();
    return new AboutFrame(s.approvedCommentDays(), s.pressDetailDays(), contact);
  }
}
