package dev.tcpunit.internal.toxiproxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tcpunit.internal.toxiproxy.RawApi.Answer;
import dev.tcpunit.proxy.Direction;
import dev.tcpunit.proxy.Toxic;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.parallel.Isolated;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@Isolated(
    "its proxies listen without accepting: a test that relays to a port it just closed could reach one")
@Timeout(value = 60, unit = TimeUnit.SECONDS)
@DisplayName("Admin API: toxics")
class AdminApiToxicsTest {

  private static final String TOXICS = "/proxies/p/toxics";

  private final ListeningOnlyBackend backend = new ListeningOnlyBackend();
  private AdminServer server;
  private RawApi api;

  @BeforeEach
  void start() {
    server =
        AdminServer.start(
            new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), backend, false, 42);
    api = new RawApi("http://127.0.0.1:" + server.address().getPort());
    api.post(
        "/proxies", "{\"name\":\"p\",\"listen\":\"127.0.0.1:0\",\"upstream\":\"127.0.0.1:9\"}");
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Nested
  @DisplayName("POST /proxies/{proxy}/toxics")
  class Create {

    @ParameterizedTest(name = "{0}")
    @CsvSource(
        delimiter = '|',
        value = {
          "latency|{\"latency\":100,\"jitter\":10}|{\"latency\":100,\"jitter\":10}",
          "bandwidth|{\"rate\":64}|{\"rate\":64}",
          "slow_close|{\"delay\":50}|{\"delay\":50}",
          "timeout|{\"timeout\":0}|{\"timeout\":0}",
          "reset_peer|{\"timeout\":20}|{\"timeout\":20}",
          "slicer|{\"average_size\":8,\"delay\":5}|{\"average_size\":8,\"size_variation\":0,\"delay\":5}",
          "limit_data|{\"bytes\":1024}|{\"bytes\":1024}",
          "noop|{}|{}"
        })
    @DisplayName("every Toxiproxy type answers 200 with Toxiproxy's fields and attribute order")
    void everyType(String type, String attributes, String written) {
      Answer answer =
          api.post(TOXICS, "{\"type\":\"" + type + "\",\"attributes\":" + attributes + "}");
      assertThat(answer.status()).isEqualTo(200);
      assertThat(answer.contentType()).isEqualTo("application/json");
      assertThat(answer.body())
          .isEqualTo(
              "{\"attributes\":"
                  + written
                  + ",\"name\":\""
                  + type
                  + "_downstream\",\"type\":\""
                  + type
                  + "\",\"stream\":\"downstream\",\"toxicity\":1}");
      assertThat(api.get(TOXICS + "/" + type + "_downstream").body()).isEqualTo(answer.body());
    }

    @Test
    @DisplayName("the toxic acts on the in-process proxy, with its name, stream and toxicity")
    void installs() {
      api.post(
          TOXICS,
          "{\"name\":\"slow\",\"type\":\"latency\",\"stream\":\"UPSTREAM\",\"toxicity\":0.25,"
              + "\"attributes\":{\"latency\":100}}");
      assertThat(backend.last().toxics())
          .containsExactly(Toxic.latency(100).upstream().toxicity(0.25).named("slow"));
      assertThat(api.get(TOXICS + "/slow").body())
          .isEqualTo(
              "{\"attributes\":{\"latency\":100,\"jitter\":0},\"name\":\"slow\",\"type\":\"latency\","
                  + "\"stream\":\"UPSTREAM\",\"toxicity\":0.25}");
    }

    @Test
    @DisplayName(
        "values Toxiproxy accepts keep their meaning: a rate of 0 is no limit, a negative delay none")
    void toxiproxyMeanings() {
      api.post(TOXICS, "{\"type\":\"bandwidth\"}");
      api.post(TOXICS, "{\"type\":\"latency\",\"attributes\":{\"latency\":-5},\"toxicity\":3}");
      assertThat(backend.last().toxics())
          .containsExactly(Toxic.latency(0).named("latency_downstream"));
      assertThat(api.get(TOXICS + "/latency_downstream").body())
          .contains("\"latency\":-5", "\"toxicity\":3");
    }

