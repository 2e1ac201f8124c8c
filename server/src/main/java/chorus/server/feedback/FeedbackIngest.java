package chorus.server.feedback;

import chorus.protocol.ErrorCode;
import chorus.protocol.FeedbackFrame;
import chorus.protocol.FollowUp;
import chorus.protocol.Prompt;
import chorus.server.prompt.PromptCatalog;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Logger;

/**
 * Stores presses. {@link #storeAll} returns only after its transaction has committed, so an ack
 * sent after it returns is never ahead of the data. A feedback id is stored once: a resend of a
 * stored id is reported as {@link Outcome#ALREADY_STORED} and acked again. Each stored press fires
 * {@link FeedbackStored} inside its transaction (moderation screens comments there) and, for
 * observers of {@code AFTER_SUCCESS}, after it commits (walls).
 *
 * <p>A press a person made is never refused for what it says: one that matches no prompt version
 * the server knows, an option that version lacks, a time far off, or that arrived as a frame this
 * server cannot decode but can tell is a press, is stored as an {@link UnmatchedPress} with the
 * reason ({@link Outcome#STORED_UNMATCHED}), acked like any other and left out of every count,
 * until staff {@link #place} it on a prompt version. Only an id that belongs to another kiosk's
 * press is refused.
 *
 * <p>Over 300 lines because the batch, the one-by-one fallback and the classification of a press
 * (stored, unmatched, refused) are one decision about the same rows in the same transaction; kept
 * together so the exactly-once rule can be read in one place.
 */
@ApplicationScoped
public class FeedbackIngest {
  private static final Logger LOG = Logger.getLogger(FeedbackIngest.class.getName());

  /**
   * A press dated further ahead of the server's clock than this is unmatched: the kiosk's clock is
   * wrong.
   */
  static final Duration FAR_AHEAD = Duration.ofDays(1);

