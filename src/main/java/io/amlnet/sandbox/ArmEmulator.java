package io.amlnet.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import javax.net.ssl.SSLContext;

/**
 * The embeddable ARM emulator. {@link #start} generates a certificate, seeds the world and serves
 * HTTPS on 127.0.0.1; the instance exposes the base URL, the PEM path, a client SSL context that
 * trusts exactly that certificate, request counts, world changes (drift) and reset.
 */
public final class ArmEmulator implements AutoCloseable {
  private final WorldSpec spec;
  private final World world = new World();
  private final ResourceTypes types = ResourceTypes.standard();
  private final Governance governance = new Governance();
  private final Permissions permissions;
  private final RequestLog requests = new RequestLog();
  private final LroEngine lro;
  private final Throttle throttle;
  private final FaultInjector faults;
  private final SelfSignedCertificate certificate;
  private final ArmServer server;
  private final String baseUrl;
  private final EntraId entra;
  private final Path ownedCertDir;

  private ArmEmulator(WorldSpec spec, EmulatorOptions options) throws IOException {
    this.spec = spec;
    JsonNode settings = spec.settings();
    this.lro = new LroEngine(options.lroLatency(settings), options.operationRetryAfterSeconds(settings));
    this.throttle = new Throttle(options.throttle(settings));
    this.faults = new FaultInjector(options.seed(settings), options.faults(settings));
    this.permissions = new Permissions(settings.path("enforcePermissions").asBoolean(false));
    spec.seed(world, types);
    this.ownedCertDir = options.certDir() != null ? null : Files.createTempDirectory("amlnet-arm-");
    Path dir = options.certDir() != null ? options.certDir() : ownedCertDir;
    this.certificate = SelfSignedCertificate.generate(dir);
    try {
      this.server = new ArmServer(this, new Router(types), new AdminEndpoint(this), certificate.serverContext(),
          options.port());
    } catch (GeneralSecurityException e) {
      throw new IOException("cannot set up TLS", e);
    }
    this.baseUrl = "https://127.0.0.1:" + server.port();
    this.entra = new EntraId(spec.root().path("entra"), baseUrl);
  }

  public static ArmEmulator start(WorldSpec world, EmulatorOptions options) throws IOException {
    return new ArmEmulator(world, options);
  }

  public String baseUrl() {
    return baseUrl;
  }

  public int port() {
    return server.port();
  }

  /** The emulator's certificate as PEM: what a client (curl --cacert, --azure-ca) must trust. */
  public Path certificatePath() {
    return certificate.pemPath();
  }

  /** An SSL context that trusts exactly this emulator's certificate. */
  public SSLContext clientSslContext() {
    try {
      return SelfSignedCertificate.trustingOnly(certificate.pemPath());
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Entra ID of the world file's tenants: the authority host is {@link #baseUrl()}. */
  public EntraId entra() {
    return entra;
  }

  public RequestLog requests() {
    return requests;
  }

  public RequestLog.Counts counts() {
    return requests.counts();
  }

  public FaultInjector faults() {
    return faults;
  }

  public Throttle throttle() {
    return throttle;
  }

  public void setLroLatency(Duration latency) {
    lro.setLatency(latency);
  }

  /** Operations started from now on take as long as {@code profile} says for their type. */
  public void setLroLatencyProfile(LatencyProfile profile) {
    lro.setProfile(profile);
  }

  World world() {
    return world;
  }

  LroEngine lro() {
    return lro;
  }

  Governance governance() {
    return governance;
  }

  Permissions permissions() {
    return permissions;
  }

  /** Runs {@code change} on the world while no request is served (e.g. to seed a lock or drift). */
  public void mutate(Consumer<World> change) {
    synchronized (world) {
      change.accept(world);
    }
  }

  /** A copy of every resource in the world: what a test compares before and after a change. */
  public java.util.List<ObjectNode> snapshot() {
    synchronized (world) {
      return world.all().stream().map(ObjectNode::deepCopy).toList();
    }
  }

  public Optional<ObjectNode> readResource(String id) {
    synchronized (world) {
      return world.get(id).map(ObjectNode::deepCopy);
    }
  }

  /**
   * The credentials an attached compute was last written with ({@code administratorAccount} or
   * {@code databricksAccessToken}), for tests in this process only: no ARM or admin GET serves them.
   */
  public Optional<ObjectNode> computeCredentials(String computeId) {
    synchronized (world) {
      return Optional.ofNullable(world.computeCredentials().get(ResourceId.key(computeId))).map(ObjectNode::deepCopy);
    }
  }

  /** Overwrites a resource as someone in the portal would (no ARM validation), with a new etag. */
  public ObjectNode driftResource(ObjectNode resource) {
    synchronized (world) {
      String id = resource.get("id").asText();
      if (!resource.hasNonNull("type")) {
        resource.put("type", world.get(id).map(r -> r.path("type").asText()).orElseThrow(
            () -> new ArmError(400, "MissingType", "A new resource needs a type.")));
      }
      types.seed(world, resource);
      return world.get(id).orElseThrow().deepCopy();
    }
  }

  public void removeResource(String id) {
    synchronized (world) {
      world.remove(id);
    }
  }

  /** Gives a service tag new prefixes (when given) and bumps its and the list's changeNumber. */
  public ObjectNode bumpServiceTag(String name, JsonNode addressPrefixes) {
    synchronized (world) {
      return ServiceTags.bump(world, name, addressPrefixes).deepCopy();
    }
  }

  public ObjectNode bumpServiceTag(String name, List<String> addressPrefixes) {
    var array = Json.array();
    addressPrefixes.forEach(array::add);
    return bumpServiceTag(name, array);
  }

  public ObjectNode setPolicyEnabled(String name, boolean enabled) {
    synchronized (world) {
      for (ObjectNode p : world.policies()) {
        if (p.path("name").asText().equalsIgnoreCase(name)) {
          p.put("enabled", enabled);
          return p.deepCopy();
        }
      }
      throw new ArmError(404, "PolicyNotFound", "No policy named " + name + " in the world.");
    }
  }

  /** Back to the world file's state; request log, buckets, operations and Entra ID's grant log cleared. */
  public void reset() {
    synchronized (world) {
      spec.seed(world, types);
      lro.reset();
    }
    throttle.reset();
    requests.reset();
    entra.reset();
  }

  /** Stops serving; a certificate directory the emulator created itself is removed. */
  @Override
  public void close() {
    server.stop();
    if (ownedCertDir != null) {
      try {
        Files.deleteIfExists(certificate.pemPath());
        Files.deleteIfExists(ownedCertDir);
      } catch (IOException e) {
        // a temporary file left behind is harmless
      }
    }
  }
}
