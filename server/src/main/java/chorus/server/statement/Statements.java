package chorus.server.statement;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;

/**
 * The install's privacy and accessibility statements: the admin's own words where they have been
 * written, Chorus's default words (with places marked for the organisation's details) where not.
 */
@ApplicationScoped
public class Statements {
  /** The statements there are, each with the title its page has when its words give none. */
  static final Map<String, String> KINDS =
      Map.of("privacy", "How we use your answers", "accessibility", "Accessibility statement");

  /** The longest a statement may be, in characters. */
  static final int MAX_LENGTH = 20_000;

  @PersistenceContext(unitName = "chorus")
  EntityManager em;

  @Inject Clock clock;
  @Inject chorus.server.retention.Retention retention;

  /** Written in a statement, this is replaced by how long things are kept now. */
  static final String RETENTION = "{{retention}}";

  /** One statement as it is shown now. {@code updatedAt} is null for the default words. */
  public record Statement(
      String kind, String markdown, boolean custom, Instant updatedAt, String shown) {
    /** The words as they are shown: {@code markdown} with the placeholders filled in. */
    public Statement(String kind, String markdown, boolean custom, Instant updatedAt) {
      this(kind, markdown, custom, updatedAt, markdown);
    }

    public String title() {
      String t = StatementHtml.title(shown);
      return t != null ? t : KINDS.get(kind);
    }

    public String html() {
      return StatementHtml.render(shown);
    }

    /** Whether the words have a top-level heading of their own (else the page gives one). */
    public boolean hasOwnTitle() {
      return StatementHtml.title(shown) != null;
    }
  }

  static boolean exists(String kind) {
    return kind != null && KINDS.containsKey(kind);
  }

  public Statement get(String kind) {
    StatementRow row = em.find(StatementRow.class, kind);
    return row == null
        ? filled(kind, defaultWords(kind), false, null)
        : filled(kind, row.markdown(), true, row.updatedAt());
  }

  private Statement filled(String kind, String markdown, boolean custom, Instant updatedAt) {
    String shown =
        markdown.contains(RETENTION) ? markdown.replace(RETENTION, retention.inWords()) : markdown;
    return new Statement(kind, markdown, custom, updatedAt, shown);
  }

  @Transactional
  public Statement save(String kind, String markdown, String by) {
    StatementRow row = em.find(StatementRow.class, kind);
    if (row == null) {
      row = new StatementRow(kind);
      row.change(markdown, clock.instant(), by);
      em.persist(row);
    } else {
      row.change(markdown, clock.instant(), by);
    }
    return filled(kind, markdown, true, row.updatedAt());
  }

  /** Back to Chorus's default words; whether there were words of the install's own. */
  @Transactional
  public boolean reset(String kind) {
    StatementRow row = em.find(StatementRow.class, kind);
    if (row == null) {
      return false;
    }
    em.remove(row);
    return true;
  }

  static String defaultWords(String kind) {
    try (InputStream in = Statements.class.getResourceAsStream("/statements/" + kind + ".md")) {
      if (in == null) {
        throw new IllegalStateException("The default " + kind + " statement is missing");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
