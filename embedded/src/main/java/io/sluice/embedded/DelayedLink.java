package io.sluice.embedded;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * One client connection through a {@link LatencyProxy} and its connection to the target:
 * two directions, each a reader thread that stamps what it reads with the time it is due
 * and a writer thread that forwards it then. A direction that reads the end of its stream
 * shuts the other side's output once everything before it is forwarded; the link closes
 * both sockets once both directions have ended, or at once when either fails.
 */
final class DelayedLink {

	/** Bytes one read may take: data is forwarded in pieces of at most this size. */
	private static final int READ_BYTES = 64 * 1024;

	/**
	 * Pieces one direction may hold before its reader waits for its writer: a bound on
	 * memory when the receiving side does not keep up.
	 */
	private static final int PIECES_IN_FLIGHT = 1024;

	private static final Piece END = new Piece(0, new byte[0]);

	private final String name;

	private final Socket client;

	private final Socket upstream;

	private final LatencyProxy proxy;

	private final Consumer<DelayedLink> onClose;

	private final AtomicInteger ended = new AtomicInteger();

	private final AtomicBoolean closed = new AtomicBoolean();

	private final List<Thread> threads = new CopyOnWriteArrayList<>();

	DelayedLink(String name, Socket client, Socket upstream, LatencyProxy proxy, Consumer<DelayedLink> onClose) {
		this.name = name;
		this.client = client;
		this.upstream = upstream;
		this.proxy = proxy;
		this.onClose = onClose;
	}

	void start(AtomicLong toTarget, AtomicLong fromTarget) {
		direction("up", this.client, this.upstream, toTarget);
		direction("down", this.upstream, this.client, fromTarget);
	}

	private void direction(String label, Socket from, Socket to, AtomicLong forwarded) {
		BlockingQueue<Piece> pieces = new ArrayBlockingQueue<>(PIECES_IN_FLIGHT);
		daemon(this.name + "-" + label + "-read", () -> read(from, pieces));
		daemon(this.name + "-" + label + "-write", () -> write(pieces, to, forwarded));
	}

	private void read(Socket from, BlockingQueue<Piece> pieces) {
		byte[] buffer = new byte[READ_BYTES];
		try {
			InputStream in = from.getInputStream();
			int read;
			while ((read = in.read(buffer)) >= 0) {
				if (read > 0) {
					pieces.put(new Piece(System.nanoTime() + this.proxy.delayNanos(), Arrays.copyOf(buffer, read)));
				}
			}
			pieces.put(END);
		}
		catch (IOException ex) {
			close();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			close();
		}
	}

	private void write(BlockingQueue<Piece> pieces, Socket to, AtomicLong forwarded) {
		try {
			OutputStream out = to.getOutputStream();
			while (true) {
				Piece piece = pieces.take();
				if (piece == END) {
					to.shutdownOutput();
					if (this.ended.incrementAndGet() == 2) {
						close();
					}
					return;
				}
				long wait;
				while ((wait = piece.dueNanos() - System.nanoTime()) > 0) {
					// the simulated distance itself
					LockSupport.parkNanos(wait);
				}
				out.write(piece.bytes());
				out.flush();
				forwarded.addAndGet(piece.bytes().length);
			}
		}
		catch (IOException ex) {
			close();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			close();
		}
	}

	/**
	 * Closes both sockets, which ends the readers, and interrupts the writers waiting for
	 * pieces that will not come.
	 */
	void close() {
		if (this.closed.compareAndSet(false, true)) {
			LatencyProxy.closeQuietly(this.client);
			LatencyProxy.closeQuietly(this.upstream);
			this.threads.stream().filter((thread) -> thread != Thread.currentThread()).forEach(Thread::interrupt);
			this.onClose.accept(this);
		}
	}

	private void daemon(String name, Runnable work) {
		Thread thread = new Thread(work, name);
		thread.setDaemon(true);
		this.threads.add(thread);
		thread.start();
	}

	/** Bytes read, and when they are to be forwarded ({@link System#nanoTime()}). */
	private record Piece(long dueNanos, byte[] bytes) {

	}

}
