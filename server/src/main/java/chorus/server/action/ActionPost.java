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
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * "You said, we did", a change people can follow: what people said (the words, and optionally the
 * prompt, the period of its answers and the approved comments that raised it), what is being done,
 * and its stage with the note of the latest step (every step is an {@link ActionStep}). For some
 * sites, or every site when it names none. Shown on walls and on kiosks when idle, until withdrawn.
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

  @Column(nullable = false)
  private String stage;

  @Column(name = "stage_note")
  private String stageNote;

  @Column(name = "easy_read")
  private String easyRead;

  @Column(name = "said_from")
  private LocalDate saidFrom;

  @Column(name = "said_to")
  private LocalDate saidTo;

  @Column(name = "help_prompt_id")
  private String helpPromptId;

  /** Up by one with every picture uploaded; null without one. */
  @Column(name = "picture_version")
  private Integer pictureVersion;

  /** Its words in other languages, as JSON: see {@link ActionWords}. */
  @Column(name = "translations")
  private String translations;

  @ElementCollection(fetch = FetchType.EAGER)
  @CollectionTable(name = "action_comment", joinColumns = @JoinColumn(name = "action_id"))
  @Column(name = "feedback_id")
  private Set<String> commentIds = new HashSet<>();

  @ElementCollection(fetch = FetchType.EAGER)
  @CollectionTable(name = "action_site", joinColumns = @JoinColumn(name = "action_id"))
  @Column(name = "site_id")
  private Set<String> siteIds = new HashSet<>();

  protected ActionPost() {}

  ActionPost(ActionDraft draft, String createdBy, Instant at) {
    this.id = UUID.randomUUID().toString();
    this.youSaid = draft.youSaid();
    this.weDid = draft.weDid();
    this.promptId = draft.promptId();
    this.siteIds = new HashSet<>(draft.siteIds());
    this.commentIds = new HashSet<>(draft.commentIds());
    this.saidFrom = draft.saidFrom();
    this.saidTo = draft.saidTo();
    this.stage = draft.stage();
    this.stageNote = draft.note();
    this.easyRead = draft.easyRead();
    this.translations = ActionWords.encode(draft.translations());
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

  public String stage() {
    return stage;
  }

  public String stageNote() {
    return stageNote;
  }

  /** The change in easy-read words, or null. */
  public String easyRead() {
    return easyRead;
  }

  /** Its words by language tag (empty: only its own language). */
  public java.util.Map<String, chorus.protocol.ActionTranslation> translations() {
    return ActionWords.decode(translations);
  }

  /**
   * Where kiosks and walls fetch its picture (a new address with every upload), or null without
   * one.
   */
  public String picture() {
    return pictureVersion == null ? null : PictureResource.path(id, pictureVersion);
  }

  void pictureChanged(boolean has) {
    this.pictureVersion = has ? (pictureVersion == null ? 1 : pictureVersion + 1) : null;
  }

  public Optional<LocalDate> saidFrom() {
    return Optional.ofNullable(saidFrom);
  }

  public Optional<LocalDate> saidTo() {
    return Optional.ofNullable(saidTo);
  }

  /** The approved comments that raised it. */
  public Set<String> commentIds() {
    return Set.copyOf(commentIds);
  }

  /** The prompt that asks whether it helped, once staff put one live. */
  public Optional<String> helpPromptId() {
    return Optional.ofNullable(helpPromptId);
  }

  void askedWhetherItHelped(String promptId) {
    this.helpPromptId = promptId;
  }

  /** Moves it on, with the note in its own language and in others ({@code notes} by tag). */
  void moveTo(String newStage, String note, java.util.Map<String, String> notes) {
    this.stage = newStage;
    this.stageNote = note;
    java.util.Map<String, chorus.protocol.ActionTranslation> words =
        new java.util.LinkedHashMap<>();
    translations()
        .forEach(
            (language, t) ->
                words.put(
                    language,
                    new chorus.protocol.ActionTranslation(
                        t.youSaid(), t.weDid(), t.easyRead(), notes.get(language))));
    this.translations = ActionWords.encode(words);
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
    return new chorus.protocol.ActionItem(
        id,
        youSaid,
        weDid,
        createdAt.toInstant(),
        stage,
        stageNote,
        easyRead,
        picture(),
        translations());
  }
}
