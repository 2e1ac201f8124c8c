package chorus.server.notify;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

/**
 * One message to one recipient (an e-mail address, or a webhook by id), written in the same
 * transaction as what it tells of and sent by {@link NotificationWorker}: pending until sent,
 * retried with backoff while the mail server or webhook is down, leased so that with several
 * instances one sends it.
 */
@Entity
@Table(name = "notification")
public class Notification {
  public static final String EMAIL = "email";
  public static final String WEBHOOK = "webhook";
  static final String PENDING = "pending";
  static final String SENT = "sent";
  static final String FAILED = "failed";

  @Id private String id;

  /** The alert it tells of; null for a summary e-mail. */
  @Column(name = "alert_id")
  private String alertId;

  @Column(nullable = false)
  private String channel;

  @Column(nullable = false)
  private String target;

  @Column(nullable = false)
  private String subject;

  @Column(nullable = false)
  private String body;

  @Column(nullable = false)
  private String link;

  @Column(nullable = false)
  private String status;

  @Column(nullable = false)
  private int attempts;

  @Column(name = "next_attempt_at", nullable = false)
  private OffsetDateTime nextAttemptAt;

  @Column(name = "lease_owner")
  private String leaseOwner;

  @Column(name = "lease_until")
  private OffsetDateTime leaseUntil;

  @Column(name = "last_error")
  private String lastError;

  @Column(name = "created_at", nullable = false)
  private OffsetDateTime createdAt;

  @Column(name = "sent_at")
  private OffsetDateTime sentAt;

  protected Notification() {}

  Notification(String alertId, String channel, String target, Message message, Instant at) {
    this.id = UUID.randomUUID().toString();
    this.alertId = alertId;
    this.channel = channel;
    this.target = target;
    this.subject = message.subject();
    this.body = message.body();
    this.link = message.link();
    this.status = PENDING;
    this.nextAttemptAt = at.atOffset(ZoneOffset.UTC);
    this.createdAt = at.atOffset(ZoneOffset.UTC);
  }

  public String id() {
    return id;
  }

  public String alertId() {
    return alertId;
  }

  public String channel() {
    return channel;
  }

  public String target() {
    return target;
  }

  public Message message() {
    return new Message(subject, body, link);
  }

  public String status() {
    return status;
  }

  public int attempts() {
    return attempts;
  }

  public String lastError() {
    return lastError;
  }

  public Instant createdAt() {
    return createdAt.toInstant();
  }

  public Instant sentAt() {
    return sentAt == null ? null : sentAt.toInstant();
  }

  void sent(Instant at) {
    status = SENT;
    attempts++;
    sentAt = at.atOffset(ZoneOffset.UTC);
    leaseOwner = null;
    leaseUntil = null;
    lastError = null;
  }

  void failed(String error, Instant retryAt, boolean giveUp) {
    attempts++;
    lastError = error.length() > 500 ? error.substring(0, 500) : error;
    leaseOwner = null;
    leaseUntil = null;
    if (giveUp) {
      status = FAILED;
    } else {
      nextAttemptAt = retryAt.atOffset(ZoneOffset.UTC);
    }
  }
}
