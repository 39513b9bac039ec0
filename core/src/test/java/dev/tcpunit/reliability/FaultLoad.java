package dev.tcpunit.reliability;

import dev.tcpunit.internal.proxy.FaultRandom;
import dev.tcpunit.probe.ConnectionEnd;
import dev.tcpunit.probe.ConnectionRecord;
import dev.tcpunit.proxy.Direction;
import dev.tcpunit.proxy.InProcessProxy;
import dev.tcpunit.proxy.Toxic;
import dev.tcpunit.reliability.LoadClients.Ending;
import dev.tcpunit.reliability.LoadClients.Outcome;
import dev.tcpunit.server.ScriptedServer;
import dev.tcpunit.server.Scripts;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;

/**
 * An echo server behind an {@link InProcessProxy} with seeded random faults: {@code reset_peer} on
 * the client's data (toxicity 0.2), latency with jitter and slicing on the way back (toxicity 0.5
 * each). Each {@link #round} sends many concurrent clients through it and checks what the probe
 * recorded against what the clients saw and against the seeded draws.
 */
final class FaultLoad implements AutoCloseable {

  static final long SEED = 20_261_125L;

  static final Toxic RESET = Toxic.resetPeer(0).upstream().toxicity(0.2);
  static final Toxic LATENCY = Toxic.latency(10).jitter(5).toxicity(0.5);
  static final Toxic SLICER = Toxic.slicer(8).sizeVariation(4).delayMicros(200).toxicity(0.5);

  private static final byte[] PAYLOAD =
      "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ!?"
          .getBytes(StandardCharsets.US_ASCII);

  private final ScriptedServer server;
  private final InProcessProxy proxy;
  private final FaultRandom draws = new FaultRandom(SEED);

  FaultLoad() {
    server = ScriptedServer.builder().backlog(1024).scripts(List.of(Scripts.echo())).start();
    InProcessProxy started;
    try {
      started =
          InProcessProxy.builder()
              .name("load")
              .upstream(server.address())
              .seed(SEED)
              .toxic(RESET)
              .toxic(LATENCY)
              .toxic(SLICER)
              .start();
    } catch (RuntimeException e) {
      server.close();
      throw e;
    }
    proxy = started;
  }

  InProcessProxy proxy() {
    return proxy;
  }

  /**
   * What one round showed.
   *
   * @param opened the connections the clients opened
   * @param recorded the connections the proxy's probe recorded in this round
   * @param clients how the clients ended, by kind
   * @param ends how the probe says the connections ended, by kind
   * @param mismatches every disagreement, in words; empty when all is right
   */
  record Report(
      int opened,
      int recorded,
      Map<Ending, Integer> clients,
      Map<ConnectionEnd, Integer> ends,
      List<String> mismatches) {}

  /**
   * Runs concurrent clients through the proxy and checks every connection: the client got its echo
   * and closed (probe: CLIENT_FIN) unless the seeded draw put reset_peer on it (client: reset;
   * probe: PROXY_FAULT by reset_peer_upstream).
   *
   * @param clients how many concurrent clients
   * @param timeout how long the clients and the probe may take
   * @return the report
   */
  Report round(int clients, Duration timeout)
      throws IOException, InterruptedException, TimeoutException {
    int before = proxy.probe().count();
    List<Outcome> outcomes = LoadClients.run(proxy.listenAddress(), clients, PAYLOAD, timeout);
    int opened = (int) outcomes.stream().filter(o -> o.localPort() != 0).count();
    List<ConnectionRecord> all = proxy.probe().awaitAllClosed(timeout);
    List<ConnectionRecord> recorded = all.subList(before, all.size());

    List<String> mismatches = new ArrayList<>();
    Map<Integer, Outcome> byPort = new HashMap<>();
    Map<Ending, Integer> clientEnds = new EnumMap<>(Ending.class);
    for (Outcome outcome : outcomes) {
      clientEnds.merge(outcome.ending(), 1, Integer::sum);
      if (outcome.ending() != Ending.ECHOED && outcome.ending() != Ending.RESET) {
        mismatches.add("client on port " + outcome.localPort() + ": " + outcome);
      }
      if (outcome.localPort() != 0 && byPort.put(outcome.localPort(), outcome) != null) {
        mismatches.add("two clients on port " + outcome.localPort());
      }
    }
    Map<ConnectionEnd, Integer> ends = new EnumMap<>(ConnectionEnd.class);
    for (ConnectionRecord record : recorded) {
      ends.merge(record.end(), 1, Integer::sum);
      check(record, byPort.remove(record.client().getPort()), mismatches);
    }
    byPort.values().forEach(o -> mismatches.add("not in the probe: " + o));
    return new Report(opened, recorded.size(), clientEnds, ends, mismatches);
  }

  private void check(ConnectionRecord record, Outcome client, List<String> mismatches) {
    boolean reset = draws.applies(RESET, record.index(), Direction.UPSTREAM);
    ConnectionEnd expected = reset ? ConnectionEnd.PROXY_FAULT : ConnectionEnd.CLIENT_FIN;
    Ending clientExpected = reset ? Ending.RESET : Ending.ECHOED;
    if (record.end() != expected || (reset && !RESET.name().equals(record.detail()))) {
      mismatches.add("#" + record.index() + " expected " + expected + " but: " + record);
    }
    if (client == null) {
      mismatches.add("#" + record.index() + " has no client: " + record);
    } else if (client.ending() != clientExpected) {
      mismatches.add("#" + record.index() + " client expected " + clientExpected + ": " + client);
    }
  }

  /**
   * Forgets the connections both probes recorded, the only memory the rounds are meant to keep;
   * later rounds can no longer be checked against the seeded draws.
   */
  void clearProbes() {
    proxy.probe().clear();
    server.probe().clear();
  }

  /**
   * The heap in use after full collections, the least of three.
   *
   * @return bytes
   */
  static long heapAfterGc() {
    long least = Long.MAX_VALUE;
    for (int i = 0; i < 3; i++) {
      System.gc();
      least = Math.min(least, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
    }
    return least;
  }

  @Override
  public void close() {
    try {
      proxy.close();
    } finally {
      server.close();
    }
  }
}
