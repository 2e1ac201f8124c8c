package chorus.server.feedback;

import chorus.protocol.ErrorCode;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Group commit for presses. Kiosk connections hand their presses here; one writer takes whatever
 * has arrived (up to {@value #MAX_BATCH}) and stores it in one transaction, then answers each
 * press: acked only after that commit, or refused. When presses trickle in, a batch is one press
 * and nothing waits; when hundreds arrive together they share one commit and one turn of the press
 * counter, instead of queueing for its row lock one commit at a time. If a batch cannot commit (a
 * clash with another instance, a database hiccup), its presses are stored one by one, so one bad
 * press never holds up the others.
 */
@ApplicationScoped
public class IngestQueue {
  private static final Logger LOG = Logger.getLogger(IngestQueue.class.getName());
  static final int MAX_BATCH = 256;

  /** Past this many presses waiting, new ones are asked to come back later (never dropped). */
  static final int MAX_WAITING = 50_000;

  /** How a press is answered: on the writer's thread, so quickly (an async send). */
  public interface Reply {
    void acked();

    void refused(ErrorCode code, String message);
  }

  private record Pending(FeedbackIngest.Arrival arrival, Reply reply) {}

  private final BlockingQueue<Pending> waiting = new LinkedBlockingQueue<>(MAX_WAITING);
  private volatile Thread writer;
  private volatile boolean stopping;

  @Inject FeedbackIngest ingest;

  @Resource ManagedThreadFactory threads;

  /** Queues a press for storing; its reply comes once it is committed or refused. */
  public void submit(FeedbackIngest.Arrival arrival, Reply reply) {
    startWriter();
    if (!waiting.offer(new Pending(arrival, reply))) {
      reply.refused(
          ErrorCode.RATE_LIMITED,
          "the server is busy storing presses; send it again in a few seconds");
    }
  }

  private void startWriter() {
    if (writer == null) {
      synchronized (this) {
        if (writer == null && !stopping) {
          Thread t = threads.newThread(this::write);
          t.setName("chorus-ingest");
          t.start();
          writer = t;
        }
      }
    }
  }

  private void write() {
    List<Pending> batch = new ArrayList<>(MAX_BATCH);
    while (!stopping) {
      try {
        Pending first = waiting.poll(1, TimeUnit.SECONDS);
        if (first == null) {
          continue;
        }
        batch.add(first);
        waiting.drainTo(batch, MAX_BATCH - 1);
        store(batch);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException e) {
        // Never let the writer die: its presses are unanswered, so their kiosks send them again.
        LOG.log(Level.WARNING, "Storing a batch of " + batch.size() + " presses failed", e);
      } finally {
        batch.clear();
      }
    }
  }

  private void store(List<Pending> batch) {
    List<FeedbackIngest.Result> results;
    try {
      results = ingest.storeAll(batch.stream().map(Pending::arrival).toList());
    } catch (RuntimeException e) {
      LOG.fine(
          () ->
              "A batch of "
                  + batch.size()
                  + " presses could not commit ("
                  + e
                  + "); storing them one by one");
      batch.forEach(this::storeAlone);
      return;
    }
    for (int i = 0; i < batch.size(); i++) {
      answer(batch.get(i), results.get(i));
    }
  }

  private void storeAlone(Pending p) {
    FeedbackIngest.Arrival a = p.arrival();
    String id = a.id().toString();
    try {
      ingest.store(a);
      p.reply().acked();
    } catch (FeedbackRejected e) {
      p.reply().refused(e.code(), e.getMessage());
    } catch (RuntimeException e) {
      // Most likely the same id committed on another connection or instance a moment ago.
      if (ingest.isStored(a.kioskId(), id)) {
        p.reply().acked();
      } else {
        LOG.log(Level.WARNING, "Kiosk " + a.kioskId() + ": could not store press " + id, e);
        p.reply()
            .refused(
                ErrorCode.INTERNAL_ERROR, "the press could not be stored now; send it again later");
      }
    }
  }

  private static void answer(Pending p, FeedbackIngest.Result r) {
    if (r.refusal() == null) {
      p.reply().acked();
    } else {
      p.reply().refused(r.refusal().code(), r.refusal().getMessage());
    }
  }

  @PreDestroy
  void stop() {
    stopping = true;
    Thread t = writer;
    if (t != null) {
      t.interrupt();
    }
  }
}
