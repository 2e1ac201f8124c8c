package chorus.bench;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonWriter;
import jakarta.json.JsonWriterFactory;
import jakarta.json.stream.JsonGenerator;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs the benchmarks and writes {@code bench/results/latest.json} and the table in {@code
 * bench/README.md}. Usage: {@code bench/run.sh} (which builds first).
 */
public final class Main {
  // Held strongly: java.util.logging keeps only weak references to configured loggers.
  @SuppressWarnings("UnusedVariable") // held, never read
  private static final List<Logger> QUIET =
      List.of(Logger.getLogger("com.pi4j"), Logger.getLogger("chorus.kiosk"));

  private static final String TABLE_START = "<!-- results -->";
  private static final String TABLE_END = "<!-- /results -->";

  private Main() {}

  public static void main(String[] args) throws Exception {
    Logger.getLogger("").setLevel(Level.WARNING);
    Logger.getLogger("com.pi4j").setLevel(Level.OFF);
    Logger.getLogger("chorus.kiosk")
        .setLevel(Level.SEVERE); // the agent's "server not reachable" is the point
    Path bench = Path.of(args.length > 0 ? args[0] : "bench");
    String commit = args.length > 1 ? args[1] : "unknown";
    int presses = Integer.parseInt(System.getProperty("chorus.bench.presses", "2000"));
    Path work =
        Files.createDirectories(bench.resolve("target/work-" + System.nanoTime())).toAbsolutePath();

    List<Measure> measures = new ArrayList<>();
    Path root = bench.toAbsolutePath().getParent();
    // -Dchorus.bench.only=fanout,ingest,...: some measures only (the table then lists just those).
    java.util.Set<String> only =
        java.util.Set.of(
            System.getProperty("chorus.bench.only", "led,agent,cold,fanout,ingest,wall")
                .split(","));
    int kiosks = Integer.getInteger("chorus.bench.kiosks", 10_000);
    if (only.contains("led")) {
      measures.add(PressToLed.run(work, presses));
    }
    if (only.contains("agent")) {
      measures.addAll(AgentMemory.run(work, root));
    }
    if (only.contains("cold")) {
      measures.add(ColdStart.run(work, root));
    }
    if (only.contains("fanout")) {
      measures.addAll(FanOut.run(work, root, kiosks));
    }
    if (only.contains("ingest")) {
      measures.addAll(Ingest.run(work, root));
    }

    JsonArrayBuilder all = Json.createArrayBuilder();
    measures.forEach(m -> all.add(m.json()));
    JsonObject result =
        Json.createObjectBuilder()
            .add("date", Instant.now().toString())
            .add("commit", commit)
            .add(
                "machine",
                Runtime.getRuntime().availableProcessors() + " cores, Java " + Runtime.version())
            .add("measures", all)
            .build();
    Files.createDirectories(bench.resolve("results"));
    Files.writeString(bench.resolve("results/latest.json"), pretty(result) + "\n");

    StringBuilder table = new StringBuilder(TABLE_START + "\n");
    table
        .append("Last run: ")
        .append(result.getString("date"))
        .append(", commit `")
        .append(commit)
        .append("`, ")
        .append(result.getString("machine"))
        .append(".\n\n");
    table.append(
        "| measure | value | reference (same run) | ratio | target | met |\n|---|---|---|---|---|---|\n");
    for (Measure m : measures) {
      table
          .append("| ")
          .append(m.name())
          .append(": ")
          .append(m.what())
          .append(" | ")
          .append(m.value())
          .append(' ')
          .append(m.unit())
          .append(
              m.samples() > 1
                  ? " (p50 " + m.p50() + ", max " + m.max() + ", n=" + m.samples() + ")"
                  : "")
          .append(m.note().isEmpty() ? "" : "; " + m.note())
          .append(" | ")
          .append(m.reference())
          .append(' ')
          .append(m.unit())
          .append(m.samples() > 1 ? " (p50 " + m.referenceP50() + ")" : "")
          .append(" | ")
          .append(m.ratio())
          .append(" | ")
          .append(m.goal())
          .append(" | ")
          .append(m.met() ? "yes" : "no")
          .append(" |\n");
    }
    table.append(TABLE_END);
    Path readme = bench.resolve("README.md");
    String text = Files.readString(readme);
    int start = text.indexOf(TABLE_START);
    int end = text.indexOf(TABLE_END);
    if (start >= 0 && end > start) {
      Files.writeString(
          readme, text.substring(0, start) + table + text.substring(end + TABLE_END.length()));
    }
    System.out.println(table);
    boolean allMet = measures.stream().allMatch(Measure::met);
    System.exit(allMet ? 0 : 1);
  }

  private static String pretty(JsonObject o) {
    JsonWriterFactory factory =
        Json.createWriterFactory(Map.of(JsonGenerator.PRETTY_PRINTING, true));
    StringWriter out = new StringWriter();
    try (JsonWriter w = factory.createWriter(out)) {
      w.write(o);
    }
    return out.toString().strip();
  }
}
