package chorus.server.action;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

/**
 * "You said, we did": what people said and what changed because of it, optionally about one prompt,
 * for some sites (or every site when it names none). Shown on walls and on kiosks when idle, until
 * withdrawn.
 */
@Entity
@Table(name = "action_post")
public class ActionPost {
  @Id private String id;

  @Column(name = "you_said")
  private String youSaid;

  @Column(name = "we_did", nullable = false)
  private String weDid;

  @Column(name = "prompt_id")
  private String promptId;

  @Column(name = "created_at", nullable = false)
  private OffsetDateTime createdAt;

  @Column(name = "created_by", nullable = false)
  private String createdBy;

  @Column(name = "withdrawn_at")
  private OffsetDateTime withdrawnAt;

  @ElementCollection(fetch = FetchType.EAGER)
  @CollectionTable(name = "action_site", joinColumns = @JoinColumn(name = "action_id"))
  @Column(name = "site_id")
  private Set<String> siteIds = new HashSet<>();

  protected ActionPost() {}

  ActionPost(
      String youSaid,
      String weDid,
      String promptId,
      Set<String> siteIds,
      String createdBy,
      Instant at) {
    this.id = UUID.randomUUID().toString();
    this.youSaid = youSaid;
    this.weDid = weDid;
    this.promptId = promptId;
    this.siteIds = new HashSet<>(siteIds);
    this.createdBy = createdBy;
    this.createdAt = at.atOffset(ZoneOffset.UTC);
  }

  public String id() {
    return id;
  }

  public String youSaid() {
    return youSaid;
  }

  public String weDid() {
    return weDid;
  }

  public String promptId() {
    return promptId;
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

  public boolean withdrawn() {
    return withdrawnAt != null;
  }

  /** Whether kiosks and walls at this site show it. */
  public boolean isFor(String siteId) {
    return siteIds.isEmpty() || siteIds.contains(siteId);
  }

  void withdraw(Instant at) {
    this.withdrawnAt = at.atOffset(ZoneOffset.UTC);
  }

  public chorus.protocol.ActionItem toItem() {
    return new chorus.protocol.ActionItem(id, youSaid, weDid, createdAt.toInstant());
  }
}
