package chorus.server.statement;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** An install's own words for one statement, in Markdown, with who last changed them and when. */
@Entity
@Table(name = "statement")
public class StatementRow {
  @Id private String kind;

  @Column(nullable = false)
  private String markdown;

  @Column(name = "updated_at", nullable = false)
  private OffsetDateTime updatedAt;

  @Column(name = "updated_by", nullable = false)
  private String updatedBy;

  protected StatementRow() {}

  StatementRow(String kind) {
    this.kind = kind;
  }

  void change(String markdown, Instant at, String by) {
    this.markdown = markdown;
    this.updatedAt = at.atOffset(ZoneOffset.UTC);
    this.updatedBy = by.length() <= 200 ? by : by.substring(0, 200);
  }

  String markdown() {
    return markdown;
  }

  Instant updatedAt() {
    return updatedAt.toInstant();
  }
}
