package chorus.server.kiosk;

import java.time.Duration;
import java.time.Instant;

/**
 * A kiosk's state as the console shows it. {@code online}: connected (here, or to another instance
 * and heard from lately); {@code reconnecting}: gone for less than the grace period, no alarm yet;
 * {@code offline}: silent for longer, an alert; {@code never-connected}: paired but not seen yet;
 * {@code awaiting-pairing}: added, its pairing code not used yet; {@code revoked}.
 */
public enum FleetStatus {
  ONLINE("online"),
  RECONNECTING("reconnecting"),
  OFFLINE("offline"),
  NEVER_CONNECTED("never-connected"),
  AWAITING_PAIRING("awaiting-pairing"),
  REVOKED("revoked");

  private final String wire;

  FleetStatus(String wire) {
    this.wire = wire;
  }

  public String wire() {
    return wire;
  }

  /** Whether the console should raise this kiosk as an alert. */
  public boolean alert() {
    return this == OFFLINE;
  }

  static FleetStatus of(Kiosk k, boolean connectedHere, Instant now, Duration offlineAfter) {
    if (k.revoked()) {
      return REVOKED;
    }
    if (!k.hasToken()) {
      return AWAITING_PAIRING;
    }
    if (connectedHere) {
      return ONLINE;
    }
    if (k.offlineSince() != null) {
      return OFFLINE;
    }
    Instant lastSeen = k.lastSeenAt();
    if (lastSeen == null) {
      return NEVER_CONNECTED;
    }
    boolean recent = lastSeen.isAfter(now.minus(offlineAfter));
    boolean connectedElsewhere =
        k.connectedAt() != null
            && (k.disconnectedAt() == null || k.connectedAt().isAfter(k.disconnectedAt()));
    if (recent) {
      return connectedElsewhere ? ONLINE : RECONNECTING;
    }
    return OFFLINE;
  }
}
