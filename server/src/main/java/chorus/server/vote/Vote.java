package chorus.server.vote;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Embeddable;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * A "what should we ask about next?" vote: the prompt kiosks ask it with (one option per candidate:
 * its label and symbol), the full question each candidate stands for, the sites it runs at (none:
 * every site), and, once decided, the winner and the prompt made from it.
 */
@Entity
@Table(name = "vote")
public class Vote {
  @Id private String id;

  @Column(name = "prompt_id", nullable = false)
  private String promptId;

  @Column(name = "created_at", nullable = false)
  private OffsetDateTime createdAt;

  @Column(name = "created_by", nullable = false)
  private String createdBy;

  @Column(name = "winner_key")
  private String winnerKey;

  @Column(name = "winner_prompt_id")
  private String winnerPromptId;

  @Column(name = "decided_at")
  private OffsetDateTime decidedAt;

  @ElementCollection(fetch = FetchType.EAGER)
  @CollectionTable(name = "vote_candidate", joinColumns = @JoinColumn(name = "vote_id"))
  private List<Candidate> candidates = new ArrayList<>();

  @ElementCollection(fetch = FetchType.EAGER)
  @CollectionTable(name = "vote_site", joinColumns = @JoinColumn(name = "vote_id"))
  @Column(name = "site_id")
  private Set<String> siteIds = new HashSet<>();

  /** A candidate question: its option on the vote prompt, and the question it would ask. */
  @Embeddable
  public static class Candidate {
    @Column(nullable = false)
    private int position;

    @Column(name = "option_key", nullable = false)
    private String key;

    @Column(nullable = false)
    private String question;

    protected Candidate() {}

    Candidate(int position, String key, String question) {
      this.position = position;
      this.key = key;
      this.question = question;
    }

    public int position() {
      return position;
    }

    public String key() {
      return key;
    }

    public String question() {
      return question;
    }
  }

  protected Vote() {}

  Vote(String promptId, List<Candidate> candidates, Set<String> siteIds, String by, Instant at) {
    this.id = UUID.randomUUID().toString();
    this.promptId = promptId;
    this.candidates = new ArrayList<>(candidates);
    this.siteIds = new HashSet<>(siteIds);
    this.createdBy = by;
    this.createdAt = at.atOffset(ZoneOffset.UTC);
  }

  public String id() {
    return id;
  }

  public String promptId() {
    return promptId;
  }

  /** In the order they are shown. */
  public List<Candidate> candidates() {
    return candidates.stream().sorted(Comparator.comparingInt(Candidate::position)).toList();
  }

  public Set<String> siteIds() {
    return Set.copyOf(siteIds);
  }

  public Instant createdAt() {
    return createdAt.toInstant();
  }

  public String createdBy() {
    return createdBy;
  }

  public Optional<String> winnerKey() {
    return Optional.ofNullable(winnerKey);
  }

  public Optional<String> winnerPromptId() {
    return Optional.ofNullable(winnerPromptId);
  }

  public Optional<Instant> decidedAt() {
    return Optional.ofNullable(decidedAt).map(OffsetDateTime::toInstant);
  }

  void decide(String key, String promptId, Instant at) {
    this.winnerKey = key;
    this.winnerPromptId = promptId;
    this.decidedAt = at.atOffset(ZoneOffset.UTC);
  }
}
