package dev.tcpunit.internal.server;

import dev.tcpunit.internal.engine.InputBuffer;
import dev.tcpunit.probe.ConnectionEnd;
import dev.tcpunit.server.HttpRequest;
import dev.tcpunit.server.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Runs a connection's script: enters each step once, then checks on every event whether it is
 * complete. Loop thread only.
 */
final class StepRunner {

  private static final int STEPS_PER_TURN = 256;
  private static final byte[] CONTINUE =
      "HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);

  private final ScriptedConnection connection;
  private final List<Step> steps;
  private int next;
  private boolean entered;
  private boolean timerFired;
  private @Nullable HttpRequestParser parser;
  private @Nullable String closeWhenFlushed;

  StepRunner(ScriptedConnection connection, List<Step> steps) {
    this.connection = connection;
    this.steps = steps;
  }

  /** Tells whether the current step echoes. */
  boolean echoing() {
    return current() instanceof Step.Echo;
  }

  /** Tells whether the current step is a read that wants more bytes than it has. */
  boolean reading() {
    Step step = current();
    return step instanceof Step.ReadBytes
        || step instanceof Step.ReadLine
        || step instanceof Step.ReadUntil
        || step instanceof Step.ReadRequest;
  }

  /** Runs steps until one has to wait or the connection is closed. */
  void run() {
    for (int turn = 0; !connection.isClosed(); turn++) {
      if (turn == STEPS_PER_TURN) {
        connection.advanceLater();
        return;
      }
      if (closeWhenFlushed != null) {
        if (connection.flushed()) {
          connection.close(ConnectionEnd.SERVER_FIN, closeWhenFlushed);
        }
        return;
      }
      if (next == steps.size()) {
        connection.close(ConnectionEnd.SERVER_FIN, "end of script");
        return;
      }
      Step step = steps.get(next);
      if (!entered) {
        entered = true;
        timerFired = false;
        enter(step);
      } else if (complete(step)) {
        next = step instanceof Step.Repeat ? 0 : next + 1;
        entered = false;
      } else if (closeWhenFlushed == null) {
        return;
      }
    }
  }

  private @Nullable Step current() {
    return next < steps.size() ? steps.get(next) : null;
  }

  private void enter(Step step) {
    if (step instanceof Step.Write write) {
      connection.write(write.bytes());
    } else if (step instanceof Step.Respond respond) {
      HttpResponse response = respond.response();
      connection.write(response.encodeTruncated(respond.bodyBytes()));
    } else if (step instanceof Step.Delay delay) {
      connection.schedule(delay.duration(), this::timerFired);
    } else if (step instanceof Step.ReadUntilIdle idle) {
      connection.input().clear();
      awaitIdle(idle.idle(), idle.idle());
    } else if (step instanceof Step.ReadRequest) {
      parser = new HttpRequestParser(connection.index());
    } else if (step instanceof Step.StopListening) {
      connection.server().stopListeningNow();
    }
  }

  private boolean complete(Step step) {
    InputBuffer in = connection.input();
    if (step instanceof Step.ReadBytes read) {
      return consume(in.size() >= read.count() ? read.count() : -1);
    } else if (step instanceof Step.ReadAny) {
      return consume(in.isEmpty() ? -1 : in.size());
    } else if (step instanceof Step.ReadLine) {
      int lf = in.indexOf((byte) '\n', 0);
      return consume(lf < 0 ? -1 : lf + 1);
    } else if (step instanceof Step.ReadUntil until) {
      int at = in.indexOf(until.delimiter(), 0);
      return consume(at < 0 ? -1 : at + until.delimiter().length);
    } else if (step instanceof Step.ReadRequest) {
      return readRequest(in);
    } else if (step instanceof Step.ReadUntilIdle) {
      in.clear();
      if (timerFired || connection.inputEnded()) {
        connection.cancelTimer();
        return true;
      }
      return false;
    } else if (step instanceof Step.Write || step instanceof Step.Respond) {
      return connection.flushed();
    } else if (step instanceof Step.Echo) {
      echo(in);
      return false;
    } else if (step instanceof Step.Delay) {
      return timerFired;
    } else if (step instanceof Step.Hang) {
      in.clear();
      if (connection.inputEnded()) {
        connection.close(ConnectionEnd.CLIENT_FIN, null);
      }
      return false;
    } else if (step instanceof Step.HalfClose) {
      if (!connection.flushed()) {
        return false;
      }
      connection.shutdownOutput();
      return true;
    } else if (step instanceof Step.Close) {
      connection.close(ConnectionEnd.SERVER_FIN, null);
      return false;
    } else if (step instanceof Step.Reset) {
      connection.reset(ConnectionEnd.SERVER_RESET, null);
      return false;
    } else if (step instanceof Step.ResetHandshake) {
      if (firstRecordArrived(in)) {
        connection.reset(ConnectionEnd.SERVER_RESET, "TLS handshake reset before ServerHello");
      } else if (connection.inputEnded()) {
        connection.close(ConnectionEnd.CLIENT_FIN, null);
      }
      return false;
    } else if (step instanceof Step.HangHandshake) {
      in.clear();
      if (connection.inputEnded()) {
        connection.close(ConnectionEnd.CLIENT_FIN, null);
      }
      return false;
    }
    return true;
  }

  /**
   * Consumes a read step's bytes, or waits for more; when the client has closed its side and no
   * more can come, closes.
   */
  private boolean consume(int count) {
    if (count >= 0) {
      connection.input().skip(count);
      return true;
    }
    if (connection.inputEnded()) {
      connection.close(ConnectionEnd.CLIENT_FIN, null);
    }
    return false;
  }

  private boolean readRequest(InputBuffer in) {
    HttpRequestParser current = parser;
    if (current == null) {
      return true;
    }
    try {
      HttpRequest request = current.parse(in);
      if (current.takeContinue()) {
        connection.write(CONTINUE);
      }
      if (request != null) {
        parser = null;
        connection.server().recorded(request);
        return true;
      }
    } catch (BadRequestException e) {
      parser = null;
      HttpResponse answer =
          HttpResponse.of(400, "Bad request: " + e.getMessage() + "\n")
              .withHeader("Connection", "close");
      connection.write(answer.encode());
      closeWhenFlushed = "bad request: " + e.getMessage();
      return false;
    }
    return consume(-1);
  }

  /**
   * Whether a whole TLS record (a type byte, two version bytes, a two-byte length, the body) has
   * arrived; anything not starting like a handshake record counts at its first byte.
   */
  private static boolean firstRecordArrived(InputBuffer in) {
    if (in.isEmpty()) {
      return false;
    }
    if (in.get(0) != 22) {
      return true;
    }
    if (in.size() < 5) {
      return false;
    }
    int length = (in.get(3) & 0xff) << 8 | (in.get(4) & 0xff);
    return in.size() >= 5 + length;
  }

  private void echo(InputBuffer in) {
    if (!in.isEmpty()) {
      connection.write(in.take(in.size()));
    }
    if (connection.inputEnded()) {
      closeWhenFlushed = "end of echo";
    }
  }

  private void timerFired() {
    timerFired = true;
    connection.advance();
  }

  private void awaitIdle(Duration idle, Duration wait) {
    connection.schedule(
        wait,
        () -> {
          long silent = System.nanoTime() - connection.lastArrivalNanos();
          if (silent >= idle.toNanos()) {
            timerFired();
          } else {
            awaitIdle(idle, idle.minusNanos(silent));
          }
        });
  }
}
