package kg.tools.neo4j;

import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;

import org.neo4j.configuration.connectors.ConnectorPortRegister;
import org.neo4j.configuration.connectors.ConnectorType;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.internal.helpers.HostnamePort;
import org.neo4j.kernel.internal.GraphDatabaseAPI;
import org.neo4j.logging.Level;
import org.neo4j.logging.log4j.Log4jLogProvider;

/**
 * Runs a real Neo4j 5.26 Community DBMS in this JVM (embedded DBMS + Bolt connector), for kg tests and
 * local use without Docker.
 *
 * <pre>
 * java &lt;JVM flags&gt; -cp "target/classes:target/lib/*" kg.tools.neo4j.KgNeo4jServer \
 *      [--port N] [--host 127.0.0.1] [--data DIR] [--conf FILE] [--plugins DIR] [--pid-file FILE]
 *      [--set key=value]...
 * </pre>
 *
 * <ul>
 *   <li>{@code --data DIR} is the Neo4j home: the store lives in DIR/data, Neo4j's logs in DIR/logs.
 *       Data survives restarts (unlike neo4j-harness, which deletes its folder on close).</li>
 *   <li>{@code --port 0} picks a free port; the real one is reported.</li>
 *   <li>Auth is off unless the environment variable {@code KG_NEO4J_PASSWORD} is set (at least 8
 *       characters); then auth is on and user {@code neo4j} gets that password.</li>
 *   <li>When the default database is available, exactly one line {@code BOLT_URI=bolt://HOST:PORT} is
 *       printed on stdout. Everything else (Neo4j's user log, diagnostics) goes to stderr.</li>
 *   <li>SIGTERM / SIGINT shut the DBMS down cleanly (shutdown hook), then the JVM exits.</li>
 * </ul>
 *
 * The settings are written to DIR/conf/kg-neo4j-server.conf (regenerated at each start, no secrets) and
 * loaded with strict validation, so a misspelt {@code --set} key fails fast.
 */
public final class KgNeo4jServer {

    static final String PASSWORD_ENV = "KG_NEO4J_PASSWORD";
    static final String USER = "neo4j";

    private KgNeo4jServer() {}

    public static void main(String[] args) {
        // Keep the real stdout for the single BOLT_URI line; anything else that writes to System.out goes to stderr.
        PrintStream uriOut = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        System.setOut(System.err);
        PrintStream err = System.err;
        try {
            run(args, uriOut, err);
        } catch (Throwable t) {
            err.println("kg-neo4j-server: FAILED to start: " + t);
            t.printStackTrace(err);
            err.flush();
            System.exit(1); // runs the shutdown hook (if the DBMS was built) so the store is closed cleanly
        }
    }

