package chorus.server.kiosk;

/** A kiosk's token was revoked or replaced: its open sessions must close once this commits. */
public record KioskAccessChanged(String kioskId, String reason) {}
