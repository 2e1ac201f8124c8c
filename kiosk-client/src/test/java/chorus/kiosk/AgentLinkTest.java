package chorus.kiosk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chorus.hardware.Hardware;
import chorus.hardware.HardwareConfig;
import chorus.hardware.HardwareMode;
import chorus.protocol.AckFrame;
import chorus.protocol.ActionItem;
import chorus.protocol.Decoded;
import chorus.protocol.ErrorFrame;
import chorus.protocol.FeedbackFrame;
import chorus.protocol.Frame;
import chorus.protocol.FrameCodec;
import chorus.protocol.HelloFrame;
import chorus.protocol.Prompt;
import chorus.protocol.PromptFrame;
import chorus.protocol.PromptJson;
import chorus.protocol.PromptOption;
import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.HandshakeRequest;
import jakarta.websocket.server.ServerEndpoint;
import jakarta.websocket.server.ServerEndpointConfig;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.glassfish.tyrus.server.Server;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent and its uplink against a kiosk server in the test (Tyrus's own server, in process):
 * what the agent sends, when, and what it does with acks, refusals, a dropped link and a server
 * that never finishes its handshake. No packaged server is needed; the end-to-end suite covers
 * that.
 */
public class AgentLinkTest {
  private static final String TOKEN = "kiosk-token-for-tests";

  /** What the server in the test does with a feedback frame. */
  enum Reply {
    ACK,
    REFUSE_FOR_GOOD,
    REFUSE_ONCE_THEN_ACK,
    SILENT
  }

  static final BlockingQueue<Frame> received = new LinkedBlockingQueue<>();
  static final List<String> authorizations = new ArrayList<>();
  static final AtomicInteger opens = new AtomicInteger();
  static final Set<UUID> refusedOnce = java.util.concurrent.ConcurrentHashMap.newKeySet();
  static volatile Reply reply = Reply.ACK;
  static volatile Session current;

  /** The kiosk channel as the server in the test plays it. */
  @ServerEndpoint(value = "/ws/kiosk", configurator = Handshake.class)
  public static class KioskChannel {
    @OnOpen
    public void open(Session session) {
      current = session;
      opens.incrementAndGet();
    }

    @OnMessage
    public void message(String text, Session session) throws IOException {
      Decoded decoded = FrameCodec.decode(text);
      if (!(decoded instanceof Decoded.Ok ok)) {
        return;
      }
      received.add(ok.frame());
      if (ok.frame() instanceof FeedbackFrame f) {
        Frame answer =
            switch (reply) {
              case ACK -> new AckFrame(List.of(f.id()));
              case REFUSE_FOR_GOOD ->
                  new ErrorFrame(
                      "invalid_value", "'option' is not one this server knows", f.id().toString());
              case REFUSE_ONCE_THEN_ACK ->
                  refusedOnce.add(f.id())
                      ? new ErrorFrame("internal_error", "try again", f.id().toString())
                      : new AckFrame(List.of(f.id()));
              case SILENT -> null;
            };
        if (answer != null) {
          session.getBasicRemote().sendText(FrameCodec.encode(answer));
        }
      }
    }
  }

  /** Keeps what each kiosk presented at the handshake. */
  public static class Handshake extends ServerEndpointConfig.Configurator {
    @Override
    public void modifyHandshake(
        ServerEndpointConfig config, HandshakeRequest request, HandshakeResponse response) {
      synchronized (authorizations) {
        authorizations.addAll(request.getHeaders().getOrDefault("Authorization", List.of()));
      }
    }
  }

  @TempDir Path dir;
  private Server server;
  private Hardware hardware;
  private KioskAgent agent;
  private int port;

  @BeforeEach
  void reset() throws IOException {
    received.clear();
    authorizations.clear();
    opens.set(0);
    refusedOnce.clear();
    reply = Reply.ACK;
    current = null;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    Prompt prompt =
        new Prompt(
            "p1",
            3,
            "How was today?",
            List.of(
                new PromptOption("good", "Good", null, "#1d7a3a", 1),
                new PromptOption("bad", "Bad", null, "#b3261e", 2)),
            null);
    Files.writeString(dir.resolve("prompt.json"), PromptJson.encode(prompt).toString());
    hardware = Hardware.open(HardwareConfig.defaults(HardwareMode.NONE));
  }

  @AfterEach
  void stop() {
    if (agent != null) {
      agent.close();
    }
    hardware.close();
    if (server != null) {
      server.stop();
    }
  }

  private void startServer() throws Exception {
    server = new Server("127.0.0.1", port, "/", Map.of(), KioskChannel.class);
    server.start();
  }

  private KioskAgent startAgent(String url) throws IOException {
    KioskSettings settings =
        KioskSettings.parse(
            new String[] {"--server", url, "--data", dir.toString(), "--ping-ms", "1000"},
            Map.of());
    agent = KioskAgent.start(settings, TOKEN, hardware);
    return agent;
  }

  private static void await(String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!condition.getAsBoolean()) {
      assertTrue(System.nanoTime() < deadline, "timed out waiting until " + what);
      Thread.sleep(20);
    }
  }

  private static <F extends Frame> List<F> receivedOf(Class<F> type) {
    List<F> out = new ArrayList<>();
    for (Frame f : received) {
      if (type.isInstance(f)) {
        out.add(type.cast(f));
      }
    }
    return out;
  }

  @Test
  void pressesMadeWhileTheServerIsDownAreSentWithTheTokenWhenItComesAndLeaveTheOutboxWhenAcked()
      throws Exception {
    // given: the agent runs, the server not yet
    startAgent("ws://127.0.0.1:" + port + "/ws/kiosk");
    List<UUID> pressed = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      pressed.add(agent.press(i % 2).orElseThrow().id());
    }
    assertEquals(5, agent.waiting(), "every press is kept while the server is away");

    // when
    startServer();

    // then
    await("every press is acked", () -> agent.waiting() == 0);
    assertEquals(
        List.of("Bearer " + TOKEN),
        List.copyOf(authorizations.subList(0, 1)),
        "the token goes in the handshake");
    HelloFrame hello = receivedOf(HelloFrame.class).get(0);
    assertEquals(3, hello.promptVersion());
    assertEquals("p1", hello.promptId());
    Set<UUID> sent = new HashSet<>();
    receivedOf(FeedbackFrame.class).forEach(f -> sent.add(f.id()));
    assertEquals(new HashSet<>(pressed), sent);
    assertEquals(0, agent.rejected());
  }

  @Test
  void aPressRefusedForGoodIsSetAsideAndCountedNotResentForever() throws Exception {
    startServer();
    reply = Reply.REFUSE_FOR_GOOD;
    startAgent("ws://127.0.0.1:" + port + "/ws/kiosk");
    await("connected", () -> agent.online());

    assertTrue(agent.press(0).isPresent());

    await("the press is set aside", () -> agent.rejected() == 1);
    assertEquals(0, agent.waiting());
    assertTrue(Files.readString(dir.resolve("rejected.jsonl")).contains("invalid_value"));
  }

  @Test
  void aPressRefusedForNowIsSentAgainAndThenAcked() throws Exception {
    startServer();
    reply = Reply.REFUSE_ONCE_THEN_ACK;
    startAgent("ws://127.0.0.1:" + port + "/ws/kiosk");
    await("connected", () -> agent.online());

    UUID id = agent.press(1).orElseThrow().id();

    await("the press is acked on its second try", () -> agent.waiting() == 0);
    assertEquals(
        2, receivedOf(FeedbackFrame.class).stream().filter(f -> f.id().equals(id)).count());
    assertEquals(0, agent.rejected());
  }

  @Test
  void aDroppedLinkIsRestoredAndWhatWasUnackedIsSentAgain() throws Exception {
    startServer();
    reply = Reply.SILENT;
    startAgent("ws://127.0.0.1:" + port + "/ws/kiosk");
    await("connected", () -> agent.online());
    UUID id = agent.press(0).orElseThrow().id();
    await("the press reached the server", () -> receivedOf(FeedbackFrame.class).size() == 1);

    // when: the server drops the link before acking, and acks from now on
    reply = Reply.ACK;
    current.close();

    // then
    await("reconnected and acked", () -> opens.get() == 2 && agent.waiting() == 0);
    assertEquals(2, receivedOf(HelloFrame.class).size());
    assertEquals(
        2, receivedOf(FeedbackFrame.class).stream().filter(f -> f.id().equals(id)).count());
  }

  @Test
  void aPromptAndActionsFromTheServerAreShownAndThePromptKeptOnDisk() throws Exception {
    startServer();
    startAgent("ws://127.0.0.1:" + port + "/ws/kiosk");
    await("connected", () -> current != null && agent.online());
    Prompt next =
        new Prompt(
            "p2",
            1,
            "Was it easy to find us?",
            List.of(new PromptOption("yes", "Yes", null, null, 1)),
            null);

    current.getBasicRemote().sendText(FrameCodec.encode(new PromptFrame(next)));
    current
        .getBasicRemote()
        .sendText(
            FrameCodec.encode(
                new chorus.protocol.ActionsFrame(
                    List.of(
                        new ActionItem(
                            "a1", "Too loud", "Quiet room", null, null, null, null, null, null)))));

    await("the new prompt is shown", () -> agent.prompt().map(Prompt::id).orElse("").equals("p2"));
    await("the actions are shown", () -> agent.actions().size() == 1);
    assertTrue(Files.readString(dir.resolve("prompt.json")).contains("Was it easy to find us?"));
    assertEquals("yes", agent.press(0).orElseThrow().option(), "a press answers the new prompt");
  }

  @Test
  void aServerThatNeverFinishesItsHandshakeHoldsUpNoPressAndNoScreen() throws Exception {
    // given: something that takes the connection and never answers the upgrade (10 s timeout)
    try (ServerSocket hanging = new ServerSocket(0)) {
      List<Socket> taken = new CopyOnWriteArrayList<>();
      Thread acceptor =
          new Thread(
              () -> {
                try {
                  while (true) {
                    taken.add(hanging.accept());
                  }
                } catch (IOException e) {
                  // closed at the end of the test
                }
              });
      acceptor.setDaemon(true);
      acceptor.start();
      startAgent("ws://127.0.0.1:" + hanging.getLocalPort() + "/ws/kiosk");
      await("the handshake is under way", () -> !taken.isEmpty());
      CountDownLatch shown = new CountDownLatch(1);
      CountDownLatch told = new CountDownLatch(1);
      agent.attach(
          new KioskAgent.Screen() {
            @Override
            public void show(Optional<Prompt> prompt, List<ActionItem> actions, boolean online) {
              shown.countDown();
            }

            @Override
            public void pressed(FeedbackFrame press, int button, boolean awaitingAnswer) {
              told.countDown();
            }
          });

      // when
      Optional<FeedbackFrame> press = agent.press(0);

      // then: well inside the handshake's 10 s
      assertTrue(press.isPresent(), "the press is recorded");
      assertTrue(shown.await(3, TimeUnit.SECONDS), "the screen is shown what is current");
      assertTrue(told.await(3, TimeUnit.SECONDS), "the screen is told of the press");
      assertEquals(1, agent.waiting());
      assertTrue(!agent.online());
    }
  }
}
