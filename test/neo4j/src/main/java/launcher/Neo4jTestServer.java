package launcher;

import java.nio.file.Path;
import java.util.Map;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.io.ByteUnit;

/**
 * A real Neo4j 5.26 (community, embedded) for the KG Query tests: Bolt on 127.0.0.1, auth on, a small
 * page cache. Arguments: data directory, Bolt port, password for the user "neo4j". Prints one "ready"
 * line once Bolt accepts logins, then serves until the process is stopped.
 */
public final class Neo4jTestServer {
	public static void main(String[] args) throws Exception {
		if (args.length != 3) {
			System.err.println("usage: Neo4jTestServer <data dir> <bolt port> <password>");
			System.exit(2);
		}
		Path home = Path.of(args[0]).toAbsolutePath();
		int port = Integer.parseInt(args[1]);
		String password = args[2];

		DatabaseManagementService dbms = new DatabaseManagementServiceBuilder(home)
				.setConfig(BoltConnector.enabled, true)
				.setConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", port))
				.setConfig(BoltConnector.encryption_level, BoltConnector.EncryptionLevel.DISABLED)
				.setConfig(HttpConnector.enabled, false)
				.setConfig(GraphDatabaseSettings.auth_enabled, true)
				.setConfig(GraphDatabaseSettings.pagecache_memory, ByteUnit.mebiBytes(64))
				.build();
		Runtime.getRuntime().addShutdownHook(new Thread(dbms::shutdown));

		// The embedded API runs without auth checks, so it can set the password Bolt clients will use.
		dbms.database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME).executeTransactionally(
				"ALTER USER neo4j SET PASSWORD $password CHANGE NOT REQUIRED", Map.of("password", password));

		System.out.println("ready bolt://127.0.0.1:" + port);
		Thread.currentThread().join();
	}
}