    @Test
    @DisplayName("the list has the upstream toxics first, then the downstream ones")
    void order() {
      api.post(TOXICS, "{\"name\":\"d1\",\"type\":\"noop\"}");
      api.post(TOXICS, "{\"name\":\"u1\",\"type\":\"noop\",\"stream\":\"upstream\"}");
      api.post(TOXICS, "{\"name\":\"d2\",\"type\":\"noop\"}");
      assertThat(api.get(TOXICS).body())
          .matches("\\[\\{[^]]*\"name\":\"u1\".*\"name\":\"d1\".*\"name\":\"d2\".*");
      assertThat(api.get("/proxies/p").body()).contains("\"toxics\":[{");
    }

    @Test
    @DisplayName("a name in use is 409 toxic already exists")
    void duplicate() {
      api.post(TOXICS, "{\"type\":\"latency\"}");
      Answer answer = api.post(TOXICS, "{\"type\":\"timeout\",\"name\":\"latency_downstream\"}");
      assertThat(answer.status()).isEqualTo(409);
      assertThat(answer.body()).isEqualTo(RawApi.error(409, "toxic already exists"));
    }

    @Test
    @DisplayName("a bad stream is 400, checked before the type as in Toxiproxy")
    void badStream() {
      Answer answer = api.post(TOXICS, "{\"type\":\"nope\",\"stream\":\"sideways\"}");
      assertThat(answer.status()).isEqualTo(400);
      assertThat(answer.body())
          .isEqualTo(RawApi.error(400, "stream was invalid, can be either upstream or downstream"));
      assertThat(api.post(TOXICS, "{\"type\":\"latency\",\"stream\":\"\"}").status())
          .isEqualTo(400);
    }

    @Test
    @DisplayName("an unknown type, tcpunit's own included, is 400 invalid toxic type")
    void unknownType() {
      for (String type : new String[] {"nope", "black_hole", "Latency", ""}) {
        Answer answer = api.post(TOXICS, "{\"type\":\"" + type + "\"}");
        assertThat(answer.body()).as(type).isEqualTo(RawApi.error(400, "invalid toxic type"));
      }
    }

    @Test
    @DisplayName("an attribute of the wrong type is 400 with Go's unmarshal message")
    void wrongAttributeType() {
      assertThat(
              api.post(TOXICS, "{\"type\":\"latency\",\"attributes\":{\"latency\":\"1s\"}}").body())
          .isEqualTo(
              RawApi.error(
                  400,
                  "bad request body: json: cannot unmarshal string into Go struct field"
                      + " LatencyToxic.attributes.latency of type int64"));
      assertThat(api.post(TOXICS, "{\"type\":\"slicer\",\"attributes\":{\"delay\":1.5}}").body())
          .contains(
              "cannot unmarshal number 1.5 into Go struct field SlicerToxic.attributes.delay of type int");
      assertThat(api.post(TOXICS, "{\"type\":\"latency\",\"toxicity\":\"high\"}").body())
          .contains(
              "cannot unmarshal string into Go struct field ToxicWrapper.toxicity of type float32");
      assertThat(api.post(TOXICS, "{\"type\":\"latency\",\"attributes\":[]}").status())
          .isEqualTo(400);
      assertThat(api.get(TOXICS).body()).isEqualTo("[]");
    }

    @Test
    @DisplayName("values no proxy can run are 400: a slicer's average size of 0")
    void unrunnable() {
      Answer answer = api.post(TOXICS, "{\"type\":\"slicer\"}");
      assertThat(answer.status()).isEqualTo(400);
      assertThat(answer.body()).startsWith("{\"error\":\"bad request body: average_size: 0");
    }

    @Test
    @DisplayName("a toxic of a missing proxy is 404 proxy not found; malformed JSON is 400")
    void errors() {
      assertThat(api.post("/proxies/zz/toxics", "{\"type\":\"latency\"}").body())
          .isEqualTo(RawApi.error(404, "proxy not found"));
      assertThat(api.get("/proxies/zz/toxics").status()).isEqualTo(404);
      assertThat(api.post(TOXICS, "{").body())
          .isEqualTo(RawApi.error(400, "bad request body: unexpected EOF"));
    }
  }

  @Nested
  @DisplayName("GET, POST, PATCH and DELETE /proxies/{proxy}/toxics/{toxic}")
  class OneToxic {