  /** What happened to a press. */
  public enum Outcome {
    STORED,
    ALREADY_STORED,
    STORED_UNMATCHED
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
   * A press as a kiosk sent it, with who sent it: decoded ({@code press}), or a frame that is a
   * press but did not decode ({@code unreadable}, with its id).
   */
  public record Arrival(
      String kioskId, String siteId, FeedbackFrame press, UUID id, Unmatched unreadable) {
    public Arrival(String kioskId, String siteId, FeedbackFrame press) {
      this(kioskId, siteId, press, press.id(), null);
    }

    /** A frame that is recognisably a press but does not decode. */
    public static Arrival unreadable(String kioskId, String siteId, Unmatched.Identified press) {
      return new Arrival(kioskId, siteId, null, press.id(), press.why());
    }
  }

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
   * @throws FeedbackRejected if the press can never be stored as sent (another kiosk's id)
   */
  @Transactional(rollbackOn = FeedbackRejected.class)
  public Outcome store(Arrival arrival) throws FeedbackRejected {
    Result result = storeAll(List.of(arrival)).get(0);
    if (result.refusal() != null) {
      throw result.refusal();
    }
    return result.outcome();
  }

  /**
   * Stores a batch of presses, from any kiosks, in one transaction (group commit: one commit and
   * one turn of the press counter for them all); answers each one's result in order. A press
   * refused for good does not stop the others. Returns only after the commit, so acks sent after it
   * are never ahead of the data; if the commit fails it throws, and nothing of the batch is stored.
   */
  @Transactional
  public List<Result> storeAll(List<Arrival> batch) {
    List<Result> results = new ArrayList<>(batch.size());
    List<Feedback> fresh = new ArrayList<>();
    Map<String, String> kioskOfIdInBatch = new HashMap<>();
    Instant now = clock.instant();
    for (Arrival a : batch) {
      String id = a.id().toString();
      try {
        String earlier = kioskOfIdInBatch.get(id);
        Feedback existing = earlier == null ? em.find(Feedback.class, id) : null;
        if (earlier != null) {
          // The same press twice in one batch (a resend racing the first on another connection).
          if (!earlier.equals(a.kioskId())) {
            throw new FeedbackRejected(
                ErrorCode.ID_CONFLICT, "feedback " + id + " was sent by another kiosk");
          }
          results.add(Result.of(Outcome.ALREADY_STORED));
          continue;
        }
        if (existing != null) {
          results.add(Result.of(sameKiosk(existing.kioskId(), id, a.kioskId())));
          continue;
        }
        if (a.press() != null
            && a.press().pressedAt().isBefore(now.minus(RolledPress.DETAIL_AT_LEAST))
            && em.find(RolledPress.class, id) != null) {
          // Stored long ago and since rolled up into its day's counts: counted once already.
          results.add(Result.of(Outcome.ALREADY_STORED));
          continue;
        }
        Prompt shown =
            a.press() == null
                ? null
                : prompts.version(a.press().promptId(), a.press().promptVersion()).orElse(null);
        Unmatched why = a.unreadable() != null ? a.unreadable() : match(a.press(), shown, now);
        if (why == null) {
          FeedbackFrame press = a.press();
          kioskOfIdInBatch.put(id, a.kioskId());
          fresh.add(
              new Feedback(
                  id,
                  a.kioskId(),
                  a.siteId(),
                  press.promptId(),
                  press.promptVersion(),
                  press.option(),
                  press.followUp(),
                  followUpKind(press, shown),
                  press.pressedAt(),
                  now,
                  0,
                  press.repeat(),
                  press.supported()));
          results.add(Result.of(Outcome.STORED));
          continue;
        }
        UnmatchedPress before = em.find(UnmatchedPress.class, id);
        if (before != null) {
          results.add(Result.of(sameKiosk(before.kioskId(), id, a.kioskId())));
          continue;
        }
        kioskOfIdInBatch.put(id, a.kioskId());
        em.persist(new UnmatchedPress(id, a.kioskId(), a.siteId(), why, now));
        LOG.fine(
            () ->
                "Kiosk "
                    + a.kioskId()
                    + ": press "
                    + id
                    + " kept as unmatched ("
                    + why.code()
                    + ": "
                    + why.reason()
                    + ")");
        results.add(Result.of(Outcome.STORED_UNMATCHED));
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
    }
    // Surface a unique-key clash (the same id racing in on another instance) here, not at commit.
    em.flush();
    fresh.forEach(this::stored);
    return results;
  }

  /** Why a decoded press matches no prompt version the server knows, or null if it matches one. */
  private static Unmatched match(FeedbackFrame press, Prompt shown, Instant now) {
    if (shown == null) {
      return Unmatched.of(
          press,
          ErrorCode.UNKNOWN_PROMPT.wire(),
          "prompt " + press.promptId() + " has no version " + press.promptVersion());
    }
    if (shown.option(press.option()).isEmpty()) {
      return Unmatched.of(
          press,
          ErrorCode.UNKNOWN_OPTION.wire(),
          "prompt "
              + press.promptId()
              + " v"
              + press.promptVersion()
              + " has no option '"
              + press.option()
              + "'");
    }
    FollowUp followUp = shown.followUp();
    if (press.followUp() != null
        && followUp != null
        && FollowUp.CHOICE.equals(followUp.kind())
        && followUp.choices().stream().noneMatch(c -> c.key().equals(press.followUp()))) {
      return Unmatched.of(
          press,
          ErrorCode.UNKNOWN_OPTION.wire(),
          "prompt "
              + press.promptId()
              + " v"
              + press.promptVersion()
              + " has no follow-up choice '"
              + press.followUp()
              + "'");
    }
    if (press.pressedAt().isAfter(now.plus(FAR_AHEAD))) {
      return Unmatched.of(
          press,
          "pressed_at_far_off",
          "pressed at " + press.pressedAt() + ", more than a day ahead of the server's clock");
    }
    return null;
  }

  /** The kind of a matched press's follow-up answer (a comment where the version asks none). */
  private static String followUpKind(FeedbackFrame press, Prompt shown) {
    if (press.followUp() == null) {
      return null;
    }
    FollowUp followUp = shown.followUp();
    return followUp == null ? FollowUp.COMMENT : followUp.kind();
  }

  /**
   * Places an unmatched press on a prompt version, as staff decided: it becomes a numbered row of
   * feedback with the same id (counted, on walls, its comment in the moderation queue), and the
   * unmatched record says who placed it. Its answer to the follow-up goes with it where that
   * version takes it.
   *
   * @return the placed press, or empty if there is no such open unmatched press
   * @throws chorus.server.common.BadRequestException if the version or option does not exist
   */
  @Transactional
  public Optional<UnmatchedPress> place(
      String id,
      String promptId,
      int promptVersion,
      String option,
      String by,
      java.util.function.Predicate<String> covers) {
    UnmatchedPress u = em.find(UnmatchedPress.class, id);
    if (u == null || !covers.test(u.siteId()) || !UnmatchedPress.OPEN.equals(u.status())) {
      return Optional.empty();
    }
    Prompt version =
        prompts
            .version(promptId, promptVersion)
            .orElseThrow(
                () ->
                    new chorus.server.common.BadRequestException(
                        "promptVersion",
                        "prompt " + promptId + " has no version " + promptVersion));
    if (version.option(option).isEmpty()) {
      throw new chorus.server.common.BadRequestException(
          "option", "that version has no option '" + option + "'");
    }
    Instant now = clock.instant();
    if (em.find(Feedback.class, id) == null) {
      Unmatched.Answer answer = Unmatched.answer(u.frame());
      String followUp = answer.followUp();
      String kind = null;
      if (followUp != null) {
        FollowUp asked = version.followUp();
        kind = asked == null ? FollowUp.COMMENT : asked.kind();
        if (FollowUp.CHOICE.equals(kind)
            && asked.choices().stream().noneMatch(c -> c.key().equals(answer.followUp()))) {
          followUp = null;
          kind = null;
        }
      }
      Instant pressedAt =
          u.pressedAt() == null
                  || u.pressedAt().isAfter(now.plus(FAR_AHEAD))
                  || u.pressedAt().isBefore(Instant.parse("2000-01-01T00:00:00Z"))
              ? u.receivedAt()
              : u.pressedAt();
      Feedback f =
          new Feedback(
              id,
              u.kioskId(),
              u.siteId(),
              promptId,
              promptVersion,
              option,
              followUp,
              kind,
              pressedAt,
              now,
              0,
              answer.repeat(),
              answer.supported());
      f.number(sequence.next(1));
      em.persist(f);
      em.flush();
      stored(f);
    }
    u.resolve(
        UnmatchedPress.ASSIGNED,
        by,
        "placed on " + promptId + " v" + promptVersion + " '" + option + "'",
        now);
    return Optional.of(u);
  }

  /** Staff looked at an unmatched press and leave it aside: it stays, out of the counts. */
  @Transactional
  public Optional<UnmatchedPress> setAside(
      String id, String note, String by, java.util.function.Predicate<String> covers) {
    UnmatchedPress u = em.find(UnmatchedPress.class, id);
    if (u == null || !covers.test(u.siteId()) || !UnmatchedPress.OPEN.equals(u.status())) {
      return Optional.empty();
    }
    u.resolve(UnmatchedPress.SET_ASIDE, by, note, clock.instant());
    return Optional.of(u);
  }

  /**
   * After a failed store: whether the id is stored now (it raced in on another connection), in
   * which case the kiosk is acked as for a resend.
   */
  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public boolean isStored(String kioskId, String feedbackId) {
    Feedback existing = em.find(Feedback.class, feedbackId);
    if (existing != null) {
      return existing.kioskId().equals(kioskId);
    }
    UnmatchedPress unmatched = em.find(UnmatchedPress.class, feedbackId);
    return unmatched != null && unmatched.kioskId().equals(kioskId);
  }

  private static Outcome sameKiosk(String storedBy, String id, String kioskId)
      throws FeedbackRejected {
    if (!storedBy.equals(kioskId)) {
      throw new FeedbackRejected(
          ErrorCode.ID_CONFLICT, "feedback " + id + " was sent by another kiosk");
    }
    return Outcome.ALREADY_STORED;
  }
}
