package chorus.hardware;

/** What the status LED tells staff at a glance. */
public enum StatusLight {
  /** Steady on: connected to the server. */
  ONLINE,
  /** Slow blink: presses are kept on the kiosk until the server is back. */
  OFFLINE,
  /** Fast blink: something needs staff (outbox nearly full, not paired). */
  ATTENTION
}