    @BeforeEach
    void latency() {
      api.post(
          TOXICS,
          "{\"name\":\"l\",\"type\":\"latency\",\"attributes\":{\"latency\":100,\"jitter\":5}}");
    }

    @Test
    @DisplayName("a missing toxic is 404 toxic not found")
    void missing() {
      assertThat(api.get(TOXICS + "/zz").body()).isEqualTo(RawApi.error(404, "toxic not found"));
      assertThat(api.post(TOXICS + "/zz", "{").body())
          .isEqualTo(RawApi.error(404, "toxic not found"));
      assertThat(api.delete(TOXICS + "/zz").status()).isEqualTo(404);
      assertThat(api.get("/proxies/zz/toxics/l").body())
          .isEqualTo(RawApi.error(404, "proxy not found"));
    }

    @Test
    @DisplayName(
        "an update replaces the attributes given and keeps the others, and the proxy's toxic")
    void update() {
      Answer answer =
          api.post(TOXICS + "/l", "{\"attributes\":{\"jitter\":20},\"stream\":\"upstream\"}");
      assertThat(answer.status()).isEqualTo(200);
      assertThat(answer.body())
          .isEqualTo(
              "{\"attributes\":{\"latency\":100,\"jitter\":20},\"name\":\"l\",\"type\":\"latency\","
                  + "\"stream\":\"downstream\",\"toxicity\":1}");
      assertThat(backend.last().toxics())
          .containsExactly(Toxic.latency(100).jitter(20).stream(Direction.DOWNSTREAM).named("l"));
      assertThat(api.patch(TOXICS + "/l", "{\"toxicity\":0.5}").body())
          .contains("\"jitter\":20", "\"toxicity\":0.5");
      assertThat(backend.last().toxics().get(0).toxicity()).isEqualTo(0.5);
    }

    @Test
    @DisplayName("a bad update is 400 and changes nothing")
    void badUpdate() {
      assertThat(
              api.post(TOXICS + "/l", "{\"attributes\":{\"latency\":5,\"jitter\":\"x\"}}").status())
          .isEqualTo(400);
      assertThat(api.post(TOXICS + "/l", "{\"toxicity\":true}").body())
          .contains("cannot unmarshal bool into Go struct field .toxicity of type float32");
      assertThat(api.get(TOXICS + "/l").body()).contains("\"latency\":100,\"jitter\":5");
      assertThat(backend.last().toxics())
          .containsExactly(Toxic.latency(Duration.ofMillis(100)).jitter(5).named("l"));
    }

    @Test
    @DisplayName("an update can make a toxic do nothing, or something again")
    void toAndFromNothing() {
      api.post(TOXICS, "{\"name\":\"b\",\"type\":\"bandwidth\",\"attributes\":{\"rate\":10}}");
      assertThat(backend.last().toxics()).hasSize(2);
      api.post(TOXICS + "/b", "{\"attributes\":{\"rate\":0}}");
      assertThat(backend.last().toxics()).extracting(Toxic::name).containsExactly("l");
      api.post(TOXICS + "/b", "{\"attributes\":{\"rate\":7}}");
      assertThat(backend.last().toxics()).extracting(Toxic::name).containsExactly("l", "b");
    }

    @Test
    @DisplayName("DELETE is 204 and removes the proxy's toxic")
    void delete() {
      Answer answer = api.delete(TOXICS + "/l");
      assertThat(answer.status()).isEqualTo(204);
      assertThat(backend.last().toxics()).isEmpty();
      assertThat(api.get(TOXICS).body()).isEqualTo("[]");
    }

    @Test
    @DisplayName("toxics stay across disable and enable, and move with the proxy to a new address")
    void survive() {
      api.post("/proxies/p", "{\"enabled\":false}");
      api.post(TOXICS, "{\"name\":\"t\",\"type\":\"timeout\"}");
      api.post("/proxies/p", "{\"enabled\":true}");
      assertThat(backend.last().toxics()).extracting(Toxic::name).containsExactly("l", "t");
      api.post("/proxies/p", "{\"listen\":\"127.0.0.1:0\"}");
      assertThat(backend.opened).hasSize(2);
      assertThat(backend.last().toxics()).extracting(Toxic::name).containsExactly("l", "t");
    }
  }
}
