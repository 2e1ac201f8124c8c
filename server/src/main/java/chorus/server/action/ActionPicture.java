package chorus.server.action;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** A change's picture, as checked and written again by {@link PictureCheck}. */
@Entity
@Table(name = "action_picture")
public class ActionPicture {
  @Id
  @Column(name = "action_id")
  private String actionId;

  @Column(name = "content_type", nullable = false)
  private String contentType;

  @Column(nullable = false)
  private byte[] bytes;

  @Column(nullable = false)
  private int width;

  @Column(nullable = false)
  private int height;

  @Column(name = "uploaded_at", nullable = false)
  private OffsetDateTime uploadedAt;

  @Column(name = "uploaded_by", nullable = false)
  private String uploadedBy;

  protected ActionPicture() {}

  ActionPicture(String actionId, PictureCheck.Checked picture, String by, Instant at) {
    this.actionId = actionId;
    replace(picture, by, at);
  }

  void replace(PictureCheck.Checked picture, String by, Instant at) {
    this.contentType = picture.contentType();
    this.bytes = picture.bytes().clone();
    this.width = picture.width();
    this.height = picture.height();
    this.uploadedBy = by;
    this.uploadedAt = at.atOffset(ZoneOffset.UTC);
  }

  public String contentType() {
    return contentType;
  }

  public byte[] bytes() {
    return bytes.clone();
  }

  public int width() {
    return width;
  }

  public int height() {
    return height;
  }
}
