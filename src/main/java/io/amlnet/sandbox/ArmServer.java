package io.amlnet.sandbox;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.net.ssl.SSLContext;

/**
 * The HTTPS front: authentication, api-version, injected faults, throttling, then the router under
 * the world's monitor; every ARM request is recorded. {@code /_sandbox/...} goes to the admin endpoint.
 */
final class ArmServer {
  static {
    // The JDK server otherwise leaves Nagle on: each small TLS answer then waits ~40 ms for a
    // delayed ACK, and the emulator would be the bottleneck of any benchmark.
    if (System.getProperty("sun.net.httpserver.nodelay") == null) {
      System.setProperty("sun.net.httpserver.nodelay", "true");
    }
  }

  private final HttpsServer server;
  private final ExecutorService executor;
  private final ArmEmulator emulator;
  private final Router router;
  private final AdminEndpoint admin;

  ArmServer(ArmEmulator emulator, Router router, AdminEndpoint admin, SSLContext ssl, int port) throws IOException {
    this.emulator = emulator;
    this.router = router;
    this.admin = admin;
    this.server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 128);
    server.setHttpsConfigurator(new HttpsConfigurator(ssl));
    this.executor = Executors.newFixedThreadPool(8, r -> {
      Thread t = new Thread(r, "arm-emulator");
      t.setDaemon(true);
      return t;
    });
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    server.start();
  }

  int port() {
    return server.getAddress().getPort();
  }

  void stop() {
    server.stop(0);
    executor.shutdownNow();
  }

  private void handle(HttpExchange ex) throws IOException {
    long start = System.nanoTime();
    try {
      String path = ex.getRequestURI().getPath();
      byte[] body = ex.getRequestBody().readAllBytes();
      if (EntraId.serves(path)) {
        // Entra ID shares the port (the authority host is the emulator) but is not ARM: not logged, counted or throttled.
        write(ex, emulator.entra().handle(ex.getRequestMethod().toUpperCase(), path, body));
        return;
      }
      if (path.startsWith("/_sandbox")) {
        write(ex, admin.handle(ex.getRequestMethod(), path, ArmRequest.parseQuery(ex.getRequestURI().getRawQuery()), body));
        return;
      }
      ArmRequest req = new ArmRequest(ex.getRequestMethod().toUpperCase(), path,
          ArmRequest.parseQuery(ex.getRequestURI().getRawQuery()), ex.getRequestHeaders(), body);
      FaultInjector.Decision fault = emulator.faults().decide(req.method(), path);
      if (fault.latencyMs() > 0) {
        sleep(fault.latencyMs());
      }
      if (fault.drop()) {
        record(req, 0, start);
        return; // closing without a response drops the connection
      }
      ArmResponse response = serve(req, fault);
      record(req, response.status(), start); // before answering, so a client that has its answer sees it counted
      write(ex, response);
    } finally {
      ex.close();
    }
  }

  private ArmResponse serve(ArmRequest req, FaultInjector.Decision fault) {
    ResourceId id = ResourceId.parse(req.path());
    Throttle.Decision quota = null;
    try {
      Caller caller = authenticate(req);
      if (fault.status() > 0) {
        return injected(fault.status());
      }
      ApiVersions.check(req, id);
      if (id != null) {
        quota = emulator.throttle().take(id.subscription(), req.kind());
        if (!quota.allowed()) {
          return new ArmError(429, "SubscriptionRequestsThrottled",
              "Number of " + req.kind().name().toLowerCase() + " requests for subscription '" + id.subscription()
                  + "' exceeded the limit. Please try again after '" + quota.retryAfterSeconds() + "' seconds.",
              Map.of("Retry-After", String.valueOf(quota.retryAfterSeconds()),
                  Throttle.remainingHeader(req.kind()), "0")).toResponse();
        }
      }
      World world = emulator.world();
      ArmCall call = new ArmCall(req, caller, id, world, emulator.lro(), emulator.governance(), emulator.permissions(),
          emulator.baseUrl(), fault.operationError());
      ArmResponse r;
      synchronized (world) {
        emulator.lro().settle();
        r = router.route(call);
      }
      return withQuota(r, req, quota);
    } catch (ArmError e) {
      return withQuota(e.toResponse(), req, quota);
    } catch (RuntimeException e) {
      return new ArmError(500, "InternalServerError", "The emulator failed: " + e).toResponse();
    }
  }

  private static ArmResponse withQuota(ArmResponse r, ArmRequest req, Throttle.Decision quota) {
    if (quota != null) {
      r.header(Throttle.remainingHeader(req.kind()), String.valueOf(quota.remaining()));
    }
    return r;
  }

  private Caller authenticate(ArmRequest req) {
    String auth = req.header("Authorization");
    if (auth == null || !auth.regionMatches(true, 0, "Bearer ", 0, 7) || auth.substring(7).isBlank()) {
      throw new ArmError(401, "AuthenticationFailed",
          "Authentication failed. The 'Authorization' header is missing or is not a Bearer token.",
          Map.of("WWW-Authenticate", "Bearer authorization_uri=\"https://login.microsoftonline.com/common\", error=\"invalid_token\""));
    }
    return emulator.entra().caller(auth.substring(7).trim());
  }

  private static ArmResponse injected(int status) {
    String code = switch (status) {
      case 429 -> "TooManyRequests";
      case 503 -> "ServiceUnavailable";
      case 500 -> "InternalServerError";
      case 412 -> "PreconditionFailed"; // ARM's code when If-Match no longer matches, as the emulator's own etags answer
      default -> "InjectedFault";
    };
    ArmError e = status == 429 || status == 503
        ? new ArmError(status, code, "Injected fault " + status + ".", Map.of("Retry-After", "1"))
        : new ArmError(status, code, "Injected fault " + status + ".");
    return e.toResponse();
  }

  private void record(ArmRequest req, int status, long start) {
    emulator.requests().record(new RequestLog.Entry(Instant.now(), req.method(), req.path(), req.kind(), status,
        (System.nanoTime() - start) / 1e6, req.header("x-amlnet-object"), req.header("User-Agent")));
  }

  private static void write(HttpExchange ex, ArmResponse r) throws IOException {
    var h = ex.getResponseHeaders();
    r.headers().forEach(h::set);
    String requestId = UUID.randomUUID().toString();
    h.set("x-ms-request-id", requestId);
    // ARM keeps a caller's correlation id (it groups one client operation's requests), else uses its own.
    String correlation = ex.getRequestHeaders().getFirst("x-ms-correlation-request-id");
    h.set("x-ms-correlation-request-id", correlation == null || correlation.isBlank() ? requestId : correlation);
    byte[] bytes = r.body() == null ? new byte[0] : Json.bytes(r.body());
    if (r.body() != null) {
      h.set("Content-Type", "application/json; charset=utf-8");
    }
    boolean noBody = bytes.length == 0 || ex.getRequestMethod().equalsIgnoreCase("HEAD");
    ex.sendResponseHeaders(r.status(), noBody ? -1 : bytes.length);
    if (!noBody) {
      try (OutputStream out = ex.getResponseBody()) {
        out.write(bytes);
      }
    }
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
