package ops.gateway.testnode;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.opensearch.common.logging.LogConfigurator;
import org.opensearch.common.settings.Settings;
import org.opensearch.core.common.transport.TransportAddress;
import org.opensearch.env.Environment;
import org.opensearch.http.HttpServerTransport;
import org.opensearch.node.InternalSettingsPreparer;
import org.opensearch.node.Node;
import org.opensearch.plugins.Plugin;
import org.opensearch.transport.Netty4Plugin;

/**
 * A single OpenSearch node started in-process, for gateway-ops integration tests only.
 *
 * <p>Usage: {@code java -cp ... ops.gateway.testnode.TestNode <home> <path.repo|-> [httpPort] [transportPort]}.
 * Ports default to 0 (the OS picks a free one). When the node is started it prints one line
 * {@code GATEWAY_OPS_OPENSEARCH_READY http=127.0.0.1:<port>} on stdout; SIGTERM (or closing
 * stdin when {@code -Dtestnode.exitOnStdinClose=true}, or the death of the parent process) closes
 * the node and exits 0.
 */
public final class TestNode {

  /** The node with a class-path plugin list (the HTTP transport is a plugin in OpenSearch). */
  static final class EmbeddedNode extends Node {
    EmbeddedNode(Environment environment, Collection<Class<? extends Plugin>> plugins) {
      super(environment, plugins, true);
    }
  }

  private TestNode() {}

  public static void main(String[] args) throws Exception {
    if (args.length < 2) {
      System.err.println("usage: TestNode <home> <path.repo> [httpPort] [transportPort]");
      System.exit(2);
    }
    Path home = Paths.get(args[0]).toAbsolutePath();
    // "-" starts a node without path.repo (to test that fault).
    Path repo = "-".equals(args[1]) ? null : Paths.get(args[1]).toAbsolutePath();
    String httpPort = args.length > 2 ? args[2] : "0";
    String transportPort = args.length > 3 ? args[3] : "0";
    Files.createDirectories(home.resolve("config"));
    Files.createDirectories(home.resolve("data"));
    Files.createDirectories(home.resolve("logs"));
    if (repo != null) {
      Files.createDirectories(repo);
    }

    Settings.Builder builder = Settings.builder()
        .put("cluster.name", System.getProperty("testnode.cluster", "gateway-ops-test"))
        .put("node.name", System.getProperty("testnode.name", "gateway-ops-node-1"))
        .put("path.home", home.toString())
        .put("path.data", home.resolve("data").toString())
        .put("path.logs", home.resolve("logs").toString())
        .put("network.host", "127.0.0.1")
        .put("http.port", httpPort)
        .put("transport.port", transportPort)
        .put("discovery.type", "single-node")
        // Small temp disks must not flip indices to read-only in the middle of a test.
        .put("cluster.routing.allocation.disk.threshold_enabled", false)
        .put("node.processors", Math.min(2, Runtime.getRuntime().availableProcessors()));
    if (repo != null) {
      builder.putList("path.repo", List.of(repo.toString()));
    }
    Settings settings = builder.build();

    LogConfigurator.registerErrorListener();
    LogConfigurator.setNodeName(settings.get("node.name"));
    LogConfigurator.configureWithoutConfig(settings);

    Environment environment = InternalSettingsPreparer.prepareEnvironment(
        settings, Collections.emptyMap(), home.resolve("config"), () -> settings.get("node.name"));
    EmbeddedNode node = new EmbeddedNode(environment, List.of(Netty4Plugin.class));

    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        node.close();
        node.awaitClose(20, TimeUnit.SECONDS);
      } catch (Exception e) {
        System.err.println("error while closing the node: " + e);
      } finally {
        stopped.countDown();
      }
    }, "testnode-shutdown"));

    node.start();
    TransportAddress http = node.injector().getInstance(HttpServerTransport.class).boundAddress().publishAddress();
    System.out.println("GATEWAY_OPS_OPENSEARCH_READY http=" + http.getAddress() + ":" + http.getPort());
    System.out.flush();

    // Never outlive the process that started us (a killed test runner must not leave a JVM behind).
    long parent = ProcessHandle.current().parent().map(ProcessHandle::pid).orElse(1L);
    Thread watchdog = new Thread(() -> {
      while (true) {
        long now = ProcessHandle.current().parent().map(ProcessHandle::pid).orElse(1L);
        boolean alive = ProcessHandle.of(parent).map(ProcessHandle::isAlive).orElse(false);
        if (now != parent || !alive) {
          System.err.println("testnode: parent process " + parent + " is gone; shutting down");
          System.exit(0);
        }
        try {
          Thread.sleep(1000);
        } catch (InterruptedException e) {
          return;
        }
      }
    }, "testnode-parent-watchdog");
    watchdog.setDaemon(true);
    if (parent > 1) {
      watchdog.start();
    }

    if (Boolean.getBoolean("testnode.exitOnStdinClose")) {
      // The parent died or closed our stdin: do not outlive it.
      while (System.in.read() != -1) {
        // drain
      }
      System.exit(0);
    }
    stopped.await();
  }
}
