package chorus.server.prompt;

import static chorus.protocol.Jsons.JSON;

import chorus.protocol.PromptJson;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.StringReader;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * One immutable version of a prompt, stored as the JSON the kiosk receives ({@code prompt} inside a
 * {@code prompt} frame), so what was shown can always be reproduced.
 */
@Entity
@Table(name = "prompt_version")
@IdClass(PromptVersionKey.class)
public class PromptVersion {
  @Id
  @Column(name = "prompt_id")
  private String promptId;

  @Id private int version;

  @Column(nullable = false, length = 16000)
  private String definition;

  @Column(name = "created_at", nullable = false)
  private OffsetDateTime createdAt;

  protected PromptVersion() {}

  PromptVersion(chorus.protocol.Prompt wire) {
    this.promptId = wire.id();
    this.version = wire.version();
    this.definition = PromptJson.encode(wire).toString();
    this.createdAt = OffsetDateTime.now(ZoneOffset.UTC);
  }

  public String promptId() {
    return promptId;
  }

  public int version() {
    return version;
  }

  /** The version as the kiosk protocol carries it. */
  public chorus.protocol.Prompt toWire() {
    try (var reader = JSON.createReader(new StringReader(definition))) {
      return PromptJson.decode(reader.readObject())
          .orElseThrow(
              () ->
                  new IllegalStateException(
                      "stored prompt " + promptId + " v" + version + " is not valid"));
    }
  }
}