    private static void run(String[] args, PrintStream uriOut, PrintStream err) throws Exception {
        String host = "127.0.0.1";
        int port = 0;
        Path home = Path.of("neo4j-home");
        Path extraConf = null;
        Path plugins = null;
        Path pidFile = null;
        Map<String, String> cliSettings = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--port" -> port = Integer.parseInt(need(args, ++i, a));
                case "--host" -> host = need(args, ++i, a);
                case "--data" -> home = Path.of(need(args, ++i, a));
                case "--conf" -> extraConf = Path.of(need(args, ++i, a));
                case "--plugins" -> plugins = Path.of(need(args, ++i, a));
                case "--pid-file" -> pidFile = Path.of(need(args, ++i, a));
                case "--set" -> {
                    String kv = need(args, ++i, a);
                    int eq = kv.indexOf('=');
                    if (eq <= 0) {
                        throw new IllegalArgumentException("--set expects key=value, got: " + kv);
                    }
                    cliSettings.put(kv.substring(0, eq).trim(), kv.substring(eq + 1).trim());
                }
                case "-h", "--help" -> {
                    err.println("usage: KgNeo4jServer [--port N] [--host H] [--data DIR] [--conf FILE]"
                            + " [--plugins DIR] [--pid-file FILE] [--set key=value]...   (env " + PASSWORD_ENV + " enables auth)");
                    System.exit(0);
                }
                default -> throw new IllegalArgumentException("unknown argument: " + a);
            }
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("bad port: " + port);
        }
        warnIfJvmFlagsMissing(err);
        if (pidFile != null) {
            Path pf = pidFile.toAbsolutePath();
            Files.createDirectories(pf.getParent());
            Files.writeString(pf, ProcessHandle.current().pid() + "\n", StandardCharsets.UTF_8);
        }

        home = Files.createDirectories(home.toAbsolutePath().normalize());
        String password = System.getenv(PASSWORD_ENV);
        boolean auth = password != null && !password.isEmpty();
        if (auth && password.length() < 8) {
            throw new IllegalArgumentException(PASSWORD_ENV + " must have at least 8 characters"
                    + " (dbms.security.auth_minimum_password_length)");
        }

        // 1. Defaults sized for a small (2-core, few GB) machine. The JVM heap is set by -Xmx on the command line.
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("dbms.usage_report.enabled", "false");
        settings.put("server.memory.pagecache.size", "128m");
        settings.put("dbms.memory.transaction.total.max", "512m");
        settings.put("db.memory.transaction.max", "256m");
        settings.put("db.transaction.timeout", "120s");
        settings.put("db.lock.acquisition.timeout", "60s");
        settings.put("db.tx_log.rotation.retention_policy", "2 days 512M");
        // Default: 256 MiB transaction-log files, preallocated -> over 500 MB on disk for an empty DBMS
        // (system + neo4j). Smaller, grow-as-needed files suit tests and a small disk.
        settings.put("db.tx_log.rotation.size", "64M");
        settings.put("db.tx_log.preallocate", "false");
        settings.put("server.bolt.thread_pool_max_size", "64");
        // Internal Bolt settings: the defaults wait 5 s + 5 s for idle connections/Netty at shutdown; 1 s is
        // plenty for a local single-user server and keeps `stop` (and test teardown) fast.
        settings.put("internal.server.bolt.connection_shutdown_wait_time", "1s");
        settings.put("internal.server.bolt.thread_pool_shutdown_wait_time", "1s");
        settings.put("internal.dbms.bolt.netty_server_shutdown_quiet_period", "0");
        settings.put("internal.dbms.bolt.netty_server_shutdown_timeout", "2s");
        // 2. Optional user file, 3. --set, 4. what this launcher controls.
        if (extraConf != null) {
            Properties p = new Properties();
            try (Reader r = Files.newBufferedReader(extraConf, StandardCharsets.UTF_8)) {
                p.load(r);
            }
            p.stringPropertyNames().forEach(k -> settings.put(k, p.getProperty(k).trim()));
        }
        settings.putAll(cliSettings);
        settings.put("server.bolt.enabled", "true");
        settings.put("server.bolt.listen_address", host + ":" + port);
        settings.put("server.bolt.advertised_address", host + ":" + port);
        settings.put("server.bolt.tls_level", "DISABLED");
        settings.put("server.http.enabled", "false");   // embedded mode starts no HTTP server anyway
        settings.put("server.https.enabled", "false");
        settings.put("dbms.security.auth_enabled", Boolean.toString(auth));
        if (plugins != null) {
            settings.put("server.directories.plugins", plugins.toAbsolutePath().normalize().toString());
            settings.putIfAbsent("dbms.security.procedures.unrestricted", "apoc.*");
        }
        Path conf = writeConf(home, settings);

        long t0 = System.nanoTime();
        DatabaseManagementService dbms = new DatabaseManagementServiceBuilder(home)
                .setUserLogProvider(new Log4jLogProvider(err, Level.INFO))
                .loadPropertiesFromFile(conf)
                .build();

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            err.println("kg-neo4j-server: shutting down");
            try {
                dbms.shutdown();
            } catch (Throwable t) {
                err.println("kg-neo4j-server: error during shutdown: " + t);
            } finally {
                err.println("kg-neo4j-server: stopped");
                err.flush();
                stopped.countDown();
            }
        }, "kg-neo4j-shutdown"));

        GraphDatabaseService db = dbms.database("neo4j");
        if (!db.isAvailable(300_000)) {
            throw new IllegalStateException("database 'neo4j' did not become available within 300 s");
        }
        if (auth) {
            // Community has ALTER USER; transactions through the embedded API run with full access.
            try {
                dbms.database("system").executeTransactionally(
                        "ALTER USER " + USER + " SET PASSWORD $p CHANGE NOT REQUIRED", Map.of("p", password));
            } catch (RuntimeException e) {
                // Restart on the same data folder with the same password: Neo4j refuses to "change" it.
                if (!String.valueOf(e.getMessage()).contains("Old password and new password cannot be the same")) {
                    throw e;
                }
            }
        }
        db.executeTransactionally("RETURN 1"); // warm up the Cypher pipeline once

        HostnamePort bound = ((GraphDatabaseAPI) db).getDependencyResolver()
                .resolveDependency(ConnectorPortRegister.class)
                .getLocalAddress(ConnectorType.BOLT);
        if (bound == null) {
            throw new IllegalStateException("Bolt connector is not bound (is org.neo4j:neo4j-bolt on the classpath?)");
        }
        err.printf("kg-neo4j-server: Neo4j %s ready in %.1f s, home=%s, auth=%s%n",
                neo4jVersion(), (System.nanoTime() - t0) / 1e9, home, auth ? "on (user neo4j)" : "off");
        uriOut.println("BOLT_URI=bolt://" + host + ":" + bound.getPort());
        uriOut.flush();

        stopped.await();
    }

    private static String need(String[] args, int i, String opt) {
        if (i >= args.length) {
            throw new IllegalArgumentException(opt + " needs a value");
        }
        return args[i];
    }

    private static Path writeConf(Path home, Map<String, String> settings) throws IOException {
        Path dir = Files.createDirectories(home.resolve("conf"));
        Path file = dir.resolve("kg-neo4j-server.conf");
        List<String> lines = new ArrayList<>();
        lines.add("# Generated by kg.tools.neo4j.KgNeo4jServer at every start; edits are overwritten.");
        lines.add("# Use --conf FILE or --set key=value to change settings.");
        settings.forEach((k, v) -> lines.add(k + "=" + v));
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (String l : lines) {
                w.write(l);
                w.write('\n');
            }
        }
        return file;
    }

    /** Neo4j needs deep reflection into java.nio / sun.nio.ch (off-heap buffers, Netty). */
    private static void warnIfJvmFlagsMissing(PrintStream err) {
        Module me = KgNeo4jServer.class.getModule();
        String[][] needed = {{"java.nio", "java.base"}, {"java.io", "java.base"}, {"sun.nio.ch", "java.base"}};
        for (String[] pkg : needed) {
            Module m = ModuleLayer.boot().findModule(pkg[1]).orElse(null);
            if (m != null && !m.isOpen(pkg[0], me)) {
                err.println("kg-neo4j-server: WARNING: JVM flag --add-opens=" + pkg[1] + "/" + pkg[0]
                        + "=ALL-UNNAMED is missing; use scripts/neo4j-server.sh, which passes the needed flags");
            }
        }
    }

    private static String neo4jVersion() {
        Package p = DatabaseManagementService.class.getPackage();
        String v = p == null ? null : p.getImplementationVersion();
        return v == null ? "5.26.x" : v;
    }
}
