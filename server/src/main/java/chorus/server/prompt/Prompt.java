package chorus.server.prompt;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

/**
 * A question facilitators put to visitors. Its content lives in immutable {@link PromptVersion}s;
 * this row names the current one. A prompt with answers is archived, never deleted.
 */
@Entity
@Table(name = "prompt")
public class Prompt {
  @Id private String id;

  @Column(nullable = false)
  private String name;

  @Column(name = "current_version", nullable = false)
  private int currentVersion;

  @Column(nullable = false)
  private boolean archived;

  @Column(name = "ever_live", nullable = false)
  private boolean everLive;

  @Column(name = "created_at", nullable = false)
  private OffsetDateTime createdAt;

  protected Prompt() {}

  public Prompt(String name) {
    this.id = UUID.randomUUID().toString();
    this.name = name;
    this.currentVersion = 0;
    this.createdAt = OffsetDateTime.now(ZoneOffset.UTC);
  }

  public String id() {
    return id;
  }

  public String name() {
    return name;
  }

  public int currentVersion() {
    return currentVersion;
  }

  public boolean archived() {
    return archived;
  }

  public boolean everLive() {
    return everLive;
  }

  public java.time.Instant createdAt() {
    return createdAt.toInstant();
  }

  void wentLive() {
    everLive = true;
  }

  void archive() {
    archived = true;
  }

  void rename(String newName) {
    name = newName;
  }

  /** Makes the next version number current and returns it. */
  int advanceVersion() {
    return ++currentVersion;
  }
}
