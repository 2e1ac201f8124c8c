package chorus.server.kiosk;

import chorus.protocol.AboutFrame;

/**
 * What the kiosks' "about your answers" screen says, from the install's settings (the retention
 * schedule and whom to ask). Provided by the retention feature, which depends on this package, not
 * the other way round.
 */
public interface AboutSource {
  AboutFrame about();

  /** Fired (as an event) when what {@link #about()} answers has changed. */
  record Changed() {}
}
