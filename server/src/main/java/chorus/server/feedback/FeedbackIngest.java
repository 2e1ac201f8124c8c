package chorus.server.feedback;

import chorus.protocol.ErrorCode;
import chorus.protocol.FeedbackFrame;
import chorus.protocol.FollowUp;
import chorus.protocol.Prompt;
import chorus.server.prompt.PromptCatalog;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import jakarta.enterprise.event.Event;
import java.time.Clock;

/**
 * Stores presses. {@link #store} returns only after its transaction has committed, so an ack sent
 * after it returns is never ahead of the data. A feedback id is stored once: a resend of a stored
 * id is reported as {@link Outcome#ALREADY_STORED} and acked again. Each stored press fires
 * {@link FeedbackStored} inside its transaction (moderation screens comments there) and, for
 * observers of {@code AFTER_SUCCESS}, after it commits (walls).
 */
@ApplicationScoped
public class FeedbackIngest {
  /** What happened to a press. */
  public enum Outcome {
    STORED,
    ALREADY_STORED
  }

  @PersistenceContext(unitName = "chorus")
  EntityManager em;

  @Inject PromptCatalog prompts;
  @Inject Clock clock;
  @Inject FeedbackSequence sequence;
  @Inject Event<FeedbackStored> storedEvents;

  private void stored(Feedback f) {
    storedEvents.fire(FeedbackStored.of(f));
  }

  /**
   * Stores one press from a kiosk, in its own transaction.
   *
   * @throws FeedbackRejected if the press can never be stored as sent
   */
  @Transactional(rollbackOn = FeedbackRejected.class)
  public Outcome store(String kioskId, String siteId, FeedbackFrame press) throws FeedbackRejected {
    String id = press.id().toString();
    Feedback existing = em.find(Feedback.class, id);
    if (existing != null) {
      return sameKiosk(existing, kioskId);
    }
    Prompt shown =
        prompts
            .version(press.promptId(), press.promptVersion())
            .orElseThrow(
                () ->
                    new FeedbackRejected(
                        ErrorCode.UNKNOWN_PROMPT,
                        "prompt " + press.promptId() + " has no version " + press.promptVersion()));
    if (shown.option(press.option()).isEmpty()) {
      throw new FeedbackRejected(
          ErrorCode.UNKNOWN_OPTION,
          "prompt " + press.promptId() + " v" + press.promptVersion() + " has no option '" + press.option() + "'");
    }
    FollowUp followUp = shown.followUp();
    String followUpKind = press.followUp() == null ? null : followUp == null ? FollowUp.COMMENT : followUp.kind();
    if (FollowUp.CHOICE.equals(followUpKind) && followUp.choices().stream().noneMatch(c -> c.key().equals(press.followUp()))) {
      throw new FeedbackRejected(
          ErrorCode.UNKNOWN_OPTION,
          "prompt " + press.promptId() + " v" + press.promptVersion() + " has no follow-up choice '" + press.followUp() + "'");
    }
    // Last, so the counter row is locked for as short a time as possible: until this commits.
    long seq = sequence.next();
    Feedback stored =
        new Feedback(
            id,
            kioskId,
            siteId,
            press.promptId(),
            press.promptVersion(),
            press.option(),
            press.followUp(),
            followUpKind,
            press.pressedAt(),
            clock.instant(),
            seq,
            press.repeat(),
            press.supported());
    em.persist(stored);
    // Surface a unique-key clash (the same id racing in on another connection) here, not at commit.
    em.flush();
    stored(stored);
    return Outcome.STORED;
  }

  /**
   * After a failed store: whether the id is stored now (it raced in on another connection), in
   * which case the kiosk is acked as for a resend.
   */
  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public boolean isStored(String kioskId, String feedbackId) {
    Feedback existing = em.find(Feedback.class, feedbackId);
    return existing != null && existing.kioskId().equals(kioskId);
  }

  private static Outcome sameKiosk(Feedback existing, String kioskId) throws FeedbackRejected {
    if (!existing.kioskId().equals(kioskId)) {
      throw new FeedbackRejected(ErrorCode.ID_CONFLICT, "feedback " + existing.id() + " was sent by another kiosk");
    }
    return Outcome.ALREADY_STORED;
  }
}
