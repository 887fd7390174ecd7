package io.sluice.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A TCP proxy on loopback that makes a server look far away: every byte, in both
 * directions, is forwarded {@link #delay()} after the proxy read it, as a network of that
 * one-way latency would deliver it. A round trip through it takes at least twice the
 * delay. The delay does not serialize the stream: each direction reads continuously and
 * forwards what it read at {@code t} at {@code t + delay}, so data in flight overlaps, as
 * on a long pipe; bandwidth is loopback's.
 *
 * <p>
 * For the scale measurements (the benchmark's {@code --scenario=scale} and
 * {@code ScaleIntegrationTests}), where only the workers' connections go through it. Each
 * connection costs four platform threads: meant for tens of connections, not thousands.
 * The TCP handshake is not delayed (the client connects to the proxy at once); the
 * server's greeting and everything after it are. {@link #delay(Duration)} changes the
 * distance for every byte read from then on.
 */
public final class LatencyProxy implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(LatencyProxy.class);

	private static final AtomicInteger proxies = new AtomicInteger();

	private final InetSocketAddress target;

	private final ServerSocket server;

	private final String name;

	private final Set<DelayedLink> links = ConcurrentHashMap.newKeySet();

	private final AtomicLong bytesToTarget = new AtomicLong();

	private final AtomicLong bytesFromTarget = new AtomicLong();

	private final AtomicInteger accepted = new AtomicInteger();

	private volatile long delayNanos;

	private volatile boolean closed;

	private LatencyProxy(InetSocketAddress target, ServerSocket server, Duration delay) {
		this.target = target;
		this.server = server;
		this.name = "latency-proxy-" + proxies.incrementAndGet();
		delay(delay);
	}

	/**
	 * Starts a proxy on a free loopback port.
	 * @param target where every connection goes
	 * @param delay the one-way latency added to every byte, each way
	 * @return the running proxy
	 */
	public static LatencyProxy start(InetSocketAddress target, Duration delay) {
		try {
			ServerSocket server = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
			LatencyProxy proxy = new LatencyProxy(target, server, delay);
			Thread acceptor = new Thread(proxy::accept, proxy.name + "-accept");
			acceptor.setDaemon(true);
			acceptor.start();
			log.info("{} on port {} forwards to {} with {} each way", proxy.name, proxy.port(), target, delay);
			return proxy;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not open a proxy port for " + target, ex);
		}
	}

	/**
	 * A proxy in front of a PostgreSQL server.
	 * @param postgres the server
	 * @param delay the one-way latency added to every byte, each way
	 * @return the running proxy; connect with {@link #jdbcUrl(String)}
	 */
	public static LatencyProxy inFrontOf(PostgresServer postgres, Duration delay) {
		return start(new InetSocketAddress(InetAddress.getLoopbackAddress(), postgres.port()), delay);
	}

	/** The loopback port clients connect to. */
	public int port() {
		return this.server.getLocalPort();
	}

	/**
	 * A PostgreSQL JDBC URL that reaches the same database through this proxy.
	 * @param jdbcUrl {@code jdbc:postgresql://host:port/database[?parameters]}
	 * @return the URL with this proxy's address
	 */
	public String jdbcUrl(String jdbcUrl) {
		String prefix = "jdbc:postgresql://";
		if (!jdbcUrl.startsWith(prefix)) {
			throw new IllegalArgumentException("Not a PostgreSQL JDBC URL with a host: " + jdbcUrl);
		}
		int slash = jdbcUrl.indexOf('/', prefix.length());
		String rest = (slash < 0) ? "" : jdbcUrl.substring(slash);
		return prefix + "127.0.0.1:" + port() + rest;
	}

	/** The one-way latency added now. */
	public Duration delay() {
		return Duration.ofNanos(this.delayNanos);
	}

	/**
	 * Changes the one-way latency for every byte read from now on; bytes already read
	 * keep theirs.
	 * @param delay zero or more
	 */
	public void delay(Duration delay) {
		if (delay.isNegative()) {
			throw new IllegalArgumentException("A latency cannot be negative: " + delay);
		}
		this.delayNanos = delay.toNanos();
	}

	/** Bytes forwarded from clients to the target so far. */
	public long bytesToTarget() {
		return this.bytesToTarget.get();
	}

	/** Bytes forwarded from the target to clients so far. */
	public long bytesFromTarget() {
		return this.bytesFromTarget.get();
	}

	/** Connections accepted so far. */
	public int connectionsAccepted() {
		return this.accepted.get();
	}

	/** Connections open now. */
	public int openConnections() {
		return this.links.size();
	}

	long delayNanos() {
		return this.delayNanos;
	}

	private void accept() {
		while (!this.closed) {
			Socket client;
			try {
				client = this.server.accept();
			}
			catch (IOException ex) {
				if (!this.closed) {
					log.warn("{} stopped accepting connections", this.name, ex);
				}
				return;
			}
			int number = this.accepted.incrementAndGet();
			Socket upstream = new Socket();
			try {
				client.setTcpNoDelay(true);
				upstream.setTcpNoDelay(true);
				upstream.connect(this.target, (int) Duration.ofSeconds(5).toMillis());
			}
			catch (IOException ex) {
				log.warn("{} could not reach {} for connection {}", this.name, this.target, number, ex);
				closeQuietly(client);
				closeQuietly(upstream);
				continue;
			}
			DelayedLink link = new DelayedLink(this.name + "-" + number, client, upstream, this, this.links::remove);
			this.links.add(link);
			if (this.closed) {
				link.close();
				return;
			}
			link.start(this.bytesToTarget, this.bytesFromTarget);
		}
	}

	/** Stops accepting and cuts every open connection. */
	@Override
	public void close() {
		this.closed = true;
		closeQuietly(this.server);
		for (DelayedLink link : this.links) {
			link.close();
		}
	}

	static void closeQuietly(AutoCloseable closeable) {
		try {
			closeable.close();
		}
		catch (Exception ex) {
			if (!(ex instanceof SocketException)) {
				log.debug("Closing {} failed", closeable, ex);
			}
		}
	}

}
