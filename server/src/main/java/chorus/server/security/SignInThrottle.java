package chorus.server.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Slows password guessing, per account and per address (OWASP ASVS 2.2.1): after {@code
 * chorus.signin.free-failures} failed sign-ins for one user name (default 5) the next tries are
 * refused for a while, doubling from 30 s up to 15 minutes, without checking the password at all
 * (so guessing also costs no PBKDF2 time); an address gets ten times as many failures before the
 * same. A success clears its account. Counts are kept per instance and forgotten after a quiet
 * hour; the user name need not exist, so the answer never tells whether it does.
 */
@ApplicationScoped
public class SignInThrottle {
  private static final Logger LOG = Logger.getLogger(SignInThrottle.class.getName());
  private static final Duration FIRST_WAIT = Duration.ofSeconds(30);
  private static final Duration LONGEST_WAIT = Duration.ofMinutes(15);
  private static final Duration FORGET_AFTER = Duration.ofHours(1);
  private static final int MAX_TRACKED = 100_000;

  @Inject Clock clock;

  @Inject
  @ConfigProperty(name = "chorus.signin.free-failures", defaultValue = "5")
  int freeFailures;

  private final Map<String, Failures> byAccount = new ConcurrentHashMap<>();
  private final Map<String, Failures> byAddress = new ConcurrentHashMap<>();

  private static final class Failures {
    int count;
    Instant last;
    Instant blockedUntil = Instant.MIN;
  }

  /** How long this sign-in must wait, if at all; nothing is checked while it must. */
  public Optional<Duration> wait(String username, String address) {
    Instant now = clock.instant();
    Duration account = remaining(byAccount.get(key(username)), now);
    Duration from = remaining(byAddress.get(address), now);
    Duration longer = account.compareTo(from) >= 0 ? account : from;
    return longer.isZero() ? Optional.empty() : Optional.of(longer);
  }

  public void failed(String username, String address) {
    Instant now = clock.instant();
    if (byAccount.size() + byAddress.size() > MAX_TRACKED) {
      forgetQuiet(now);
    }
    count(
        byAccount,
        key(username),
        freeFailures,
        now,
        "account '" + username.replaceAll("[^\\p{Alnum}._@-]", "?") + "'");
    count(byAddress, address, freeFailures * 10, now, "address " + address);
  }

  public void succeeded(String username) {
    byAccount.remove(key(username));
  }

  private void count(Map<String, Failures> map, String key, int free, Instant now, String who) {
    Failures f = map.computeIfAbsent(key, k -> new Failures());
    synchronized (f) {
      if (f.last != null && Duration.between(f.last, now).compareTo(FORGET_AFTER) > 0) {
        f.count = 0;
      }
      f.count++;
      f.last = now;
      if (f.count >= free) {
        long doublings = Math.min(f.count - free, 10);
        Duration wait = FIRST_WAIT.multipliedBy(1L << doublings);
        if (wait.compareTo(LONGEST_WAIT) > 0) {
          wait = LONGEST_WAIT;
        }
        f.blockedUntil = now.plus(wait);
        Duration w = wait;
        LOG.warning(
            () ->
                "Sign-in throttled for "
                    + who
                    + " after "
                    + f.count
                    + " failures: "
                    + w.toSeconds()
                    + " s");
      }
    }
  }

  private static Duration remaining(Failures f, Instant now) {
    if (f == null) {
      return Duration.ZERO;
    }
    synchronized (f) {
      return now.isBefore(f.blockedUntil) ? Duration.between(now, f.blockedUntil) : Duration.ZERO;
    }
  }

  private void forgetQuiet(Instant now) {
    byAccount
        .values()
        .removeIf(f -> f.last != null && Duration.between(f.last, now).compareTo(FORGET_AFTER) > 0);
    byAddress
        .values()
        .removeIf(f -> f.last != null && Duration.between(f.last, now).compareTo(FORGET_AFTER) > 0);
  }

  private static String key(String username) {
    return username.toLowerCase(Locale.ROOT);
  }
}
