package chorus.server.moderation;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

/**
 * Something a named person must look at now, not when the queue reaches it: a comment that may be a
 * safeguarding concern. Its people are told at once (see {@code chorus.server.notify}); it waits
 * for someone to acknowledge it, moves on to the next contact when nobody does in time, and is
 * closed with a note of what was done.
 */
@Entity
@Table(name = "alert")
public class Alert {
  public static final String SAFEGUARDING = "safeguarding";
  public static final String KIOSK_OFFLINE = "kiosk-offline";
  public static final String BAD_RUN = "bad-run";

  @Id private String id;

  @Column(nullable = false)
  private String kind;

  @Column(name = "site_id", nullable = false)
  private String siteId;

  @Column(name = "feedback_id")
  private String feedbackId;

  @Column(name = "duty_contact")
  private String dutyContact;

  @Column(nullable = false)
  private String message;

  @Column(name = "created_at", nullable = false)
  private OffsetDateTime createdAt;

  @Column(name = "acknowledged_at")
  private OffsetDateTime acknowledgedAt;

  @Column(name = "acknowledged_by")
  private String acknowledgedBy;

  @Column(name = "kiosk_id")
  private String kioskId;

  @Column(name = "dedupe_key")
  private String dedupeKey;

  @Column(name = "escalation_level", nullable = false)
  private int escalationLevel;

  @Column(name = "escalated_at")
  private OffsetDateTime escalatedAt;

  @Column(name = "closed_at")
  private OffsetDateTime closedAt;

  @Column(name = "closed_by")
  private String closedBy;

  @Column(name = "close_note")
  private String closeNote;

  protected Alert() {}

  Alert(
      String kind,
      String siteId,
      String feedbackId,
      String dutyContact,
      String message,
      Instant at) {
    this.id = UUID.randomUUID().toString();
    this.kind = kind;
    this.siteId = siteId;
    this.feedbackId = feedbackId;
    this.dutyContact = dutyContact;
    this.message = message;
    this.createdAt = at.atOffset(ZoneOffset.UTC);
  }

  /**
   * An alert about a kiosk or a site rather than a comment; {@code dedupeKey} is unique, so of
   * several instances raising the same one, one stores it.
   */
  public static Alert about(
      String kind, String siteId, String kioskId, String dedupeKey, String message, Instant at) {
    Alert a = new Alert(kind, siteId, null, null, message, at);
    a.kioskId = kioskId;
    a.dedupeKey = dedupeKey;
    return a;
  }

  /** The kiosk it is about, for a kiosk that went offline; null otherwise. */
  public String kioskId() {
    return kioskId;
  }

  public String dedupeKey() {
    return dedupeKey;
  }

  /** Closes it without a person: the kiosk came back. */
  public void resolve(String note, Instant at) {
    close("Chorus", note, at);
  }

  public String id() {
    return id;
  }

  public String kind() {
    return kind;
  }

  public String siteId() {
    return siteId;
  }

  public String feedbackId() {
    return feedbackId;
  }

  public String dutyContact() {
    return dutyContact;
  }

  public String message() {
    return message;
  }

  public Instant createdAt() {
    return createdAt.toInstant();
  }

  public Instant acknowledgedAt() {
    return acknowledgedAt == null ? null : acknowledgedAt.toInstant();
  }

  public String acknowledgedBy() {
    return acknowledgedBy;
  }

  /** How many times it has moved on to the next contact: 0 while with the first. */
  public int escalationLevel() {
    return escalationLevel;
  }

  /** When it last moved on to the next contact, or when it was raised if it never has. */
  public Instant lastToldAt() {
    return escalatedAt == null ? createdAt() : escalatedAt.toInstant();
  }

  public Instant closedAt() {
    return closedAt == null ? null : closedAt.toInstant();
  }

  public String closedBy() {
    return closedBy;
  }

  public String closeNote() {
    return closeNote;
  }

  /** Moves it on to the next contact. */
  public void escalate(Instant at) {
    this.escalationLevel++;
    this.escalatedAt = at.atOffset(ZoneOffset.UTC);
  }

  void close(String by, String note, Instant at) {
    if (acknowledgedAt == null) {
      acknowledge(by, at);
    }
    this.closedBy = by;
    this.closeNote = note;
    this.closedAt = at.atOffset(ZoneOffset.UTC);
  }

  void acknowledge(String by, Instant at) {
    this.acknowledgedBy = by;
    this.acknowledgedAt = at.atOffset(ZoneOffset.UTC);
  }
}
