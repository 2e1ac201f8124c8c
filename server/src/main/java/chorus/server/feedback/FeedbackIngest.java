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

  /** A press as a kiosk sent it, with who sent it. */
  public record Arrival(String kioskId, String siteId, FeedbackFrame press) {}

  /** What became of one press of a batch: stored now, stored before, or refused for good. */
  public record Result(Outcome outcome, FeedbackRejected refusal) {
    static Result of(Outcome outcome) {
      return new Result(outcome, null);
    }

    static Result refused(FeedbackRejected refusal) {
      return new Result(null, refusal);
    }
  }

  /**
   * Stores one press from a kiosk, in its own transaction.
   *
   * @throws FeedbackRejected if the press can never be stored as sent
   */
  @Transactional(rollbackOn = FeedbackRejected.class)
  public Outcome store(String kioskId, String siteId, FeedbackFrame press) throws FeedbackRejected {
    Result result = storeAll(java.util.List.of(new Arrival(kioskId, siteId, press))).get(0);
    if (result.refusal() != null) {
      throw result.refusal();
    }
    return result.outcome();
  }

  /**
   * Stores a batch of presses, from any kiosks, in one transaction (group commit: one commit and
   * one turn of the press counter for them all); answers each one's result in order. A press
   * refused for good does not stop the others. Returns only after the commit, so acks sent after
   * it are never ahead of the data; if the commit fails it throws, and nothing of the batch is
   * stored.
   */
  @Transactional
  public java.util.List<Result> storeAll(java.util.List<Arrival> batch) {
    java.util.List<Result> results = new java.util.ArrayList<>(batch.size());
    java.util.List<Feedback> fresh = new java.util.ArrayList<>();
    java.util.Map<String, String> kioskOfIdInBatch = new java.util.HashMap<>();
    for (Arrival a : batch) {
      FeedbackFrame press = a.press();
      String id = press.id().toString();
      try {
        String earlier = kioskOfIdInBatch.get(id);
        Feedback existing = earlier == null ? em.find(Feedback.class, id) : null;
        if (earlier != null) {
          // The same press twice in one batch (a resend racing the first on another connection).
          if (!earlier.equals(a.kioskId())) {
            throw new FeedbackRejected(ErrorCode.ID_CONFLICT, "feedback " + id + " was sent by another kiosk");
          }
          results.add(Result.of(Outcome.ALREADY_STORED));
        } else if (existing != null) {
          results.add(Result.of(sameKiosk(existing, a.kioskId())));
        } else {
          String followUpKind = check(press);
          kioskOfIdInBatch.put(id, a.kioskId());
          fresh.add(
              new Feedback(
                  id, a.kioskId(), a.siteId(), press.promptId(), press.promptVersion(), press.option(), press.followUp(), followUpKind,
                  press.pressedAt(), clock.instant(), 0, press.repeat(), press.supported()));
          results.add(Result.of(Outcome.STORED));
        }
      } catch (FeedbackRejected e) {
        results.add(Result.refused(e));
      }
    }
    if (!fresh.isEmpty()) {
      // Last, so the counter row is locked for as short a time as possible: until this commits.
      long seq = sequence.next(fresh.size()) - fresh.size() + 1;
      for (Feedback f : fresh) {
        f.number(seq++);
        em.persist(f);
      }
      // Surface a unique-key clash (the same id racing in on another instance) here, not at commit.
      em.flush();
      fresh.forEach(this::stored);
    }
    return results;
  }

  /** Checks a new press against the prompt version it answers; answers its follow-up's kind. */
  private String check(FeedbackFrame press) throws FeedbackRejected {
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
    return followUpKind;
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
