package chorus.server.feedback;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

/**
 * Numbers stored presses in commit order. The counter row is incremented inside the storing
 * transaction and stays locked until it commits, so no press commits with a number below one
 * already committed, and a press that rolls back gives its number back: the numbers walls see have
 * no gaps, and a wall that asks for everything after N misses nothing.
 */
@ApplicationScoped
public class FeedbackSequence {
  @PersistenceContext(unitName = "chorus")
  EntityManager em;

  /**
   * Takes the next {@code count} numbers and answers the last of them; must run inside the
   * transaction that stores the presses.
   */
  long next(int count) {
    em.createNativeQuery("update counter set seq_value = seq_value + ? where name = 'feedback'")
        .setParameter(1, count)
        .executeUpdate();
    return ((Number)
            em.createNativeQuery("select seq_value from counter where name = 'feedback'")
                .getSingleResult())
        .longValue();
  }

  /** The number of the last press committed. */
  public long committed() {
    return ((Number)
            em.createNativeQuery("select seq_value from counter where name = 'feedback'")
                .getSingleResult())
        .longValue();
  }
}
