package chorus.bench;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.HdrHistogram.Histogram;

/** One measure's figures: the value against its target, and the reference taken in the same run. */
record Measure(
    String name,
    String unit,
    String what,
    double value,
    double reference,
    double p50,
    double max,
    double referenceP50,
    long samples,
    double target,
    String goal,
    String note,
    boolean atLeast) {

  static Measure of(
      String name,
      String unit,
      String what,
      Histogram measured,
      Histogram reference,
      double target,
      String goal) {
    return new Measure(
        name,
        unit,
        what,
        ms(measured.getValueAtPercentile(99)),
        ms(reference.getValueAtPercentile(99)),
        ms(measured.getValueAtPercentile(50)),
        ms(measured.getMaxValue()),
        ms(reference.getValueAtPercentile(50)),
        measured.getTotalCount(),
        target,
        goal,
        "",
        false);
  }

  /** A measure taken once (a start-up time, a memory size) rather than as a distribution. */
  static Measure single(
      String name,
      String unit,
      String what,
      double value,
      double reference,
      double target,
      String goal) {
    double v = Math.round(value * 1000.0) / 1000.0;
    double r = Math.round(reference * 1000.0) / 1000.0;
    return new Measure(name, unit, what, v, r, v, v, r, 1, target, goal, "", false);
  }

  private static double ms(long nanos) {
    return Math.round(nanos / 1_000.0) / 1_000.0;
  }

  /** The same figures with a remark: what the run was like (the load generator's own CPU, say). */
  Measure noting(String remark) {
    return new Measure(
        name,
        unit,
        what,
        value,
        reference,
        p50,
        max,
        referenceP50,
        samples,
        target,
        goal,
        remark,
        atLeast);
  }

  /** A measure where more is better: met when the value is at least {@code floor}. */
  Measure asAtLeast(double floor) {
    return new Measure(
        name,
        unit,
        what,
        value,
        reference,
        p50,
        max,
        referenceP50,
        samples,
        Math.round(floor * 1000.0) / 1000.0,
        goal,
        note,
        true);
  }

  double ratio() {
    return reference == 0 ? 0 : Math.round(value / reference * 100.0) / 100.0;
  }

  boolean met() {
    return atLeast ? value >= target : value <= target;
  }

  JsonObject json() {
    return Json.createObjectBuilder()
        .add("name", name)
        .add("what", what)
        .add("unit", unit)
        .add("value", value)
        .add("reference", reference)
        .add("ratio", ratio())
        .add("target", goal)
        .add("met", met())
        .add("p50", p50)
        .add("max", max)
        .add("referenceP50", referenceP50)
        .add("samples", samples)
        .add("note", note)
        .build();
  }
}
